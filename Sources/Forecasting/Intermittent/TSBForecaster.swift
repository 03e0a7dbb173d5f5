import LinearAlgebra

/// The Teunter–Syntetos–Babai method: smooths the demand probability every period (so the
/// forecast decays during long runs of zeros, unlike Croston's) and the size at demands.
///
/// Forecast `d · z`. Constants not given are chosen in [0.01, 0.5] by minimising the in-sample
/// one-step MSE with `NelderMead`.
/// - SeeAlso: R. Teunter, A. Syntetos, M. Babai (2011), "Intermittent demand: linking forecasting
///   to inventory obsolescence", EJOR 214(3), 606–615.
public struct TSBForecaster: Forecaster {
  /// Size smoothing constant, or nil to optimise.
  public var alpha: Double?
  /// Probability smoothing constant, or nil to optimise.
  public var beta: Double?

  /// Creates the forecaster.
  public init(alpha: Double? = 0.1, beta: Double? = 0.1) {
    for v in [alpha, beta].compactMap({ $0 }) {
      precondition(v > 0 && v <= 1, "tsb: smoothing constants must be in (0, 1], got \(v)")
    }
    self.alpha = alpha; self.beta = beta
  }

  /// `"tsb"`.
  public var name: String { "tsb" }
  /// Two periods.
  public var minimumHistory: Int { 2 }

  /// Fits the method.
  /// - Throws: `.historyTooShort`; `.invalidInput` for negative or non-finite demand.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> IntermittentDemandModel {
    let y = input.values
    try IntermittentCore.validate(name, y, minimum: minimumHistory)
    var a = alpha ?? 0.1, b = beta ?? 0.1
    if alpha == nil || beta == nil {
      var start: [Double] = [], lo: [Double] = [], hi: [Double] = []
      if alpha == nil { start.append(0.1); lo.append(0.01); hi.append(0.5) }
      if beta == nil { start.append(0.1); lo.append(0.01); hi.append(0.5) }
      let objective: ([Double]) -> Double = { v in
        let aa = alpha ?? v[0]
        let bb = beta ?? v[alpha == nil ? 1 : 0]
        let m = IntermittentCore.mse(y, IntermittentCore.tsb(y, alpha: aa, beta: bb).fitted)
        return m.isFinite ? m : .infinity
      }
      let r = NelderMead(functionTolerance: 1e-10, pointTolerance: 1e-6, maxEvaluations: 800)
        .minimize(objective, from: start, bounds: Bounds(lower: lo, upper: hi))
      if alpha == nil { a = r.x[0] }
      if beta == nil { b = r.x[alpha == nil ? 1 : 0] }
    }
    let result = IntermittentCore.tsb(y, alpha: a, beta: b)
    let mse = IntermittentCore.mse(y, result.fitted)
    var notes: [String] = []
    if !y.contains(where: { $0 > 0 }) { notes.append("tsb: no demand in the history; forecasting 0") }
    return IntermittentDemandModel(method: name, alpha: a, beta: b, level: result.final,
                                   rmse: mse.isFinite ? mse.squareRoot() : 0, fittedValues: result.fitted, notes: notes)
  }
}
