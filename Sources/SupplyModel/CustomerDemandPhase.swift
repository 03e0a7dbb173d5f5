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
    /// The slot's entry in `shortcuts` (negative binomial and gamma slots), or -1.
    var shortcut: Int32 = -1
    /// The slot's column in the block of daily means (`dailyMeans`) when its profile is not
    /// stationary, or -1.
    var meanColumn: Int32 = -1
  }

  /// A negative binomial slot's mixing distribution at scale 1 (its sampler constants depend on the
  /// dispersion only), or a gamma slot's distribution at the mean it was last drawn at (NaN before
  /// the first), reused while the mean stays the same (a stationary slot builds it once). Kept
  /// apart from `Slot`, so slots of other families stream no more bytes a day.
  struct GammaShortcut {
    var isMixing: Bool
    var mean: Double
    var gamma: Gamma
  }

  /// One slot's demand: its model, the factor applied to its mean, its stream and its rule.
  struct Source {
    var model: DemandModel
    var scale: Double
    var rng: Xoshiro256
    var unmetDemand: UnmetDemandRule
    /// Sources with the same key have the same profile (a SKU's stores): its daily means are
    /// computed once for all of them.
    var profileKey: Int
  }

  private(set) var slots: [Slot] = []
  private var shortcuts: [GammaShortcut] = []
  /// Per slot: some demand went unmet since the last receipt. A column (shared by copies of this
  /// value, which the simulators never make), so reading and clearing a mark at every receipt
  /// costs no copy-on-write check.
  let cycleShort: Column<Bool>
  private let tables: PoissonTableSet
  /// The profiles that are not stationary, one per profile key, in the order of their columns.
  private let meanProfiles: [DemandProfile]
  /// The means of `meanProfiles` on the days `meanDays`, day-major (a day's row holds every
  /// column): computed a block of days at a time, outside the draw loops, so a day's draws read
  /// a mean, not a profile whose arrays would be retained and released at every draw.
  private var dailyMeans: [Double]
  private var meanDays = 0..<0
  /// Days in a block of means (at most 32; fewer when there are many columns, so the block stays
  /// under 512 KB).
  private let meanBlockDays: Int

  /// Prepares the slots in order.
  init(_ sources: [Source]) {
    var means: [Double] = []
    var member: [Int] = []
    var meanColumnOfKey: [Int: Int32] = [:]
    var meanProfiles: [DemandProfile] = []
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
                        backorders: source.unmetDemand == .backorder))
      if !profile.isStationary {
        let column = meanColumnOfKey[source.profileKey] ?? {
          meanProfiles.append(profile)
          return Int32(meanProfiles.count - 1)
        }()
        meanColumnOfKey[source.profileKey] = column
        slots[slots.count - 1].meanColumn = column
      }
      switch source.model.family {
      case let .negativeBinomial(r) where r > 0 && r.isFinite:
        slots[slots.count - 1].shortcut = Int32(shortcuts.count)
        shortcuts.append(GammaShortcut(isMixing: true, mean: .nan, gamma: Gamma(shape: r)))
      case .gamma:
        slots[slots.count - 1].shortcut = Int32(shortcuts.count)
        shortcuts.append(GammaShortcut(isMixing: false, mean: .nan, gamma: Gamma(shape: 1)))
      default: break
      }
    }
    cycleShort = Column(repeating: false, count: sources.count)
    tables = PoissonTableSet(means: means)
    self.meanProfiles = meanProfiles
    meanBlockDays = max(1, min(32, 65_536 / max(1, meanProfiles.count)))
    dailyMeans = Array(repeating: 0, count: meanBlockDays * meanProfiles.count)
    for i in slots.indices where member[i] >= 0 {
      (slots[i].tableOffset, slots[i].tableLength) = tables.location(ofMember: member[i])
    }
  }

  /// Makes sure `dailyMeans` holds day `day` (computing the block of days from `day` on when it
  /// does not), and returns the offset of that day's row.
  private mutating func prepareMeans(day: Int, calendar: SimulationCalendar) -> Int {
    let columns = meanProfiles.count
    guard columns > 0 else { return 0 }
    if !meanDays.contains(day) {
      let days = day..<(day + meanBlockDays)
      let profiles = meanProfiles
      dailyMeans.withUnsafeMutableBufferPointer { block in
        for (column, profile) in profiles.enumerated() {
          for d in days { block[(d - day) * columns + column] = profile.mean(onDay: d, calendar: calendar) }
        }
      }
      meanDays = days
    }
    return (day - meanDays.lowerBound) * columns
  }

  /// Marks slot i as having had a stockout in its current replenishment cycle, or reads and
  /// clears the mark at a receipt.
  @inline(__always) func closeCycle(_ i: Int) -> Bool {
    let short = cycleShort[i]
    cycleShort[i] = false
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
    let row = prepareMeans(day: day, calendar: calendar)
    let tables = self.tables, cycleShort = self.cycleShort.values
    var slots: [Slot] = []
    var shortcuts: [GammaShortcut] = []
    swap(&slots, &self.slots)
    swap(&shortcuts, &self.shortcuts)
    defer { swap(&slots, &self.slots); swap(&shortcuts, &self.shortcuts) }
    tables.withReader { reader in
    dailyMeans.withUnsafeBufferPointer { means in
    shortcuts.withUnsafeMutableBufferPointer { shortcuts in
    slots.withUnsafeMutableBufferPointer { slot in
      for k in 0..<slot.count {
        let d = Self.draw(&slot[k], means: UnsafeBufferPointer(rebasing: means[row...]), shortcuts: shortcuts, day: day, calendar: calendar, reader: reader)
        demand[k] = d
        let available = onHand[k]
        let filled = d < available ? d : available
        let short = d - filled
        onHand[k] = available - filled
        if short > 0 {
          cycleShort[k] = true
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
    }}}}
  }

  /// Every slot's "demand is backordered" flag, in slot order (what `settle` needs besides the
  /// cycle marks).
  var backorderFlags: [Bool] { slots.map(\.backorders) }

  /// Draws day `day`'s demand of every slot into `demand` without serving it: the first half of
  /// `serve`, which draws the same numbers from the same streams (demand does not depend on stock).
  mutating func draw(day: Int, calendar: SimulationCalendar, into demand: UnsafeMutableBufferPointer<Int>) {
    let row = prepareMeans(day: day, calendar: calendar)
    let tables = self.tables
    var slots: [Slot] = []
    var shortcuts: [GammaShortcut] = []
    swap(&slots, &self.slots)
    swap(&shortcuts, &self.shortcuts)
    defer { swap(&slots, &self.slots); swap(&shortcuts, &self.shortcuts) }
    tables.withReader { reader in
    dailyMeans.withUnsafeBufferPointer { means in
    shortcuts.withUnsafeMutableBufferPointer { shortcuts in
    slots.withUnsafeMutableBufferPointer { slot in
      for k in 0..<slot.count {
        demand[k] = Self.draw(&slot[k], means: UnsafeBufferPointer(rebasing: means[row...]), shortcuts: shortcuts, day: day, calendar: calendar, reader: reader)
      }
    }}}}
  }

  /// A slot's demand on `day`: from its Poisson table when it has one, else from its sampler at
  /// the profile's mean (`means`: the day's row of `dailyMeans`) or the slot's constant mean. The
  /// one draw `serve` and `draw` share.
  @inline(__always)
  static func draw(_ slot: inout Slot, means: UnsafeBufferPointer<Double>, shortcuts: UnsafeMutableBufferPointer<GammaShortcut>,
                   day: Int, calendar: SimulationCalendar,
                   reader: PoissonTableSet.Reader) -> Int {
    if slot.tableOffset >= 0 {
      return reader.sample(offset: slot.tableOffset, length: slot.tableLength, using: &slot.rng)
    }
    let mean = slot.constantMean.isNaN ? means[Int(slot.meanColumn)] * slot.scale : slot.constantMean
    if slot.shortcut >= 0 {
      let i = Int(slot.shortcut)
      if shortcuts[i].isMixing {
        // `DemandSampler`'s negative binomial draw (`NegativeBinomial(mean:dispersion:).sample`)
        // with the mixing distribution's constants computed once.
        guard mean > 0 else { return 0 }
        precondition(mean.isFinite, "NegativeBinomial mean must be finite and >= 0, got \(mean)")
        let mixing = shortcuts[i].gamma
        let scale = mean / mixing.shape
        guard scale > 0 else { return 0 }
        let lambda = mixing.withScale(min(scale, .greatestFiniteMagnitude)).sample(using: &slot.rng)
        return Poisson.sample(mean: min(lambda, Poisson.maximumMean), using: &slot.rng)
      }
      if mean == shortcuts[i].mean {
        // A gamma slot at the mean of its last draw: that draw's distribution (`DemandSampler`).
        return DemandSampler.roundStochastically(shortcuts[i].gamma.sample(using: &slot.rng), using: &slot.rng)
      }
      if case let .gamma(cv) = slot.sampler.kind, cv >= DemandSampler.smallestCV, Gamma.canRepresent(mean: mean, standardDeviation: cv * mean) {
        shortcuts[i].gamma = Gamma(mean: mean, standardDeviation: cv * mean)
        shortcuts[i].mean = mean
        return DemandSampler.roundStochastically(shortcuts[i].gamma.sample(using: &slot.rng), using: &slot.rng)
      }
    }
    return slot.sampler.sample(mean: mean, day: day, using: &slot.rng)
  }

  /// Serves demand already drawn (`draw`): the second half of `serve`, with the same effect on
  /// stock, backorders, cycle marks and statistics.
  @inline(__always)
  static func settle(_ demand: UnsafeBufferPointer<Int>, backorders: UnsafeBufferPointer<Bool>, cycleShort: Column<Bool>, measured: Bool,
                     onHand: UnsafeMutableBufferPointer<Int>, backordered: UnsafeMutableBufferPointer<Int>,
                     tally: UnsafeMutableBufferPointer<PointTally>, stats: UnsafeMutableBufferPointer<SKUStatistics>) {
    let marks = cycleShort.values
    for k in 0..<demand.count {
      let d = demand[k]
      let available = onHand[k]
      let filled = d < available ? d : available
      let short = d - filled
      onHand[k] = available - filled
      if short > 0 {
        marks[k] = true
        if backorders[k] { backordered[k] += short }
      }
      if measured {
        tally[k].demand += d
        if short > 0 {
          tally[k].unitsShort += short
          tally[k].stockoutDays += 1
          if !backorders[k] { stats[k].unitsLost += short }
        }
      }
    }
  }
}

/// The statistics of a stocking point that the network simulator adds to nearly every day, kept
/// apart from the rest of its `SKUStatistics` in one 64-byte line (the whole record spans three),
/// and added to them at the end: each field sums the same numbers in the same order either way.
struct PointTally {
  var demand = 0
  var unitsShort = 0
  var backordersServed = 0
  var unitsReceived = 0
  var cycles = 0
  var unitsOrdered = 0
  /// Counts of days (one at most a day, and the simulator runs at most `Int32.max` days).
  var orders: Int32 = 0
  var stockoutDays: Int32 = 0
  var cyclesWithStockout: Int32 = 0

  /// Adds these sums to `stats` (whose fields hold none of them yet). Each day's demand is filled
  /// from stock or short, so the units filled are the demand less the units short.
  func add(to stats: inout SKUStatistics) {
    stats.demand += demand
    stats.filledFromStock += demand - unitsShort
    stats.unitsShort += unitsShort
    stats.backordersServed += backordersServed
    stats.unitsReceived += unitsReceived
    stats.cycles += cycles
    stats.unitsOrdered += unitsOrdered
    stats.orders += Int(orders)
    stats.stockoutDays += Int(stockoutDays)
    stats.cyclesWithStockout += Int(cyclesWithStockout)
  }
}
