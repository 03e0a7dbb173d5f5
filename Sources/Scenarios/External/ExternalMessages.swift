import Replenishment
import SupplyModel

/// The messages of the external policy protocol, `supplysim.policy/1` (scenarios/README.md,
/// "External policies, any language"): what SupplySim writes (hello, day, bye; one JSON object a
/// line) and how it reads the program's replies, each problem a clause for
/// `PolicyFailure.problem`.
enum ExternalMessages {
  /// The protocol's name and version, sent in the hello message.
  static let protocolName = "supplysim.policy/1"

  /// The hello message and its newline.
  static func hello(policy: String, node: String, replication: UInt64, network: SupplyNetwork, settings: ExternalPolicyModel) -> [UInt8] {
    let data = PlanningData.fromModel(network)
    let skus: [JSONValue] = network.skus.indices.map { k in
      let sku = network.skus[k], c = sku.costs, d = data[k]
      return .object([
        ("id", .string(sku.id)),
        ("unitCost", finite(c.unitCost)),
        ("holdingCostPerUnitDay", finite(c.holdingCostPerUnitDay)),
        ("backorderCostPerUnitDay", finite(c.backorderCostPerUnitDay)),
        ("lostSalePenaltyPerUnit", finite(c.lostSalePenaltyPerUnit)),
        ("orderCost", finite(c.orderCost)),
        ("unmetDemand", .string(sku.unmetDemand == .lostSales ? "lostSales" : "backorder")),
        ("initialOnHand", .number(String(network.initialStock[0][k]))),
        ("demandMeanPerDay", finite(d.meanPerDay)),
        ("demandVariancePerDay", finite(d.variancePerDay)),
        ("leadTimeMeanDays", finite(d.leadTimeMean)),
        ("leadTimeVarianceDays", finite(d.leadTimeVariance)),
      ])
    }
    let members: [(key: String, value: JSONValue)] = [
      ("type", .string("hello")),
      ("protocol", .string(protocolName)),
      ("policy", .string(policy)),
      ("node", .string(node)),
      ("replication", .number(String(replication))),
      ("seed", .number(String(network.seed))),
      ("horizonDays", .number(String(network.horizonDays))),
      ("warmUpDays", .number(String(network.warmUpDays))),
      ("recentDemandDays", .number(String(settings.recentDemandDays))),
      ("forecastDays", settings.forecast == nil ? .null : .number(String(settings.forecastDays))),
      ("skus", .array(skus)),
      ("parameters", settings.parameters),
    ]
    return Array(JSONValue.object(members).jsonText.utf8) + [10]
  }

  /// A number member, `null` when not finite (JSON has no infinity).
  static func finite(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }

  /// The bye message.
  static let bye = Array(#"{"type":"bye"}"#.utf8) + [10]

  /// Writes the day message and its newline into `out` (emptied first, capacity kept).
  ///
  /// - Parameters:
  ///   - recent: Per SKU, the last days' demand in a ring of `recentCount` slots per SKU, the
  ///     oldest at `recentStart`.
  ///   - forecast: Per SKU, the point forecasts for the next days, or nil.
  static func day(_ day: Int, state: InventoryState, demand: [Int], recent: [Int], recentDays: Int, recentCount: Int, recentStart: Int,
                  forecast: [ArraySlice<Double>]?, into out: inout [UInt8]) {
    out.removeAll(keepingCapacity: true)
    out += #"{"type":"day","day":"#.utf8
    append(day, to: &out)
    out += #","onHand":"#.utf8
    append(state.onHand, to: &out)
    out += #","onOrder":"#.utf8
    append(state.onOrder, to: &out)
    out += #","backordered":"#.utf8
    append(state.backordered, to: &out)
    out += #","inTransit":["#.utf8
    for k in 0..<demand.count {
      if k > 0 { out.append(44) }
      out.append(91)
      if k < state.inTransit.count {
        for (i, receipt) in state.inTransit[k].enumerated() {
          if i > 0 { out.append(44) }
          out.append(91)
          append(receipt.day, to: &out)
          out.append(44)
          append(receipt.units, to: &out)
          out.append(93)
        }
      }
      out.append(93)
    }
    out.append(93)
    out += #","demand":"#.utf8
    append(demand, to: &out)
    if recentDays > 0 {
      out += #","recentDemand":["#.utf8
      for k in 0..<demand.count {
        if k > 0 { out.append(44) }
        out.append(91)
        for i in 0..<recentCount {
          if i > 0 { out.append(44) }
          append(recent[k * recentDays + (recentStart + i) % recentDays], to: &out)
        }
        out.append(93)
      }
      out.append(93)
    }
    if let forecast {
      out += #","forecast":["#.utf8
      for (k, means) in forecast.enumerated() {
        if k > 0 { out.append(44) }
        out.append(91)
        for (i, x) in means.enumerated() {
          if i > 0 { out.append(44) }
          out += (x.isFinite ? "\(x)" : "null").utf8
        }
        out.append(93)
      }
      out.append(93)
    }
    out += "}\n".utf8
  }

  /// `[a,b,c]`.
  static func append(_ values: [Int], to out: inout [UInt8]) {
    out.append(91)  // [
    for (i, v) in values.enumerated() {
      if i > 0 { out.append(44) }  // ,
      append(v, to: &out)
    }
    out.append(93)  // ]
  }

  /// The decimal digits of `value`.
  static func append(_ value: Int, to out: inout [UInt8]) {
    if value < 0 {
      out.append(45)  // -
      if value == Int.min { out += "9223372036854775808".utf8; return }
    }
    var v = value.magnitude
    var divisor: UInt = 1
    while v / divisor >= 10 { divisor *= 10 }
    while divisor > 0 {
      out.append(UInt8(48 + (v / divisor)))
      v %= divisor
      divisor /= 10
    }
  }

  /// Reads a day's reply into `orders` (zero on entry, one slot per SKU); nil when it is good,
  /// else the problem.
  static func readOrders(_ line: String, day: Int, skuIndex: [String: Int], skuIDs: [String], into orders: inout [Int]) -> String? {
    let value: JSONValue
    do { value = try JSONParser.parse(line) } catch {
      if let word = nonFiniteWord(in: line) {
        return "its reply holds \(word), which is not a number in JSON; orders must be whole numbers >= 0: \(excerpt(line))"
      }
      return "its reply is not valid JSON (\(error.description)): \(excerpt(line))"
    }
    guard case let .object(members) = value else { return "its reply is \(value.kindName), not an object: \(excerpt(line))" }
    for m in members where m.key != "day" && m.key != "orders" {
      return "its reply has the unknown key \"\(m.key)\"; \(suggestion(for: m.key, among: ["day", "orders"]))"
    }
    guard let d = value["day"] else { return "its reply has no \"day\"; expected {\"day\": \(day), \"orders\": {…}}" }
    guard case let .number(text) = d, let replyDay = Int(text) else { return "its reply's day is \(d.jsonText), not a whole number; expected \(day)" }
    guard replyDay == day else { return "its reply is for day \(replyDay); expected day \(day)" }
    guard let o = value["orders"] else { return "its reply has no \"orders\"; expected {\"day\": \(day), \"orders\": {\"SKU id\": units, …}}" }
    guard case let .object(list) = o else { return "its reply's orders are \(o.kindName), not an object of SKU id to units" }
    for (id, units) in list {
      guard let k = skuIndex[id] else {
        let near = NearestName.closest(to: id, among: skuIDs).map { "; did you mean '\($0)'?" } ?? ""
        return "its reply orders SKU \"\(id)\", which the scenario does not have\(near)"
      }
      switch quantity(units) {
      case let .success(q): orders[k] = q
      case let .failure(problem): return "its order of SKU \"\(id)\" is \(units.jsonText): \(problem.description)"
      }
    }
    return nil
  }

  /// Why a value is not an order quantity.
  struct QuantityProblem: Error { var description: String }

  /// The units a JSON value orders: a whole number (`12`, or `12.0`) from 0 to
  /// `StockQuantity.maximum`.
  static func quantity(_ value: JSONValue) -> Result<Int, QuantityProblem> {
    guard case let .number(text) = value else { return .failure(QuantityProblem(description: "orders must be whole numbers >= 0, not \(value.kindName)")) }
    if let q = Int(text) {
      if q < 0 { return .failure(QuantityProblem(description: "orders must be whole numbers >= 0")) }
      if q > StockQuantity.maximum { return .failure(QuantityProblem(description: "more than the largest quantity, \(StockQuantity.maximum) units")) }
      return .success(q)
    }
    guard let x = Double(text) else { return .failure(QuantityProblem(description: "not a number")) }
    guard x.isFinite else { return .failure(QuantityProblem(description: "not a finite number")) }
    guard x >= 0 else { return .failure(QuantityProblem(description: "orders must be whole numbers >= 0")) }
    guard x == x.rounded() else { return .failure(QuantityProblem(description: "not a whole number of units")) }
    guard x <= Double(StockQuantity.maximum) else { return .failure(QuantityProblem(description: "more than the largest quantity, \(StockQuantity.maximum) units")) }
    return .success(Int(x))
  }

  /// `NaN`, `Infinity` or `-Infinity` when `line` holds one outside strings (as Python's
  /// `json.dumps` writes non-finite floats), else nil.
  static func nonFiniteWord(in line: String) -> String? {
    var inString = false, escaped = false
    let bytes = Array(line.utf8)
    for i in bytes.indices {
      let b = bytes[i]
      if inString {
        if escaped { escaped = false } else if b == 92 { escaped = true } else if b == 34 { inString = false }
        continue
      }
      if b == 34 { inString = true; continue }
      for word in ["NaN", "Infinity"] where bytes[i...].starts(with: word.utf8) {
        return i > 0 && bytes[i - 1] == 45 && word == "Infinity" ? "-Infinity" : word
      }
    }
    return nil
  }

  /// The start of a line, for messages: at most 80 characters.
  static func excerpt(_ line: String) -> String {
    line.count <= 80 ? line : String(line.prefix(77)) + "..."
  }
}
