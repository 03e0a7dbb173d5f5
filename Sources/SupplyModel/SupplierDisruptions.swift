import Stochastics

/// What can go wrong at a supplier: outages (scheduled or random), capacity cuts and lead-time
/// spikes. During an outage the supplier ships nothing; orders wait in its queue and ship, first
/// come first served, when it recovers.
public struct SupplierDisruptions: Sendable, Equatable {
  /// Scheduled outages: inclusive day ranges.
  public var outages: [ClosedRange<Int>]
  /// Random outages: a failure on any working day with probability 1/meanDaysBetween, then a
  /// repair time drawn from `repairDays` (at least one day).
  public var randomOutages: RandomOutages?
  /// Days on which the supplier ships at most this many units (over all SKUs).
  public var capacityCuts: [(days: ClosedRange<Int>, capacityPerDay: Int)]
  /// Days on which shipments take this many extra days.
  public var leadTimeSpikes: [(days: ClosedRange<Int>, extraDays: Int)]

  /// No disruptions.
  public init(outages: [ClosedRange<Int>] = [], randomOutages: RandomOutages? = nil,
              capacityCuts: [(days: ClosedRange<Int>, capacityPerDay: Int)] = [],
              leadTimeSpikes: [(days: ClosedRange<Int>, extraDays: Int)] = []) {
    self.outages = outages
    self.randomOutages = randomOutages
    self.capacityCuts = capacityCuts
    self.leadTimeSpikes = leadTimeSpikes
  }

  /// True when nothing is scheduled or random.
  public var isEmpty: Bool { outages.isEmpty && randomOutages == nil && capacityCuts.isEmpty && leadTimeSpikes.isEmpty }

  /// Equality by value.
  public static func == (a: SupplierDisruptions, b: SupplierDisruptions) -> Bool {
    a.outages == b.outages && a.randomOutages == b.randomOutages
      && a.capacityCuts.map(\.days) == b.capacityCuts.map(\.days) && a.capacityCuts.map(\.capacityPerDay) == b.capacityCuts.map(\.capacityPerDay)
      && a.leadTimeSpikes.map(\.days) == b.leadTimeSpikes.map(\.days) && a.leadTimeSpikes.map(\.extraDays) == b.leadTimeSpikes.map(\.extraDays)
  }

  /// The supplier's day-by-day schedule over `days` days for one replication: whether it ships,
  /// its capacity and extra lead time. Random outages come from the supplier's own stream, so
  /// every chunk of SKUs and every policy sees the same outages.
  public func schedule(days: Int, baseCapacity: Int?, seed: UInt64, supplier: String, replication: UInt64) -> SupplierSchedule {
    var capacity: [Int?] = Array(repeating: baseCapacity, count: days)
    var extra = Array(repeating: 0, count: days)
    var down = Array(repeating: false, count: days)
    for r in outages { for d in r.clamped(toDays: days) { down[d] = true } }
    if let random = randomOutages {
      var rng = Xoshiro256(seed: seed, entity: StreamKey.entity(supplier, namespace: "supplier"), purpose: .disruption, replication: replication)
      let repair = random.repairDays.makeSampler()
      var d = 0
      while d < days {
        if rng.nextUnit() < 1 / random.meanDaysBetween {
          let length = max(1, repair.sample(using: &rng))
          for x in d..<min(days, d + length) { down[x] = true }
          d += length
        } else {
          d += 1
        }
      }
    }
    for cut in capacityCuts {
      for d in cut.days.clamped(toDays: days) { capacity[d] = min(capacity[d] ?? .max, cut.capacityPerDay) }
    }
    for spike in leadTimeSpikes {
      for d in spike.days.clamped(toDays: days) { extra[d] += spike.extraDays }
    }
    for d in 0..<days where down[d] { capacity[d] = 0 }
    return SupplierSchedule(capacity: capacity, extraLeadDays: extra)
  }
}

/// Random supplier failures.
public struct RandomOutages: Sendable, Equatable {
  /// Mean working days between failures (> 1).
  public var meanDaysBetween: Double
  /// Repair time in days.
  public var repairDays: LeadTimeModel

  /// Creates the process.
  public init(meanDaysBetween: Double, repairDays: LeadTimeModel) {
    self.meanDaysBetween = meanDaysBetween
    self.repairDays = repairDays
  }
}

/// A supplier's realised schedule: capacity per day (nil: unlimited, 0: down) and extra lead days.
public struct SupplierSchedule: Sendable, Equatable {
  /// Units it can ship each day.
  public var capacity: [Int?]
  /// Days added to the lead time of shipments leaving that day.
  public var extraLeadDays: [Int]

  /// Days on which it ships nothing.
  public var daysDown: Int { capacity.filter { $0 == 0 }.count }
}
