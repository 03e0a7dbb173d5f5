import Forecasting
import Replenishment
import SupplyModel

/// Forecast-versus-actual series for the reports, computed when an experiment that keeps a daily
/// trace finishes (`ExperimentResult.forecastShowcase`), so that writing a report fits nothing:
/// for each forecast-driven policy, its forecaster is fitted to the featured SKUs' simulated demand (replication 0) up to `holdout`
/// days before the end of the run and forecasts those days with an 80% interval, which the chart
/// sets against the demand that actually came.
///
/// In a multi-echelon network the showcase reads the featured SKUs at the first customer-facing
/// node only (`StockingPoints.featuredNode`), where the trace's demand is customer demand; at
/// internal nodes it is downstream orders, which no forecaster in the scenario was set to
/// predict. The series are labelled "SKU-001 at store-1" and use that node's forecaster.
public enum ForecastShowcase {
  /// The series to chart; empty when no policy forecasts or no daily trace was kept.
  ///
  /// - Parameters:
  ///   - result: The experiment.
  ///   - holdout: Days forecast at the end of the run.
  ///   - shownHistory: Days of history drawn before the forecast starts.
  public static func series(for result: ExperimentResult, holdout: Int = 28, shownHistory: Int = 56) -> [SeriesForecast] {
    let network = result.scenario.network
    guard let trace = result.outcomes.first(where: { $0.trace != nil })?.trace, trace.dayCount > holdout + 30 else { return [] }
    let featured = FeaturedSKU.select(from: result)
    let points = StockingPoints(network: network)
    var out: [SeriesForecast] = []
    var seen: Set<String> = []
    for outcome in result.outcomes {
      let model = points.featuredNode.map { outcome.definition.model(forNode: $0) } ?? outcome.definition.model
      guard let settings = model.forecast, seen.insert(settings.label).inserted else { continue }
      for f in featured {
        let k = f.index, slot = points.featuredSlot(sku: k)
        let demand = (0..<trace.dayCount).map { Double(trace.demand[trace.index(day: $0, sku: slot)]) }
        let start = trace.dayCount - holdout
        let history = Array(demand[max(0, start - settings.historyDays)..<start])
        let input = ForecastInput(values: history, seasonalPeriod: settings.seasonalPeriod)
        guard history.count >= settings.forecaster.minimumHistory, let model = try? settings.forecaster.fit(input) else { continue }
        let forecast = model.predict(horizon: holdout, levels: [0.8])
        guard let band = forecast.intervals.first, forecast.mean.allSatisfy(\.isFinite) else { continue }
        let first = max(0, start - shownHistory)
        out.append(SeriesForecast(sku: points.featuredLabel(sku: network.skus[k].id), method: settings.label, firstDay: first, actual: Array(demand[first...]),
                                  forecastStart: start, mean: forecast.mean, lower: band.lower.map { max(0, $0) },
                                  upper: band.upper, level: 0.8))
      }
    }
    return out
  }
}
