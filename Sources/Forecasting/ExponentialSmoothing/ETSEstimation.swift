import LinearAlgebra

/// Parameter estimation for `ExponentialSmoothingForecaster`.
struct ETSEstimation {
  let core: ETSCore
  let forecaster: ExponentialSmoothingForecaster

  // Free smoothing parameters, in the order α, β*, g (γ = g(1 − α)), φ.
  private var freeAlpha: Bool { forecaster.alpha == nil }
  private var freeBeta: Bool { core.trend != .none && forecaster.beta == nil }
  private var freeGamma: Bool { core.seasonality != .none && forecaster.gamma == nil }
  private var freePhi: Bool { core.trend == .damped && forecaster.phi == nil }

  static let lo = 1e-4, hi = 0.9999

  /// Maps the optimiser's vector to parameters.
  func parameters(_ v: [Double]) -> ETSParameters {
    var i = 0
    func next() -> Double { defer { i += 1 }; return v[i] }
    let a = freeAlpha ? next() : forecaster.alpha!
    let b = core.trend == .none ? 0 : (freeBeta ? next() : forecaster.beta!)
    let g: Double
    if core.seasonality == .none { g = 0 } else if freeGamma { g = next() * (1 - a) } else { g = forecaster.gamma! }
    let p: Double
    switch core.trend {
    case .damped: p = freePhi ? next() : forecaster.phi!
    default: p = 1
    }
    return ETSParameters(alpha: a, beta: b, gamma: g, phi: p)
  }

  var smoothingBounds: (lower: [Double], upper: [Double]) {
    var lower: [Double] = [], upper: [Double] = []
    if freeAlpha { lower.append(Self.lo); upper.append(Self.hi) }
    if freeBeta { lower.append(Self.lo); upper.append(Self.hi) }
    if freeGamma { lower.append(Self.lo); upper.append(Self.hi) }
    if freePhi { lower.append(0.8); upper.append(0.98) }
    return (lower, upper)
  }

  /// Initial states ↔ vector: level, trend (if any), the first m − 1 seasonal terms (the last
  /// one restores the sum to 0, or the mean to 1).
  func stateVector(_ s: ETSState) -> [Double] {
    var v = [s.level]
    if core.trend != .none { v.append(s.trend) }
    if core.seasonality != .none { v += s.seasonal.dropLast() }
    return v
  }

  func state(_ v: ArraySlice<Double>) -> ETSState {
    var i = v.startIndex
    let level = v[i]; i += 1
    var trend = 0.0
    if core.trend != .none { trend = v[i]; i += 1 }
    var seasonal: [Double] = []
    if core.seasonality != .none {
      seasonal = Array(v[i..<(i + core.period - 1)])
      let sum = seasonal.reduce(0, +)
      seasonal.append(core.seasonality == .additive ? -sum : Double(core.period) - sum)
    }
    return ETSState(level: level, trend: trend, seasonal: seasonal)
  }

  func estimate(_ y: [Double]) throws(ForecastError) -> ExponentialSmoothingModel {
    var initial = core.heuristicInitialState(y)
    let (lower, upper) = smoothingBounds
    var params: ETSParameters
    var notes: [String] = []
    if lower.isEmpty {
      params = parameters([])
    } else {
      let box = Bounds(lower: lower, upper: upper)
      let objective: ([Double]) -> Double = { v in core.run(y, p: parameters(v), initial: initial).sse }
      // A few starts on α (the parameter with the most local structure), then Nelder–Mead.
      var best: [Double] = []
      var bestValue = Double.infinity
      for a0 in [0.1, 0.3, 0.6] {
        var start: [Double] = []
        if freeAlpha { start.append(a0) }
        if freeBeta { start.append(0.1) }
        if freeGamma { start.append(0.1) }
        if freePhi { start.append(0.95) }
        let v = objective(start)
        // The first start is kept even when no start has a finite SSE: the search may still find one.
        if best.isEmpty || v < bestValue { bestValue = v; best = start }
      }
      let result = NelderMead(functionTolerance: 1e-12, pointTolerance: 1e-7, maxEvaluations: 4000)
        .minimize(objective, from: best, bounds: box)
      guard result.value.isFinite else {
        throw .fitFailed("\(forecaster.name) \(label): no smoothing parameters give a finite sum of squared errors"
                         + (core.seasonality == .multiplicative ? " (multiplicative seasonality divides by the level and the seasonal factors, which come near 0 here)" : ""))
      }
      var x = result.x
      if forecaster.initialization == .optimized {
        let sv = stateVector(initial)
        let k = x.count
        var lo = lower, up = upper
        for _ in sv { lo.append(-.infinity); up.append(.infinity) }
        let joint: ([Double]) -> Double = { w in
          core.run(y, p: parameters(Array(w[0..<k])), initial: state(w[k...])).sse
        }
        let refined = ProjectedLBFGS(gradientTolerance: 1e-10, functionTolerance: 1e-15, maxIterations: 500)
          .minimize(joint, from: x + sv, bounds: Bounds(lower: lo, upper: up))
        if refined.value.isFinite && refined.value <= result.value {
          x = Array(refined.x[0..<k])
          initial = state(refined.x[k...])
        }
      }
      params = parameters(x)
      for (i, label) in boundLabels.enumerated() where abs(x[i] - lower[i]) < 1e-6 || abs(x[i] - upper[i]) < 1e-6 {
        notes.append("ets: \(label) = \(x[i]) is at its bound [\(lower[i]), \(upper[i])]")
      }
    }
    let run = core.run(y, p: params, initial: initial, collect: true)
    guard run.sse.isFinite else {
      throw .fitFailed("\(forecaster.name) \(label): the sum of squared errors is not finite at the chosen parameters")
    }
    let smoothingCount = lower.count
    let stateCount = 1 + (core.trend != .none ? 1 : 0) + (core.seasonality != .none ? core.period - 1 : 0)
    let k = smoothingCount + stateCount
    let n = Double(y.count)
    let dof = max(y.count - k, 1)
    let sigma2 = run.sse / Double(dof)
    // Gaussian log-likelihood at the MLE of σ², and AICc with k + 1 parameters (σ² counted).
    let logLik = -0.5 * n * (logValue(2 * Double.pi * run.sse / n) + 1)
    let kk = Double(k + 1)
    let aic = -2 * logLik + 2 * kk
    let aicc = n - kk - 1 > 0 ? aic + 2 * kk * (kk + 1) / (n - kk - 1) : .infinity
    return ExponentialSmoothingModel(
      trend: core.trend, seasonality: core.seasonality, period: core.period, parameters: params,
      initialState: initial, finalState: run.final, sse: run.sse, sigma: sigma2.squareRoot(),
      logLikelihood: logLik, aicc: aicc, parameterCount: k, fittedValues: run.fitted, notes: notes)
  }

  /// `ETS(A,N,N)`-style label of the model being fitted.
  private var label: String {
    let t = switch core.trend { case .none: "N"; case .additive: "A"; case .damped: "Ad" }
    let s = switch core.seasonality { case .none: "N"; case .additive: "A"; case .multiplicative: "M" }
    return "ETS(A,\(t),\(s))"
  }

  private var boundLabels: [String] {
    var l: [String] = []
    if freeAlpha { l.append("alpha") }
    if freeBeta { l.append("beta") }
    if freeGamma { l.append("gamma/(1-alpha)") }
    if freePhi { l.append("phi") }
    return l
  }
}
