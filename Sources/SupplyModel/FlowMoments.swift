/// Running sums of one stocking point's daily demand received and orders placed, for the bullwhip
/// ratio (variance of orders placed / variance of demand received).
public struct FlowMoments: Sendable, Equatable {
  /// Days counted.
  public var days = 0
  /// Σ daily demand received (customer demand, or orders from downstream nodes).
  public var demandSum = 0
  /// Σ (daily demand received)².
  public var demandSquares = 0
  /// Σ daily units ordered.
  public var orderSum = 0
  /// Σ (daily units ordered)².
  public var orderSquares = 0

  /// Empty sums.
  public init() {}

  /// Adds one day.
  @inline(__always)
  public mutating func add(demand d: Int, orders q: Int) {
    days += 1
    demandSum += d
    demandSquares += d * d
    orderSum += q
    orderSquares += q * q
  }

  /// Population variance of daily demand received.
  public var demandVariance: Double { Self.variance(sum: demandSum, squares: demandSquares, days: days) }
  /// Population variance of daily orders placed.
  public var orderVariance: Double { Self.variance(sum: orderSum, squares: orderSquares, days: days) }

  /// Variance of orders placed / variance of demand received; NaN when demand did not vary.
  public var bullwhipRatio: Double { Self.bullwhipRatio(of: [self]) }

  /// The bullwhip ratio of a group of stocking points (a node or an echelon): Σ variance of orders
  /// placed / Σ variance of demand received, each point's variance about its own mean (SKUs are
  /// not summed into one series, whose units would not be comparable). NaN when no demand varied.
  public static func bullwhipRatio(of points: some Sequence<FlowMoments>) -> Double {
    var orders = 0.0, demand = 0.0
    for p in points { orders += p.orderVariance; demand += p.demandVariance }
    return demand > 0 ? orders / demand : .nan
  }

  private static func variance(sum: Int, squares: Int, days: Int) -> Double {
    guard days > 0 else { return 0 }
    let n = Double(days), mean = Double(sum) / n
    return max(0, Double(squares) / n - mean * mean)
  }
}
