import Parallelism

/// The queues that couple a network's SKUs (capacity-limited suppliers and lanes) when the
/// network engine runs its SKUs in several chunks at once, day by day in lock step.
///
/// Each chunk runs its own SKUs through the day (receipts, demand, reviews, shipments on lanes
/// without a capacity) and lists what it puts into a coupled queue. At the day's barrier the last
/// chunk to arrive runs the serial step alone: it appends every chunk's items to the queues in the
/// order one run over all SKUs appends them, releases what suppliers and lanes can ship today
/// under their capacities, first come first served, and hands each chunk the shipments that enter
/// transit to its points, in order. The chunks then draw their lead times from their own streams.
/// So the results are those of one run, whatever the number of chunks. On a lane that nothing
/// waits on and that today's departures do not fill, the step only adds the chunks' units, and
/// each chunk moves its own departures into transit (`collect`).
///
/// While a chunk waits at the barrier it draws the next day's customer demand, its own or another
/// chunk's (`help`); when every release takes two days or more, a chunk moves a day's releases
/// into transit on the next day and so runs up to a day ahead (`releasesTakeTwoDays`).
///
/// Why the order is the same: one run lists a day's supplier orders node by node (downstream
/// first) and, within a node, SKU by SKU; chunks hold contiguous SKU ranges, so the run's order is
/// every chunk's orders of the first node, in chunk order, then of the next node. A lane goes to
/// one node and all of a day's departures onto it are made in one pass over SKUs (its source
/// node's shipments, or its destination's orders from a supplier), so the run's order for a lane
/// is the chunks' lists one after the other. Each point's shipments enter transit in one place
/// only (directly, from its supplier's queue or from its lane's), so its lead-time draws keep
/// their order.
final class LaneCoupling: @unchecked Sendable {
  // Not checked by the compiler, so stated here: a chunk touches its mailbox only in `start`,
  // `post` (before it arrives) and `collect` (after it waited), and the serial step runs between
  // every chunk's arrival and the end of its wait, so the barrier orders the two. A chunk may
  // run on between arriving and waiting, on its own arrays only. Other chunks' `laneOf` and
  // `demand` are only read after `start`, and a `DemandPrefetch` guards its own drawing.
  /// An order for a queued supplier: the node's rank, the supplier and the order (slot = the
  /// chunk's own point index).
  struct SupplierItem {
    var rank: Int32
    var supplier: Int32
    var shipment: Shipment
  }
  /// A shipment for a capacity-limited lane (slot = the chunk's own point index).
  struct LaneItem {
    var lane: Int32
    var shipment: Shipment
  }

  /// What one chunk and the serial step hand each other: an object per chunk, so no two threads
  /// ever write the same variable.
  final class Mailbox: @unchecked Sendable {
    /// What the chunk queued today, in its order.
    var supplierItems: [SupplierItem] = []
    var laneItems: [LaneItem] = []
    /// The shipments that enter transit today after the serial step, in order.
    var transits: [Shipment] = []
    /// Per lane: the units of today's `laneItems` on it (the chunk sums them before it arrives).
    var laneUnits: [Int] = []
    /// Per lane: true when the serial step released the whole lane today, leaving its items in
    /// `laneItems` for the chunk to move into transit itself, in order (see `exchange`).
    var wholeLanes: [Bool] = []
    /// The chunk's points' inbound lane or -1 (the chunk fills it before the first day).
    var laneOf: [Int] = []
    /// The chunk's customer demand, which any chunk may draw ahead while it waits (the chunk
    /// sets it before the first day; see `start` and `help`).
    var demand: DemandPrefetch?
  }
  /// One mailbox per chunk.
  let mailboxes: [Mailbox]
  let barrier: Barrier
  private var supplierQueues: SupplierQueues
  private let laneCapacity: [Int?]
  private var laneQueues: [ShipmentQueue]
  /// Per lane: true when a queued supplier ships onto it (from this step, after the departures).
  private let fedByQueue: [Bool]
  /// True when every shipment this step releases (from a queued supplier or a capacity-limited
  /// lane) takes at least two days in transit: a chunk may then move a day's releases into
  /// transit on the next day, when they still arrive after the day they are booked on (see
  /// `NetworkEngine.simulateChunk`).
  let releasesTakeTwoDays: Bool
  /// The first global slot of each chunk's points (its slots follow one another), and one past the last.
  private let pointBase: [Int]
  private let rankCount: Int

  /// True when the chunks can share `network`'s queues this way: a queued supplier's shipments
  /// lose nothing to yield (the yield draw would belong to a chunk's stream in the serial step).
  static func supports(_ network: SupplyNetwork) -> Bool {
    network.suppliers.allSatisfy { s in s.yieldRate >= 1 || (s.capacityPerDay == nil && s.disruptions.isEmpty) }
  }

  /// The queues of `network` (the whole network, realised) for chunks of `skusPerChunk[c]` SKUs.
  init(_ network: SupplyNetwork, skusPerChunk: [Int], barrier: Barrier, replication: UInt64) {
    let nodes = network.topology.nodes.count
    let chunks = skusPerChunk.count
    var base = [0]
    for count in skusPerChunk { base.append(base.last! + nodes * count) }
    pointBase = base
    rankCount = nodes
    self.barrier = barrier
    let queues = SupplierQueues(network.suppliers, days: network.horizonDays, seed: network.seed, replication: replication)
    supplierQueues = queues
    laneCapacity = network.topology.lanes.map(\.capacityPerDay)
    laneQueues = Array(repeating: ShipmentQueue(), count: network.topology.lanes.count)
    fedByQueue = network.topology.lanes.map { lane in
      guard case let .supplier(j) = lane.origin else { return false }
      return queues.isQueued(j)
    }
    let topology = network.topology
    releasesTakeTwoDays = topology.nodes.indices.allSatisfy { node in
      network.skus.indices.allSatisfy { k in
        let lane = topology.sourceLane[node][k]
        let queued = lane.map { topology.lanes[$0].capacityPerDay != nil } ?? false
          || (topology.parent(ofNode: node, sku: k) == nil && queues.isQueued(network.skus[k].supplierIndex))
        return !queued || network.leadTime(ofNode: node, sku: k).makeSampler().fewestDays >= 2
      }
    }
    mailboxes = (0..<chunks).map { _ in Mailbox() }
    for box in mailboxes {
      box.laneUnits = Array(repeating: 0, count: laneCapacity.count)
      box.wholeLanes = Array(repeating: false, count: laneCapacity.count)
    }
  }

  /// Chunk `c`'s start: leaves its lanes and its customer demand in its mailbox and waits for
  /// every chunk to do the same (after this, mailboxes' `laneOf` and `demand` are only read).
  func start(chunk c: Int, laneOf: [Int], demand: DemandPrefetch) {
    mailboxes[c].laneOf = laneOf
    mailboxes[c].demand = demand
    barrier.arriveAndWait {}
  }

  /// Work for chunk `c` while it waits at the barrier: the next day of customer demand, its own
  /// first, then the other chunks' (see `DemandPrefetch.Mode.shared`).
  ///
  /// - Returns: True when it drew a day.
  func help(chunk c: Int) -> Bool {
    for i in 0..<mailboxes.count {
      if mailboxes[(c + i) % mailboxes.count].demand?.drawNextDay() == true { return true }
    }
    return false
  }

  /// Chunk `c`'s arrival at the end of `day`: hands over what it queued today (leaving it empty
  /// lists to fill tomorrow) with its units per lane, and arrives at the barrier; the last chunk
  /// to arrive runs the serial step. Wait on the arrival before `collect`.
  func post(chunk c: Int, day: Int, supplierItems: inout [SupplierItem], laneItems: inout [LaneItem]) -> Barrier.Arrival {
    let box = mailboxes[c]
    swap(&supplierItems, &box.supplierItems)
    swap(&laneItems, &box.laneItems)
    var units = Array(repeating: 0, count: laneCapacity.count)
    for item in box.laneItems { units[Int(item.lane)] = Self.saturatingSum(units[Int(item.lane)], item.shipment.units) }
    box.laneUnits = units
    return barrier.arrive { exchange(day: day) }
  }

  /// After waiting on chunk `c`'s arrival: the shipments that enter transit to its points (slots
  /// are its own), in order, into `shipments` (replacing what it held): those the serial step
  /// released, then the chunk's departures onto lanes it released whole.
  func collect(chunk c: Int, into shipments: inout [Shipment]) {
    let box = mailboxes[c]
    swap(&shipments, &box.transits)
    var items: [LaneItem] = []
    swap(&items, &box.laneItems)
    let whole = box.wholeLanes
    for item in items where whole[Int(item.lane)] { shipments.append(item.shipment) }
    items.removeAll(keepingCapacity: true)
    swap(&items, &box.laneItems)
  }

  /// a + b for units (never negative), or `Int.max` when that overflows.
  private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
  }

  /// The chunk of global slot `g` and its own index there.
  @inline(__always)
  private func local(_ g: Int) -> (chunk: Int, point: Int) {
    var c = 0
    while g >= pointBase[c + 1] { c += 1 }
    return (c, g - pointBase[c])
  }

  /// Hands a shipment to a lane's queue or, for a lane without a capacity, to transit.
  private func depart(_ s: Shipment) {
    let (c, p) = local(Int(s.slot))
    let l = mailboxes[c].laneOf[p]
    if l >= 0, laneCapacity[l] != nil {
      laneQueues[l].append(s)
    } else {
      var mine = s
      mine.slot = Int32(p)
      mailboxes[c].transits.append(mine)
    }
  }

  /// The serial step of `day` (see the type's notes).
  func exchange(day: Int) {
    for box in mailboxes { box.transits.removeAll(keepingCapacity: true) }
    // Supplier orders: node by node (rank order), chunk by chunk.
    var cursor = Array(repeating: 0, count: mailboxes.count)
    for rank in 0..<rankCount {
      for (c, box) in mailboxes.enumerated() {
        while cursor[c] < box.supplierItems.count, box.supplierItems[cursor[c]].rank == rank {
          let item = box.supplierItems[cursor[c]]
          var s = item.shipment
          s.slot = Int32(pointBase[c] + Int(s.slot))
          supplierQueues.append(s, to: Int(item.supplier))
          cursor[c] += 1
        }
      }
    }
    // A lane that nothing waits on, that no queued supplier ships onto (its releases would join
    // the queue after today's departures) and with less than its capacity departing today ships
    // all of today's departures, whole and in order: each chunk moves its own into transit, so
    // this step touches none of them. Departures onto the other lanes join their queues, chunk
    // by chunk.
    var whole = Array(repeating: false, count: laneCapacity.count)
    for l in laneCapacity.indices {
      guard let capacity = laneCapacity[l], laneQueues[l].isEmpty, !fedByQueue[l] else { continue }
      whole[l] = mailboxes.reduce(0) { Self.saturatingSum($0, $1.laneUnits[l]) } < capacity
    }
    for (c, box) in mailboxes.enumerated() {
      box.wholeLanes = whole
      for item in box.laneItems where !whole[Int(item.lane)] {
        var s = item.shipment
        s.slot = Int32(pointBase[c] + Int(s.slot))
        laneQueues[Int(item.lane)].append(s)
      }
    }
    for box in mailboxes {
      box.supplierItems.removeAll(keepingCapacity: true)
    }
    // Suppliers ship what they can today; then lanes move what they can.
    supplierQueues.release(day: day) { part in depart(part) }
    for l in laneQueues.indices where !laneQueues[l].isEmpty {
      laneQueues[l].release(upTo: laneCapacity[l] ?? Int.max) { part in
        let (c, p) = local(Int(part.slot))
        var mine = part
        mine.slot = Int32(p)
        mailboxes[c].transits.append(mine)
      }
    }
  }
}
