import EventEngine
import Parallelism
import Stochastics

/// Runs a replenishment policy on a network, day by day, and collects statistics.
///
/// Each day runs in phases (see `EventPhase`): receipts, demand, review and ordering (suppliers
/// ship at once, or from their capacity-limited queue), then cost accrual on closing stock.
/// Demand and lead times come from per-SKU streams keyed by (seed, SKU id, purpose,
/// replication), so every policy run on the same network and replication sees the same demand
/// path: comparisons use common random numbers.
///
/// When SKUs are independent (no supplier capacity couples them) and the policy is separable,
/// SKUs are split into chunks run on several threads; the results do not depend on the chunking
/// or the thread count, because no chunk shares a random stream or a state with another.
public enum Simulator {
  /// SKUs per chunk when splitting: small enough that a chunk's state stays in cache.
  public static let chunkSize = 512

  /// Runs one policy.
  ///
  /// - Parameters:
  ///   - network: What to simulate.
  ///   - options: Trace, threads and replication.
  ///   - separable: True when the policy decides each SKU on its own data, so that
  ///     `makePolicy(range)` for a sub-range behaves exactly like the whole policy on it.
  ///   - makePolicy: Builds the policy for the SKUs in a range of `network.skus`.
  /// - Returns: Statistics per SKU (and the trace if asked for).
  /// - Complexity: O(horizon × SKUs) time; memory O(SKUs × longest lead time) without the trace.
  public static func run<P: ReplenishmentPolicy>(
    _ network: SupplyNetwork, options: SimulationOptions = SimulationOptions(), separable: Bool,
    makePolicy: @Sendable (Range<Int>) -> P
  ) -> SimulationResult {
    let network = network.realized(replication: options.replication)
    let n = network.skus.count
    let chunks: [Range<Int>] = separable && network.skusAreIndependent && n > chunkSize
      ? stride(from: 0, to: n, by: chunkSize).map { $0..<min($0 + chunkSize, n) }
      : [0..<n]
    let parts = Parallel.map(chunks.count, threads: options.threads) { i in
      let range = chunks[i]
      let sub = chunks.count == 1 ? network : network.restricted(to: range)
      var policy = makePolicy(range)
      return simulateChunk(sub, policy: &policy, options: options)
    }
    let name = parts.isEmpty ? "" : parts[0].policyName
    let stats = parts.flatMap(\.statistics)
    let trace = options.recordTrace ? DailyTrace.merging(parts.compactMap(\.trace)) : nil
    let errors = parts.allSatisfy { $0.forecastErrors != nil } ? ForecastErrorTotals.concatenating(parts.map { $0.forecastErrors! }) : nil
    return SimulationResult(policyName: name, statistics: stats, trace: trace, forecastErrors: errors,
                            failure: parts.lazy.compactMap(\.failure).first)
  }

  /// Simulates every SKU of `network` together (one chunk) for the whole horizon.
  static func simulateChunk<P: ReplenishmentPolicy>(_ network: SupplyNetwork, policy: inout P, options: SimulationOptions) -> SimulationResult {
    let n = network.skus.count
    let horizon = network.horizonDays
    let warmUp = network.warmUpDays
    let calendar = network.calendar

    // Per-SKU streams and samplers; stationary Poisson SKUs draw from inversion tables.
    var demandPhase = CustomerDemandPhase(network.skus.map { sku in
      CustomerDemandPhase.Source(model: sku.demand, scale: 1, rng: Xoshiro256(seed: network.seed, entity: StreamKey.entity(sku.id), purpose: .demand, replication: options.replication),
                                 unmetDemand: sku.unmetDemand)
    })
    var leadRNG: [Xoshiro256] = []
    var leadSamplers: [LeadTimeSampler] = []
    var longestLead = 1
    for (k, sku) in network.skus.enumerated() {
      leadRNG.append(Xoshiro256(seed: network.seed, entity: StreamKey.entity(sku.id), purpose: .leadTime, replication: options.replication))
      let lead = network.leadTime(ofSKU: k)
      leadSamplers.append(lead.makeSampler())
      longestLead = max(longestLead, lead.typicalMaximum + 1)
    }
    // Closing-stock sums accumulate in their own arrays (vectorisable), folded into stats at the end.
    var onHandSum = Array(repeating: 0, count: n)
    var onOrderSum = Array(repeating: 0, count: n)
    var backorderSum = Array(repeating: 0, count: n)
    var measuredDays = 0

    // Supplier queues, for suppliers with a daily capacity or disruptions.
    var supplierQueues = SupplierQueues(network.suppliers, days: horizon, seed: network.seed, replication: options.replication)
    let supplierOf = network.skus.map(\.supplierIndex)
    let yieldRate = supplierOf.map { network.suppliers[$0].yieldRate }
    var yieldRNG = yieldRate.contains { $0 < 1 }
      ? network.skus.map { Xoshiro256(seed: network.seed, entity: StreamKey.entity($0.id), purpose: .yield, replication: options.replication) } : []

    // The inventory lives in three local arrays; they are swapped into `state` (O(1)) only while
    // the policy looks at them, so the hot loops own them exclusively.
    var state = InventoryState(skuCount: 0)
    var onHandUnits = network.skus.map(\.initialOnHand)
    var onOrderUnits = Array(repeating: 0, count: n)
    var backorderedUnits = Array(repeating: 0, count: n)
    var stats = Array(repeating: SKUStatistics(), count: n)
    var receipts = CalendarQueue<Shipment>(span: longestLead + 1)
    var arrivals: [Shipment] = []
    var orders = Array(repeating: 0, count: n)
    var demandToday = Array(repeating: 0, count: n)
    var trace: DailyTrace? = options.recordTrace ? DailyTrace(skuCount: n, reservingDays: horizon) : nil
    let tracing = trace != nil
    var shippedToday = Array(repeating: 0, count: tracing ? n : 0)
    var orderedToday = Array(repeating: 0, count: tracing ? n : 0)
    var receivedToday = Array(repeating: 0, count: tracing ? n : 0)
    var openingOnHand: [Int] = []

    // The position at which measurement starts: day 0's opening stock, or the close of warm-up.
    func recordOpeningPositions() {
      for k in 0..<n { stats[k].openingPosition = onHandUnits[k] + onOrderUnits[k] - backorderedUnits[k] }
    }
    if warmUp == 0 { recordOpeningPositions() }

    policy.start(replication: options.replication)
    for day in 0..<horizon {
      let measured = day >= warmUp
      if tracing {
        for k in 0..<n { shippedToday[k] = 0; orderedToday[k] = 0; receivedToday[k] = 0 }
      }

      // Receiving: put away, serve backorders first, close the replenishment cycle.
      // (A loop over today's arrivals rather than a closure: state captured by a closure would pay
      // a dynamic exclusivity check on every access.)
      receipts.drain(day: day, into: &arrivals)
      for s in arrivals {
        let k = Int(s.slot)
        let served = s.book(at: k, onHand: &onHandUnits, onOrder: &onOrderUnits, owed: &backorderedUnits, servesBackorders: true,
                            statistics: &stats[k], measured: measured, cycleHadStockout: demandPhase.closeCycle(k))
        if tracing { receivedToday[k] += s.units; shippedToday[k] += served }
      }

      // Dispatching: scheduled for day + lead (lead >= 1, see LeadTimeModel) unless it would
      // arrive after the horizon (it then stays on order).
      func dispatch(_ leaving: Shipment, lead: Int) {
        var shipment = leaving
        let k = Int(shipment.slot)
        if yieldRate[k] < 1 { shipment.applyYield(yieldRate[k], using: &yieldRNG[k]) }
        if day + lead < horizon { receipts.schedule(shipment, on: day + lead) }
      }
      if tracing { openingOnHand = onHandUnits }

      // Demand.
      stats.withUnsafeMutableBufferPointer { stat in
      onHandUnits.withUnsafeMutableBufferPointer { onHand in
      backorderedUnits.withUnsafeMutableBufferPointer { backordered in
      demandToday.withUnsafeMutableBufferPointer { demand in
        demandPhase.serve(day: day, measured: measured, calendar: calendar, onHand: onHand, backordered: backordered, stats: stat, demand: demand)
      }}}}
      if tracing {
        // Units served from stock: min(demand, stock available before demand).
        for k in 0..<n { shippedToday[k] += min(demandToday[k], openingOnHand[k]) }
      }

      // Review and ordering.
      policy.observe(demand: demandToday, day: day)
      swap(&state.onHand, &onHandUnits); swap(&state.onOrder, &onOrderUnits); swap(&state.backordered, &backorderedUnits)
      policy.decide(state, day: day, orders: &orders)
      swap(&state.onHand, &onHandUnits); swap(&state.onOrder, &onOrderUnits); swap(&state.backordered, &backorderedUnits)
      for k in 0..<n where orders[k] != 0 {
        let q = orders[k]
        orders[k] = 0
        precondition(q > 0, "policy \(policy.name) ordered \(q) units of SKU \(network.skus[k].id) on day \(day)")
        onOrderUnits[k] += q
        if measured { stats[k].orders += 1; stats[k].unitsOrdered += q }
        if tracing { orderedToday[k] += q }
        let j = supplierOf[k]
        if supplierQueues.isQueued(j) {
          supplierQueues.append(Shipment(slot: Int32(k), units: q), to: j)
        } else {
          let lead = leadSamplers[k].sample(using: &leadRNG[k])
          dispatch(Shipment(slot: Int32(k), units: q), lead: lead)
        }
      }
      // Queued suppliers ship first come, first served, within today's capacity (0 when down),
      // splitting orders if needed; lead-time spikes lengthen today's shipments.
      supplierQueues.release(day: day) { part in
        let k = Int(part.slot)
        dispatch(part, lead: leadSamplers[k].sample(using: &leadRNG[k]) + Int(part.extraLeadDays))
      }

      // Accrual on closing stock.
      // Sums use wrapping adds so the loops vectorise; Int64 sums of stock levels cannot wrap in practice.
      if measured {
        measuredDays += 1
        Self.accumulate(onHandUnits, into: &onHandSum)
        Self.accumulate(onOrderUnits, into: &onOrderSum)
        Self.accumulate(backorderedUnits, into: &backorderSum)
      }
      if day + 1 == warmUp { recordOpeningPositions() }
      if tracing {
        trace!.append(demand: demandToday, shipped: shippedToday, onHand: onHandUnits, onOrder: onOrderUnits,
                      backordered: backorderedUnits, ordered: orderedToday, received: receivedToday)
      }
    }
    policy.finish()
    for k in 0..<n {
      stats[k].closingPosition = onHandUnits[k] + onOrderUnits[k] - backorderedUnits[k]
      stats[k].days = measuredDays
      stats[k].onHandSum = onHandSum[k]
      stats[k].onOrderSum = onOrderSum[k]
      stats[k].backorderSum = backorderSum[k]
    }
    return SimulationResult(policyName: policy.name, statistics: stats, trace: trace, forecastErrors: policy.forecastErrors, failure: policy.failure)
  }

  /// `sums[k] += values[k]` for every k, with wrapping adds over raw buffers.
  @inline(__always)
  static func accumulate(_ values: [Int], into sums: inout [Int]) {
    values.withUnsafeBufferPointer { v in
      sums.withUnsafeMutableBufferPointer { s in
        for k in 0..<v.count { s[k] &+= v[k] }
      }
    }
  }
}

extension Simulator {
  /// The daily demand of every SKU over the whole horizon (warm-up included) in one replication:
  /// the same draws every policy sees. `paths[k][day]`.
  public static func demandPaths(_ network: SupplyNetwork, replication: UInt64 = 0, threads: Int = 1) -> [[Int]] {
    let result = run(network, options: SimulationOptions(recordTrace: true, threads: threads, replication: replication), separable: true) { _ in
      NeverOrder()
    }
    let trace = result.trace!
    return (0..<trace.skuCount).map { k in (0..<trace.dayCount).map { Int(trace.demand[trace.index(day: $0, sku: k)]) } }
  }
}

/// A policy that never orders: used to read demand paths, which do not depend on the policy.
struct NeverOrder: ReplenishmentPolicy {
  var name: String { "never order" }
  func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {}
}
