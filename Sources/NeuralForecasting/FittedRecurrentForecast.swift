import Forecasting

/// A recurrent model fitted to one series: predicts past the end of that series.
///
/// Codable, so a fitted forecaster can be saved and loaded with its weights and history; the
/// loaded copy predicts bit-identically.
public struct FittedRecurrentForecast: FittedForecast, Codable, Equatable {
  /// The trained (possibly global) model.
  public var model: RecurrentGlobalModel
  /// The history predicted from.
  public var values: [Double]
  /// Its seasonal period.
  public var seasonalPeriod: Int
  /// Covariate names, matching `model.covariateNames`.
  public var covariateNames: [String]
  /// Covariate columns over history and future.
  public var covariateColumns: [[Double]]
  /// In-sample one-step-ahead predictions; NaN for the first `window` steps.
  public var fittedValues: [Double]

  init(model: RecurrentGlobalModel, input: ForecastInput, fittedValues: [Double]) {
    self.model = model
    values = input.values
    seasonalPeriod = input.seasonalPeriod
    covariateNames = input.covariates?.names ?? []
    covariateColumns = input.covariates?.columns ?? []
    self.fittedValues = fittedValues
  }

  /// The series as a `ForecastInput`.
  public var input: ForecastInput {
    ForecastInput(values: values, seasonalPeriod: seasonalPeriod,
                  covariates: covariateNames.isEmpty ? nil : Covariates(names: covariateNames, columns: covariateColumns))
  }

  /// Training notes (early stopping, where interval spreads came from).
  public var notes: [String] { model.notes }

  private enum CodingKeys: String, CodingKey {
    case model, values, seasonalPeriod, covariateNames, covariateColumns, fittedValues
  }

  /// Decodes a fitted forecast; `null` fitted values read as NaN.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    model = try c.decode(RecurrentGlobalModel.self, forKey: .model)
    values = try c.decode([Double].self, forKey: .values)
    seasonalPeriod = try c.decode(Int.self, forKey: .seasonalPeriod)
    covariateNames = try c.decode([String].self, forKey: .covariateNames)
    covariateColumns = try c.decode([[Double]].self, forKey: .covariateColumns)
    fittedValues = try c.decode([Double?].self, forKey: .fittedValues).map { $0 ?? .nan }
  }

  /// Encodes everything needed to predict again; NaN fitted values become `null` (JSON has no NaN).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(model, forKey: .model)
    try c.encode(values, forKey: .values)
    try c.encode(seasonalPeriod, forKey: .seasonalPeriod)
    try c.encode(covariateNames, forKey: .covariateNames)
    try c.encode(covariateColumns, forKey: .covariateColumns)
    try c.encode(fittedValues.map { $0.isNaN ? nil : $0 }, forKey: .fittedValues)
  }

  /// Equal when every stored field is equal, NaN fitted values matching NaN.
  public static func == (a: Self, b: Self) -> Bool {
    a.model == b.model && a.values == b.values && a.seasonalPeriod == b.seasonalPeriod
      && a.covariateNames == b.covariateNames && a.covariateColumns == b.covariateColumns
      && a.fittedValues.count == b.fittedValues.count
      && zip(a.fittedValues, b.fittedValues).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
  }

  /// Predicts `horizon` steps; see `RecurrentGlobalModel.forecast(_:horizon:levels:)`.
  public func predict(horizon: Int, levels: [Double]) -> Forecast {
    model.forecast(input, horizon: horizon, levels: levels)
  }
}
