/// Cleans anomalies from the history, then fits a base forecaster to the cleaned series.
public struct AnomalyCleaningForecaster<Base: Forecaster>: Forecaster {
  /// The forecaster fitted after cleaning.
  public var base: Base
  /// The cleaning rule.
  public var cleaner: AnomalyCleaner

  /// Creates the wrapper.
  public init(base: Base, cleaner: AnomalyCleaner = AnomalyCleaner()) {
    self.base = base; self.cleaner = cleaner
  }

  /// The base forecaster's name: cleaning is a pre-step, not a different method.
  public var name: String { base.name }
  /// The base forecaster's minimum.
  public var minimumHistory: Int { base.minimumHistory }

  /// Cleans, then fits the base.
  /// - Throws: Whatever the base's `fit` throws.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> CleanedModel<Base.Model> {
    let report = cleaner.clean(input.values, seasonalPeriod: input.seasonalPeriod)
    var cleanedInput = input
    cleanedInput.values = report.cleaned
    let model = try base.fit(cleanedInput)
    return CleanedModel(base: model, report: report)
  }
}
