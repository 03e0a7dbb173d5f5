import SupplyModel

/// The vertical scale of a SKU's trajectory panels, chosen for the steady state.
///
/// The opening stock and the first orders of a run (day 0 to the end of the warm-up) can be far
/// above the levels the policy settles at; a scale that covered them would squeeze the steady
/// state into the bottom of the panel. So the scale covers the days from `steadyStart` on (plus
/// the policy's planned levels, which are drawn as lines); earlier values above it are clipped
/// and marked. Backorders are drawn below zero, so the scale reaches down to the deepest
/// backorder of those days (at least 8% of the height, when there is any, so it stays visible).
struct TrajectoryScale: Sendable, Equatable {
  /// The first day that sets the scale.
  var steadyStart: Int
  /// The largest on-hand or on-order value, or planned level, from `steadyStart` on.
  private(set) var peak = 0.0
  /// The largest backorder from `steadyStart` on.
  private(set) var deepest = 0.0

  /// The first day that sets the scale: the end of the warm-up, or without one the first 10% of
  /// the days (at most 30), always leaving at least one day.
  static func steadyStart(warmUpDays: Int, dayCount: Int) -> Int {
    let start = warmUpDays > 0 ? warmUpDays : min(dayCount / 10, 30)
    return max(0, min(start, dayCount - 1))
  }

  /// The days a trajectory panel shows: every day of a run of up to two years, else the warm-up
  /// and the 365 days after it (a panel 1,200 pixels wide cannot show thousands of single days).
  static func shownDays(warmUpDays: Int, dayCount: Int) -> Int {
    dayCount <= 730 ? dayCount : min(dayCount, max(warmUpDays, 0) + 365)
  }

  /// Adds one day of one policy's trace.
  mutating func add(day: Int, onHand: Int, onOrder: Int, backordered: Int) {
    guard day >= steadyStart else { return }
    peak = max(peak, Double(onHand), Double(onOrder))
    deepest = max(deepest, Double(backordered))
  }

  /// Adds a planned level drawn on the panels (ignored when not finite or negative).
  mutating func add(level: Double) {
    if level.isFinite && level >= 0 { peak = max(peak, level) }
  }

  /// The y domain: from minus the deepest backorder (rounded out to a nice value) to the peak
  /// rounded up to a nice value.
  var domain: ClosedRange<Double> {
    let upper = NiceTicks(covering: 0, max(peak, 1), count: 4).upper
    guard deepest > 0 else { return 0...upper }
    let lower = -NiceTicks(covering: 0, max(deepest, upper * 0.08), count: 2).upper
    return lower...upper
  }

  /// A planned level drawn on a trajectory: its label ("s = 615") and value.
  struct Level: Sendable, Equatable {
    var label: String
    var value: Double
  }

  /// The levels of SKU `k` a trajectory draws, read generically from the policy's parameters:
  /// the reorder point s, the order-up-to level S, and for a policy with s and an order
  /// quantity Q but no S, s + Q (the highest inventory position it orders up to).
  static func levels(_ parameters: PolicyParameters, sku k: Int) -> [Level] {
    var out: [Level] = []
    let s = parameters.value(PolicyParameters.reorderPoint, ofSKU: k)
    let upTo = parameters.value(PolicyParameters.orderUpTo, ofSKU: k)
    let q = parameters.value(PolicyParameters.orderQuantity, ofSKU: k)
    if let s, s.isFinite { out.append(Level(label: "s = " + NumberFormat.shortest(s), value: s)) }
    if let upTo, upTo.isFinite {
      out.append(Level(label: "S = " + NumberFormat.shortest(upTo), value: upTo))
    } else if let s, let q, s.isFinite, q.isFinite {
      out.append(Level(label: "s + Q = " + NumberFormat.shortest(s + q) + " (Q = " + NumberFormat.shortest(q) + ")", value: s + q))
    }
    return out
  }
}
