import Parallelism
import Replenishment
import SupplyModel

/// What the reports show of a large catalogue instead of one table row per SKU: distributions
/// of per-SKU KPIs, ABC and XYZ classes with their KPIs, the worst SKUs by cost and by
/// stockouts, per policy. Full per-SKU detail stays in `kpis.csv`.
///
/// Per-SKU figures are means over replications (`PolicyOutcome.meanKPIs(ofSKU:)`). Classes:
/// - ABC by demand value (mean units demanded × unit cost, under the first policy: every policy
///   sees the same demand): SKUs ranked by value, highest first (ties by catalogue order); a SKU
///   is A while the SKUs ranked above it hold less than 80% of the total value, B while they
///   hold less than 95%, else C.
/// - XYZ by the coefficient of variation of daily demand from the scenario's demand model
///   (standard deviation / mean at the profile's average mean over the measured days, as the
///   static policies plan): X up to 0.5, Y up to 1, Z above (and SKUs without demand).
///
/// Everything is computed in catalogue order with ties broken by index, so the summary does not
/// depend on thread counts.
public struct CatalogueSummary: Sendable {
  /// Reports keep their per-SKU tables up to this many SKUs and show this summary above it.
  public static let perSKUTableLimit = 200
  /// How many SKUs the worst-SKU lists show per policy.
  public static let worstCount = 20
  /// The quantile levels of the distribution tables.
  public static let quantileLevels: [Double] = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1]
  /// The KPIs whose distributions the summary shows, with their titles.
  public static let distributionKPIs: [(key: String, title: String)] = [
    ("fillRate", "Fill rate"), ("totalCost", "Total cost"), ("stockoutDays", "Stockout days"),
  ]

  /// One class of SKUs (A, B, C or X, Y, Z) and its KPIs per policy.
  public struct ClassRow: Sendable, Equatable {
    /// "A", "B", "C", "X", "Y" or "Z".
    public var name: String
    /// SKUs in the class.
    public var skuCount: Int
    /// The class's share of the total demand value (mean units × unit cost).
    public var valueShare: Double
    /// Per policy: units met from stock ÷ units demanded over the class (1 without demand).
    public var fillRate: [Double]
    /// Per policy: total cost summed over the class.
    public var totalCost: [Double]
    /// Per policy: stockout days summed over the class.
    public var stockoutDays: [Double]
  }

  /// SKUs in the catalogue.
  public var skuCount: Int
  /// `quantiles[policy][kpi][level]`: KPIs in `distributionKPIs` order, levels in `quantileLevels` order.
  public var quantiles: [[[Double]]]
  /// The A, B and C classes (empty ones included).
  public var abc: [ClassRow]
  /// The X, Y and Z classes (empty ones included).
  public var xyz: [ClassRow]
  /// Per policy, up to `worstCount` SKU indices by total cost, highest first (ties by index).
  public var worstByCost: [[Int]]
  /// Per policy, up to `worstCount` SKU indices by stockout days, most first (ties by index);
  /// SKUs without stockouts are left out.
  public var worstByStockouts: [[Int]]
  /// Per policy and SKU, the mean KPIs over replications (with one replication, its KPIs).
  public var means: [[KPIs]]
  /// The ABC class of each SKU (0 = A, 1 = B, 2 = C).
  public var abcClass: [UInt8]
  /// The XYZ class of each SKU (0 = X, 1 = Y, 2 = Z).
  public var xyzClass: [UInt8]

  /// Summarises `result`, using up to `threads` threads for the demand model's figures.
  ///
  /// - Complexity: O(policies × SKUs × log SKUs + SKUs × measured days).
  public init(result: ExperimentResult, threads: Int = Parallel.defaultThreadCount) {
    let network = result.scenario.network
    let m = network.skus.count
    skuCount = m
    // One replication's KPIs are their own means (up to the sign of a zero, which neither
    // sorting nor formatting sees), so they are shared rather than copied.
    let means = result.outcomes.map { $0.perSKU.count == 1 ? $0.perSKU[0] : $0.meanKPIsPerSKU() }
    self.means = means
    // The columns of `distributionKPIs`, in its order.
    quantiles = means.map { perSKU in
      [perSKU.map(\.fillRate), perSKU.map(\.totalCost), perSKU.map(\.stockoutDays)].map { Self.quantiles(of: $0, levels: Self.quantileLevels) }
    }
    worstByCost = means.map { perSKU in Self.largest(Self.worstCount, perSKU.map(\.totalCost), positiveOnly: false) }
    worstByStockouts = means.map { perSKU in Self.largest(Self.worstCount, perSKU.map(\.stockoutDays), positiveOnly: true) }
    // ABC by demand value.
    let value: [Double] = (0..<m).map { k in (means.first?[k].demand ?? 0) * network.skus[k].costs.unitCost }
    let totalValue = value.reduce(0, +)
    let abcClass = Self.abcClasses(value)
    // XYZ by the demand model's coefficient of variation, in chunks on several threads.
    let chunk = 4096
    let pieces = Parallel.map((m + chunk - 1) / chunk, threads: threads) { c -> [UInt8] in
      let range = (c * chunk)..<min(m, (c + 1) * chunk)
      return PlanningData.fromModel(network, skus: range).map { d in
        guard d.meanPerDay > 0 else { return 2 }
        let cv = d.variancePerDay.squareRoot() / d.meanPerDay
        return cv <= 0.5 ? 0 : cv <= 1 ? 1 : 2
      }
    }
    let xyzClass = pieces.flatMap { $0 }
    self.abcClass = abcClass
    self.xyzClass = xyzClass
    abc = Self.classRows(["A", "B", "C"], of: abcClass, value: value, totalValue: totalValue, means: means)
    xyz = Self.classRows(["X", "Y", "Z"], of: xyzClass, value: value, totalValue: totalValue, means: means)
  }

  /// The ABC class of each value (0 = A, 1 = B, 2 = C): ranked highest first (ties by index),
  /// a value is A while those ranked above it sum to less than 80% of the total, B while they
  /// sum to less than 95%, else C; all C when the total is not positive.
  public static func abcClasses(_ value: [Double]) -> [UInt8] {
    let totalValue = value.reduce(0, +)
    var classes = [UInt8](repeating: 2, count: value.count)
    guard totalValue > 0 else { return classes }
    let ranked = value.indices.sorted { value[$0] != value[$1] ? value[$0] > value[$1] : $0 < $1 }
    var above = 0.0
    for k in ranked {
      classes[k] = above < 0.8 * totalValue ? 0 : above < 0.95 * totalValue ? 1 : 2
      above += value[k]
    }
    return classes
  }

  /// The rows of a classification.
  static func classRows(_ names: [String], of classes: [UInt8], value: [Double], totalValue: Double, means: [[KPIs]]) -> [ClassRow] {
    names.indices.map { c in
      let members = classes.indices.filter { classes[$0] == c }
      let share = totalValue > 0 ? members.reduce(0.0) { $0 + value[$1] } / totalValue : 0
      var fill: [Double] = [], cost: [Double] = [], stockouts: [Double] = []
      for perSKU in means {
        var demand = 0.0, met = 0.0, total = 0.0, days = 0.0
        for k in members {
          demand += perSKU[k].demand
          met += perSKU[k].fillRate * perSKU[k].demand
          total += perSKU[k].totalCost
          days += perSKU[k].stockoutDays
        }
        fill.append(demand > 0 ? met / demand : 1)
        cost.append(total)
        stockouts.append(days)
      }
      return ClassRow(name: names[c], skuCount: members.count, valueShare: share, fillRate: fill, totalCost: cost, stockoutDays: stockouts)
    }
  }

  /// Quantiles of `values` at `levels` (linear interpolation between order statistics, type 7;
  /// NaN values are left out); NaN for every level when nothing is left.
  public static func quantiles(of values: [Double], levels: [Double]) -> [Double] {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard !sorted.isEmpty else { return levels.map { _ in .nan } }
    return levels.map { p in
      let h = Double(sorted.count - 1) * p
      let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
      return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
  }

  /// The indices of the `count` largest values, largest first, ties by lower index; with
  /// `positiveOnly`, values ≤ 0 (and NaN) are left out.
  public static func largest(_ count: Int, _ values: [Double], positiveOnly: Bool) -> [Int] {
    var top: [Int] = []
    func before(_ a: Int, _ b: Int) -> Bool { values[a] != values[b] ? values[a] > values[b] : a < b }
    for k in values.indices where !values[k].isNaN && (!positiveOnly || values[k] > 0) {
      if top.count == count, let last = top.last, !before(k, last) { continue }
      let at = top.firstIndex { before(k, $0) } ?? top.count
      top.insert(k, at: at)
      if top.count > count { top.removeLast() }
    }
    return top
  }
}
