/// A model fitted to a cleaned history; its notes list the replaced indices.
public struct CleanedModel<Base: FittedForecast>: FittedForecast {
  /// The model fitted to the cleaned series.
  public let base: Base
  /// What cleaning found.
  public let report: AnomalyCleaner.Report

  /// The indices replaced before fitting.
  public var flaggedIndices: [Int] { report.flagged }
  /// The base model's fitted values.
  public var fittedValues: [Double] { base.fittedValues }
  /// A line naming the replaced indices (when any), then the base model's notes.
  public var notes: [String] {
    let line = report.flagged.isEmpty ? [] :
      ["anomaly cleaning: replaced \(report.flagged.count) value(s) at indices \(report.flagged) by the robust fit"]
    return line + base.notes
  }

  /// The base model's forecast.
  public func predict(horizon: Int, levels: [Double]) -> Forecast { base.predict(horizon: horizon, levels: levels) }
}
