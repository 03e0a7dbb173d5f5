import Foundation
import Testing
@testable import Forecasting

/// Hold-out accuracy on real monthly series against statsforecast 2.1.1's AutoARIMA
/// (Fixtures/arima/statsforecast_autoarima_reference.json, made by
/// Fixtures/arima/scripts/make_monthly.py: last 12 points held out, MASE scaled by the in-sample
/// seasonal-naive MAE). Series come from pmdarima 2.1.1 and statsmodels 0.15.0 data sets (see
/// each CSV's header).
@Suite struct ARIMAAccuracyTests {
  @Test func meanMASEWithinFivePercentOfStatsforecast() throws {
    let ref = ARIMAFixtures.json("statsforecast_autoarima_reference.json")
    let rows = ref["series"] as! [[String: Any]]
    let horizon = ref["horizon"] as! Int
    #expect(rows.count >= 8)
    var ours: [Double] = [], theirs: [Double] = []
    for row in rows {
      let name = row["series"] as! String
      let all = ARIMAFixtures.series("monthly/\(name).csv")
      let history = Array(all.dropLast(horizon)), actual = Array(all.suffix(horizon))
      #expect(history.count == row["n_fit"] as! Int)
      let model = try AutoARIMA().fit(ForecastInput(values: history, seasonalPeriod: 12))
      let fc = model.predict(horizon: horizon, levels: [0.95])
      let scale = (12..<history.count).map { abs(history[$0] - history[$0 - 12]) }.reduce(0, +)
        / Double(history.count - 12)
      let mae = zip(fc.mean, actual).map { abs($0 - $1) }.reduce(0, +) / Double(horizon)
      ours.append(mae / scale)
      theirs.append(row["mase"] as! Double)
    }
    let meanOurs = ours.reduce(0, +) / Double(ours.count)
    let meanTheirs = theirs.reduce(0, +) / Double(theirs.count)
    #expect(abs(meanTheirs - (ref["mean_mase"] as! Double)) < 1e-12)
    #expect(meanOurs <= 1.05 * meanTheirs, "mean MASE \(meanOurs) vs statsforecast \(meanTheirs)")
  }
}
