import Dispatch
import Synchronization

/// A single-warehouse network stepped one day at a time by an outside agent (reinforcement
/// learning, `supplysim env`): the agent sees the inventory at each day's review and supplies
/// that day's orders.
///
/// The days are the simulator's own: the environment runs `SingleNodeKernel` (the engine of
/// every one-node `Simulation.run`) on a worker thread with a policy that hands each review to
/// the agent and waits for its orders, so receipts, demand, supplier queues, yield and accrual
/// are exactly those of `supplysim run` on the same seed (replication 0). The handoff is strictly
/// alternating, so a seed and a sequence of actions give the same days whatever the machine.
///
/// A step covers the rest of day t and the start of day t + 1: the orders are placed at day t's
/// review, day t closes (its costs are the step's reward, negated), then day t + 1's receipts and
/// demand happen and its review is the next observation. Summed over the horizon the rewards are
/// minus the run's total cost with every day measured (no warm-up), except that purchase cost is
/// charged on units ordered (the run report charges it on units bought for the measured flow).
public final class AgentEnvironment: Sendable {
  /// The inventory at a day's review, every array in SKU order.
  public struct Observation: Sendable, Equatable {
    /// The day (from 0); `horizonDays` after the last step.
    public var day: Int
    /// Units on hand after the day's demand.
    public var onHand: [Int]
    /// Units owed to customers (backorder SKUs).
    public var backordered: [Int]
    /// Units ordered and not yet received (at a supplier or in transit).
    public var onOrder: [Int]
    /// Per SKU, units due in 1, 2, … days (`leadDays[k]` entries; the last also holds anything
    /// due later). Shipments that would arrive after the horizon are on order but not here.
    public var pipeline: [[Int]]
    /// The day's customer demand (zero in the observation after the last day).
    public var demand: [Int]
  }

  /// What one closed day cost and moved, per SKU.
  public struct DayOutcome: Sendable, Equatable {
    /// The day that closed.
    public var day: Int
    /// Holding cost on closing stock.
    public var holding: [Double]
    /// Lost-sale penalties and backorder cost on closing backorders.
    public var shortage: [Double]
    /// Fixed order costs.
    public var ordering: [Double]
    /// Unit cost of the units ordered.
    public var purchase: [Double]
    /// Units demanded.
    public var demand: [Int]
    /// Units shipped to customers (from stock, and backorders served).
    public var sales: [Int]
    /// Units lost (lost-sales SKUs).
    public var lost: [Int]
    /// Units newly backordered (backorder SKUs).
    public var backordered: [Int]

    /// All costs of the day, summed in SKU order.
    public var total: Double {
      var sum = 0.0
      for k in holding.indices { sum += holding[k] + shortage[k] + ordering[k] + purchase[k] }
      return sum
    }
  }

  /// The answer to a step.
  public struct Step: Sendable, Equatable {
    /// The next review (or the closing state after the last day).
    public var observation: Observation
    /// Minus the closed day's total cost.
    public var reward: Double
    /// True after the last day of the horizon; only `reset` may follow.
    public var done: Bool
    /// The closed day.
    public var outcome: DayOutcome
  }

  /// Why an action or request was refused.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    /// `step` before `reset`, or after the last day.
    case notRunning
    /// An action with the wrong number of SKUs.
    case wrongLength(got: Int, skus: Int)
    /// A negative or too large order.
    case badOrder(sku: String, units: Int)

    /// One sentence saying what to fix.
    public var description: String {
      switch self {
      case .notRunning: "no day is waiting for orders; send {\"op\":\"reset\"} first (and again after done)"
      case let .wrongLength(got, skus): "the action has \(got) orders but the scenario has \(skus) SKUs; give one per SKU, in SKU order"
      case let .badOrder(sku, units): "the order for SKU \(sku) is \(units) units; give a whole number from 0 to \(AgentEnvironment.largestOrder)"
      }
    }
  }

  /// The largest order the environment accepts per SKU and day.
  public static let largestOrder = 1_000_000_000

  /// The network (warm-up removed: every day is the agent's).
  public let network: SupplyNetwork
  /// Per SKU, the pipeline's length: the longest typical lead time in days (at least 1).
  public let leadDays: [Int]
  private let handoff = Handoff()
  private let episode = Mutex<Episode?>(nil)

  /// What the agent side keeps between calls.
  private struct Episode {
    var finished = false
  }

  /// An environment on a one-node network (`Simulation.kernelApplies(to:echelonStock:)`).
  public init(network: SupplyNetwork) {
    precondition(Simulation.kernelApplies(to: network, echelonStock: false), "the agent environment runs single-warehouse networks")
    var copy = network
    copy.warmUpDays = 0
    self.network = copy
    leadDays = network.skus.indices.map { max(1, network.leadTime(ofNode: 0, sku: $0).typicalMaximum) }
  }

  deinit { stop() }

  /// True when `network` can be served: one stocking node, lanes without capacity.
  public static func supports(_ network: SupplyNetwork) -> Bool { Simulation.kernelApplies(to: network, echelonStock: false) }

  /// Starts a new episode with `seed` (the network's own when nil), ending any running one, and
  /// returns day 0's review.
  public func reset(seed: UInt64?) -> Observation {
    stop()
    var copy = self.network
    if let seed { copy.seed = seed }
    let network = copy.realized(replication: 0)
    let handoff = self.handoff
    let leadDays = self.leadDays
    handoff.state.withLock { $0 = Handoff.State() }
    DispatchQueue.global().async {
      var policy = AgentPolicy(handoff: handoff, leadDays: leadDays)
      var previous = Array(repeating: SKUStatistics(), count: network.skus.count)
      let result = SingleNodeKernel.simulateChunk(network, policy: &policy, options: SimulationOptions()) { day, stats, onHand, backordered in
        let outcome = Self.outcome(day: day, network: network, before: previous, after: stats, onHand: onHand, backordered: backordered)
        previous = stats
        handoff.state.withLock { $0.closed = outcome }
      }
      let closing = result.closingStock ?? InventoryState(skuCount: network.skus.count)
      let n = network.skus.count
      let last = Observation(day: network.horizonDays, onHand: closing.onHand, backordered: closing.backordered, onOrder: closing.onOrder,
                             pipeline: leadDays.map { Array(repeating: 0, count: $0) }, demand: Array(repeating: 0, count: n))
      handoff.state.withLock { $0.review = last; $0.finished = true }
      handoff.toAgent.signal()
    }
    handoff.toAgent.wait()
    episode.withLock { $0 = Episode() }
    return handoff.state.withLock { $0.review! }
  }

  /// Places `orders` (one per SKU, in SKU order) at the waiting review, closes the day and
  /// returns the next review with the day's reward.
  ///
  /// - Throws: `Failure` (nothing happens): no episode, wrong length, an order outside 0…`largestOrder`.
  public func step(_ orders: [Int]) throws(Failure) -> Step {
    let running = episode.withLock { $0.map { !$0.finished } ?? false }
    guard running else { throw .notRunning }
    guard orders.count == network.skus.count else { throw .wrongLength(got: orders.count, skus: network.skus.count) }
    for (k, q) in orders.enumerated() where q < 0 || q > Self.largestOrder { throw .badOrder(sku: network.skus[k].id, units: q) }
    handoff.state.withLock { $0.action = orders; $0.closed = nil }
    handoff.toSimulator.signal()
    handoff.toAgent.wait()
    let (review, closed, finished) = handoff.state.withLock { ($0.review!, $0.closed!, $0.finished) }
    if finished { episode.withLock { $0?.finished = true } }
    return Step(observation: review, reward: -closed.total, done: finished, outcome: closed)
  }

  /// Ends the running episode, if any (its remaining days run without orders, unobserved).
  public func stop() {
    let running = episode.withLock { e in
      defer { e = nil }
      return e.map { !$0.finished } ?? false
    }
    guard running else { return }
    handoff.state.withLock { $0.abandoned = true }
    handoff.toSimulator.signal()
    handoff.toAgent.wait()
  }

  /// The day's costs and flows from the running totals before and after it and its closing stock.
  static func outcome(day: Int, network: SupplyNetwork, before: [SKUStatistics], after: [SKUStatistics], onHand: [Int], backordered: [Int]) -> DayOutcome {
    let n = after.count
    var o = DayOutcome(day: day, holding: [], shortage: [], ordering: [], purchase: [], demand: [], sales: [], lost: [], backordered: [])
    for k in 0..<n {
      let a = after[k], b = before[k], c = network.skus[k].costs
      o.holding.append(Double(onHand[k]) * c.holdingCostPerUnitDay)
      o.shortage.append(Double(backordered[k]) * c.backorderCostPerUnitDay + Double(a.unitsLost - b.unitsLost) * c.lostSalePenaltyPerUnit)
      o.ordering.append(Double(a.orders - b.orders) * c.orderCost)
      o.purchase.append(Double(a.unitsOrdered - b.unitsOrdered) * c.unitCost)
      o.demand.append(a.demand - b.demand)
      o.sales.append(a.unitsShipped - b.unitsShipped)
      o.lost.append(a.unitsLost - b.unitsLost)
      o.backordered.append((a.unitsShort - a.unitsLost) - (b.unitsShort - b.unitsLost))
    }
    return o
  }
}

/// The two semaphores and the slot the agent and the simulator's thread pass work through; each
/// side touches the slot only between its partner's signal and its own.
private final class Handoff: Sendable {
  struct State {
    var review: AgentEnvironment.Observation?
    var closed: AgentEnvironment.DayOutcome?
    var action: [Int] = []
    var abandoned = false
    var finished = false
  }
  let state = Mutex(State())
  let toAgent = DispatchSemaphore(value: 0)
  let toSimulator = DispatchSemaphore(value: 0)
}

/// The simulator-side policy: publishes each review and orders what the agent sends.
private struct AgentPolicy: ReplenishmentPolicy {
  let handoff: Handoff
  let leadDays: [Int]
  var demand: [Int] = []
  var abandoned = false

  var name: String { "agent" }
  var observesPipeline: Bool { true }

  mutating func observe(demand: [Int], day: Int) { self.demand = demand }

  mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    if abandoned { return }
    var pipeline = leadDays.map { Array(repeating: 0, count: $0) }
    for (k, receipts) in state.inTransit.enumerated() {
      for r in receipts {
        let i = min(max(r.day - day, 1), leadDays[k]) - 1
        pipeline[k][i] += r.units
      }
    }
    let review = AgentEnvironment.Observation(day: day, onHand: state.onHand, backordered: state.backordered, onOrder: state.onOrder,
                                              pipeline: pipeline, demand: demand)
    handoff.state.withLock { $0.review = review }
    handoff.toAgent.signal()
    handoff.toSimulator.wait()
    let (action, stop) = handoff.state.withLock { ($0.action, $0.abandoned) }
    if stop { abandoned = true; return }
    for k in orders.indices where action[k] > 0 { orders[k] = action[k] }
  }
}
