/// A series to fit: values, its seasonal period, and known covariates over the history and the future.
public struct ForecastInput: Sendable, Equatable {
  /// Observations in time order; index 0 is the oldest.
  public var values: [Double]
  /// The seasonal period in steps (7 for daily data with a weekly cycle, 12 for monthly); 1 means none.
  public var seasonalPeriod: Int
  /// Known regressors (promotion flags, price...), if any. Their rows cover the history and,
  /// beyond `values.count`, the future steps a forecast may use.
  public var covariates: Covariates?

  /// Creates an input.
  public init(values: [Double], seasonalPeriod: Int = 1, covariates: Covariates? = nil) {
    precondition(seasonalPeriod >= 1, "seasonalPeriod must be >= 1, got \(seasonalPeriod)")
    self.values = values
    self.seasonalPeriod = seasonalPeriod
    self.covariates = covariates
  }
}

/// Named exogenous regressors, stored by column.
public struct Covariates: Sendable, Equatable {
  /// One name per column, e.g. `"promo"`.
  public var names: [String]
  /// `columns[j][t]`: the value of regressor `j` at step `t` (history first, then future steps).
  public var columns: [[Double]]

  /// Creates covariates; every column must have the same length.
  public init(names: [String], columns: [[Double]]) {
    precondition(names.count == columns.count, "covariates: \(names.count) names for \(columns.count) columns")
    if let first = columns.first {
      precondition(columns.allSatisfy { $0.count == first.count }, "covariate columns differ in length")
    }
    self.names = names
    self.columns = columns
  }

  /// The number of time steps covered.
  public var rowCount: Int { columns.first?.count ?? 0 }
}
