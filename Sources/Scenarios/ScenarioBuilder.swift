import Forecasting
import Replenishment
import DemandFitting
import SupplyModel

/// Checks a decoded scenario against the model's rules and builds the network and policies.
/// Every violation is recorded with its JSON path; nothing is built if any is found.
struct ScenarioBuilder {
  let spec: ScenarioSpec
  var validator = Validator()
  /// The scenario file's name as given to `Scenario.load`, for relative paths.
  var file = ""

  static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
  static let unmetRules = ["backorder", "lostSales"]
  static let leadFamilies = ["deterministic", "uniform", "gamma", "lognormal", "poisson", "empirical"]
  static let demandFamilies = ["poisson", "negativeBinomial", "normal", "gamma", "lognormal", "uniform", "empirical", "deterministic"]
  /// The largest cost rate accepted (per unit, per unit-day or per order): 10^9, so that every
  /// cost a run can accumulate stays finite and prints as a number.
  static let maximumCostRate = 1e9
  /// The largest day number a calendar window may name (windows past the horizon are never reached).
  static let maximumDay = 1_000_000

  /// The first position of each SKU id, for linear-time lookups.
  let skuPosition: [String: Int]
  /// The sales history and the date of day 0, when the scenario has them.
  var history: SalesHistory?
  var historyPositions: [String: [Int]] = [:]
  var startDate: CalendarDate?
  /// Fits made for `"source": "fitted"` SKUs, in SKU order.
  var demandFits: [SKUDemandFit] = []
  var calendar = SimulationCalendar()

  init(spec: ScenarioSpec) {
    self.spec = spec
    var positions: [String: Int] = [:]
    positions.reserveCapacity(spec.skus.count)
    for (i, s) in spec.skus.enumerated() where positions[s.id] == nil { positions[s.id] = i }
    skuPosition = positions
  }

  mutating func build() -> (network: SupplyNetwork, policies: [PolicyDefinition])? {
    let v = spec
    validator.require(!v.name.isEmpty && v.name.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } && !v.name.hasPrefix("."),
                      "name", "must be non-empty and use only letters, digits, '-', '_' and '.', got \"\(v.name)\"")
    validator.number(Double(v.horizonDays), "horizonDays", min: 1, max: 36_500)
    let warmUp = v.warmUpDays ?? 0
    if v.warmUpDays != nil {
      validator.number(Double(warmUp), "warmUpDays", min: 0)
      validator.require(warmUp < v.horizonDays, "warmUpDays", "must be less than horizonDays (\(v.horizonDays)), got \(warmUp)")
    }
    if let r = v.replications { validator.number(Double(r), "replications", min: 1, max: 100_000) }
    if let c = v.calendar {
      if let w = c.startWeekday {
        if let i = Self.weekdays.firstIndex(of: w.lowercased()) { calendar.startWeekday = i }
        else { validator.fail("calendar.startWeekday", "unknown weekday \"\(w)\"; \(suggestion(for: w, among: Self.weekdays))") }
      }
      if let d = c.startDayOfYear {
        validator.number(Double(d), "calendar.startDayOfYear", min: 0, max: 364)
        calendar.startDayOfYear = d
      }
    }
    readDateAndHistory()
    let defaultRule = unmetRule(v.unmetDemand, path: "unmetDemand") ?? .backorder

    // Suppliers.
    validator.require(!v.suppliers.isEmpty, "suppliers", "needs at least one supplier")
    var suppliers: [Supplier] = []
    var supplierIndex: [String: Int] = [:]
    for (i, s) in v.suppliers.enumerated() {
      let path = "suppliers[\(i)]"
      validator.require(!s.id.isEmpty, "\(path).id", "must not be empty")
      if let first = supplierIndex[s.id] { validator.fail("\(path).id", "duplicate supplier id \"\(s.id)\" (also suppliers[\(first)])") }
      else { supplierIndex[s.id] = i }
      let lead = leadTime(s.leadTime, path: "\(path).leadTime")
      if let cap = s.capacityPerDay { validator.number(Double(cap), "\(path).capacityPerDay", min: 1, max: Double(StockQuantity.maximum)) }
      let disruptions = supplierDisruptions(s, path: path)
      var supplier = Supplier(id: s.id, leadTime: lead ?? .deterministic(days: 0), capacityPerDay: s.capacityPerDay, disruptions: disruptions)
      if let y = s.yieldRate {
        validator.number(y, "\(path).yieldRate", min: 0, max: 1, minExclusive: true)
        supplier.yieldRate = y
      }
      suppliers.append(supplier)
    }

    // SKUs.
    validator.require(!v.skus.isEmpty, "skus", "needs at least one SKU")
    var skus: [SKU] = []
    skus.reserveCapacity(v.skus.count)
    var initialOnHand: [Int] = []
    initialOnHand.reserveCapacity(v.skus.count)
    let supplierIDs = v.suppliers.map(\.id)
    for (i, s) in v.skus.enumerated() {
      let path = "skus[\(i)]"
      validator.require(!s.id.isEmpty, "\(path).id", "must not be empty")
      // `skuPosition` holds each id's first position: another one here is a duplicate.
      if let first = skuPosition[s.id], first != i { validator.fail("\(path).id", "duplicate SKU id \"\(s.id)\" (also skus[\(first)])") }
      let supplierIndex = supplierIndex[s.supplier]
      if supplierIndex == nil {
        validator.fail("\(path).supplier", "no supplier has id \"\(s.supplier)\"; \(suggestion(for: s.supplier, among: supplierIDs))")
      }
      let override = s.leadTime.flatMap { leadTime($0, path: "\(path).leadTime") }
      var demand = demandModel(s.demand, path: "\(path).demand", sku: s.id)
      if demand != nil, demand!.past.isEmpty, history != nil { demand!.past = pastDemand(of: s.id) }
      if demand != nil, history != nil, !demand!.past.isEmpty { demand!.pastPromotion = pastPromotion(of: s.id) }
      let costLimit = Self.maximumCostRate
      validator.number(s.unitCost, "\(path).unitCost", min: 0, max: costLimit)
      validator.number(s.holdingCostPerUnitDay, "\(path).holdingCostPerUnitDay", min: 0, max: costLimit)
      validator.number(s.backorderCostPerUnitDay, "\(path).backorderCostPerUnitDay", min: 0, max: costLimit, required: false)
      validator.number(s.lostSalePenaltyPerUnit, "\(path).lostSalePenaltyPerUnit", min: 0, max: costLimit, required: false)
      validator.number(s.orderCost, "\(path).orderCost", min: 0, max: costLimit, required: false)
      if let on = s.initialOnHand { validator.number(Double(on), "\(path).initialOnHand", min: 0, max: Double(StockQuantity.maximum)) }
      let rule = s.unmetDemand.flatMap { unmetRule($0, path: "\(path).unmetDemand") } ?? defaultRule
      guard let demand, let supplierIndex else { continue }
      let lead = override ?? suppliers[supplierIndex].leadTime
      let initial = s.initialOnHand ?? Int(min((demand.profile.base * (lead.mean + 14)).rounded(), Double(StockQuantity.maximum)))
      initialOnHand.append(max(0, initial))
      skus.append(SKU(
        id: s.id, supplierIndex: supplierIndex, leadTimeOverride: override, demand: demand,
        costs: CostRates(unitCost: s.unitCost, holdingCostPerUnitDay: s.holdingCostPerUnitDay,
                         backorderCostPerUnitDay: s.backorderCostPerUnitDay ?? 0,
                         lostSalePenaltyPerUnit: s.lostSalePenaltyPerUnit ?? 0, orderCost: s.orderCost ?? 0),
        unmetDemand: rule))
    }

    addSharedWindows(&skus)

    // Policies.
    validator.require(!v.policies.isEmpty, "policies", "needs at least one policy to simulate")
    var policies: [PolicyDefinition] = []
    let skuIDs = v.skus.map(\.id)
    var shockProcess: RandomDemandShocks?
    if let r = v.randomShocks {
      let before = validator.errors.count
      validator.number(r.meanDaysBetween, "randomShocks.meanDaysBetween", min: 1, minExclusive: true)
      validator.number(r.minFactor, "randomShocks.minFactor", min: 0, max: 1000)
      validator.number(r.maxFactor, "randomShocks.maxFactor", min: r.minFactor, max: 1000)
      let duration = leadTime(r.durationDays, path: "randomShocks.durationDays")
      if let duration, validator.errors.count == before {
        shockProcess = RandomDemandShocks(meanDaysBetween: r.meanDaysBetween, duration: duration, factor: r.minFactor...r.maxFactor)
      }
    }
    let network = v.nodes == nil ? nil : topology(skus: skus, suppliers: suppliers)
    if v.nodes == nil, v.lanes != nil { validator.fail("lanes", "apply only to networks with nodes; add \"nodes\" or remove it") }
    if v.nodes != nil {
      for (i, s) in v.skus.enumerated() where s.initialOnHand != nil {
        validator.fail("skus[\(i)].initialOnHand", "does not apply to a network with nodes; set nodes[].initialStockDays instead, and remove it")
      }
    }
    for (i, p) in v.policies.enumerated() {
      if let built = policy(p, index: i, skuIDs: skuIDs) { policies.append(built) }
      validator.require(!v.policies[..<i].contains { $0.name == p.name }, "policies[\(i)].name", "duplicate policy name \"\(p.name)\"")
    }

    if validator.errors.isEmpty {
      checkPeakDemand(skus, calendar: calendar, topology: network?.topology, shocks: shockProcess)
    }
    guard validator.errors.isEmpty else { return nil }
    // A single warehouse is a one-node network; a scenario with nodes names its own.
    var built = network.map {
      SupplyNetwork(name: v.name, suppliers: suppliers, skus: skus, topology: $0.topology, initialStock: $0.initialStock,
                    horizonDays: v.horizonDays, warmUpDays: warmUp, seed: v.seed, calendar: calendar)
    } ?? SupplyNetwork(warehouse: v.warehouse?.id ?? "warehouse", suppliers: suppliers, skus: skus, initialOnHand: initialOnHand,
                       horizonDays: v.horizonDays, warmUpDays: warmUp, seed: v.seed, calendar: calendar)
    built.randomShocks = shockProcess
    return (built, policies)
  }

  /// Rejects SKUs whose mean daily demand on some day of the horizon, with every multiplier
  /// applied (trend, weekly and yearly seasonality, promotions, holidays, shocks, the largest
  /// node's demand factor, the largest random shock), exceeds `StockQuantity.maximumDailyMean`:
  /// each input may be within its own range while their product is not.
  mutating func checkPeakDemand(_ skus: [SKU], calendar: SimulationCalendar, topology: NetworkTopology?, shocks: RandomDemandShocks?) {
    let days = 0..<spec.horizonDays
    let shockFactor = shocks.map { max(1, $0.factor.upperBound) } ?? 1
    for (k, sku) in skus.enumerated() {
      var multiple = shockFactor
      if let topology {
        multiple *= topology.nodes.indices.map { topology.demandMultiple(ofNode: $0, sku: k) }.max() ?? 1
      }
      let limit = StockQuantity.maximumDailyMean / max(multiple, 1e-300)
      guard let (day, mean) = sku.demand.profile.firstDay(over: days, calendar: calendar, exceeding: limit) else { continue }
      let extra = multiple > 1 ? " (× \(validator.format(multiple)) for node demand factors and random shocks)" : ""
      let value = mean.isFinite ? validator.format(mean * multiple) : "not a finite number"
      validator.fail("skus[\(k)].demand", "the mean daily demand on day \(day), every factor multiplied\(extra), is \(value); it must be at most 1e9 units a day: lower the mean, the trend or the seasonal and promotion factors")
    }
  }

  /// Checks a dip; true when it is valid.
  mutating func checkDip(_ dip: DipSpec, path: String) -> Bool {
    let before = validator.errors.count
    validator.number(Double(dip.days), "\(path).days", min: 1, max: 365)
    validator.number(dip.factor, "\(path).factor", min: 0, max: 1, minExclusive: true)
    return validator.errors.count == before
  }

  /// Adds cannibalisation, holiday and shock windows, which involve several SKUs.
  mutating func addSharedWindows(_ skus: inout [SKU]) {
    // The built SKUs' ids and positions, made when the first cannibalisation needs them.
    var ids: [String] = []
    var built: [String: Int] = [:]
    for (i, s) in spec.skus.enumerated() {
      for (j, promo) in (s.demand.promotions ?? []).enumerated() {
        for (c, victim) in (promo.cannibalizes ?? []).enumerated() {
          if ids.isEmpty && !skus.isEmpty {
            ids = skus.map(\.id)
            for (k, id) in ids.enumerated() where built[id] == nil { built[id] = k }
          }
          let path = "skus[\(i)].demand.promotions[\(j)].cannibalizes[\(c)]"
          guard let k = built[victim.sku] else {
            validator.fail("\(path).sku", "no SKU has id \"\(victim.sku)\"; \(suggestion(for: victim.sku, among: ids))")
            continue
          }
          validator.require(victim.sku != s.id, "\(path).sku", "a promotion cannot cannibalise its own SKU")
          validator.number(victim.factor, "\(path).factor", min: 0, max: 1, minExclusive: true)
          skus[k].demand.profile.windows.append(DemandWindow(startDay: promo.start, endDay: promo.end, factor: victim.factor, cause: "cannibalisation"))
        }
      }
    }
    for (key, cause, list) in [("holidays", "holiday", spec.holidays ?? []), ("shocks", "shock", spec.shocks ?? [])] {
      for (j, w) in list.enumerated() {
        let path = "\(key)[\(j)]"
        let days = dayRange(start: w.start, end: w.end, path: path)
        validator.number(w.factor, "\(path).factor", min: 0, max: 1000)
        for k in skus.indices {
          skus[k].demand.profile.windows.append(DemandWindow(startDay: days.lowerBound, endDay: days.upperBound, factor: w.factor, cause: w.name.map { "\(cause): \($0)" } ?? cause))
        }
      }
    }
  }

  mutating func dayRange(start: Int, end: Int, path: String) -> ClosedRange<Int> {
    validator.number(Double(start), "\(path).start", min: 0, max: Double(Self.maximumDay))
    validator.require(end >= start, "\(path).end", "must be >= start (\(start)), got \(end)")
    validator.number(Double(end), "\(path).end", max: Double(Self.maximumDay))
    let lo = min(max(start, 0), Self.maximumDay)
    return lo...min(max(lo, end), Self.maximumDay)
  }

  mutating func supplierDisruptions(_ s: SupplierSpec, path: String) -> SupplierDisruptions {
    var d = SupplierDisruptions()
    for (j, o) in (s.outages ?? []).enumerated() { d.outages.append(dayRange(start: o.start, end: o.end, path: "\(path).outages[\(j)]")) }
    for (j, c) in (s.capacityCuts ?? []).enumerated() {
      let p = "\(path).capacityCuts[\(j)]"
      validator.number(Double(c.capacityPerDay), "\(p).capacityPerDay", min: 0)
      d.capacityCuts.append((dayRange(start: c.start, end: c.end, path: p), c.capacityPerDay))
    }
    for (j, x) in (s.leadTimeSpikes ?? []).enumerated() {
      let p = "\(path).leadTimeSpikes[\(j)]"
      validator.number(Double(x.extraDays), "\(p).extraDays", min: 0, max: 3650)
      d.leadTimeSpikes.append((dayRange(start: x.start, end: x.end, path: p), x.extraDays))
    }
    if let r = s.randomOutages {
      let p = "\(path).randomOutages"
      validator.number(r.meanDaysBetween, "\(p).meanDaysBetween", min: 1, minExclusive: true)
      if let repair = leadTime(r.repairDays, path: "\(p).repairDays"), r.meanDaysBetween > 1 {
        d.randomOutages = RandomOutages(meanDaysBetween: r.meanDaysBetween, repairDays: repair)
      }
    }
    return d
  }

  mutating func unmetRule(_ word: String?, path: String) -> UnmetDemandRule? {
    guard let word else { return nil }
    if let rule = UnmetDemandRule(rawValue: word) { return rule }
    validator.fail(path, "unknown rule \"\(word)\"; \(suggestion(for: word, among: Self.unmetRules))")
    return nil
  }

  mutating func leadTime(_ s: LeadTimeSpec, path: String) -> LeadTimeModel? {
    let before = validator.errors.count
    let fields: [(String, Bool)] = [("mean", s.mean != nil), ("sd", s.sd != nil), ("min", s.min != nil), ("max", s.max != nil),
                                    ("values", s.values != nil), ("probabilities", s.probabilities != nil)]
    func only(_ allowed: [String]) -> [(String, Bool)] { fields.filter { $0.1 && !allowed.contains($0.0) } }
    let because = { "to a \(s.distribution) lead time" }
    switch s.distribution {
    case "deterministic":
      validator.absent(only(["mean"]), base: path, because: because())
      if let m = s.mean, m >= 0, m < 1 { validator.fail("\(path).mean", Self.sameDayProblem(m)) }
      else { validator.number(s.mean, "\(path).mean", min: 1, max: 3650) }
      if let m = s.mean, m != m.rounded() { validator.fail("\(path).mean", "must be a whole number of days, got \(m)") }
      guard validator.errors.count == before, let m = s.mean else { return nil }
      return .deterministic(days: Int(m))
    case "uniform":
      validator.absent(only(["min", "max"]), base: path, because: because())
      if let lo = s.min, lo == 0 { validator.fail("\(path).min", Self.sameDayProblem(0)) }
      else { validator.number(s.min.map(Double.init), "\(path).min", min: 1, max: 3650) }
      validator.number(s.max.map(Double.init), "\(path).max", min: 1, max: 3650)
      if let lo = s.min, let hi = s.max { validator.require(lo <= hi, "\(path).max", "must be >= min (\(lo)), got \(hi)") }
      guard validator.errors.count == before, let lo = s.min, let hi = s.max else { return nil }
      return .uniform(min: lo, max: hi)
    case "gamma", "lognormal":
      validator.absent(only(["mean", "sd"]), base: path, because: because())
      validator.number(s.mean, "\(path).mean", min: 0, max: 3650)
      validator.number(s.sd, "\(path).sd", min: 0, max: 3650)
      if s.distribution == "lognormal", let m = s.mean, let sd = s.sd, sd > 0 { validator.require(m > 0, "\(path).mean", "must be > 0 when sd > 0, got \(m)") }
      if s.distribution == "gamma", let m = s.mean, let sd = s.sd, sd > 0 { validator.require(m > 0, "\(path).mean", "must be > 0 when sd > 0, got \(m)") }
      guard validator.errors.count == before, let m = s.mean, let sd = s.sd else { return nil }
      return s.distribution == "gamma" ? .gamma(mean: m, standardDeviation: sd) : .lognormal(mean: m, standardDeviation: sd)
    case "poisson":
      validator.absent(only(["mean"]), base: path, because: because())
      validator.number(s.mean, "\(path).mean", min: 0, max: 3650)
      guard validator.errors.count == before, let m = s.mean else { return nil }
      return .poisson(mean: m)
    case "empirical":
      validator.absent(only(["values", "probabilities"]), base: path, because: because())
      let values = s.values ?? [], p = s.probabilities ?? []
      validator.require(s.values != nil, "\(path).values", "is required")
      validator.require(s.probabilities != nil, "\(path).probabilities", "is required")
      if let j = values.firstIndex(where: { $0 == 0 }) { validator.fail("\(path).values[\(j)]", Self.sameDayProblem(0)) }
      checkEmpirical(values.map(Double.init), p, path: path, minValue: 1, maxValue: 3650)
      guard validator.errors.count == before else { return nil }
      return .empirical(values: values, probabilities: p)
    default:
      validator.fail("\(path).distribution", "unknown lead-time distribution \"\(s.distribution)\"; \(suggestion(for: s.distribution, among: Self.leadFamilies))")
      return nil
    }
  }

  /// Why a lead time of 0 days is rejected (see `LeadTimeModel`).
  static func sameDayProblem(_ value: Double) -> String {
    "must be at least 1 day, got \(value == value.rounded() ? String(Int(value)) : String(value)): an order placed at the day's review is received at the earliest before the next day's demand, which is a lead time of 1"
  }

  mutating func checkEmpirical(_ values: [Double], _ p: [Double], path: String, minValue: Double = 0, maxValue: Double) {
    guard !values.isEmpty || !p.isEmpty else { return }
    validator.require(!values.isEmpty, "\(path).values", "must not be empty")
    validator.require(values.count == p.count, "\(path).probabilities", "needs one probability per value (\(values.count)), got \(p.count)")
    for (j, x) in values.enumerated() where !(minValue > 0 && x == 0) { validator.number(x, "\(path).values[\(j)]", min: minValue, max: maxValue) }
    for (j, x) in p.enumerated() { validator.number(x, "\(path).probabilities[\(j)]", min: 0, max: 1) }
    let total = p.reduce(0, +)
    validator.require(abs(total - 1) < 1e-6, "\(path).probabilities", "must sum to 1, got \(total)")
  }

  mutating func demandModel(_ s: DemandSpec, path: String, sku: String) -> DemandModel? {
    if s.source != nil || s.distribution == nil { return recordedDemand(s, path: path, sku: sku) }
    let distribution = s.distribution!
    let before = validator.errors.count
    let familyFields: [(String, Bool)] = [("dispersion", s.dispersion != nil), ("cv", s.cv != nil), ("spread", s.spread != nil),
                                          ("values", s.values != nil), ("probabilities", s.probabilities != nil)]
    func only(_ allowed: [String]) -> [(String, Bool)] { familyFields.filter { $0.1 && !allowed.contains($0.0) } }
    let because = { "to \(distribution) demand" }
    var family: DemandFamily?
    switch distribution {
    case "poisson", "deterministic":
      validator.absent(only([]), base: path, because: because())
      family = distribution == "poisson" ? .poisson : .deterministic
    case "negativeBinomial":
      validator.absent(only(["dispersion"]), base: path, because: because())
      validator.number(s.dispersion, "\(path).dispersion", min: 1e-6)
      if let r = s.dispersion, r >= 1e-6 { family = .negativeBinomial(dispersion: r) }
    case "normal", "gamma", "lognormal":
      validator.absent(only(["cv"]), base: path, because: because())
      validator.number(s.cv, "\(path).cv", min: 0, max: 10)
      if let cv = s.cv {
        family = distribution == "normal" ? .normal(cv: cv) : distribution == "gamma" ? .gamma(cv: cv) : .lognormal(cv: cv)
      }
    case "uniform":
      validator.absent(only(["spread"]), base: path, because: because())
      validator.number(s.spread, "\(path).spread", min: 0, max: 1)
      if let w = s.spread { family = .uniform(spread: w) }
    case "empirical":
      validator.absent(only(["values", "probabilities"]), base: path, because: because())
      validator.require(s.values != nil, "\(path).values", "is required")
      validator.require(s.probabilities != nil, "\(path).probabilities", "is required")
      checkEmpirical(s.values ?? [], s.probabilities ?? [], path: path, maxValue: 1e9)
      family = .empirical(values: s.values ?? [], probabilities: s.probabilities ?? [])
    default:
      validator.fail("\(path).distribution", "unknown demand distribution \"\(distribution)\"; \(suggestion(for: distribution, among: Self.demandFamilies))")
    }
    var base = s.mean
    if distribution == "empirical", base == nil, let values = s.values, let p = s.probabilities, values.count == p.count {
      base = zip(values, p).reduce(0) { $0 + $1.0 * $1.1 }
    }
    validator.number(base, "\(path).mean", min: 0, max: 1e9)
    if let t = s.trendPerDay { validator.number(t, "\(path).trendPerDay", min: -1e9, max: 1e9) }
    if let w = s.weekly {
      validator.require(w.count == 7, "\(path).weekly", "needs 7 factors (Monday first), got \(w.count)")
      for (j, x) in w.enumerated() { validator.number(x, "\(path).weekly[\(j)]", min: 0, max: 100) }
    }
    var yearly: YearlySeasonality?
    if let y = s.yearly {
      let yp = "\(path).yearly"
      if let terms = y.fourier {
        validator.absent([("amplitude", y.amplitude != nil), ("peakDay", y.peakDay != nil), ("monthly", y.monthly != nil)], base: yp, because: "when Fourier terms are given")
        validator.require(!terms.isEmpty && terms.count <= 20, "\(yp).fourier", "needs 1 to 20 harmonics [cos, sin], got \(terms.count)")
        for (j, t) in terms.enumerated() {
          validator.require(t.count == 2, "\(yp).fourier[\(j)]", "needs two coefficients [cos, sin], got \(t.count)")
          for (c, x) in t.enumerated() { validator.number(x, "\(yp).fourier[\(j)][\(c)]", min: -1, max: 1) }
        }
        yearly = .fourier(terms.filter { $0.count == 2 }.map { (cos: $0[0], sin: $0[1]) })
      } else if let monthly = y.monthly {
        validator.absent([("amplitude", y.amplitude != nil), ("peakDay", y.peakDay != nil)], base: yp, because: "when monthly factors are given")
        validator.require(monthly.count == 12, "\(yp).monthly", "needs 12 factors (January first), got \(monthly.count)")
        for (j, x) in monthly.enumerated() { validator.number(x, "\(yp).monthly[\(j)]", min: 0, max: 100) }
        yearly = .monthly(monthly)
      } else {
        validator.number(y.amplitude, "\(yp).amplitude", min: 0, max: 1, maxExclusive: true)
        validator.number(y.peakDay.map(Double.init), "\(yp).peakDay", min: 0, max: 364)
        if let a = y.amplitude, let d = y.peakDay { yearly = .sinusoid(amplitude: a, peakDay: d) }
      }
    }
    let windows = promotionWindows(s.promotions, path: path)
    guard validator.errors.count == before, let family, let base else { return nil }
    let weekly = s.weekly ?? []
    return DemandModel(family: family, profile: DemandProfile(base: base, trendPerDay: s.trendPerDay ?? 0, weekly: weekly, yearly: yearly, windows: windows))
  }

  /// The demand windows of a SKU's promotions (with their dips), checked.
  mutating func promotionWindows(_ promotions: [PromotionSpec]?, path: String) -> [DemandWindow] {
    var windows: [DemandWindow] = []
    for (j, promo) in (promotions ?? []).enumerated() {
      let pp = "\(path).promotions[\(j)]"
      validator.number(Double(promo.start), "\(pp).start", min: 0, max: Double(Self.maximumDay))
      validator.require(promo.end >= promo.start, "\(pp).end", "must be >= start (\(promo.start)), got \(promo.end)")
      validator.number(Double(promo.end), "\(pp).end", max: Double(Self.maximumDay))
      validator.number(promo.uplift, "\(pp).uplift", min: 0, max: 1000, minExclusive: true)
      windows.append(DemandWindow(startDay: promo.start, endDay: promo.end, factor: promo.uplift, cause: "promotion"))
      if let dip = promo.preDip, checkDip(dip, path: "\(pp).preDip") {
        let start = min(max(promo.start, 0), Self.maximumDay)
        windows.append(DemandWindow(startDay: max(0, start - dip.days), endDay: start - 1, factor: dip.factor, cause: "pre-promotion dip"))
      }
      if let dip = promo.postDip, checkDip(dip, path: "\(pp).postDip") {
        // Day numbers are bounded (maximumDay, checked above), so the window's days cannot overflow.
        let end = min(max(promo.end, 0), Self.maximumDay)
        windows.append(DemandWindow(startDay: end + 1, endDay: end + dip.days, factor: dip.factor, cause: "pull-forward dip"))
      }
    }
    return windows
  }
}
