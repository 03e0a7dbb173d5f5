import Scenarios
import SupplyModel

/// What reports say about demand taken from a sales history: which SKUs replay or bootstrap it,
/// and how many of their days were out of stock (censored sales).
extension RunReport {
  /// The SKUs with recorded demand: id, mode word, block length (bootstrap), censored days, mean.
  static func recordedSKUs(_ network: SupplyNetwork) -> [(id: String, source: String, blockDays: Int?, censoredDays: Int, mean: Double)] {
    network.skus.compactMap { sku in
      guard case let .recorded(r) = sku.demand.family else { return nil }
      switch r.mode {
      case .replay: return (sku.id, "replay", nil, r.censoredDays, r.reference)
      case let .bootstrap(blockDays): return (sku.id, "bootstrap", blockDays, r.censoredDays, r.reference)
      }
    }
  }

  /// `summary.json`'s `history` member, nil without recorded demand.
  static func historyJSON(_ scenario: Scenario) -> JSONValue? {
    let skus = recordedSKUs(scenario.network)
    guard !skus.isEmpty || scenario.spec.history != nil else { return nil }
    var members: [(key: String, value: JSONValue)] = []
    if let f = scenario.spec.history?.file { members.append(("file", .string(f))) }
    members.append(("censoredDays", JSONWriter.number(skus.reduce(0) { $0 + $1.censoredDays })))
    members.append(("skus", .array(skus.map { s in
      var m: [(key: String, value: JSONValue)] = [("sku", .string(s.id)), ("source", .string(s.source))]
      if let b = s.blockDays { m.append(("blockDays", JSONWriter.number(b))) }
      m.append(("censoredDays", JSONWriter.number(s.censoredDays)))
      m.append(("historyMeanPerDay", JSONWriter.number(s.mean)))
      return .object(m)
    })))
    return .object(members)
  }

  /// One sentence for the Markdown and HTML reports, nil without recorded demand.
  static func historySentence(_ scenario: Scenario) -> String? {
    let skus = recordedSKUs(scenario.network)
    guard !skus.isEmpty else { return nil }
    let replayed = skus.filter { $0.source == "replay" }.count, boot = skus.count - replayed
    var parts: [String] = []
    if replayed > 0 { parts.append("\(replayed) SKU\(replayed == 1 ? "" : "s") replay the recorded days") }
    if boot > 0 { parts.append("\(boot) SKU\(boot == 1 ? "" : "s") bootstrap the days before day 0") }
    let censored = skus.filter { $0.censoredDays > 0 }
    let total = censored.reduce(0) { $0 + $1.censoredDays }
    var text = "Demand from the sales history\(scenario.spec.history.map { " `\($0.file)`" } ?? ""): " + parts.joined(separator: ", ") + "; "
    if total == 0 {
      text += "no day they use is marked out of stock."
    } else {
      let listed = censored.prefix(10).map { "\($0.id) \($0.censoredDays)" }.joined(separator: ", ")
      text += "\(total) day\(total == 1 ? "" : "s") they use \(total == 1 ? "was" : "were") out of stock (censored sales, simulated as recorded): \(listed)\(censored.count > 10 ? ", …" : "")."
    }
    return text
  }
}
