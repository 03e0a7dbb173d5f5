import Testing
import _TestSupport
@testable import Forecasting
@testable import NeuralForecasting

/// Networks see standardised windows, so the series' unit must not matter: near 1e200 the
/// deviation used to overflow to infinity, near 1e-300 the floor of 1e-3 flattened every input.
@Test("LSTM forecasts scale with the series", arguments: [0x1p660, 0x1p-1000])
func lstmIsScaleEquivariant(c: Double) throws {
  let y: [Double] = (0..<80).map { (t: Int) -> Double in
    let weekday = Double(t % 7), trend = 0.1 * Double(t)
    return 20 + 5 * weekday + trend
  }
  let config = RecurrentForecasterConfiguration.small(window: 14, epochs: 3, hidden: 6)
  let reference = try LSTMForecaster(configuration: config).fit(ForecastInput(values: y)).predict(horizon: 7, levels: [0.8])
  let scaled = try LSTMForecaster(configuration: config).fit(ForecastInput(values: y.map { $0 * c }))
    .predict(horizon: 7, levels: [0.8])
  for h in 0..<7 {
    #expect(scaled.mean[h].isFinite && scaled.intervals[0].upper[h].isFinite)
    #expect(abs(scaled.mean[h] / c - reference.mean[h]) <= 1e-9 * abs(reference.mean[h]), "step \(h + 1)")
  }
}
