import Parallelism
import Stochastics

/// The one-node fast path of `Simulation.run`: the day's phases of `NetworkEngine` for a network
/// of one stocking node that buys from suppliers without capacity-limited lanes, with state in
/// plain arrays and no node loop (about 40 M SKU-days per second on one core).
///
/// It produces exactly what `NetworkEngine` produces for such a network (statistics, trace,
/// forecast errors, closing stock; a one-node run records no flow moments), which the
/// differential test in `SimulationEngineTests` checks on randomly generated scenarios.
enum SingleNodeKernel {
  /// Runs one policy at the network's only node.
  ///
  /// - Parameters:
  ///   - network: A one-node network without capacity-limited lanes (`Simulation.kernelApplies(to:echelonStock:)`).
  ///   - makePolicy: Builds the policy for the SKUs in a range of `network.skus`.
  /// - Complexity: O(horizon × SKUs) time; memory O(SKUs × longest lead time) without the trace.
  static func run<P: ReplenishmentPolicy>(
    _ network: SupplyNetwork, options: SimulationOptions, separable: Bool, makePolicy: @Sendable (Range<Int>) -> P
  ) -> SimulationResult {
    let network = network.realized(replication: options.replication)
    let n = network.skus.count
    let chunkSize = Simulation.chunkSize
    let chunks: [Range<Int>] = separable && network.skusAreIndependent && n > chunkSize
      ? stride(from: 0, to: n, by: chunkSize).map { $0..<min($0 + chunkSize, n) }
      : [0..<n]
    let parts = Parallel.map(chunks.count, threads: options.threads) { i in
      let range = chunks[i]
      let sub = chunks.count == 1 ? network : network.restricted(to: range)
      var policy = makePolicy(range)
      return simulateChunk(sub, policy: &policy, options: options, firstSlot: range.lowerBound)
    }
    let name = parts.isEmpty ? "" : parts[0].policyName
    // Sized once: appending chunk by chunk would regrow (and briefly double) a million SKUs' totals.
    var stats: [SKUStatistics] = []
    stats.reserveCapacity(n)
    for part in parts { stats += part.statistics }
    let trace = options.recordTrace && options.traceSink == nil ? DailyTrace.merging(parts.compactMap(\.trace)) : nil
    let errors = parts.allSatisfy { $0.forecastErrors != nil } ? ForecastErrorTotals.concatenating(parts.map { $0.forecastErrors! }) : nil
    let closing = parts.compactMap(\.closingStock)
    return SimulationResult(policyName: name, statistics: stats, trace: trace, forecastErrors: errors,
                            closingStock: InventoryState(onHand: closing.flatMap(\.onHand), onOrder: closing.flatMap(\.onOrder),
                                                         backordered: closing.flatMap(\.backordered)),
                            failure: parts.lazy.compactMap(\.failure).first)
  }

  /// Simulates every SKU of `network` together (one chunk) for the whole horizon.
  ///
  /// - Parameter firstSlot: The slot of the chunk's first SKU in the whole run, for the blocks
  ///   handed to `options.traceSink`.
  /// - Parameter dayClosed: Called at the end of every day, after accrual, with the day, the
  ///   running totals per SKU (without the closing-stock sums, which are folded in at the end)
  ///   and the closing on-hand and backordered units (`AgentEnvironment` reads each day's costs
  ///   from them); nil in runs.
  static func simulateChunk<P: ReplenishmentPolicy>(
    _ network: SupplyNetwork, policy: inout P, options: SimulationOptions, firstSlot: Int = 0,
    dayClosed: ((_ day: Int, _ statistics: [SKUStatistics], _ onHand: [Int], _ backordered: [Int]) -> Void)? = nil
  ) -> SimulationResult {
    let n = network.skus.count
    let horizon = network.horizonDays
    let warmUp = network.warmUpDays
    let calendar = network.calendar
    let node = network.topology.nodes[0]
    let namespace = node.streamNamespace

    // Per-SKU streams and samplers; stationary Poisson SKUs draw from inversion tables.
    var demandPhase = CustomerDemandPhase(network.skus.enumerated().map { k, sku in
      CustomerDemandPhase.Source(model: sku.demand, scale: node.demandFactor, rng: Xoshiro256(seed: network.seed, entity: StreamKey.entity(sku.id, namespace: namespace), purpose: .demand, replication: options.replication),
                                 unmetDemand: sku.unmetDemand, profileKey: k)
    })
    var leadRNG: [Xoshiro256] = []
    var leadSamplers: [LeadTimeSampler] = []
    var longestLead = 1
    for (k, sku) in network.skus.enumerated() {
      leadRNG.append(Xoshiro256(seed: network.seed, entity: StreamKey.entity(sku.id, namespace: namespace), purpose: .leadTime, replication: options.replication))
      let lead = network.leadTime(ofNode: 0, sku: k)
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
      ? network.skus.map { Xoshiro256(seed: network.seed, entity: StreamKey.entity($0.id, namespace: namespace), purpose: .yield, replication: options.replication) } : []

    // The inventory lives in three local arrays; they are swapped into `state` (O(1)) only while
    // the policy looks at them, so the hot loops own them exclusively.
    var state = InventoryState(skuCount: 0)
    var onHandUnits = network.initialStock[0]
    var onOrderUnits = Array(repeating: 0, count: n)
    var backorderedUnits = Array(repeating: 0, count: n)
    var stats = Array(repeating: SKUStatistics(), count: n)
    var receipts = CalendarQueue<Shipment>(span: longestLead + 1)
    var arrivals: [Shipment] = []
    var orders = Array(repeating: 0, count: n)
    var demandToday = Array(repeating: 0, count: n)
    let sink = options.recordTrace ? options.traceSink : nil
    var trace: DailyTrace? = options.recordTrace ? DailyTrace(skuCount: n, reservingDays: sink.map { min($0.blockDays, horizon) } ?? horizon) : nil
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
    let observesPipeline = policy.observesPipeline
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
      if observesPipeline { DayPhases.pipeline(of: receipts, after: day, slots: 0..<n, into: &state.inTransit) }
      policy.decide(state, day: day, orders: &orders)
      swap(&state.onHand, &onHandUnits); swap(&state.onOrder, &onOrderUnits); swap(&state.backordered, &backorderedUnits)
      for k in 0..<n where orders[k] != 0 {
        let q = orders[k]
        orders[k] = 0
        precondition(q > 0, DayPhases.negativeOrder(policy: policy.name, node: node, sku: network.skus[k].id, units: q, day: day, nodeCount: 1))
        DayPhases.bookOrder(q, onOrder: &onOrderUnits[k], statistics: &stats[k], measured: measured)
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
        DayPhases.accumulate(onHandUnits, into: &onHandSum)
        DayPhases.accumulate(onOrderUnits, into: &onOrderSum)
        DayPhases.accumulate(backorderedUnits, into: &backorderSum)
      }
      if day + 1 == warmUp { recordOpeningPositions() }
      if tracing {
        trace!.append(demand: demandToday, shipped: shippedToday, onHand: onHandUnits, onOrder: onOrderUnits,
                      backordered: backorderedUnits, ordered: orderedToday, received: receivedToday)
        if let sink, (day + 1) % sink.blockDays == 0 || day + 1 == horizon {
          sink.receive(trace!, firstSlot: firstSlot, firstDay: day + 1 - trace!.dayCount)
          trace!.removeAllDays()
        }
      }
      if let dayClosed { dayClosed(day, stats, onHandUnits, backorderedUnits) }
    }
    policy.finish()
    for k in 0..<n {
      stats[k].closingPosition = onHandUnits[k] + onOrderUnits[k] - backorderedUnits[k]
      stats[k].days = measuredDays
      stats[k].onHandSum = onHandSum[k]
      stats[k].onOrderSum = onOrderSum[k]
      stats[k].backorderSum = backorderSum[k]
    }
    return SimulationResult(policyName: policy.name, statistics: stats, trace: sink == nil ? trace : nil, forecastErrors: policy.forecastErrors,
                            closingStock: InventoryState(onHand: onHandUnits, onOrder: onOrderUnits, backordered: backorderedUnits),
                            failure: policy.failure)
  }
}
