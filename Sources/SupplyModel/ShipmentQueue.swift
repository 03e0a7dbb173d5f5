import Stochastics

/// A shipment on its way, or waiting to leave: which stocking slot it is for and how many units.
///
/// `slot` is a SKU index in the single-warehouse simulator and a stocking-point index in the
/// network simulator. `extraLeadDays` carries a supplier's lead-time spike to a lane that makes the
/// shipment wait before it leaves.
struct Shipment: Sendable {
  var slot: Int32
  var extraLeadDays: Int32 = 0
  /// Units shipped: 64-bit, like every quantity (an order is never clamped).
  var units: Int
  /// Units of the order lost to the supplier's yield (they never arrive; the order closes short).
  var lost: Int = 0

  init(slot: Int32, units: Int, extraLeadDays: Int32 = 0, lost: Int = 0) {
    self.slot = slot
    self.extraLeadDays = extraLeadDays
    self.units = units
    self.lost = lost
  }

  /// Splits a supplier's shipment into good and lost units: each unit is good with probability
  /// `rate` (binomial thinning), drawn from the receiving slot's own yield stream.
  mutating func applyYield(_ rate: Double, using rng: inout Xoshiro256) {
    guard rate < 1, units > 0 else { return }
    let good = rate <= 0 ? 0 : Binomial(trials: units, probability: rate).sample(using: &rng)
    lost += units - good
    units = good
  }
}

/// Orders waiting at a capacity-limited supplier or lane, released first come, first served.
struct ShipmentQueue: Sendable {
  private var items: [Shipment] = []
  private var head = 0

  /// True when nothing waits.
  var isEmpty: Bool { head == items.count }

  /// Puts a shipment at the back of the queue.
  mutating func append(_ shipment: Shipment) { items.append(shipment) }

  /// Releases up to `room` units from the front, splitting the order at the front if it does not
  /// fit whole, and hands each released part to `body`. The units of an order lost to a
  /// supplier's yield travel with its last part, which closes the order when it arrives.
  mutating func release(upTo room: Int, _ body: (Shipment) -> Void) {
    var room = room
    while room > 0 && head < items.count {
      var order = items[head]
      let part = min(order.units, room)
      room -= part
      order.units -= part
      if order.units == 0 { head += 1 } else { items[head] = order }
      body(Shipment(slot: order.slot, units: part, extraLeadDays: order.extraLeadDays, lost: order.units == 0 ? order.lost : 0))
    }
    if head > 256 && head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
  }
}

extension Shipment {
  /// Books this shipment's arrival at slot `k`, the receipt step both simulators share: the order
  /// leaves the pipeline (lost units too), owed units are served first when `servesBackorders`
  /// (customer backorders; internal nodes ship theirs under their allocation rule instead), the
  /// rest goes on the shelf, and a replenishment cycle closes.
  ///
  /// - Returns: The units that went to backorders.
  @inline(__always)
  func book<Slots: MutableCollection<Int>>(at k: Int, onHand: inout Slots, onOrder: inout Slots, owed: inout Slots, servesBackorders: Bool,
                                            statistics: inout SKUStatistics, measured: Bool, cycleHadStockout: Bool) -> Int where Slots.Index == Int {
    var units = self.units
    onOrder[k] -= units + lost
    var served = 0
    if servesBackorders, owed[k] > 0 {
      served = min(owed[k], units)
      owed[k] -= served
      units -= served
    }
    onHand[k] += units
    if measured {
      statistics.unitsLostInTransit += lost
      statistics.backordersServed += served
      statistics.unitsReceived += self.units
      statistics.cycles += 1
      if cycleHadStockout { statistics.cyclesWithStockout += 1 }
    }
    return served
  }
}

/// The order queues of the suppliers that need one (a daily capacity or disruptions) with their
/// realised schedules for one replication, shared by both simulators. Schedules come from the
/// suppliers' own streams, so every chunk of SKUs sees the same outages.
struct SupplierQueues {
  private let queued: [Bool]
  private let schedules: [SupplierSchedule?]
  private let capacity: [Int?]
  private var queues: [ShipmentQueue]

  /// Queues for `suppliers` over `days` days of replication `replication`.
  init(_ suppliers: [Supplier], days: Int, seed: UInt64, replication: UInt64) {
    queued = suppliers.map { $0.capacityPerDay != nil || !$0.disruptions.isEmpty }
    schedules = suppliers.map { s in
      s.disruptions.isEmpty ? nil : s.disruptions.schedule(days: days, baseCapacity: s.capacityPerDay, seed: seed, supplier: s.id, replication: replication)
    }
    capacity = suppliers.map(\.capacityPerDay)
    queues = Array(repeating: ShipmentQueue(), count: suppliers.count)
  }

  /// True when supplier j's orders wait in its queue instead of shipping at once.
  @inline(__always) func isQueued(_ j: Int) -> Bool { queued[j] }

  /// Puts an order at the back of supplier j's queue.
  mutating func append(_ shipment: Shipment, to j: Int) { queues[j].append(shipment) }

  /// Ships, first come first served, what every queued supplier can on `day` (its capacity, 0
  /// while down), splitting orders if needed; each part carries the day's lead-time spike in
  /// `extraLeadDays`.
  mutating func release(day: Int, _ body: (Shipment) -> Void) {
    for j in queues.indices where queued[j] && !queues[j].isEmpty {
      let room = schedules[j].map { $0.capacity[day] ?? Int.max } ?? capacity[j] ?? Int.max
      let extra = Int32(schedules[j]?.extraLeadDays[day] ?? 0)
      queues[j].release(upTo: room) { part in
        var s = part
        s.extraLeadDays = extra
        body(s)
      }
    }
  }
}
