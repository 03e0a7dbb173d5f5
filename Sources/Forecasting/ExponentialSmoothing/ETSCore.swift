/// The recursions shared by fitting, filtering and simulation (additive errors).
///
/// Component form, Hyndman & Athanasopoulos *FPP* 3rd ed. §8.3, with `d = φ b` (0 without trend):
/// - additive season: `ŷ = ℓ + d + s`, `ℓ' = α(y − s) + (1 − α)(ℓ + d)`, `s' = γ(y − ℓ − d) + (1 − γ)s`
/// - multiplicative: `ŷ = (ℓ + d)s`, `ℓ' = α y/s + (1 − α)(ℓ + d)`, `s' = γ y/(ℓ + d) + (1 − γ)s`
/// - trend: `b' = β*(ℓ' − ℓ) + (1 − β*) d`.
struct ETSCore: Sendable {
  var trend: ETSTrend
  var seasonality: ETSSeasonality
  var period: Int

  /// The one-step forecast from a state.
  @inline(__always)
  func forecast(_ st: ETSState, phi: Double) -> Double {
    let d = trend == .none ? 0 : phi * st.trend
    switch seasonality {
    case .none: return st.level + d
    case .additive: return st.level + d + st.seasonal[0]
    case .multiplicative: return (st.level + d) * st.seasonal[0]
    }
  }

  /// Advances the state by one observation `y`; returns false when a division would blow up.
  @inline(__always)
  func update(_ st: inout ETSState, y: Double, p: ETSParameters) -> Bool {
    let d = trend == .none ? 0 : p.phi * st.trend
    let base = st.level + d
    let oldLevel = st.level
    switch seasonality {
    case .none:
      st.level = p.alpha * y + (1 - p.alpha) * base
    case .additive:
      let s = st.seasonal[0]
      st.level = p.alpha * (y - s) + (1 - p.alpha) * base
      st.seasonal.removeFirst(); st.seasonal.append(p.gamma * (y - base) + (1 - p.gamma) * s)
    case .multiplicative:
      let s = st.seasonal[0]
      guard abs(s) > 1e-10, abs(base) > 1e-10 else { return false }
      st.level = p.alpha * y / s + (1 - p.alpha) * base
      st.seasonal.removeFirst(); st.seasonal.append(p.gamma * y / base + (1 - p.gamma) * s)
    }
    if trend != .none { st.trend = p.beta * (st.level - oldLevel) + (1 - p.beta) * d }
    return st.level.isFinite && st.trend.isFinite
  }

  /// Filters `y` from `initial`: the SSE of one-step errors, the final state and, when
  /// `collect` is set, the fitted values (empty otherwise).
  func run(_ y: [Double], p: ETSParameters, initial: ETSState, collect: Bool = false)
    -> (sse: Double, final: ETSState, fitted: [Double]) {
    var st = initial
    var sse = 0.0
    var fitted: [Double] = []
    if collect { fitted.reserveCapacity(y.count) }
    for t in 0..<y.count {
      let f = forecast(st, phi: p.phi)
      if collect { fitted.append(f) }
      let e = y[t] - f
      sse += e * e
      if !update(&st, y: y[t], p: p) { return (.infinity, st, fitted) }
    }
    return (sse.isFinite ? sse : .infinity, st, fitted)
  }

  /// The point forecast `h` steps past a state: `ℓ + φ_h b` combined with the season.
  func pointForecast(_ st: ETSState, p: ETSParameters, h: Int) -> Double {
    var damp = 0.0
    switch trend {
    case .none: damp = 0
    case .additive: damp = Double(h)
    case .damped:
      var f = 1.0
      for _ in 0..<h { f *= p.phi; damp += f }
    }
    let base = st.level + damp * st.trend
    switch seasonality {
    case .none: return base
    case .additive: return base + st.seasonal[(h - 1) % period]
    case .multiplicative: return base * st.seasonal[(h - 1) % period]
    }
  }

  /// `pointForecast` for `h = 1...horizon` in one pass (the damping sums accumulate in the same
  /// order, so the numbers are the same), in O(horizon) rather than O(horizon²).
  func pointForecasts(_ st: ETSState, p: ETSParameters, horizon: Int) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(horizon)
    var damp = 0.0, f = 1.0
    for h in 1...horizon {
      switch trend {
      case .none: damp = 0
      case .additive: damp = Double(h)
      case .damped: f *= p.phi; damp += f
      }
      let base = st.level + damp * st.trend
      switch seasonality {
      case .none: out.append(base)
      case .additive: out.append(base + st.seasonal[(h - 1) % period])
      case .multiplicative: out.append(base * st.seasonal[(h - 1) % period])
      }
    }
    return out
  }

  /// The classical heuristic start: level = mean of the first cycle, trend = difference of the
  /// first two cycle means per step, seasonal terms = first-cycle deviations (or ratios) from
  /// the level, normalised to sum to 0 (or average 1). Non-seasonal: `ℓ₀ = y₀`, `b₀ = y₁ − y₀`.
  func heuristicInitialState(_ y: [Double]) -> ETSState {
    if seasonality == .none {
      let b = (trend != .none && y.count > 1) ? y[1] - y[0] : 0
      // The state precedes y[0], so step the level back by the trend.
      return ETSState(level: y[0] - b, trend: b)
    }
    let m = period
    let first = Array(y[0..<m])
    let mean1 = first.reduce(0, +) / Double(m)
    var b = 0.0
    if trend != .none && y.count >= 2 * m {
      let mean2 = y[m..<(2 * m)].reduce(0, +) / Double(m)
      b = (mean2 - mean1) / Double(m)
    }
    // The first-cycle mean sits at its middle, (m - 1)/2 steps after y[0]; the state precedes y[0].
    let level = mean1 - b * (Double(m - 1) / 2 + 1)
    var s: [Double]
    if seasonality == .additive {
      s = (0..<m).map { first[$0] - (mean1 + b * (Double($0) - Double(m - 1) / 2)) }
      let c = s.reduce(0, +) / Double(m)
      s = s.map { $0 - c }
    } else {
      s = (0..<m).map { first[$0] / (mean1 + b * (Double($0) - Double(m - 1) / 2)) }
      let c = s.reduce(0, +) / Double(m)
      s = s.map { $0 / c }
    }
    return ETSState(level: level, trend: b, seasonal: s)
  }
}
