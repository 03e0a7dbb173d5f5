import Replenishment
import SupplyModel

/// The built-in policy types: the reorder-point family (`sQ`, `sS`, `RS`, `baseStock`), planned
/// from the demand model or a forecaster, and the rolling-horizon LP (`lp`). They read into a
/// `PolicySpecification`.
extension PolicyRegistry {
  /// The built-in types, in listing order.
  public static let builtIn: [Entry] = [
    builtInEntry(.sQ, summary: "(s,Q): order Q whenever the position falls to s or below; continuous review"),
    builtInEntry(.sS, summary: "(s,S) min-max: order up to S when the position is at s or below, every reviewPeriod days"),
    builtInEntry(.RS, summary: "(R,S): order up to S every R days"),
    builtInEntry(.baseStock, summary: "base stock: order up to S every day"),
    builtInEntry(.lp, summary: "rolling-horizon linear program over all SKUs (budget, storage, MOQ, fixed costs)"),
    external,
    optimalEntry,
    cappedBaseStockEntry,
    constantOrderEntry,
    myopicEntry,
    learnedEntry,
  ]

  static let targetHelp: [(key: String, help: String)] = [
    ("serviceLevel", "cycle service level in (0, 1) that sets s (or S)"),
    ("fillRate", "fill rate in (0, 1) that sets s (or S)"),
    ("target", "\"costOptimal\": the newsvendor ratio b/(b+h)"),
  ]
  static let lotHelp: [(key: String, help: String)] = [
    ("orderQuantity", "Q in units, or \"eoq\" (default)"),
    ("orderQuantityDays", "Q as days of mean demand"),
  ]
  static let reviewHelp: (key: String, help: String) = ("reviewPeriod", "days between reviews, 1 to 365")
  static let overridesHelp: (key: String, help: String) = ("overrides", "explicit s, S or Q for some SKUs: [{\"sku\": id, \"s\": …}]")
  static let forecastHelp: (key: String, help: String) = ("forecast", "levels follow a forecaster: {\"model\": name, …}")
  static let lpHelp: (key: String, help: String) = ("lp", "the LP's plan: horizonDays, demand, budgetPerDay, storageCapacity, …")

  /// The entry of one built-in family: its keys, the keys it refuses with a reason, its reader.
  static func builtInEntry(_ family: PolicyFamily, summary: String) -> Entry {
    let keys: [(key: String, help: String)]
    var refused: [(key: String, problem: String)] = []
    let orderUpTo = "does not apply to \(family.rawValue) policies, which order up to a level; remove it"
    let daily = "does not apply to \(family.rawValue) policies, which review daily; use sS or RS"
    let onlyLP = "applies only to policies of type lp"
    switch family {
    case .sQ:
      keys = targetHelp + lotHelp + [overridesHelp, forecastHelp]
      refused = [("reviewPeriod", daily), ("lp", onlyLP)]
    case .sS:
      keys = targetHelp + lotHelp + [reviewHelp, overridesHelp, forecastHelp]
      refused = [("lp", onlyLP)]
    case .RS:
      keys = targetHelp + [reviewHelp, overridesHelp, forecastHelp]
      refused = [("orderQuantity", orderUpTo), ("orderQuantityDays", orderUpTo), ("lp", onlyLP)]
    case .baseStock:
      keys = targetHelp + [overridesHelp, forecastHelp]
      refused = [("orderQuantity", orderUpTo), ("orderQuantityDays", orderUpTo), ("reviewPeriod", daily), ("lp", onlyLP)]
    case .lp:
      keys = [("serviceLevel", "cycle service level of the LP's safety stock"), reviewHelp, lpHelp, forecastHelp]
      let sets = "does not apply to lp policies, whose plan sets quantities; remove it"
      let safety = "does not apply to lp policies (serviceLevel sets their safety stock); remove it"
      refused = [("orderQuantity", sets), ("orderQuantityDays", sets), ("fillRate", safety), ("target", safety), ("overrides", safety)]
    }
    return Entry(name: family.rawValue, summary: summary, keys: keys, refusedKeys: refused,
                 nodeGroups: [["serviceLevel", "fillRate", "target"], ["orderQuantity", "orderQuantityDays"]]) { reader in
      readBuiltIn(family, &reader)
    }
  }

  /// Reads a built-in policy's settings.
  static func readBuiltIn(_ family: PolicyFamily, _ r: inout PolicyReader) -> PolicySpecification? {
    let before = r.problems.count
    let targets = ["serviceLevel", "fillRate", "target"].filter { r.has($0) }.count
    r.require(targets <= 1, nil, "set only one of serviceLevel, fillRate and target")
    var target: StockTarget?
    if r.has("serviceLevel") {
      target = r.double("serviceLevel", min: 0, max: 1, minExclusive: true, maxExclusive: true).map { .cycleServiceLevel($0) }
    } else if r.has("fillRate") {
      target = r.double("fillRate", min: 0, max: 1, minExclusive: true, maxExclusive: true).map { .fillRate($0) }
    } else if let t = r.decode(String.self, "target") {
      if t == "costOptimal" { target = .costOptimal } else { r.fail("target", "unknown target \"\(t)\"; expected \"costOptimal\"") }
    } else if family == .baseStock || family == .lp {
      target = .costOptimal
    } else if !r.has("target") {
      r.fail(nil, "set one of serviceLevel, fillRate or target (\"costOptimal\")")
    }
    var lot = LotSizing.eoq
    if r.has("orderQuantity") && r.has("orderQuantityDays") {
      r.fail("orderQuantityDays", "set only one of orderQuantity and orderQuantityDays")
    }
    if family == .sQ || family == .sS {
      if case let .units(n)? = r.decode(QuantitySpec.self, "orderQuantity"), r.int("orderQuantity", min: 1, max: StockQuantity.maximum) != nil {
        lot = .units(n)
      }
      if let d = r.double("orderQuantityDays", min: 0, max: 36_500, minExclusive: true) { lot = .daysOfSupply(d) }
    }
    let review = r.has("reviewPeriod") && (family == .sS || family == .RS || family == .lp) ? r.int("reviewPeriod", min: 1, max: 365) : nil
    if family == .RS && !r.has("reviewPeriod") { r.fail("reviewPeriod", "is required for RS policies") }
    var overrides: [PolicyOverride] = []
    if family != .lp {
      for (j, o) in (r.decode([OverrideSpec].self, "overrides") ?? []).enumerated() {
        let op = r.path(of: "overrides[\(j)]")
        guard let k = r.sku(o.sku, at: "\(op).sku") else { continue }
        let most = Double(StockQuantity.maximum)
        if let s = o.s { r.validator.number(Double(s), "\(op).s", min: -1_000_000, max: most - 1) }
        if let q = o.Q { r.validator.number(Double(q), "\(op).Q", min: 1, max: most) }
        if let big = o.S { r.validator.number(Double(big), "\(op).S", min: -1_000_000, max: most) }
        if let s = o.s, let big = o.S { r.validator.require(big > s, "\(op).S", "must exceed s (\(s)), got \(big)") }
        if o.s != nil && (family == .RS || family == .baseStock) { r.validator.fail("\(op).s", "does not apply to \(family.rawValue) policies; set S") }
        if o.Q != nil && family != .sQ { r.validator.fail("\(op).Q", "applies only to sQ policies") }
        if o.S != nil && family == .sQ { r.validator.fail("\(op).S", "does not apply to sQ policies; set s and Q") }
        overrides.append(PolicyOverride(sku: k, reorderPoint: o.s, orderUpTo: o.S, orderQuantity: o.Q))
      }
    }
    let forecast = r.has("forecast") ? r.forecast() : nil
    var linearProgram: LinearProgramSettings?
    if family == .lp {
      let serviceLevel: Double? = if case let .cycleServiceLevel(a)? = target { a } else { nil }
      linearProgram = readLinearProgram(&r, forecast: r.has("forecast"), serviceLevel: serviceLevel)
    }
    guard r.problems.count == before, let target else { return nil }
    return PolicySpecification(name: r.name, family: family, target: target, lotSizing: lot, reviewPeriod: review ?? 1,
                               overrides: overrides, forecast: forecast, linearProgram: linearProgram)
  }

  /// Reads `lp`: the LP policy's plan.
  static func readLinearProgram(_ r: inout PolicyReader, forecast: Bool, serviceLevel: Double?) -> LinearProgramSettings? {
    let l = r.has("lp") ? r.decode(LPPolicySpec.self, "lp") : LPPolicySpec()
    guard let l else { return nil }
    let path = r.path(of: "lp")
    let before = r.problems.count
    if let h = l.horizonDays { r.validator.number(Double(h), "\(path).horizonDays", min: 1, max: 366) }
    var source: LinearProgramSettings.DemandSource = forecast ? .forecast : .expected
    if let d = l.demand {
      if let s = LinearProgramSettings.DemandSource(rawValue: d) { source = s }
      else { r.validator.fail("\(path).demand", "unknown demand source \"\(d)\"; expected \"expected\" or \"forecast\"") }
    }
    if source == .forecast && !forecast {
      r.validator.fail("\(path).demand", "\"forecast\" needs a forecast section in the policy (policies[i].forecast)")
    }
    if let b = l.budgetPerDay { r.validator.number(b, "\(path).budgetPerDay", min: 0, minExclusive: true) }
    if let s = l.storageCapacity { r.validator.number(s, "\(path).storageCapacity", min: 0, minExclusive: true) }
    if let m = l.minimumOrderQuantity { r.validator.number(Double(m), "\(path).minimumOrderQuantity", min: 1) }
    if let n = l.nodeLimit { r.validator.number(Double(n), "\(path).nodeLimit", min: 1, max: 10_000_000) }
    guard r.problems.count == before else { return nil }
    return LinearProgramSettings(horizonDays: l.horizonDays ?? 28, demandSource: source, safetyServiceLevel: serviceLevel,
                                 budgetPerDay: l.budgetPerDay, storageCapacity: l.storageCapacity,
                                 minimumOrderQuantity: l.minimumOrderQuantity, fixedOrderCosts: l.fixedOrderCosts ?? false,
                                 integerQuantities: l.integerQuantities ?? false, nodeLimit: l.nodeLimit ?? 2_000)
  }
}
