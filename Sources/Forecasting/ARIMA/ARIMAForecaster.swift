/// Seasonal ARIMA with fixed orders, fitted by exact maximum likelihood ("arima" in scenarios).
///
/// The series is differenced `d` times and seasonally `D` times; the differenced series is an
/// ARMA process (plus an optional mean, or a drift when `d + D = 1`, plus optional covariates:
/// regression with ARIMA errors). Starting values come from conditional sum of squares, then the
/// exact Gaussian likelihood (Kalman filter, stationary initial state) is maximised by BFGS.
/// The seasonal period is the input's `seasonalPeriod`; seasonal orders are ignored when it is 1.
///
/// - SeeAlso: R's `stats::arima` (method "CSS-ML"); G. Gardner, A. C. Harvey and
///   G. D. A. Phillips (1980), Appl. Stat. 29, 311–322.
public struct ARIMAForecaster: Forecaster {
  /// Non-seasonal orders.
  public var p: Int, d: Int, q: Int
  /// Seasonal orders (used when the input's seasonal period exceeds 1).
  public var seasonalP: Int, seasonalD: Int, seasonalQ: Int
  /// Adds a mean (`d + D = 0`) or a drift (`d + D = 1`); rejected when `d + D >= 2`.
  public var includeConstant: Bool
  /// Whether to compute standard errors (a numeric Hessian: a few dozen likelihood evaluations).
  public var computeStandardErrors: Bool

  /// Creates a forecaster with fixed orders.
  ///
  /// - Parameters:
  ///   - p: Non-seasonal AR order.
  ///   - d: Non-seasonal differences.
  ///   - q: Non-seasonal MA order.
  ///   - seasonalP: Seasonal AR order.
  ///   - seasonalD: Seasonal differences.
  ///   - seasonalQ: Seasonal MA order.
  ///   - includeConstant: Mean or drift term, as above.
  ///   - computeStandardErrors: Set false to skip the Hessian.
  public init(p: Int = 0, d: Int = 0, q: Int = 0, seasonalP: Int = 0, seasonalD: Int = 0, seasonalQ: Int = 0,
              includeConstant: Bool = false, computeStandardErrors: Bool = true) {
    self.p = p; self.d = d; self.q = q
    self.seasonalP = seasonalP; self.seasonalD = seasonalD; self.seasonalQ = seasonalQ
    self.includeConstant = includeConstant
    self.computeStandardErrors = computeStandardErrors
  }

  /// The parameter names the registry accepts.
  public static let parameterNames = ["p", "d", "q", "P", "D", "Q", "drift"]

  /// Creates a forecaster from registry parameters `p, d, q, P, D, Q` (non-negative integers)
  /// and `drift` (0 or 1, meaning "include a constant/drift"); missing ones default to 0.
  ///
  /// - Throws: `ForecastError.invalidInput` naming an unknown key (with the nearest valid one) or
  ///   an invalid value.
  public init(parameters: [String: Double]) throws(ForecastError) {
    var values: [String: Int] = [:]
    for key in parameters.keys.sorted() {
      guard Self.parameterNames.contains(key) else {
        let hint = Self.parameterNames.first { $0.lowercased() == key.lowercased() } ?? Self.parameterNames.joined(separator: ", ")
        throw .invalidInput("arima: parameters.\(key): unknown parameter; valid: \(hint)")
      }
      let v = parameters[key]!
      guard v >= 0, v == v.rounded(), v <= 100 else {
        throw .invalidInput("arima: parameters.\(key): must be a non-negative integer, got \(v)")
      }
      values[key] = Int(v)
    }
    if let drift = values["drift"], drift > 1 {
      throw .invalidInput("arima: parameters.drift: must be 0 or 1, got \(drift)")
    }
    self.init(p: values["p"] ?? 0, d: values["d"] ?? 0, q: values["q"] ?? 0,
              seasonalP: values["P"] ?? 0, seasonalD: values["D"] ?? 0, seasonalQ: values["Q"] ?? 0,
              includeConstant: values["drift"] == 1)
  }

  /// `"arima"`.
  public var name: String { "arima" }

  /// `d + p + q + 2` observations without a seasonal part; the fit checks the seasonal need.
  public var minimumHistory: Int { d + p + q + 2 }

  /// Fits the model.
  ///
  /// - Parameter input: Values (finite), seasonal period, optional covariates covering the history.
  /// - Returns: The fitted model.
  /// - Throws: `.historyTooShort` when fewer than `d + D·m + p + P·m + q + Q·m + 2` values remain
  ///   useful, `.invalidInput` for non-finite values or a constant with `d + D >= 2`,
  ///   `.fitFailed` when no finite likelihood is found.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> ARIMAModel {
    let order = ARIMAOrder(p: p, d: d, q: q, seasonalP: seasonalP, seasonalD: seasonalD, seasonalQ: seasonalQ,
                           period: input.seasonalPeriod)
    guard input.values.allSatisfy(\.isFinite) else {
      throw .invalidInput("arima: values: must be finite, got \(input.values.first { !$0.isFinite }!)")
    }
    if includeConstant && order.d + order.seasonalD >= 2 {
      throw .invalidInput("arima: drift: a constant with d + D = \(order.d + order.seasonalD) is not supported (needs d + D <= 1)")
    }
    let m = order.period
    let needed = order.differencingLoss + order.p + order.seasonalP * m + order.q + order.seasonalQ * m + 2
    guard input.values.count >= needed else {
      throw .historyTooShort(method: "arima \(order)", needed: needed, got: input.values.count)
    }
    if let c = input.covariates, c.rowCount < input.values.count {
      throw .invalidInput("arima: covariates: \(c.rowCount) rows, need at least the \(input.values.count) history rows")
    }
    let estimator = ARIMAEstimator(values: input.values, order: order, constant: includeConstant,
                                   covariates: input.covariates)
    if estimator.w.allSatisfy({ $0 == estimator.w[0] }) && estimator.xw.isEmpty || estimator.w.allSatisfy({ $0 == 0 }) {
      return ARIMAModel.degenerate(estimator: estimator, covariates: input.covariates,
                                   note: "arima: the differenced series is constant; innovation variance is 0")
    }
    guard let est = estimator.estimate(method: .cssML) else {
      throw .fitFailed("arima \(order): no finite likelihood found (check for a constant or too-short series)")
    }
    var notes: [String] = []
    if !est.converged { notes.append("arima \(order): optimiser stopped before converging") }
    return ARIMAModel(estimator: estimator, estimate: est, covariates: input.covariates,
                      standardErrors: computeStandardErrors, notes: notes)
  }
}
