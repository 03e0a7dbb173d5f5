import LinearAlgebra

/// Croston's method for intermittent demand, and its Syntetos–Boylan bias correction (SBA).
///
/// Demand sizes and inter-demand intervals are smoothed separately, only in periods with
/// demand; the forecast of demand per period is `z/p` (Croston) or `(1 − β/2) z/p` (SBA, which
/// removes Croston's positive bias). Constants not given are chosen in [0.01, 0.5] by minimising
/// the in-sample one-step MSE with `NelderMead`; by default sizes and intervals share one
/// constant (`beta` = `alpha`).
/// - SeeAlso: J. Croston (1972), Oper. Res. Q. 23(3), 289–303; A. Syntetos, J. Boylan (2005),
///   "The accuracy of intermittent demand estimates", IJF 21(2), 303–314.
public struct CrostonForecaster: Forecaster {
  /// Classical Croston or the SBA correction.
  public enum Variant: String, Sendable, Equatable {
    /// `z/p`.
    case classic
    /// `(1 − β/2) z/p`.
    case sba
  }

  /// The variant.
  public var variant: Variant
  /// Size smoothing constant, or nil to optimise.
  public var alpha: Double?
  /// Interval smoothing constant, or nil to use `alpha` (shared, optimised if `alpha` is nil too).
  public var beta: Double?

  /// Creates the forecaster.
  public init(variant: Variant = .classic, alpha: Double? = 0.1, beta: Double? = nil) {
    for v in [alpha, beta].compactMap({ $0 }) {
      precondition(v > 0 && v <= 1, "croston: smoothing constants must be in (0, 1], got \(v)")
    }
    self.variant = variant; self.alpha = alpha; self.beta = beta
  }

  /// `"croston"` or `"sba"`.
  public var name: String { variant == .classic ? "croston" : "sba" }
  /// Two periods.
  public var minimumHistory: Int { 2 }

  /// Fits the method.
  /// - Throws: `.historyTooShort`; `.invalidInput` for negative or non-finite demand.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> IntermittentDemandModel {
    let y = input.values
    try IntermittentCore.validate(name, y, minimum: minimumHistory)
    let sba = variant == .sba
    func run(_ a: Double, _ b: Double) -> (fitted: [Double], final: Double) {
      IntermittentCore.croston(y, alpha: a, beta: b, factor: sba ? 1 - b / 2 : 1)
    }
    var a = alpha ?? 0.1, b = beta ?? alpha ?? 0.1
    if alpha == nil || beta == nil {
      // Optimise the free constants (one shared constant when both are free).
      let shared = alpha == nil && beta == nil
      let objective: ([Double]) -> Double = { v in
        let aa = alpha ?? v[0]
        let bb = beta ?? (shared ? v[0] : aa)
        let m = IntermittentCore.mse(y, run(aa, bb).fitted)
        return m.isFinite ? m : .infinity
      }
      let r = NelderMead(functionTolerance: 1e-10, pointTolerance: 1e-6, maxEvaluations: 400)
        .minimize(objective, from: [0.1], bounds: Bounds(lower: [0.01], upper: [0.5]))
      if alpha == nil { a = r.x[0] }
      b = beta ?? (shared ? r.x[0] : a)
    }
    let result = run(a, b)
    let mse = IntermittentCore.mse(y, result.fitted)
    var notes: [String] = []
    if !y.contains(where: { $0 > 0 }) { notes.append("\(name): no demand in the history; forecasting 0") }
    return IntermittentDemandModel(method: name, alpha: a, beta: b, level: result.final,
                                   rmse: mse.isFinite ? mse.squareRoot() : 0, fittedValues: result.fitted, notes: notes)
  }
}
