import Experiments
import Scenarios
import SupplyModel

/// The multi-echelon parts of a run's report: `nodes.csv`, the `network` object of
/// `summary.json` and the Network section of `report.md`. All are empty for a single warehouse.
extension RunReport {
  /// The node KPIs the Markdown and HTML node tables show: (key, title, formatter). Every cost
  /// component is a column, so each cost column adds up over the nodes to the network's total.
  static let nodeColumns: [(String, String, @Sendable (Double) -> String)] = [
    ("totalCost", KPIDefinition.named("totalCost").column, { NumberFormat.grouped($0, 0) }),
    ("holdingCost", KPIDefinition.named("holdingCost").column, { NumberFormat.grouped($0, 0) }),
    ("shortageCost", KPIDefinition.named("shortageCost").column, { NumberFormat.grouped($0, 0) }),
    ("orderingCost", KPIDefinition.named("orderingCost").column, { NumberFormat.grouped($0, 0) }),
    ("purchaseCost", KPIDefinition.named("purchaseCost").column, { NumberFormat.grouped($0, 0) }),
    ("transportCost", KPIDefinition.named("transportCost").column, { NumberFormat.grouped($0, 0) }),
    ("fillRate", KPIDefinition.named("fillRate").column, { NumberFormat.percent($0, 2) }),
    ("averageOnHand", KPIDefinition.named("averageOnHand").column, { NumberFormat.grouped($0, 0) }),
  ]

  /// The definitions the network sections state.
  static let networkDefinitions = """
    Every node stocks every SKU. Node figures are means over replications after warm-up. A node's demand is what it was asked for: customer demand at customer-facing nodes, the orders of the nodes it supplies at internal nodes; its fill rate is the share of that demand shipped from stock on the day it arrived (at an internal node: the share of downstream orders shipped the same day). The network fill rate in the comparison counts customer-facing nodes only; network costs and stock add up every node. Internal backorders carry no penalty (they show up as shortages downstream); purchase cost arises only where a node buys from a supplier, transport cost = units received × the inbound lane's rate. Bullwhip ratio of a node = Σ variance(daily units ordered) / Σ variance(daily demand received) over its SKUs (each SKU's variance about its own mean); of an echelon, the same sums over all its nodes. Above 1, orders vary more than the demand the node sees; – where demand did not vary.
    """

  /// The summary of node `node`'s KPI `kpi` across replications.
  static func summary(_ outcome: PolicyOutcome, node: Int, kpi: String) -> KPISummary {
    KPISummary(values: outcome.perNode.map { $0[node].value(named: kpi)! })
  }

  /// The summary of a bullwhip series across the replications where it is defined, or nil when
  /// it is undefined in all of them.
  static func bullwhipSummary(_ perReplication: [[Double]], at index: Int) -> KPISummary? {
    let values = perReplication.map { $0[index] }.filter { !$0.isNaN }
    return values.isEmpty ? nil : KPISummary(values: values)
  }

  /// "1 distribution centre, 5 stores".
  static func kindCounts(_ network: NetworkDescription, echelon: Int? = nil) -> String {
    let nodes = network.nodes.filter { echelon == nil || $0.echelon == echelon }
    return NodeKind.allCases.compactMap { kind in
      let n = nodes.filter { $0.kind == kind }.count
      guard n > 0 else { return nil }
      let word = NetworkDescription.phrase(kind)
      return "\(n) \(n == 1 ? word : (kind == .distributionCenter ? "distribution centres" : word + "s"))"
    }.joined(separator: ", ")
  }

  /// A bullwhip ratio with two decimals, "–" when undefined.
  static func ratio(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "–" }
    return NumberFormat.fixed(x, 2)
  }

  /// `nodes.csv`: one row per policy and node with its id, kind, echelon, the mean of every
  /// node KPI and the half-width of its 95% interval across replications (empty with one
  /// replication), and the mean bullwhip ratio likewise; nil for a single warehouse.
  public func nodesCSV() -> String? {
    guard let network = NetworkDescription(network: result.scenario.network) else { return nil }
    let pairs = KPIs.names + ["bullwhip"]
    var csv = CSVWriter(header: ["policy", "node", "kind", "echelon"] + pairs.flatMap { [$0, $0 + "HalfWidth95"] })
    func cells(_ s: KPISummary?) -> [String] {
      guard let s else { return ["", ""] }
      return [NumberFormat.shortest(s.mean), s.interval.map { NumberFormat.shortest($0.halfWidth) } ?? ""]
    }
    for outcome in result.outcomes {
      for (i, node) in network.nodes.enumerated() {
        var row = [outcome.name, node.id, node.kind.rawValue, String(node.echelon)]
        for name in KPIs.names { row += cells(Self.summary(outcome, node: i, kpi: name)) }
        row += cells(Self.bullwhipSummary(outcome.nodeBullwhip, at: i))
        csv.appendRow(row)
      }
    }
    return csv.text
  }

  /// A summary as `{mean, sd, ci95Lower, ci95Upper}`, or null.
  static func json(_ s: KPISummary?) -> JSONValue {
    guard let s else { return .null }
    return .object([
      ("mean", JSONWriter.number(s.mean)),
      ("sd", JSONWriter.number(s.standardDeviation)),
      ("ci95Lower", s.interval.map { JSONWriter.number($0.lower) } ?? .null),
      ("ci95Upper", s.interval.map { JSONWriter.number($0.upper) } ?? .null),
    ])
  }

  /// The `network` object of `summary.json`; nil for a single warehouse.
  func networkJSON() -> JSONValue? {
    guard let network = NetworkDescription(network: result.scenario.network) else { return nil }
    let nodes: [JSONValue] = network.nodes.map { node in
      .object([
        ("id", .string(node.id)),
        ("kind", .string(node.kind.rawValue)),
        ("echelon", JSONWriter.number(node.echelon)),
        ("customerFacing", .bool(node.isCustomerFacing)),
        ("demandFactor", JSONWriter.number(node.demandFactor)),
        ("allocation", .string(NetworkDescription.word(node.allocation))),
        ("priority", JSONWriter.number(node.priority)),
        ("holdingCostFactor", JSONWriter.number(node.holdingCostFactor)),
        ("orderCostFactor", JSONWriter.number(node.orderCostFactor)),
        ("sources", .array(node.sources.map { source in
          .object([
            ("from", .string(source.from)),
            ("fromKind", .string(source.node == nil ? "supplier" : "node")),
            ("lane", source.lane.map { JSONWriter.number($0) } ?? .null),
            ("skus", JSONWriter.number(source.skuCount)),
            ("meanLeadTimeDays", JSONWriter.number(source.meanLeadTimeDays)),
            ("transportCostPerUnit", JSONWriter.number(source.transportCostPerUnit)),
            ("capacityPerDay", source.capacityPerDay.map { JSONWriter.number($0) } ?? .null),
          ])
        })),
      ])
    }
    let policies: [JSONValue] = result.outcomes.map { outcome in
      let perNode: [JSONValue] = network.nodes.enumerated().map { i, node in
        .object([
          ("id", .string(node.id)),
          ("kpis", .object(KPIs.names.map { ($0, Self.json(Self.summary(outcome, node: i, kpi: $0))) })),
          ("bullwhip", Self.json(Self.bullwhipSummary(outcome.nodeBullwhip, at: i))),
        ])
      }
      let echelons: [JSONValue] = (0..<network.echelonCount).map { e in
        .object([("echelon", JSONWriter.number(e + 1)), ("bullwhip", Self.json(Self.bullwhipSummary(outcome.echelonBullwhip, at: e)))])
      }
      return .object([
        ("name", .string(outcome.name)),
        ("stock", .string(outcome.definition.echelonStock ? "echelon" : "installation")),
        ("nodes", .array(perNode)),
        ("echelons", .array(echelons)),
      ])
    }
    return .object([
      ("echelons", JSONWriter.number(network.echelonCount)),
      ("nodes", .array(nodes)),
      ("policies", .array(policies)),
    ])
  }

  /// The rows of the node list: node, kind, echelon, supplied by, allocation, demand factor.
  func nodeListRows(_ network: NetworkDescription) -> [[String]] {
    let skuCount = result.scenario.network.skus.count
    return network.nodes.map { node in
      [node.id, NetworkDescription.phrase(node.kind), String(node.echelon),
       node.sources.map { NetworkDescription.phrase($0, skuCount: skuCount) }.joined(separator: "; "),
       node.isCustomerFacing ? "–" : NetworkDescription.phrase(node.allocation),
       node.isCustomerFacing ? "×" + NumberFormat.shortest(node.demandFactor) : "–"]
    }
  }

  /// One cell of a node table: the mean, with "± half-width" for total cost and fill rate when
  /// there are several replications.
  func nodeCell(_ outcome: PolicyOutcome, node: Int, column: (String, String, @Sendable (Double) -> String)) -> (mean: String, halfWidth: String?) {
    let s = Self.summary(outcome, node: node, kpi: column.0)
    guard let ci = s.interval, result.replications > 1, column.0 == "totalCost" || column.0 == "fillRate" else { return (column.2(s.mean), nil) }
    return (column.2(s.mean), column.2(ci.halfWidth))
  }

  /// The echelon column titles: "Echelon 1 (5 stores)".
  func echelonTitles(_ network: NetworkDescription) -> [String] {
    (1...network.echelonCount).map { "Echelon \($0) (\(Self.kindCounts(network, echelon: $0)))" }
  }

  /// The Network section of `report.md`; empty for a single warehouse.
  func networkSection() -> String {
    guard let network = NetworkDescription(network: result.scenario.network) else { return "" }
    var md = "## Network\n\n"
    md += "\(network.nodes.count) stocking nodes in \(network.echelonCount) echelon\(network.echelonCount == 1 ? "" : "s") (echelon 1 serves customers). Sources show the mean lead time, the transport cost per unit and any lane capacity.\n\n"
    var list = TextTable(header: ["Node", "Kind", "Echelon", "Supplied by", "Allocation", "Demand factor"],
                         rightAligned: [false, false, true, false, false, true])
    list.rows = nodeListRows(network)
    md += list.markdown() + "\n"
    for outcome in result.outcomes {
      md += "### \(outcome.name): per node\n\n"
      var table = TextTable(header: ["Node", "Echelon"] + Self.nodeColumns.map(\.1) + ["Bullwhip"])
      for (i, node) in network.nodes.enumerated() {
        let cells = Self.nodeColumns.map { column in
          let c = nodeCell(outcome, node: i, column: column)
          return c.mean + (c.halfWidth.map { " ± " + $0 } ?? "")
        }
        let bullwhip = Self.ratio(PolicyOutcome.meanRatio(outcome.nodeBullwhip, at: i))
        table.rows.append([node.id, String(node.echelon)] + cells + [bullwhip])
      }
      md += table.markdown() + "\n"
    }
    md += "### Bullwhip ratio by echelon\n\n"
    var echelons = TextTable(header: ["Policy", "Stock"] + echelonTitles(network), rightAligned: [false, false] + Array(repeating: true, count: network.echelonCount))
    for outcome in result.outcomes {
      echelons.rows.append([outcome.name, outcome.definition.echelonStock ? "echelon" : "installation"]
                           + (0..<network.echelonCount).map { Self.ratio(PolicyOutcome.meanRatio(outcome.echelonBullwhip, at: $0)) })
    }
    md += echelons.markdown() + "\n"
    if result.replications > 1 { md += "Cells with ± show the half-width of the 95% confidence interval across replications.\n\n" }
    md += Self.networkDefinitions + "\n\n"
    return md
  }
}
