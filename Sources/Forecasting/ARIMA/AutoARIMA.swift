#if canImport(Glibc)
import Glibc
#endif

/// Automatic seasonal ARIMA ("auto_arima" in scenarios): Hyndman and Khandakar's stepwise search.
///
/// D (0 or 1) comes from the STL seasonal strength (`F_s > 0.64`), then d (≤ 2) from repeated
/// KPSS tests on the seasonally differenced series. Starting from (2,d,2)(1,D,1), (0,d,0)(0,D,0),
/// (1,d,0)(1,D,0) and (0,d,1)(0,D,1), each with a constant when `d + D ≤ 1` (and the null model
/// without), the search moves p, q, P, Q by ±1 (singly and in pairs) and toggles the constant,
/// restarting from every improvement in AICc, until no neighbour improves or `maxModels` fits
/// were made. Models whose AR or MA roots lie within 1.01 of the unit circle are rejected. With
/// `approximation`, candidates are ranked by CSS and only the best is refitted by exact ML.
///
/// Series it cannot model do not throw: a constant series gets a zero-variance mean model, a series
/// differencing makes constant gets the matching exact model, and a series on which no candidate
/// fits (e.g. 2–3 values) falls back to the mean (d = 0) or the naive (d ≥ 1) model; `notes` says so.
/// - SeeAlso: R. J. Hyndman and Y. Khandakar (2008), "Automatic time series forecasting: the
///   forecast package for R", J. Stat. Softw. 27(3); R's `forecast::auto.arima` defaults.
public struct AutoARIMA: Forecaster {
  /// Largest non-seasonal AR and MA orders.
  public var maxP: Int, maxQ: Int
  /// Largest seasonal AR and MA orders.
  public var maxSeasonalP: Int, maxSeasonalQ: Int
  /// Largest numbers of differences.
  public var maxD: Int, maxSeasonalD: Int
  /// The most models the stepwise search fits.
  public var maxModels: Int
  /// An optional cap on `p + q + P + Q` for every candidate; nil (the default) applies none, as the
  /// stepwise searches of `forecast::auto.arima` and statsforecast do.
  public var maxOrder: Int?
  /// Rank candidates by CSS and refit only the winner by ML; nil means "when n > 150 or m > 12"
  /// (the forecast package's rule).
  public var approximation: Bool?
  /// Allow a drift (`d + D = 1`) or a mean (`d + D = 0`).
  public var allowConstant: Bool
  /// The KPSS significance level for choosing d.
  public var alpha: Double

  /// Creates an automatic ARIMA forecaster with the forecast package's defaults.
  ///
  /// - Parameters:
  ///   - maxP: Largest p (default 5). - maxQ: Largest q (5).
  ///   - maxSeasonalP: Largest P (2). - maxSeasonalQ: Largest Q (2).
  ///   - maxD: Largest d (2). - maxSeasonalD: Largest D (1).
  ///   - maxModels: Cap on models fitted by the search (94).
  ///   - maxOrder: Cap on `p + q + P + Q` (none by default).
  ///   - approximation: CSS ranking with a final ML refit; nil for the automatic rule.
  ///   - allowConstant: Consider a mean or drift term.
  ///   - alpha: KPSS level for d (0.05).
  public init(maxP: Int = 5, maxQ: Int = 5, maxSeasonalP: Int = 2, maxSeasonalQ: Int = 2, maxD: Int = 2,
              maxSeasonalD: Int = 1, maxModels: Int = 94, maxOrder: Int? = nil, approximation: Bool? = nil,
              allowConstant: Bool = true, alpha: Double = 0.05) {
    self.maxP = maxP; self.maxQ = maxQ; self.maxSeasonalP = maxSeasonalP; self.maxSeasonalQ = maxSeasonalQ
    self.maxD = maxD; self.maxSeasonalD = maxSeasonalD; self.maxModels = maxModels
    self.maxOrder = maxOrder
    self.approximation = approximation; self.allowConstant = allowConstant; self.alpha = alpha
  }

  /// The parameter names the registry accepts.
  public static let parameterNames = ["max_p", "max_q", "max_P", "max_Q", "max_d", "max_D", "approximation", "drift"]

  /// Creates a forecaster from registry parameters: `max_p`, `max_q`, `max_P`, `max_Q`, `max_d`,
  /// `max_D` (non-negative integers), `approximation` (0 or 1; absent means the automatic rule) and
  /// `drift` (0 or 1: allow a mean or drift term; default 1).
  ///
  /// - Throws: `ForecastError.invalidInput` naming an unknown key (with the nearest valid one) or
  ///   an invalid value.
  public init(parameters: [String: Double]) throws(ForecastError) {
    var values: [String: Int] = [:]
    for key in parameters.keys.sorted() {
      guard Self.parameterNames.contains(key) else {
        let hint = Self.parameterNames.first { $0.lowercased() == key.lowercased() }
          ?? Self.parameterNames.joined(separator: ", ")
        throw .invalidInput("auto_arima: parameters.\(key): unknown parameter; valid: \(hint)")
      }
      let v = parameters[key]!
      let limit = key == "approximation" || key == "drift" ? 1.0 : 100.0
      guard v >= 0, v == v.rounded(), v <= limit else {
        throw .invalidInput("auto_arima: parameters.\(key): must be an integer in 0...\(Int(limit)), got \(v)")
      }
      values[key] = Int(v)
    }
    self.init(maxP: values["max_p"] ?? 5, maxQ: values["max_q"] ?? 5, maxSeasonalP: values["max_P"] ?? 2,
              maxSeasonalQ: values["max_Q"] ?? 2, maxD: values["max_d"] ?? 2, maxSeasonalD: values["max_D"] ?? 1,
              approximation: values["approximation"].map { $0 == 1 }, allowConstant: (values["drift"] ?? 1) == 1)
  }

  /// `"auto_arima"`.
  public var name: String { "auto_arima" }
  /// One observation: shorter series than a model needs fall back to simpler ones.
  public var minimumHistory: Int { 1 }

  /// One candidate in the search.
  struct Candidate: Hashable {
    var p: Int, q: Int, sp: Int, sq: Int, constant: Bool
  }

  /// A fitted candidate.
  struct Fitted {
    var candidate: Candidate
    var ic: Double
    var estimator: ARIMAEstimator
    var estimate: ARIMAEstimator.Estimate?
  }

  /// Selects and fits a model.
  ///
  /// - Parameter input: Finite values, the seasonal period, optional covariates (used as regressors
  ///   in every candidate).
  /// - Returns: The selected model; its `notes` record the choice and any fallback.
  /// - Throws: `.historyTooShort` for an empty series, `.invalidInput` for non-finite values.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> ARIMAModel {
    let x = input.values
    let n = x.count
    guard n >= 1 else { throw .historyTooShort(method: "auto_arima", needed: 1, got: 0) }
    guard x.allSatisfy(\.isFinite) else {
      throw .invalidInput("auto_arima: values: must be finite, got \(x.first { !$0.isFinite }!)")
    }
    if let c = input.covariates, c.rowCount < n {
      throw .invalidInput("auto_arima: covariates: \(c.rowCount) rows, need at least the \(n) history rows")
    }
    var m = input.seasonalPeriod
    var notes: [String] = []
    if ARIMAData.isConstant(x) && input.covariates == nil {
      let e = ARIMAEstimator(values: x, order: ARIMAOrder(), constant: true, covariates: nil)
      return ARIMAModel.degenerate(estimator: e, covariates: nil,
                                   note: "auto_arima: constant series; fell back to a mean model with zero variance")
    }
    if m > 1 && n <= 2 * m + 1 {
      notes.append("auto_arima: \(n) values are too few for seasonal period \(m); fitted a non-seasonal model")
      m = 1
    }
    var maxP = min(self.maxP, n / 3), maxQ = min(self.maxQ, n / 3)
    var maxSP = m > 1 ? min(maxSeasonalP, n / 3 / m) : 0
    var maxSQ = m > 1 ? min(maxSeasonalQ, n / 3 / m) : 0
    let D = m > 1 && maxSeasonalD > 0 ? SeasonalityStrength.seasonalDifferencesNeeded(x, period: m) : 0
    let dx0 = D > 0 ? ARIMAPolynomial.difference(x, d: 0, seasonalD: D, period: m) : x
    let d = min(KPSSTest.differencesNeeded(dx0, alpha: alpha, maxD: maxD), max(0, dx0.count - 2))
    let dx = ARIMAPolynomial.difference(dx0, d: d, seasonalD: 0, period: 1)
    if m > 1 {
      if maxSP > 0 { maxP = min(maxP, m - 1) }
      if maxSQ > 0 { maxQ = min(maxQ, m - 1) }
    }
    if maxSP == 0 && maxSQ == 0 && D == 0 { maxSP = 0; maxSQ = 0 }
    let useAIC = n <= 3
    let approximate = approximation ?? (n > 150 || m > 12)
    let allowDrift = allowConstant && d + D == 1
    let allowMean = allowConstant && d + D == 0
    var constant = allowDrift || allowMean

    func order(_ c: Candidate) -> ARIMAOrder {
      ARIMAOrder(p: c.p, d: d, q: c.q, seasonalP: c.sp, seasonalD: D, seasonalQ: c.sq, period: m)
    }
    if dx.count < 2 || ARIMAData.isConstant(dx) && input.covariates == nil {
      if dx.count >= 1 {
        let withConstant = (D > 0 && d == 0) || (D == 0 && d < 2)
        let o = ARIMAOrder(p: 0, d: d, q: 0, seasonalP: 0, seasonalD: D, seasonalQ: 0, period: m)
        let e = ARIMAEstimator(values: x, order: o, constant: withConstant, covariates: nil)
        return ARIMAModel.degenerate(estimator: e, covariates: nil,
                                     note: "auto_arima: the differenced series is constant; \(o) fits exactly (zero variance)")
      }
    }

    var fits: [Candidate: Fitted] = [:]
    var order_: [Candidate] = []
    func fitCandidate(_ c: Candidate, approximate: Bool, polish: Bool = false, from previous: Fitted? = nil) -> Fitted {
      let o = order(c)
      let e = ARIMAEstimator(values: x, order: o, constant: c.constant, covariates: input.covariates)
      let nstar = Double(e.w.count)
      let npar = Double(o.armaParameterCount + e.regressors.count + 1)
      guard e.w.count > Int(npar) + 1, let est = e.estimate(method: approximate ? .css : .cssML, fast: !polish,
                                        start: previous?.estimate?.unconstrained,
                                        startInverseHessian: previous?.estimate?.inverseHessian,
                                        rejectNearUnitRoots: true) else {
        return Fitted(candidate: c, ic: .infinity, estimator: e, estimate: nil)
      }
      var ic: Double
      if approximate {
        ic = nstar * log(est.sigma2) + 2 * npar
      } else {
        ic = -2 * est.logLikelihood + 2 * npar
      }
      if !useAIC { ic += nstar - npar - 1 > 0 ? 2 * npar * (npar + 1) / (nstar - npar - 1) : .infinity }
      if !ic.isFinite || ARIMAEstimator.minimumRootModulus(order: o, raw: est.rawCoefficients) < 1.01 {
        ic = .infinity
      }
      return Fitted(candidate: c, ic: ic, estimator: e, estimate: est)
    }
    var best: Fitted? = nil
    @discardableResult
    func consider(_ c: Candidate) -> Bool {
      if fits[c] != nil || fits.count >= maxModels { return false }
      if let maxOrder, c.p + c.q + c.sp + c.sq > maxOrder { return false }
      let f = fitCandidate(c, approximate: approximate)
      fits[c] = f
      order_.append(c)
      if f.ic < (best?.ic ?? .infinity) { best = f; return true }
      return false
    }
    var p = min(n < 10 ? 1 : 2, maxP), q = min(n < 10 ? 1 : 2, maxQ)
    var sp = min(n < 10 ? 0 : 1, maxSP), sq = min(n < 10 ? 0 : 1, maxSQ)
    consider(Candidate(p: p, q: q, sp: sp, sq: sq, constant: constant))
    if consider(Candidate(p: 0, q: 0, sp: 0, sq: 0, constant: constant)) { p = 0; q = 0; sp = 0; sq = 0 }
    if maxP > 0 || maxSP > 0 {
      let c = Candidate(p: maxP > 0 ? 1 : 0, q: 0, sp: m > 1 && maxSP > 0 ? 1 : 0, sq: 0, constant: constant)
      if consider(c) { p = c.p; sp = c.sp; q = 0; sq = 0 }
    }
    if maxQ > 0 || maxSQ > 0 {
      let c = Candidate(p: 0, q: maxQ > 0 ? 1 : 0, sp: 0, sq: m > 1 && maxSQ > 0 ? 1 : 0, constant: constant)
      if consider(c) { p = 0; sp = 0; q = c.q; sq = c.sq }
    }
    if constant {
      if consider(Candidate(p: 0, q: 0, sp: 0, sq: 0, constant: false)) { p = 0; q = 0; sp = 0; sq = 0; constant = false }
    }
    var improved = true
    while improved && fits.count < maxModels {
      improved = false
      let moves: [(Int, Int, Int, Int)] = [
        (0, 0, -1, 0), (0, 0, 0, -1), (0, 0, 1, 0), (0, 0, 0, 1),
        (0, 0, -1, -1), (0, 0, -1, 1), (0, 0, 1, -1), (0, 0, 1, 1),
        (-1, 0, 0, 0), (0, -1, 0, 0), (1, 0, 0, 0), (0, 1, 0, 0),
        (-1, -1, 0, 0), (-1, 1, 0, 0), (1, -1, 0, 0), (1, 1, 0, 0),
      ]
      for (dp, dq, dsp, dsq) in moves {
        let c = Candidate(p: p + dp, q: q + dq, sp: sp + dsp, sq: sq + dsq, constant: constant)
        guard c.p >= 0, c.q >= 0, c.sp >= 0, c.sq >= 0, c.p <= maxP, c.q <= maxQ,
              c.sp <= maxSP, c.sq <= maxSQ else { continue }
        if consider(c) { p = c.p; q = c.q; sp = c.sp; sq = c.sq; improved = true; break }
      }
      if !improved && (allowDrift || allowMean) {
        let c = Candidate(p: p, q: q, sp: sp, sq: sq, constant: !constant)
        if consider(c) { constant = !constant; improved = true }
      }
    }
    // Final exact fit: refit candidates in IC order until one is acceptable.
    let ranked = order_.compactMap { fits[$0] }.filter { $0.ic.isFinite }.sorted { $0.ic < $1.ic }
    var chosen: Fitted? = nil
    for f in ranked {
      let refit = fitCandidate(f.candidate, approximate: false, polish: true, from: f)
      if refit.ic.isFinite { chosen = refit; break }
    }
    if let chosen, let est = chosen.estimate {
      notes.append("auto_arima: selected \(chosen.estimator.order)\(chosen.candidate.constant ? (d + D == 0 ? " with mean" : " with drift") : "") by \(useAIC ? "AIC" : "AICc") among \(fits.count) models\(approximate ? " (CSS ranking, exact refit)" : "")")
      return ARIMAModel(estimator: chosen.estimator, estimate: est, covariates: input.covariates,
                        standardErrors: true, notes: notes)
    }
    // Fallback: mean (d = 0) or naive (d >= 1) model.
    let fallbackOrder = d + D == 0 ? ARIMAOrder() : ARIMAOrder(d: 1)
    let e = ARIMAEstimator(values: x, order: fallbackOrder, constant: d + D == 0, covariates: nil)
    let label = d + D == 0 ? "mean" : "naive"
    notes.append("auto_arima: no ARIMA candidate could be fitted to \(n) values; fell back to the \(label) model \(fallbackOrder)")
    if e.w.count >= 1, !ARIMAData.isConstant(e.w) || d + D == 0, let est = e.estimate(method: .ml), est.sigma2 > 0 {
      return ARIMAModel(estimator: e, estimate: est, covariates: nil, standardErrors: false, notes: notes)
    }
    return ARIMAModel.degenerate(estimator: e, covariates: nil, note: notes.joined(separator: "; "))
  }
}
