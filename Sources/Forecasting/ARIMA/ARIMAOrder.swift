/// The orders of a seasonal ARIMA model, (p,d,q)(P,D,Q)m.
public struct ARIMAOrder: Sendable, Hashable, CustomStringConvertible {
  /// Non-seasonal autoregressive order p.
  public var p: Int
  /// Non-seasonal differences d.
  public var d: Int
  /// Non-seasonal moving-average order q.
  public var q: Int
  /// Seasonal autoregressive order P.
  public var seasonalP: Int
  /// Seasonal differences D.
  public var seasonalD: Int
  /// Seasonal moving-average order Q.
  public var seasonalQ: Int
  /// The seasonal period m (1 when there is no seasonal part).
  public var period: Int

  /// Creates an order; all values must be non-negative and `period >= 1` (preconditions).
  ///
  /// - Parameters:
  ///   - p: Non-seasonal AR order.
  ///   - d: Non-seasonal differences.
  ///   - q: Non-seasonal MA order.
  ///   - seasonalP: Seasonal AR order.
  ///   - seasonalD: Seasonal differences.
  ///   - seasonalQ: Seasonal MA order.
  ///   - period: The seasonal period m; seasonal orders are set to 0 when it is 1.
  public init(p: Int = 0, d: Int = 0, q: Int = 0, seasonalP: Int = 0, seasonalD: Int = 0,
              seasonalQ: Int = 0, period: Int = 1) {
    precondition(p >= 0 && d >= 0 && q >= 0 && seasonalP >= 0 && seasonalD >= 0 && seasonalQ >= 0,
                 "ARIMAOrder: orders must be >= 0, got (\(p),\(d),\(q))(\(seasonalP),\(seasonalD),\(seasonalQ))")
    precondition(period >= 1, "ARIMAOrder: period must be >= 1, got \(period)")
    self.p = p; self.d = d; self.q = q
    let seasonal = period > 1
    self.seasonalP = seasonal ? seasonalP : 0
    self.seasonalD = seasonal ? seasonalD : 0
    self.seasonalQ = seasonal ? seasonalQ : 0
    self.period = period
  }

  /// Observations lost to differencing, `d + D·m`.
  public var differencingLoss: Int { d + seasonalD * period }
  /// The number of ARMA coefficients, `p + q + P + Q`.
  public var armaParameterCount: Int { p + q + seasonalP + seasonalQ }

  /// R-style text, e.g. `ARIMA(0,1,1)(0,1,1)[12]`.
  public var description: String {
    var s = "ARIMA(\(p),\(d),\(q))"
    if period > 1 && (seasonalP + seasonalD + seasonalQ) > 0 { s += "(\(seasonalP),\(seasonalD),\(seasonalQ))[\(period)]" }
    return s
  }
}
