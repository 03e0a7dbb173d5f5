import Replenishment
import Scenarios
import SupplyModel

extension PolicyOptimizer {
  /// One stocking point under search: SKU `sku` at node `node` (0 in a single warehouse), its
  /// current levels and the step its next moves take.
  struct SearchPoint {
    /// The node (index in the topology).
    var node: Int
    /// The SKU.
    var sku: Int
    /// The levels as they stand.
    var levels: PolicyOverride
    /// The size of the next move.
    var step: Int
    /// False once a move of 1 has failed in both directions.
    var searching: Bool
  }

  /// A SKU's total cost and fill rate in each search replication.
  typealias SKUReplications = (cost: [Double], fill: [Double])

  /// The coordinate search under common random numbers shared by single warehouses and
  /// networks (see the type's notes). Each round moves, node by node and level by level, every
  /// still-searching point of the node up and then down by its step, in one simulation of the
  /// whole scenario; a point keeps its move when its SKU's paired mean cost (summed over every
  /// node the SKU passes through) falls and the SKU's service constraint holds (or, infeasible,
  /// its fill rate rises). A point whose moves all fail halves its step and stops once a step
  /// of 1 fails.
  ///
  /// Moves at one node are judged together in one simulation but kept SKU by SKU: when SKUs
  /// share a capacity-limited lane, a SKU's cost also depends on the others' moves, and the
  /// final paired comparison (`confirm`) is what decides whether the levels are adopted.
  ///
  /// - Parameters:
  ///   - points: The points, updated in place.
  ///   - rules: Each node's policy family and tunable levels.
  ///   - evaluate: One simulation of the scenario with every point pinned to the given levels,
  ///     on the search replications (always the same ones).
  static func search(_ points: inout [SearchPoint], rules: [Int: (family: PolicyFamily, tunable: [String])], options: Options,
                     evaluate: ([SearchPoint]) throws(Refusal) -> PolicyOutcome) throws(Refusal) {
    guard points.contains(where: \.searching) else { return }
    func replications(_ outcome: PolicyOutcome, _ k: Int) -> SKUReplications {
      (outcome.perSKU.map { $0[k].totalCost }, outcome.perSKU.map { $0[k].fillRate })
    }
    func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(max(x.count, 1)) }
    func better(_ a: SKUReplications, than b: SKUReplications) -> Bool {
      if let target = options.fillRate {
        let fa = mean(a.fill), fb = mean(b.fill)
        if fa >= target && fb < target { return true }
        if fa < target { return fb < target && fa > fb }
      }
      return mean(zip(a.cost, b.cost).map { $0 - $1 }) < 0
    }
    let start = try evaluate(points)
    var current: [Int: SKUReplications] = [:]
    for point in points where current[point.sku] == nil { current[point.sku] = replications(start, point.sku) }
    let nodes = Set(points.map(\.node)).sorted()
    var round = 0
    while points.contains(where: \.searching) && round < options.maximumRounds {
      round += 1
      var improved = Set<Int>()
      for node in nodes {
        guard let rule = rules[node] else { continue }
        for level in rule.tunable {
          for direction in [1, -1] {
            var candidate = points
            var moved: [Int] = []
            for i in points.indices where points[i].node == node && points[i].searching {
              if let next = Self.moved(points[i].levels, level: level, by: direction * points[i].step, family: rule.family) {
                candidate[i].levels = next
                moved.append(i)
              }
            }
            guard !moved.isEmpty else { continue }
            let outcome = try evaluate(candidate)
            for i in moved {
              let k = points[i].sku
              let trial = replications(outcome, k)
              if better(trial, than: current[k]!) {
                points[i].levels = candidate[i].levels
                current[k] = trial
                improved.insert(i)
              }
            }
          }
        }
      }
      for i in points.indices where points[i].searching && !improved.contains(i) {
        if points[i].step == 1 { points[i].searching = false } else { points[i].step = max(1, points[i].step / 2) }
      }
    }
  }

  /// The first step of a search: about one standard deviation of demand over the lead time and
  /// review period, at least 1.
  static func initialStep(_ d: PlanningData, reviewPeriod: Int) -> Int {
    let days = d.leadTimeMean + Double(reviewPeriod)
    let sd = (days * d.variancePerDay + d.meanPerDay * d.meanPerDay * d.leadTimeVariance).squareRoot()
    return max(1, min(Int(sd.isFinite ? sd : 1), 1 << 20))
  }
}
