/// The Croston/SBA/TSB recursions, shared by fitting and the optimiser's objective.
enum IntermittentCore {
  /// Runs Croston's recursions; returns the forecast after every step (NaN before the first
  /// demand has been seen) and the final forecast.
  ///
  /// Initialisation: the first demand `y_{t₁}` sets the size `z = y_{t₁}` and the interval
  /// `p = t₁ + 1` (periods up to and including it). At each later demand, with `q` periods
  /// since the previous one: `z ← z + α(y − z)`, `p ← p + β(q − p)`. Forecast `factor · z/p`.
  static func croston(_ y: [Double], alpha: Double, beta: Double, factor: Double) -> (fitted: [Double], final: Double) {
    var fitted = Array(repeating: Double.nan, count: y.count)
    guard let first = y.firstIndex(where: { $0 > 0 }) else { return (fitted, 0) }
    var z = y[first], p = Double(first + 1)
    var last = first
    for t in (first + 1)..<max(first + 1, y.count) {
      fitted[t] = factor * z / p
      if y[t] > 0 {
        z += alpha * (y[t] - z)
        p += beta * (Double(t - last) - p)
        last = t
      }
    }
    return (fitted, factor * z / p)
  }

  /// Runs the TSB recursions: every period `d ← d + β(𝟙[y > 0] − d)`; at demands
  /// `z ← z + α(y − z)`; forecast `d · z`. Initialised at the first demand `t₁` with
  /// `z = y_{t₁}`, `d = 1/(t₁ + 1)`.
  static func tsb(_ y: [Double], alpha: Double, beta: Double) -> (fitted: [Double], final: Double) {
    var fitted = Array(repeating: Double.nan, count: y.count)
    guard let first = y.firstIndex(where: { $0 > 0 }) else { return (fitted, 0) }
    var z = y[first], d = 1 / Double(first + 1)
    for t in (first + 1)..<max(first + 1, y.count) {
      fitted[t] = d * z
      if y[t] > 0 {
        d += beta * (1 - d)
        z += alpha * (y[t] - z)
      } else {
        d -= beta * d
      }
    }
    return (fitted, d * z)
  }

  static func mse(_ y: [Double], _ fitted: [Double]) -> Double {
    var s = 0.0, k = 0
    for t in 0..<y.count where fitted[t].isFinite { let e = y[t] - fitted[t]; s += e * e; k += 1 }
    return k > 0 ? s / Double(k) : .nan
  }

  static func validate(_ name: String, _ y: [Double], minimum: Int) throws(ForecastError) {
    guard y.count >= minimum else { throw .historyTooShort(method: name, needed: minimum, got: y.count) }
    if let bad = y.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
      throw .invalidInput("\(name): demand must be finite and >= 0, got values[\(bad)] = \(y[bad])")
    }
  }
}
