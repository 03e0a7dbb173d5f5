import Stochastics

/// A shipment on its way, or waiting to leave: which stocking slot it is for and how many units.
///
/// `slot` is a SKU index in the single-warehouse simulator and a stocking-point index in the
/// network simulator. `extraLeadDays` carries a supplier's lead-time spike to a lane that makes the
/// shipment wait before it leaves.
struct Shipment: Sendable {
  var slot: Int32
  var units: Int32
  var extraLeadDays: Int32 = 0
  /// Units of the order lost to the supplier's yield (they never arrive; the order closes short).
  var lost: Int32 = 0

  /// Splits a supplier's shipment into good and lost units: each unit is good with probability
  /// `rate` (binomial thinning), drawn from the receiving slot's own yield stream.
  mutating func applyYield(_ rate: Double, using rng: inout Xoshiro256) {
    guard rate < 1, units > 0 else { return }
    let good = rate <= 0 ? 0 : Binomial(trials: Int(units), probability: rate).sample(using: &rng)
    lost += units - Int32(good)
    units = Int32(good)
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
  /// fit whole, and hands each released part to `body`.
  mutating func release(upTo room: Int, _ body: (Shipment) -> Void) {
    var room = room
    while room > 0 && head < items.count {
      var order = items[head]
      let part = min(Int(order.units), room)
      room -= part
      order.units -= Int32(part)
      if order.units == 0 { head += 1 } else { items[head] = order }
      body(Shipment(slot: order.slot, units: Int32(part), extraLeadDays: order.extraLeadDays, lost: 0))
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
    var units = Int(self.units)
    onOrder[k] -= units + Int(lost)
    var served = 0
    if servesBackorders, owed[k] > 0 {
      served = min(owed[k], units)
      owed[k] -= served
      units -= served
    }
    onHand[k] += units
    if measured {
      statistics.unitsLostInTransit += Int(lost)
      statistics.backordersServed += served
      statistics.unitsReceived += Int(self.units)
      statistics.cycles += 1
      if cycleHadStockout { statistics.cyclesWithStockout += 1 }
    }
    return served
  }
}
