import Parallelism
import Stochastics

/// The general engine of `Simulation.run`: runs any network day by day (the phases are
/// documented on `Simulation`). Every stocking node runs its own policy, internal nodes ship to
/// the nodes they supply under their allocation rule, and customer-facing nodes serve demand.
///
/// Unfilled downstream orders wait at the upstream node (internal backorders); customer demand
/// is backordered or lost per SKU. Flow moments (bullwhip) are recorded for several nodes only.
enum NetworkEngine {
  /// Runs one policy per node.
  ///
  /// - Parameters:
  ///   - network: Any network.
  ///   - options: Trace, threads and replication. A trace keeps every stocking point, in
  ///     `SimulationResult.pointIndex` order.
  ///   - separable: True when each node's policy decides each SKU on its own data.
  ///   - echelonStock: Pass echelon positions to the policies (see the type's notes).
  ///   - makePolicy: Builds the policy of a node for the SKUs in a range of `network.skus`.
  /// - Returns: Statistics, flow moments and closing stock per stocking point, indexed
  ///   `node × skuCount + sku` with nodes in scenario order.
  static func run<P: ReplenishmentPolicy>(
    _ network: SupplyNetwork, options: SimulationOptions = SimulationOptions(), separable: Bool, echelonStock: Bool,
    makePolicy: @Sendable (_ node: Int, _ skus: Range<Int>) -> P
  ) -> SimulationResult {
    let topology = network.topology
    let network = network.realized(replication: options.replication)
    let n = network.skus.count
    let nodeCount = topology.nodes.count
    let skusPerChunk = max(1, Simulation.chunkSize / nodeCount)
    let independent = separable && network.skusAreIndependent && !options.recordTrace
    // SKUs coupled by capacity-limited suppliers or lanes run in lock step, one chunk per thread
    // (see `LaneCoupling`), when there are enough of them per chunk to pay for a barrier a day.
    let lockStep = independent || !separable || options.recordTrace || !LaneCoupling.supports(network) ? 1
      : max(1, min(options.threads, Parallel.defaultThreadCount, n / lockStepSKUs))
    let chunks: [Range<Int>] = lockStep > 1 ? (0..<lockStep).map { c in (c * n / lockStep)..<((c + 1) * n / lockStep) }
      : independent && n > skusPerChunk ? stride(from: 0, to: n, by: skusPerChunk).map { $0..<min($0 + skusPerChunk, n) }
      : [0..<n]
    let parts: [ChunkResult]
    if lockStep > 1 {
      let hub = LaneCoupling(network, skusPerChunk: chunks.map(\.count), barrier: Barrier(parties: lockStep), replication: options.replication)
      parts = LockStep.run(lockStep) { i, _ in
        var policies = (0..<nodeCount).map { makePolicy($0, chunks[i]) }
        return simulateChunk(network.restricted(to: chunks[i]), policies: &policies, echelonStock: echelonStock, options: options,
                             coupling: (hub, i))
      }
    } else {
      parts = Parallel.map(chunks.count, threads: options.threads) { i in
        let range = chunks[i]
        let sub = chunks.count == 1 ? network : network.restricted(to: range)
        var policies = (0..<nodeCount).map { makePolicy($0, range) }
        // A run in one chunk draws its customer demand ahead on a second thread when it may use one.
        return simulateChunk(sub, policies: &policies, echelonStock: echelonStock, options: options,
                             prefetchDemand: chunks.count == 1 && options.threads > 1)
      }
    }
    // Chunks hold points node-major over their own SKUs; interleave them back per node.
    func merged<T>(_ field: (ChunkResult) -> [T]) -> [T] {
      var all: [T] = []
      all.reserveCapacity(nodeCount * n)
      for node in 0..<nodeCount {
        for (c, part) in parts.enumerated() {
          let width = chunks[c].count
          all += field(part)[(node * width)..<((node + 1) * width)]
        }
      }
      return all
    }
    let closing = InventoryState(onHand: merged { $0.closing.onHand }, onOrder: merged { $0.closing.onOrder }, backordered: merged { $0.closing.backordered })
    let errors = parts.allSatisfy { $0.forecastErrors.allSatisfy { $0 != nil } }
      ? ForecastErrorTotals.concatenating((0..<nodeCount).flatMap { node in parts.map { $0.forecastErrors[node]! } })
      : nil
    return SimulationResult(policyName: parts.first?.policyName ?? "", statistics: merged(\.statistics), trace: parts.count == 1 ? parts[0].trace : nil,
                            forecastErrors: errors, flow: nodeCount > 1 ? merged(\.flow) : [], closingStock: closing, failure: parts.lazy.compactMap(\.failure).first)
  }

  /// The fewest SKUs per chunk for coupled SKUs to run in lock step.
  static let lockStepSKUs = 256

  /// What one chunk of SKUs produced, per point in node-major (scenario) order.
  struct ChunkResult {
    var policyName: String
    var statistics: [SKUStatistics]
    var flow: [FlowMoments]
    var closing: InventoryState
    var trace: DailyTrace?
    var forecastErrors: [ForecastErrorTotals?]
    var failure: PolicyFailure?
  }

  /// An open order of a downstream stocking point at its source.
  struct Request: Sendable, Equatable {
    /// The ordering point (internal index).
    var child: Int32
    /// Units still owed (64-bit, like every quantity).
    var units: Int
    /// The day it was placed.
    var day: Int32
    /// The ordering node's customer class.
    var priority: Int32

    /// Creates a request.
    init(child: Int32, units: Int, day: Int32, priority: Int32) {
      self.child = child
      self.units = units
      self.day = day
      self.priority = priority
    }
  }

  /// How many units each open request (oldest first) gets when `available` units are shared
  /// under `rule`; every request gets everything when there is enough.
  static func allocation(of available: Int, to requests: [Request], rule: AllocationRule) -> [Int] {
    let asked = requests.map(\.units)
    let total = asked.reduce(0, +)
    if available >= total { return asked }
    var give = Array(repeating: 0, count: requests.count)
    switch rule {
    case .firstComeFirstServed, .priority:
      let order = rule == .priority
        ? requests.indices.sorted { (requests[$0].priority, $0) < (requests[$1].priority, $1) }
        : Array(requests.indices)
      var left = available
      for i in order where left > 0 {
        give[i] = min(asked[i], left)
        left -= give[i]
      }
    case .fairShare:
      // Hamilton's method: floors of the exact shares, then one unit each to the largest remainders.
      var handed = 0
      var remainders: [(remainder: Int, index: Int)] = []
      for i in requests.indices {
        let exact = available * asked[i]
        give[i] = exact / total
        handed += give[i]
        remainders.append((exact % total, i))
      }
      remainders.sort { ($1.remainder, $0.index) < ($0.remainder, $1.index) }
      for r in remainders.prefix(available - handed) { give[r.index] += 1 }
    }
    return give
  }

  /// Where each stocking point of a chunk gets its stock and what it ships with, by internal
  /// point index p = rank(node) × m + sku.
  struct PointLayout {
    /// The point that supplies p, or -1 for a point an external supplier supplies.
    var parentPoint: [Int]
    /// The external supplier of p, or -1.
    var supplierOf: [Int]
    /// p's inbound lane, or -1.
    var laneOf: [Int]
    /// The customer class of p's node.
    var priorityOf: [Int32]
    /// The points p supplies.
    var childPoints: [[Int]]
    /// p's lead-time stream and sampler.
    var leadStreams: [Xoshiro256] = []
    var leadSamplers: [LeadTimeSampler] = []
    /// p's fixed lead time, or -1 when it is drawn (fixed times skip the sampler and its stream,
    /// which they would not draw from anyway).
    var fixedLead: [Int]
    /// For a uniform lead time: its shortest value and how many values it takes (the sampler's
    /// draw, made inline); 0 values otherwise.
    var uniformLow: [Int]
    var uniformValues: [Int]
    /// Opening stock of p.
    var initialOnHand: [Int]
    /// The longest typical lead time plus one.
    var longestLead = 1

    init(_ network: SupplyNetwork, rank: [Int], replication: UInt64) {
      let topology = network.topology, nodes = topology.nodes
      let m = network.skus.count, pointCount = nodes.count * m
      parentPoint = Array(repeating: -1, count: pointCount)
      supplierOf = Array(repeating: -1, count: pointCount)
      laneOf = Array(repeating: -1, count: pointCount)
      priorityOf = Array(repeating: Int32(0), count: pointCount)
      childPoints = Array(repeating: [], count: pointCount)
      initialOnHand = Array(repeating: 0, count: pointCount)
      for node in topology.downstreamFirst {
        for k in 0..<m {
          let p = rank[node] * m + k
          let sku = network.skus[k]
          if let parent = topology.parent(ofNode: node, sku: k) {
            parentPoint[p] = rank[parent] * m + k
          } else {
            supplierOf[p] = sku.supplierIndex
          }
          laneOf[p] = topology.sourceLane[node][k] ?? -1
          priorityOf[p] = Int32(clamping: nodes[node].priority)
          initialOnHand[p] = network.initialStock[node][k]
          leadStreams.append(Xoshiro256(seed: network.seed, entity: StreamKey.entity(sku.id, namespace: nodes[node].streamNamespace), purpose: .leadTime, replication: replication))
          let lead = network.leadTime(ofNode: node, sku: k)
          leadSamplers.append(lead.makeSampler())
          longestLead = max(longestLead, lead.typicalMaximum + 1)
        }
      }
      for p in 0..<pointCount where parentPoint[p] >= 0 { childPoints[parentPoint[p]].append(p) }
      fixedLead = leadSamplers.map { sampler -> Int in
        guard sampler.isDeterministic else { return -1 }
        var unused = Xoshiro256(seed: 0)
        return sampler.sample(using: &unused)
      }
      uniformLow = Array(repeating: 0, count: pointCount)
      uniformValues = Array(repeating: 0, count: pointCount)
      for p in 0..<pointCount {
        if case let .uniform(lo, hi) = leadSamplers[p].kind, hi >= lo { (uniformLow[p], uniformValues[p]) = (lo, hi - lo + 1) }
      }
    }
  }

  /// Shipments that left during a day's review, in order: a growable buffer whose appends cost
  /// no copy-on-write check.
  struct Departures {
    private(set) var storage = Column(repeating: Shipment(slot: 0, units: 0), count: 64)
    /// The number of shipments listed.
    private(set) var count = 0

    /// Lists a shipment after the others.
    @inline(__always)
    mutating func append(_ s: Shipment) {
      if count == storage.values.count {
        let larger = Column(repeating: Shipment(slot: 0, units: 0), count: 2 * count)
        _ = larger.values.update(fromContentsOf: storage.values)
        storage = larger
      }
      storage[count] = s
      count += 1
    }

    /// Empties the list (keeping its room).
    mutating func removeAll() { count = 0 }
  }

  /// How each point's lead times are drawn: fixed, uniform (drawn inline, as the sampler draws
  /// them) or by its sampler.
  struct LeadDraws {
    var fixed: [Int]
    var uniformLow: [Int]
    var uniformValues: [Int]
    var samplers: [LeadTimeSampler]
  }

  /// A shipment for point `s.slot` enters transit on `day`: its lead time is drawn from the
  /// point's stream and it is scheduled to arrive, unless that is after the horizon.
  ///
  /// - Parameter today: The day being simulated (`day`, or the day after for a shipment whose
  ///   transit was deferred a day; see `simulateChunk`).
  @inline(__always)
  static func enterTransit(_ s: Shipment, day: Int, today: Int, horizon: Int, leads: LeadDraws, leadRNG: UnsafeMutableBufferPointer<Xoshiro256>,
                           receipts: inout ReceiptRing) {
    let p = Int(s.slot)
    let drawn = leads.fixed[p] >= 0 ? leads.fixed[p]
      : leads.uniformValues[p] > 0 ? max(1, leads.uniformLow[p] + leadRNG[p].nextInt(below: leads.uniformValues[p]))
      : leads.samplers[p].sample(using: &leadRNG[p])
    let lead = drawn + Int(s.extraLeadDays)
    // lead >= 1 (LeadTimeModel), and >= 2 for a deferred shipment: it arrives after `today`.
    if day + lead < horizon { receipts.schedule(s, on: day + lead, today: today) }
  }

  /// Simulates all SKUs of `network` at all nodes (one chunk) for the whole horizon.
  ///
  /// - Parameters:
  ///   - prefetchDemand: Draw customer demand ahead on a second thread (the results are the same
  ///     either way; see `DemandPrefetch`).
  ///   - coupling: The queues this chunk shares with the other chunks of a lock-step run, and
  ///     its number there; nil when it runs alone.
  static func simulateChunk<P: ReplenishmentPolicy>(_ network: SupplyNetwork, policies: inout [P], echelonStock: Bool, options: SimulationOptions,
                                                    prefetchDemand: Bool = false, coupling: (hub: LaneCoupling, chunk: Int)? = nil) -> ChunkResult {
    let topology = network.topology
    let nodes = topology.nodes
    let m = network.skus.count
    let order = topology.downstreamFirst
    var rank = Array(repeating: 0, count: nodes.count)
    for (r, node) in order.enumerated() { rank[node] = r }
    let pointCount = nodes.count * m
    let leafNodes = order.prefix { topology.isCustomerFacing($0) }
    let leafPoints = leafNodes.count * m
    let horizon = network.horizonDays, warmUp = network.warmUpDays
    precondition(horizon <= Int(Int32.max), "the network simulator runs at most \(Int32.max) days, got a horizon of \(horizon)")
    let replication = options.replication
    let recordsFlow = nodes.count > 1

    // Internal points: p = rank(node) × m + sku, so customer-facing points come first. The
    // layout is immutable from here on (constants: no closure below boxes or checks them).
    let layout = PointLayout(network, rank: rank, replication: replication)
    let parentPoint = layout.parentPoint, supplierOf = layout.supplierOf, laneOf = layout.laneOf
    let priorityOf = layout.priorityOf, childPoints = layout.childPoints
    let leads = LeadDraws(fixed: layout.fixedLead, uniformLow: layout.uniformLow, uniformValues: layout.uniformValues, samplers: layout.leadSamplers)
    let demandPhase = CustomerDemandPhase(leafNodes.flatMap { node in
      network.skus.enumerated().map { k, sku in
        CustomerDemandPhase.Source(
          model: sku.demand, scale: nodes[node].demandFactor,
          rng: Xoshiro256(seed: network.seed, entity: StreamKey.entity(sku.id, namespace: nodes[node].streamNamespace), purpose: .demand, replication: replication),
          unmetDemand: sku.unmetDemand, profileKey: k)
      }
    })
    let customerCycleShort = demandPhase.cycleShort, backorderFlags = demandPhase.backorderFlags
    // In lock step, any chunk may draw the next day's demand while it waits at the barrier.
    let customerDemand = DemandPrefetch(demandPhase, calendar: network.calendar, horizon: horizon,
                                        mode: coupling != nil ? .shared : prefetchDemand ? .concurrent : .onDemand)

    let yieldRate = supplierOf.map { $0 >= 0 ? network.suppliers[$0].yieldRate : 1 }
    var yieldRNG: [Xoshiro256] = []
    if yieldRate.contains(where: { $0 < 1 }) {
      for node in order {
        for sku in network.skus {
          yieldRNG.append(Xoshiro256(seed: network.seed, entity: StreamKey.entity(sku.id, namespace: nodes[node].streamNamespace), purpose: .yield, replication: replication))
        }
      }
    }
    var supplierQueues = SupplierQueues(network.suppliers, days: horizon, seed: network.seed, replication: replication)
    let laneCapacity = topology.lanes.map(\.capacityPerDay)
    let laneQueue = Column(repeating: ShipmentQueue(), count: topology.lanes.count)
    // In a lock-step run, what this chunk puts into the shared queues today and what comes back.
    var supplierItems: [LaneCoupling.SupplierItem] = [], laneItems: [LaneCoupling.LaneItem] = [], released: [Shipment] = []
    if let (hub, chunk) = coupling { hub.start(chunk: chunk, laneOf: laneOf, demand: customerDemand) }

    // Per-point state lives in columns (see `ColumnArena`): internal index p, customer-facing points
    // first. The loops below work on raw buffers (constants the compiler keeps in registers); the
    // arena owns their memory and lives until the function returns.
    let arena = ColumnArena()
    defer { withExtendedLifetime(arena) {} }
    let onHand = arena.column(layout.initialOnHand)
    let onOrder = arena.column(repeating: 0, count: pointCount)
    let owed = arena.column(repeating: 0, count: pointCount)
    let leadRNG = arena.column(layout.leadStreams)
    var requests = RequestLists(points: pointCount)
    // The points each point supplies, flat: childList[childStart[p]..<childStart[p + 1]], in
    // ascending order (the order their nodes are reviewed in).
    let childStart = arena.column(repeating: 0, count: pointCount + 1)
    for p in 0..<pointCount { childStart[p + 1] = childStart[p] + childPoints[p].count }
    let childList = arena.column(childPoints.flatMap { $0 })
    let internalCycleShort = arena.column(repeating: false, count: pointCount)
    let stats = arena.column(repeating: SKUStatistics(), count: pointCount)
    // The daily sums of `stats` (see `PointTally`), each point's in one cache line.
    let tally = arena.column(repeating: PointTally(), count: pointCount, alignment: 64)
    let flow = arena.column(repeating: FlowMoments(), count: pointCount)
    let demandToday = arena.column(repeating: 0, count: pointCount)
    let orderedToday = arena.column(repeating: 0, count: pointCount)
    let filledToday = arena.column(repeating: 0, count: pointCount)
    let echelonPosition = arena.column(repeating: 0, count: pointCount)
    var receipts = ReceiptRing(points: pointCount, span: layout.longestLead + 1)
    var departures = Departures()
    var state = InventoryState(skuCount: m)
    var orders = Array(repeating: 0, count: m)
    var nodeDemand = Array(repeating: 0, count: m)
    let onHandSum = arena.column(repeating: 0, count: pointCount)
    let onOrderSum = arena.column(repeating: 0, count: pointCount)
    let owedSum = arena.column(repeating: 0, count: pointCount)
    var measuredDays = 0

    // Tracing keeps every point in scenario order: trace slot of internal point p.
    let tracing = options.recordTrace
    var traceSlot = Array(repeating: 0, count: pointCount)
    for node in nodes.indices { for k in 0..<m { traceSlot[rank[node] * m + k] = node * m + k } }
    let sink = tracing ? options.traceSink : nil
    var trace: DailyTrace? = tracing ? DailyTrace(skuCount: pointCount, reservingDays: sink.map { min($0.blockDays, horizon) } ?? horizon) : nil
    let shippedToday = arena.column(repeating: 0, count: tracing ? pointCount : 0)
    let receivedToday = arena.column(repeating: 0, count: tracing ? pointCount : 0)

    // Positions for the purchase-cost window correction are echelon positions (the point's own
    // plus everything it supplies), so stock that moved downstream inside the window is not
    // charged as a purchase the window's demand consumed. Children come first in `order`.
    func echelonPositions() -> [Int] {
      var position = Array(repeating: 0, count: pointCount)
      for p in 0..<pointCount {
        position[p] = onHand[p] + onOrder[p] - owed[p]
        for c in childPoints[p] { position[p] += position[c] }
      }
      return position
    }
    func recordOpeningPositions() {
      let position = echelonPositions()
      for p in 0..<pointCount { stats[p].openingPosition = position[p] }
    }
    if warmUp == 0 { recordOpeningPositions() }

    for node in policies.indices { policies[node].start(replication: options.replication) }
    let observesPipeline = policies.map(\.observesPipeline)
    // In lock step, the shipments the serial step releases on day d enter transit here at the
    // end of day d + 1 (a day of slack: this chunk runs day d + 1 while the others finish day d,
    // and waits for the serial step only then) when that changes nothing: every such shipment
    // takes at least 2 days (so it still arrives after the day it is booked on, on the day it
    // would have), its point's lead-time draws keep their order (its shipments enter transit in
    // this one place), and no policy looks at the pipeline, where it would show a day late.
    // Chunks may differ in this: each arrives once a day and waits before it arrives again.
    let defersTransit = coupling.map { $0.hub.releasesTakeTwoDays } == true && !observesPipeline.contains(true)
    // This chunk's last arrival at the barrier, while it has not yet waited on it.
    var pendingArrival: Barrier.Arrival?
    for day in 0..<horizon {
      let measured = day >= warmUp
      demandToday.slice(leafPoints..<pointCount).update(repeating: 0)
      filledToday.slice(leafPoints..<pointCount).update(repeating: 0)
      orderedToday.update(repeating: 0)
      if tracing { shippedToday.update(repeating: 0); receivedToday.update(repeating: 0) }

      // Receiving: customer-facing points serve their backorders first; internal points ship in
      // the review phase, under their allocation rule.
      // (A loop, not a closure: state a closure captures pays a dynamic exclusivity check.)
      // A day's shipments to one point are booked together (see `ReceiptRing`).
      let row = receipts.row(day)
      let cells = receipts.cells.values
      for p in 0..<pointCount where cells[row + p].count != 0 {
        let cell = cells[row + p]
        let units = cell.units, lost = receipts.takeLost(row + p), shipments = Int(cell.count)
        cells[row + p] = ReceiptRing.Cell()
        let customerFacing = p < leafPoints
        let short = customerFacing ? customerCycleShort[p] : internalCycleShort[p]
        if customerFacing { customerCycleShort[p] = false } else { internalCycleShort[p] = false }
        onOrder[p] -= units + lost
        var served = 0
        if customerFacing, owed[p] > 0 {
          served = min(owed[p], units)
          owed[p] -= served
        }
        onHand[p] += units - served
        if measured {
          if lost != 0 { stats[p].unitsLostInTransit += lost }
          tally[p].backordersServed += served
          tally[p].unitsReceived += units
          tally[p].cycles += shipments
          if short { tally[p].cyclesWithStockout += 1 }
        }
        if tracing { receivedToday[p] += units; shippedToday[p] += served }
      }

      // Moving: a shipment for point p enters transit now (`enterTransit`) or waits for its
      // lane's capacity. No closure captures the state it touches: a variable a closure captures
      // pays a dynamic exclusivity check at every access.
      // The review lists what leaves (in order) and moves it afterwards, so its loops call no
      // closure; nothing reviewed today reads what left earlier in the review.
      departures.removeAll()

      // Customer demand.
      let openingOnHand = tracing ? Array(onHand.slice(0..<leafPoints)) : []
      let drawn = customerDemand.demand(onDay: day)
      _ = demandToday.slice(0..<leafPoints).update(fromContentsOf: drawn)
      backorderFlags.withUnsafeBufferPointer { flags in
        CustomerDemandPhase.settle(drawn, backorders: flags, cycleShort: customerCycleShort, measured: measured, onHand: onHand.slice(0..<leafPoints),
                                   backordered: owed.slice(0..<leafPoints), tally: tally.slice(0..<leafPoints),
                                   stats: stats.slice(0..<leafPoints))
      }
      if tracing { for p in 0..<leafPoints { shippedToday[p] += min(demandToday[p], openingOnHand[p]) } }

      // Review, downstream first.
      for (r, node) in order.enumerated() {
        let base = r * m
        if r * m >= leafPoints {
          for p in base..<(base + m) {
            // p's open orders: those still open from earlier days (`requests`, oldest first), then
            // today's orders of its children, one per child that ordered (in `orderedToday`), in
            // the order they were placed (children in review order). Today's join `requests` only
            // if they stay open, so most orders never enter its lists.
            let children = childStart[p]..<childStart[p + 1]
            if owed[p] > 0 && onHand[p] > 0 {
              if onHand[p] >= owed[p] {
                // Enough for everyone: ship every open order in full (the common case).
                var i = requests.first(p)
                while i >= 0 {
                  let request = requests[i]
                  departures.append(Shipment(slot: request.child, units: request.units))
                  if Int(request.day) == day { filledToday[p] += request.units } else if measured { tally[p].backordersServed += request.units }
                  i = requests.after(i)
                }
                requests.close(p)
                for j in children {
                  let c = childList[j], units = orderedToday[c]
                  if units > 0 {
                    departures.append(Shipment(slot: Int32(truncatingIfNeeded: c), units: units))
                    filledToday[p] += units
                  }
                }
                if tracing { shippedToday[p] += owed[p] }
                onHand[p] -= owed[p]
                owed[p] = 0
              } else {
                var open = requests.requests(of: p)
                for j in children where orderedToday[childList[j]] > 0 {
                  let c = childList[j]
                  open.append(Request(child: Int32(truncatingIfNeeded: c), units: orderedToday[c], day: Int32(day), priority: priorityOf[c]))
                }
                let give = allocation(of: onHand[p], to: open, rule: nodes[node].allocation)
                var kept = 0
                for i in open.indices {
                  var request = open[i]
                  let units = give[i]
                  if units > 0 {
                    departures.append(Shipment(slot: request.child, units: units))
                    if Int(request.day) == day { filledToday[p] += units } else if measured { tally[p].backordersServed += units }
                    request.units -= units
                  }
                  if request.units > 0 { open[kept] = request; kept += 1 }
                }
                open.removeLast(open.count - kept)
                requests.replace(p, with: open)
                let shipped = give.reduce(0, +)
                onHand[p] -= shipped
                owed[p] -= shipped
                if tracing { shippedToday[p] += shipped }
              }
            } else {
              // Nothing ships: today's orders stay open.
              for j in children where orderedToday[childList[j]] > 0 {
                let c = childList[j]
                requests.append(Request(child: Int32(truncatingIfNeeded: c), units: orderedToday[c], day: Int32(day), priority: priorityOf[c]), to: p)
              }
            }
            let short = demandToday[p] - filledToday[p]
            if short > 0 { internalCycleShort[p] = true }
            if measured {
              // Today's orders were filled (`filledToday`) or short: the tally keeps the demand
              // and the units short (see `PointTally`).
              tally[p].demand += demandToday[p]
              if short > 0 { tally[p].unitsShort += short; tally[p].stockoutDays += 1 }
            }
          }
        }
        // The node's slices are copied into the policy's arrays through raw buffers: one
        // uniqueness check per array and node-day, not one per SKU.
        let points = base..<(base + m)
        nodeDemand.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: demandToday.slice(points)) }
        policies[node].observe(demand: nodeDemand, day: day)
        state.onOrder.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: onOrder.slice(points)) }
        if echelonStock {
          state.onHand.withUnsafeMutableBufferPointer { stateOnHand in
            state.backordered.withUnsafeMutableBufferPointer { stateOwed in
              for k in 0..<m {
                let p = base + k
                var position = onHand[p] + onOrder[p] - owed[p]
                for c in childPoints[p] { position += echelonPosition[c] }
                echelonPosition[p] = position
                stateOnHand[k] = position - onOrder[p]
                stateOwed[k] = 0
              }
            }
          }
        } else {
          state.onHand.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: onHand.slice(points)) }
          state.backordered.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: owed.slice(points)) }
        }
        if observesPipeline[node] { receipts.pipeline(after: day, slots: base..<(base + m), into: &state.inTransit) }
        policies[node].decide(state, day: day, orders: &orders)
        for k in 0..<m where orders[k] != 0 {
          let q = orders[k]
          let p = base + k
          precondition(q > 0, DayPhases.negativeOrder(policy: policies[node].name, node: nodes[node], sku: network.skus[k].id, units: q, day: day,
                                                      nodeCount: nodes.count))
          onOrder[p] += q  // `DayPhases.bookOrder`, on the tally
          if measured { tally[p].orders += 1; tally[p].unitsOrdered += q }
          echelonPosition[p] += q
          orderedToday[p] += q
          let parent = parentPoint[p]
          if parent >= 0 {
            // The order waits in `orderedToday` until the parent's review (see there).
            owed[parent] += q
            demandToday[parent] += q
          } else if supplierQueues.isQueued(supplierOf[p]) {
            if coupling == nil {
              supplierQueues.append(Shipment(slot: Int32(p), units: q), to: supplierOf[p])
            } else {
              supplierItems.append(LaneCoupling.SupplierItem(rank: Int32(r), supplier: Int32(supplierOf[p]), shipment: Shipment(slot: Int32(p), units: q)))
            }
          } else {
            var s = Shipment(slot: Int32(p), units: q)
            if yieldRate[p] < 1 { s.applyYield(yieldRate[p], using: &yieldRNG[p]) }
            departures.append(s)
          }
        }
        orders.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
      }

      for i in 0..<departures.count {
        let s = departures.storage[i]
        let l = laneOf[Int(s.slot)]
        if l >= 0, laneCapacity[l] != nil {
          if coupling == nil { laneQueue[l].append(s) } else { laneItems.append(LaneCoupling.LaneItem(lane: Int32(l), shipment: s)) }
        } else {
          enterTransit(s, day: day, today: day, horizon: horizon, leads: leads, leadRNG: leadRNG, receipts: &receipts)
        }
      }

      // Suppliers ship from their queues within today's capacity; then lanes move what they can.
      if let (hub, chunk) = coupling {
        // In lock step the serial step does this for every chunk (see `LaneCoupling`).
        // Without deferral: arrive, then wait for today's shipments. With it: wait for
        // yesterday's, then arrive (see `defersTransit`). While it waits, a chunk draws the next
        // day's customer demand, its own or another chunk's (it needs nothing the others write).
        if !defersTransit {
          pendingArrival = hub.post(chunk: chunk, day: day, supplierItems: &supplierItems, laneItems: &laneItems)
        }
        if let arrival = pendingArrival {
          hub.barrier.wait(arrival) { hub.help(chunk: chunk) }
          hub.collect(chunk: chunk, into: &released)
          let shipDay = defersTransit ? day - 1 : day
          for s in released { enterTransit(s, day: shipDay, today: day, horizon: horizon, leads: leads, leadRNG: leadRNG, receipts: &receipts) }
          pendingArrival = nil
        }
        if defersTransit {
          pendingArrival = hub.post(chunk: chunk, day: day, supplierItems: &supplierItems, laneItems: &laneItems)
        }
      } else {
        // A supplier's shipment loses its yield as it leaves.
        released.removeAll(keepingCapacity: true)
        supplierQueues.release(day: day) { released.append($0) }
        for var s in released {
          let p = Int(s.slot)
          if yieldRate[p] < 1 { s.applyYield(yieldRate[p], using: &yieldRNG[p]) }
          let l = laneOf[p]
          if l >= 0, laneCapacity[l] != nil {
            laneQueue[l].append(s)
          } else {
            enterTransit(s, day: day, today: day, horizon: horizon, leads: leads, leadRNG: leadRNG, receipts: &receipts)
          }
        }
        for l in 0..<laneCapacity.count where !laneQueue[l].isEmpty {
          released.removeAll(keepingCapacity: true)
          laneQueue[l].release(upTo: laneCapacity[l] ?? Int.max) { released.append($0) }
          for s in released { enterTransit(s, day: day, today: day, horizon: horizon, leads: leads, leadRNG: leadRNG, receipts: &receipts) }
        }
      }

      // Accrual.
      if measured {
        measuredDays += 1
        DayPhases.accumulate(UnsafeBufferPointer(onHand), into: onHandSum)
        DayPhases.accumulate(UnsafeBufferPointer(onOrder), into: onOrderSum)
        DayPhases.accumulate(UnsafeBufferPointer(owed), into: owedSum)
        if recordsFlow { for p in 0..<pointCount { flow[p].add(demand: demandToday[p], orders: orderedToday[p]) } }
      }
      if day + 1 == warmUp { recordOpeningPositions() }
      if tracing {
        func inScenarioOrder(_ values: UnsafeMutableBufferPointer<Int>) -> [Int] {
          var out = Array(repeating: 0, count: pointCount)
          for p in 0..<pointCount { out[traceSlot[p]] = values[p] }
          return out
        }
        trace!.append(demand: inScenarioOrder(demandToday), shipped: inScenarioOrder(shippedToday), onHand: inScenarioOrder(onHand),
                      onOrder: inScenarioOrder(onOrder), backordered: inScenarioOrder(owed), ordered: inScenarioOrder(orderedToday),
                      received: inScenarioOrder(receivedToday))
        if let sink, (day + 1) % sink.blockDays == 0 || day + 1 == horizon {
          sink.receive(trace!, firstSlot: 0, firstDay: day + 1 - trace!.dayCount)
          trace!.removeAllDays()
        }
      }
    }

    // The last day's deferred shipments would arrive after the horizon: only wait for the step.
    if let (hub, chunk) = coupling, let last = pendingArrival { hub.barrier.wait(last) { hub.help(chunk: chunk) } }

    // Back to scenario order: node-major over nodes in scenario order.
    var outStats = Array(repeating: SKUStatistics(), count: pointCount)
    var outFlow = Array(repeating: FlowMoments(), count: pointCount)
    var closing = InventoryState(skuCount: pointCount)
    let closingPositions = echelonPositions()
    for p in 0..<pointCount {
      tally[p].add(to: &stats[p])
      stats[p].closingPosition = closingPositions[p]
      stats[p].days = measuredDays
      stats[p].onHandSum = onHandSum[p]
      stats[p].onOrderSum = onOrderSum[p]
      stats[p].backorderSum = owedSum[p]
      let slot = traceSlot[p]
      outStats[slot] = stats[p]
      outFlow[slot] = flow[p]
      closing.onHand[slot] = onHand[p]
      closing.onOrder[slot] = onOrder[p]
      closing.backordered[slot] = owed[p]
    }
    for node in policies.indices { policies[node].finish() }
    let errors: [ForecastErrorTotals?] = nodes.indices.map { policies[$0].forecastErrors }
    // The earliest failure by day (before day 0 first), then by node.
    let failure = policies.lazy.compactMap(\.failure).min { ($0.day ?? -1) < ($1.day ?? -1) }
    return ChunkResult(policyName: policies.first?.name ?? "", statistics: outStats, flow: recordsFlow ? outFlow : [], closing: closing, trace: sink == nil ? trace : nil,
                       forecastErrors: errors, failure: failure)
  }
}
