import Stochastics

/// Runs a replenishment policy on a network, day by day, and collects statistics: the one entry
/// point for a single warehouse (a one-node network) and for multi-echelon networks.
///
/// A day runs in phases, in this order, at every stocking node:
/// 1. receipts: shipments due today are put away; customer-facing nodes serve their backorders
///    first, and each receipt closes a replenishment cycle;
/// 2. customer demand at customer-facing nodes, served from stock, else backordered or lost;
/// 3. review, node by node downstream first: an internal node ships what it can of its open
///    downstream orders under its allocation rule, then each node's policy sees its inventory
///    and orders from its source (an upstream node, or a supplier, which ships at once or from
///    its capacity-limited queue, losing its yield as goods leave);
/// 4. suppliers' queues, then capacity-limited lanes, release what they can;
/// 5. accrual on closing stock.
///
/// Goods received in the morning can serve that day's demand; orders placed at the review count
/// in the day's closing inventory position; a shipment leaving on day t with lead time L arrives
/// in the receipt phase of day t + L. Demand, lead times and yields come from streams keyed by
/// (seed, SKU id within node id, purpose, replication) (by SKU id alone for the node of a single
/// warehouse, see `StockingNode.namespacesStreams`), so every policy run on the same network and
/// replication sees the same demand path: comparisons use common random numbers.
///
/// Two engines implement these phases: `NetworkEngine` for any network and `SingleNodeKernel`, a
/// fast path for one node, chosen automatically. They share the phases' pieces
/// (`CustomerDemandPhase`, `Shipment.book`, `SupplierQueues`, `DayPhases`); what differs is only
/// the node loop and where state lives. A differential test requires identical results.
///
/// When SKUs are independent (no supplier or lane capacity couples them) and the policies are
/// separable, SKUs are split into chunks run on several threads; the results do not depend on
/// the chunking or the thread count, because no chunk shares a random stream or a state with another.
/// When capacities couple them, the network engine runs one chunk per thread in lock step and
/// serves the shared queues at a daily barrier in the order one run would (`LaneCoupling`), with
/// the same results.
public enum Simulation {
  /// Stocking points per chunk when splitting SKUs: small enough that a chunk's state stays in cache.
  public static let chunkSize = 512

  /// Which engine runs a simulation: chosen automatically, or forced (for differential tests).
  package enum Engine: Sendable {
    /// The one-node kernel when it applies (`kernelApplies(to:echelonStock:)`), else the network engine.
    case automatic
    /// The one-node kernel (the network must qualify).
    case singleNode
    /// The general network engine.
    case network
  }

  /// Runs one policy per node.
  ///
  /// - Parameters:
  ///   - network: What to simulate.
  ///   - options: Trace, threads and replication. A trace keeps every stocking point, in
  ///     `statistics` order.
  ///   - separable: True when each node's policy decides each SKU on its own data, so that
  ///     `makePolicy(node, range)` for a sub-range behaves exactly like the whole policy on it.
  ///   - echelonStock: Pass echelon positions to the policies: a node's own position plus the
  ///     echelon positions of the stocking points it supplies, as on hand = echelon position −
  ///     on order, backordered = 0.
  ///   - makePolicy: Builds the policy of a node (index in `network.topology.nodes`) for the SKUs
  ///     in a range of `network.skus`.
  /// - Returns: Statistics and closing stock per stocking point, indexed `node × skuCount + sku`
  ///   with nodes in scenario order (for one node, per SKU); flow moments for several nodes.
  /// - Complexity: O(horizon × stocking points) time; memory O(points × longest lead time)
  ///   without the trace.
  public static func run<P: ReplenishmentPolicy>(
    _ network: SupplyNetwork, options: SimulationOptions = SimulationOptions(), separable: Bool, echelonStock: Bool = false,
    makePolicy: @Sendable (_ node: Int, _ skus: Range<Int>) -> P
  ) -> SimulationResult {
    run(network, options: options, separable: separable, echelonStock: echelonStock, engine: .automatic, makePolicy: makePolicy)
  }

  /// Runs one policy per node on a chosen engine (see `run(_:options:separable:echelonStock:makePolicy:)`).
  package static func run<P: ReplenishmentPolicy>(
    _ network: SupplyNetwork, options: SimulationOptions = SimulationOptions(), separable: Bool, echelonStock: Bool = false, engine: Engine,
    makePolicy: @Sendable (_ node: Int, _ skus: Range<Int>) -> P
  ) -> SimulationResult {
    let kernel: Bool
    switch engine {
    case .automatic: kernel = kernelApplies(to: network, echelonStock: echelonStock)
    case .singleNode:
      precondition(kernelApplies(to: network, echelonStock: echelonStock),
                   "the one-node kernel needs one node (got \(network.topology.nodes.count)), no lane capacity and no echelon stock")
      kernel = true
    case .network: kernel = false
    }
    if kernel {
      return SingleNodeKernel.run(network, options: options, separable: separable) { makePolicy(0, $0) }
    }
    return NetworkEngine.run(network, options: options, separable: separable, echelonStock: echelonStock, makePolicy: makePolicy)
  }

  /// True when the one-node kernel can run `network`: one node, no capacity-limited lane, and
  /// policies that see their own stock (one node's echelon position hides its backorders).
  package static func kernelApplies(to network: SupplyNetwork, echelonStock: Bool) -> Bool {
    network.topology.nodes.count == 1 && network.topology.lanes.allSatisfy { $0.capacityPerDay == nil } && !echelonStock
  }

  /// The daily customer demand at every customer-facing stocking point over the whole horizon
  /// (warm-up included) in one replication: the same draws every policy sees. `paths[point][day]`,
  /// points in `statistics` order (for a single warehouse, per SKU).
  public static func demandPaths(_ network: SupplyNetwork, replication: UInt64 = 0, threads: Int = 1) -> [[Int]] {
    let result = run(network, options: SimulationOptions(recordTrace: true, threads: threads, replication: replication), separable: true) { _, _ in
      NeverOrder()
    }
    let trace = result.trace!
    let m = network.skus.count
    let points = network.topology.nodes.indices.filter(network.topology.isCustomerFacing).flatMap { node in (0..<m).map { node * m + $0 } }
    return points.map { p in (0..<trace.dayCount).map { Int(trace.demand[trace.index(day: $0, sku: p)]) } }
  }
}

/// A policy that never orders: used to read demand paths, which do not depend on the policy.
struct NeverOrder: ReplenishmentPolicy {
  var name: String { "never order" }
  func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {}
}

/// Pieces of the day's phases that both engines run (see `Simulation`).
enum DayPhases {
  /// The shipments in `receipts` that arrive after `day` for the points in `slots`, per point by
  /// arrival day (same-day shipments summed), into `inTransit` (index = slot − slots.lowerBound).
  static func pipeline(of receipts: CalendarQueue<Shipment>, after day: Int, slots: Range<Int>, into inTransit: inout [[ScheduledReceipt]]) {
    if inTransit.count != slots.count { inTransit = Array(repeating: [], count: slots.count) }
    for i in inTransit.indices { inTransit[i].removeAll(keepingCapacity: true) }
    receipts.forEachWaiting(after: day) { arrival, shipment in
      let p = Int(shipment.slot)
      guard slots.contains(p), shipment.units > 0 else { return }
      let i = p - slots.lowerBound
      if let last = inTransit[i].last, last.day == arrival {
        inTransit[i][inTransit[i].count - 1].units += shipment.units
      } else {
        inTransit[i].append(ScheduledReceipt(day: arrival, units: shipment.units))
      }
    }
  }

  /// Books an order of `units` placed at the review: on order grows, and a measured day counts
  /// the order in the point's statistics.
  @inline(__always)
  static func bookOrder(_ units: Int, onOrder: inout Int, statistics: inout SKUStatistics, measured: Bool) {
    onOrder += units
    if measured { statistics.orders += 1; statistics.unitsOrdered += units }
  }

  /// The message of the precondition that a policy ordered a positive quantity.
  static func negativeOrder(policy: String, node: StockingNode, sku: String, units: Int, day: Int, nodeCount: Int) -> String {
    "policy \(policy)\(nodeCount > 1 ? " at node \(node.id)" : "") ordered \(units) units of SKU \(sku) on day \(day)"
  }

  /// Accrual on closing stock: `sums[k] += values[k]` for every k, with wrapping adds over raw
  /// buffers so the loop vectorises (Int64 sums of stock levels cannot wrap in practice).
  @inline(__always)
  static func accumulate(_ values: UnsafeBufferPointer<Int>, into sums: UnsafeMutableBufferPointer<Int>) {
    for k in 0..<values.count { sums[k] &+= values[k] }
  }

  /// `accumulate` over arrays.
  @inline(__always)
  static func accumulate(_ values: [Int], into sums: inout [Int]) {
    values.withUnsafeBufferPointer { v in
      sums.withUnsafeMutableBufferPointer { s in accumulate(v, into: s) }
    }
  }
}
