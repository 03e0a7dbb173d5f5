import Stochastics

/// The demand phase of a day: draws every customer-facing slot's demand and serves it from stock.
///
/// Shared by the single-warehouse and the network simulators. Slot i's state lives at index i of
/// the buffers passed to `serve`; stationary Poisson slots draw from flat guided-inversion tables,
/// the others from their family's sampler at the profile's mean for the day.
struct CustomerDemandPhase {
  /// The per-slot data the demand phase touches, kept together so one pass reads one array.
  struct Slot {
    var rng: Xoshiro256
    var sampler: DemandSampler
    /// Start of the slot's Poisson inversion table in the flat table set, or -1 when it draws another way.
    var tableOffset: Int
    /// Length of that table.
    var tableLength: Int
    /// The mean when the profile is stationary; NaN otherwise.
    var constantMean: Double
    /// Demand × this factor (a store's share of a SKU's demand).
    var scale: Double
    var backorders: Bool
    /// Some demand went unmet since the last receipt.
    var cycleShort: Bool
  }

  /// One slot's demand: its model, the factor applied to its mean, its stream and its rule.
  struct Source {
    var model: DemandModel
    var scale: Double
    var rng: Xoshiro256
    var unmetDemand: UnmetDemandRule
  }

  private(set) var slots: [Slot] = []
  private let tables: PoissonTableSet
  private let profiles: [DemandProfile]

  /// Prepares the slots in order.
  init(_ sources: [Source]) {
    var means: [Double] = []
    var member: [Int] = []
    for source in sources {
      let profile = source.model.profile
      let mean = profile.base * source.scale
      var table = -1
      if profile.isStationary, source.model.family == .poisson, mean <= PoissonTableSet.largestTabulatedMean {
        table = means.count
        means.append(mean)
      }
      member.append(table)
      slots.append(Slot(rng: source.rng, sampler: DemandSampler(source.model.family), tableOffset: -1, tableLength: 0,
                        constantMean: profile.isStationary ? mean : .nan, scale: source.scale,
                        backorders: source.unmetDemand == .backorder, cycleShort: false))
    }
    tables = PoissonTableSet(means: means)
    profiles = sources.map(\.model.profile)
    for i in slots.indices where member[i] >= 0 {
      (slots[i].tableOffset, slots[i].tableLength) = tables.location(ofMember: member[i])
    }
  }

  /// Marks slot i as having had a stockout in its current replenishment cycle, or reads and
  /// clears the mark at a receipt.
  @inline(__always) mutating func closeCycle(_ i: Int) -> Bool {
    let short = slots[i].cycleShort
    slots[i].cycleShort = false
    return short
  }

  /// Draws day `day`'s demand of every slot into `demand`, serves it from `onHand`, backorders or
  /// loses the rest, and adds the day's figures to `stats` when the day is measured.
  /// The hot loop: raw buffers, no uniqueness or bounds checks in release builds.
  @inline(__always)
  mutating func serve(day: Int, measured: Bool, calendar: SimulationCalendar,
                      onHand: UnsafeMutableBufferPointer<Int>, backordered: UnsafeMutableBufferPointer<Int>,
                      stats: UnsafeMutableBufferPointer<SKUStatistics>, demand: UnsafeMutableBufferPointer<Int>) {
    // Work on locals, so the closures below capture no part of `self`.
    let profiles = self.profiles, tables = self.tables
    var slots: [Slot] = []
    swap(&slots, &self.slots)
    defer { swap(&slots, &self.slots) }
    tables.withReader { reader in
    slots.withUnsafeMutableBufferPointer { slot in
      for k in 0..<slot.count {
        let d: Int
        if slot[k].tableOffset >= 0 {
          d = reader.sample(offset: slot[k].tableOffset, length: slot[k].tableLength, using: &slot[k].rng)
        } else {
          let mean = slot[k].constantMean.isNaN ? profiles[k].mean(onDay: day, calendar: calendar) * slot[k].scale : slot[k].constantMean
          d = slot[k].sampler.sample(mean: mean, day: day, using: &slot[k].rng)
        }
        demand[k] = d
        let available = onHand[k]
        let filled = d < available ? d : available
        let short = d - filled
        onHand[k] = available - filled
        if short > 0 {
          slot[k].cycleShort = true
          if slot[k].backorders { backordered[k] += short }
        }
        if measured {
          stats[k].demand += d
          stats[k].filledFromStock += filled
          if short > 0 {
            stats[k].unitsShort += short
            stats[k].stockoutDays += 1
            if !slot[k].backorders { stats[k].unitsLost += short }
          }
        }
      }
    }}
  }
}
