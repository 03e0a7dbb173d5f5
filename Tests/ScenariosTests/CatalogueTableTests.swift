import Foundation
import Testing
@testable import Scenarios
@testable import SupplyModel

/// `"skus": {"file": …, "defaults": …}`: the same scenario as the array form, and errors by line and column.
@Suite struct CatalogueTableTests {
  static let arrayForm = """
  {"name": "t", "seed": 9, "horizonDays": 60,
   "suppliers": [{"id": "s", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}],
   "skus": [
     {"id": "007", "supplier": "s", "demand": {"distribution": "poisson", "mean": 4.5, "weekly": [1, 1, 1, 1, 1.2, 1.3, 0.5]},
      "unitCost": 2, "holdingCostPerUnitDay": 0.01, "backorderCostPerUnitDay": 0.5, "orderCost": 20},
     {"id": "B", "supplier": "s", "leadTime": {"distribution": "deterministic", "mean": 3}, "demand": {"distribution": "negativeBinomial", "mean": 8, "dispersion": 2},
      "unitCost": 3.25, "holdingCostPerUnitDay": 0.02, "backorderCostPerUnitDay": 0.5, "orderCost": 20, "initialOnHand": 50}
   ],
   "policies": [{"name": "p", "type": "sS", "fillRate": 0.95}]}
  """

  static let tableForm = """
  {"name": "t", "seed": 9, "horizonDays": 60,
   "suppliers": [{"id": "s", "leadTime": {"distribution": "gamma", "mean": 4, "sd": 1}}],
   "skus": {"file": "skus.csv", "defaults": {"supplier": "s", "backorderCostPerUnitDay": 0.5, "orderCost": 20, "demand": {"distribution": "poisson"}}},
   "policies": [{"name": "p", "type": "sS", "fillRate": 0.95}]}
  """

  static let csv = """
  id,demand.distribution,demand.mean,demand.dispersion,demand.weekly,unitCost,holdingCostPerUnitDay,leadTime.distribution,leadTime.mean,initialOnHand
  007,,4.5,,"[1, 1, 1, 1, 1.2, 1.3, 0.5]",2,0.01,,,
  B,negativeBinomial,8,2,,3.25,0.02,deterministic,3,50
  """

  static func load(_ json: String, csv: String) throws(ScenarioErrors) -> Scenario {
    let folder = ScratchFolder("table")
    defer { folder.remove() }
    folder.write("skus.csv", csv)
    return try Scenario.load(json: json, file: folder.path + "t.json")
  }

  @Test func tableBuildsTheSameScenarioAsTheArray() throws {
    let fromTable = try Self.load(Self.tableForm, csv: Self.csv)
    let fromArray = try Scenario.load(json: Self.arrayForm, file: "t.json")
    #expect(fromTable.spec.skus == fromArray.spec.skus)
    #expect(fromTable.network == fromArray.network)
    #expect(Simulation.demandPaths(fromTable.network) == Simulation.demandPaths(fromArray.network))
  }

  @Test("locates problems at the row and column", arguments: [
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,abc,0.01,3\n", "skus.csv:2:2 'unitCost': expected a number"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,0.01,3\nB,1e400,0.01,3\n", "skus.csv:3:2 'unitCost':"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,0.01,nan\n", "skus.csv:2:4 'demand.mean': expected a number"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,-0.5,3\n", "skus.csv:2:3 'holdingCostPerUnitDay': must be >= 0, got -0.5"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean,initialOnHand\nA,1,0.1,3,99999999999999999999\n", "skus.csv:2:5 'initialOnHand':"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,0.1,3\nA,1,0.1,3\n", "skus.csv:3:1 'id': duplicate SKU id \"A\""),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean,demand.weekly\nA,1,0.1,3,\"[1,2\"\n", "skus.csv:2:5 'demand.weekly': malformed JSON in the cell"),
    ("id,unitCost,holdingCostPerUnitDay\nA,1,0.1\n", "skus.csv:2 'demand.mean': is required"),
    ("id,unitCots,holdingCostPerUnitDay,demand.mean\nA,1,0.1,3\n", "skus.csv:1:2 'unitCots': "),
    // Non-finite, huge and mistyped cells; missing and unknown columns.
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,0.1,-inf\n", "skus.csv:2:4 'demand.mean': expected a number, got a string (\"-inf\")"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,0.1,3\nB,2,-1e309,3\n", "skus.csv:3:3 'holdingCostPerUnitDay': must be a finite number (at most about 1.8e308 in size), got -1e309"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1e308,0.1,3\n", "skus.csv:2:2 'unitCost': must be <= "),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean,initialOnHand\nA,1,0.1,3,1.5\n", "skus.csv:2:5 'initialOnHand': expected a whole number, got a number (1.5)"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean,orderCost\nA,1,0.1,3,true\n", "skus.csv:2:5 'orderCost': expected a number, got a boolean"),
    ("id,holdingCostPerUnitDay,demand.mean\nA,0.1,3\n", "skus.csv:2: missing required key 'unitCost'"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean,colour\nA,1,0.1,3,red\n", "skus.csv:1:5 'colour': unknown key 'colour'; valid keys here: "),
    ("id,unitCost,holdingCostPerUnitDay,demand.meen\nA,1,0.1,3\n", "skus.csv:1:4 'demand.meen': unknown key 'meen'; did you mean 'mean'?"),
    ("id,unitCost,holdingCostPerUnitDay,demand.mean\nA,1,0.1\n", "skus.csv:2: has 3 fields, the header has 4"),
  ])
  func errors(_ csv: String, _ fragment: String) {
    let json = Self.tableForm
    do {
      _ = try Self.load(json, csv: csv)
      Issue.record("accepted \(csv)")
    } catch {
      #expect(error.errors[0].description.hasPrefix(fragment) || error.errors[0].description.contains(fragment), "\(error.errors[0])")
    }
  }

  /// A column the SKU does not have is the header's mistake: one message at line 1, not one per
  /// row (a million-row file would otherwise list the same problem a million times). An unknown
  /// key inside a JSON cell is the row's own and stays at its row.
  @Test func anUnknownColumnIsReportedOnceAtTheHeader() {
    let csv = "id,unitCost,holdingCostPerUnitDay,demand.mean,colour,demand\n"
      + (0..<50).map { "S\($0),1,0.1,3,red,\"{\"\"distribution\"\": \"\"poisson\"\"\($0 == 7 ? ", \"\"meen\"\": 2" : "")}\"" }.joined(separator: "\n") + "\n"
    do {
      _ = try Self.load(Self.tableForm, csv: csv)
      Issue.record("accepted a table with an unknown column")
    } catch {
      let messages = error.errors.map(\.description)
      #expect(messages.count == 2, "\(messages)")
      #expect(messages.first?.contains("skus.csv:1:5 'colour': unknown key 'colour'; valid keys here: ") == true, "\(messages)")
      #expect(messages.last?.contains("skus.csv:9:6 'demand.meen': unknown key 'meen'") == true, "\(messages)")
    }
  }

  /// A table of `count` rows mixing defaults, overrides of them, nested and JSON cells, and the
  /// same SKUs written as a JSON array.
  static func generated(count: Int) -> (csv: String, array: String) {
    var csv = "id,unitCost,holdingCostPerUnitDay,demand.distribution,demand.mean,demand.dispersion,demand.weekly,leadTime.distribution,leadTime.mean,initialOnHand,orderCost,unmetDemand,lostSalePenaltyPerUnit\n"
    var skus: [String] = []
    for k in 0..<count {
      let cost = Double(k % 97) * 0.25 + 1, holding = Double(k % 13) * 0.001, mean = Double(k % 50) + 0.5
      let id = k % 5 == 0 ? String(format: "%07d", k) : "S-\(k)"
      var row = [id, "\(cost)", "\(holding)"]
      var json = #"{"id": "\#(id)", "supplier": "s", "unitCost": \#(cost), "holdingCostPerUnitDay": \#(holding), "backorderCostPerUnitDay": 0.5"#
      switch k % 4 {
      case 0:  // every default
        row += ["", "\(mean)", "", "", "", "", "", "", "", ""]
        json += #", "demand": {"distribution": "poisson", "weekly": [1, 1, 1, 1, 1, 1.5, 0.5], "mean": \#(mean)}, "orderCost": 20"#
      case 1:  // another family and a lead time of its own
        row += ["negativeBinomial", "\(mean)", "2", "", "deterministic", "3", "", "", "", ""]
        json += #", "demand": {"distribution": "negativeBinomial", "weekly": [1, 1, 1, 1, 1, 1.5, 0.5], "mean": \#(mean), "dispersion": 2}, "orderCost": 20, "leadTime": {"distribution": "deterministic", "mean": 3}"#
      case 2:  // a JSON cell over a default array
        row += ["", "\(mean)", "", "\"[1, 1, 1, 1, 1.2, 1.3, 0.5]\"", "", "", "\(k)", "", "", ""]
        json += #", "demand": {"distribution": "poisson", "weekly": [1, 1, 1, 1, 1.2, 1.3, 0.5], "mean": \#(mean)}, "orderCost": 20, "initialOnHand": \#(k)"#
      default:  // scalar defaults overridden
        row += ["", "\(mean)", "", "", "", "", "", "35", "lostSales", "1.5"]
        json += #", "demand": {"distribution": "poisson", "weekly": [1, 1, 1, 1, 1, 1.5, 0.5], "mean": \#(mean)}, "orderCost": 35, "unmetDemand": "lostSales", "lostSalePenaltyPerUnit": 1.5"#
      }
      csv += row.joined(separator: ",") + "\n"
      skus.append(json + "}")
    }
    let array = Self.tableForm.replacingOccurrences(of: #"{"file": "skus.csv", "defaults": {"supplier": "s", "backorderCostPerUnitDay": 0.5, "orderCost": 20, "demand": {"distribution": "poisson"}}}"#,
                                                    with: "[\n" + skus.joined(separator: ",\n") + "]")
    return (csv, array)
  }

  static let generatedTableForm = tableForm.replacingOccurrences(of: #""demand": {"distribution": "poisson"}"#,
                                                                 with: #""demand": {"distribution": "poisson", "weekly": [1, 1, 1, 1, 1, 1.5, 0.5]}"#)

  /// Above two shards (`StrictFastDecodable.shardSize`), so rows are decoded on several threads.
  @Test func longTableDecodesToTheArraysSKUsFieldByField() throws {
    let count = 2 * SKUSpec.shardSize + 123
    let (csv, array) = Self.generated(count: count)
    let folder = ScratchFolder("long-table")
    defer { folder.remove() }
    folder.write("skus.csv", csv)
    let fromTable = try Scenario.decode(json: Self.generatedTableForm, file: folder.path + "t.json")
    let fromArray = try Scenario.decode(json: array, file: "t.json")
    #expect(fromTable.skus.count == count)
    #expect(fromArray.skus.count == count)
    for (k, (a, b)) in zip(fromTable.skus, fromArray.skus).enumerated() where a != b {
      Issue.record("skus[\(k)]: table \(a), array \(b)")
      break
    }
    #expect(fromTable.skus[2].demand.weekly == [1, 1, 1, 1, 1.2, 1.3, 0.5])
    #expect(fromTable.skus[0].id == "0000000" && fromTable.skus[3].unmetDemand == "lostSales" && fromTable.skus[4].orderCost == 20)
  }

  /// A long `skus` array written in the scenario is parsed one element at a time while it is
  /// decoded (`TextElements`): the same SKUs as decoding the whole parsed document.
  @Test func longInlineArrayDecodesAsTheWholeDocument() throws {
    let (_, array) = Self.generated(count: 2 * SKUSpec.shardSize + 123)
    let deferred = try Scenario.decode(json: array, file: "t.json")
    let whole = try JSONDocument.decode(ScenarioSpec.self, json: array, file: "t.json")
    #expect(deferred.skus.count == whole.skus.count)
    #expect(deferred == whole)
  }

  /// Problems in rows of several shards come in row order, each at its own line and column, and
  /// before problems of keys after `skus` in the scenario.
  @Test func problemsOfALongTableComeInRowOrder() {
    let count = 2 * SKUSpec.shardSize + 123
    var lines = Self.generated(count: count).csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func spoil(_ row: Int, column: Int, with cell: String) {
      var cells = lines[row + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      cells[column - 1] = cell
      lines[row + 1] = cells.joined(separator: ",")
    }
    spoil(8_200, column: 2, with: "abc")
    spoil(5_000, column: 3, with: "1e999")
    spoil(12, column: 10, with: "2.5")
    let folder = ScratchFolder("long-table-errors")
    defer { folder.remove() }
    folder.write("skus.csv", lines.joined(separator: "\n"))
    let json = Self.generatedTableForm.replacingOccurrences(of: #""fillRate": 0.95"#, with: #""fillRate": "high""#)
    do {
      _ = try Scenario.load(json: json, file: folder.path + "t.json")
      Issue.record("accepted")
    } catch {
      let messages = error.errors.map(\.description)
      #expect(messages.count == 4, "\(messages)")
      guard messages.count == 4 else { return }
      #expect(messages[0].hasSuffix("skus.csv:14:10 'initialOnHand': expected a whole number, got a number (2.5)"))
      #expect(messages[1].hasSuffix("skus.csv:5002:3 'holdingCostPerUnitDay': must be a finite number (at most about 1.8e308 in size), got 1e999"))
      #expect(messages[2].hasSuffix("skus.csv:8202:2 'unitCost': expected a number, got a string (\"abc\")"))
      #expect(messages[3].contains("policies[0].fillRate"))
    }
  }

  @Test func tableKeysAreChecked() {
    let bad = Self.tableForm.replacingOccurrences(of: #""file": "skus.csv""#, with: #""path": "skus.csv""#)
    do { _ = try Self.load(bad, csv: Self.csv); Issue.record("accepted") } catch {
      #expect(error.errors[0].description.hasSuffix("skus.path: unknown key; a table has \"file\" and \"defaults\""))
    }
  }
}

/// Nodes and lanes of a network from tables: the shipped two-echelon scenario, rewritten.
@Suite struct NetworkTableTests {
  @Test func twoEchelonNodesAndLanesFromTables() throws {
    let folder = ScratchFolder("network")
    defer { folder.remove() }
    folder.write("nodes.csv", """
    id,kind,allocation,holdingCostFactor,demandFactor
    DC,distributionCenter,fairShare,0.6,
    store-1,store,,,1.4
    store-2,store,,,1.2
    store-3,store,,,1.0
    store-4,store,,,0.8
    store-5,store,,,0.6
    """)
    folder.write("lanes.csv", """
    from,to,transportCostPerUnit,leadTime.distribution,leadTime.mean,leadTime.min,leadTime.max
    maker,DC,0.2,,,,
    DC,store-1,0.1,deterministic,1,,
    DC,store-2,0.1,deterministic,1,,
    DC,store-3,0.12,uniform,,1,2
    DC,store-4,0.15,uniform,,1,3
    DC,store-5,0.15,deterministic,2,,
    """)
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scenarios/two-echelon.json").path
    let original = try String(contentsOfFile: path, encoding: .utf8)
    guard case var .object(members) = try JSONParser.parse(original) else { Issue.record("not an object"); return }
    for i in members.indices where members[i].key == "nodes" || members[i].key == "lanes" {
      members[i].value = .object([("file", .string("\(members[i].key).csv"))])
    }
    let text = JSONValue.object(members).jsonText
    let fromTables = try Scenario.load(json: text, file: folder.path + "two.json")
    let fromArrays = try Scenario.load(json: original, file: path)
    #expect(fromTables.spec.nodes == fromArrays.spec.nodes)
    #expect(fromTables.spec.lanes == fromArrays.spec.lanes)
    #expect(fromTables.network == fromArrays.network)
  }
}
