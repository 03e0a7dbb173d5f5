#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Scenarios
import SupplyModel

/// `supplysim env`: a single-warehouse scenario as a reset/step environment for outside agents,
/// one JSON request per line on standard input, one JSON answer per line on standard output.
struct EnvCommand: CLICommand {
  static let name = "env"
  static let summary = "Serve a scenario as a reset/step environment for outside agents over JSON lines on stdin/stdout."
  static let operands = "SCENARIO"
  static let details = """
    Requests, one JSON object per line: {"op":"reset","seed":S} (seed optional) starts an
    episode and answers {"observation":...,"info":...}; {"op":"step","action":{"SKU":units,...}}
    (SKUs left out order 0) or {"op":"step","action":[units,...]} (one per SKU, in SKU order)
    places the day's orders and answers {"observation":...,"reward":-cost of the day,"done":...,
    "info":...}; {"op":"close"} (or end of input) ends. The observation is the inventory at the
    day's review: day, onHand, backordered, onOrder, pipeline (per SKU, units due in 1, 2, ...
    days) and the day's demand. The days are the simulator's own (replication 0 of the seed):
    the same seed and actions give the same bytes. A bad request gets {"error":"..."} naming what
    to fix, and the episode goes on. Single-warehouse scenarios only; see scenarios/README.md.
    """
  static let options: [OptionSpec] = [
    .value("seed", "N", "the seed of a reset that gives none (default: the scenario's)"),
    .flag("policy-free", "the scenario needs no policies (its \"policies\" section is ignored and may be left out)"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 1 else {
      throw UsageError("env: expected one scenario file, got \(args.positionals.count) (usage: \(usageLine))")
    }
    let path = args.positionals[0]
    guard !InputFile.isStandardInput(path) else {
      throw UsageError("env: reads the scenario from a file (standard input carries the requests)")
    }
    var seed: UInt64?
    if let text = args.value("seed") {
      guard let s = UInt64(text) else { throw UsageError("env: --seed must be a whole number >= 0, got '\(text)'") }
      seed = s
    }
    let scenario = try loadScenario(path, policyFree: args.flag("policy-free"), console: console)
    guard AgentEnvironment.supports(scenario.network) else {
      throw CLIError(subject: path, problem: "is a multi-echelon network (or has capacity-limited lanes); env serves single-warehouse scenarios")
    }
    var session = EnvSession(network: scenario.network, seed: seed ?? scenario.network.seed)
    var reader = LineReader(recorded: console.isRecordingConsole ? console.readInput() : nil)
    while let line = reader.next() {
      let answer = session.respond(to: line)
      console.out(answer.text + "\n")
      if answer.close { break }
    }
    session.environment.stop()
    return 0
  }

  /// The scenario; with `policyFree`, its policies are replaced by one that never orders, so a
  /// file without (or with unfinished) policies loads.
  static func loadScenario(_ path: String, policyFree: Bool, console: Console) throws -> Scenario {
    guard policyFree else { return try InputFile.scenario(path, console: console) }
    let text = try InputFile.text(path, console: console)
    let root: JSONValue
    do { root = try JSONParser.parse(text) } catch { throw CLIError(subject: path, problem: "\(error)") }
    guard case let .object(members) = root else { throw CLIError(subject: path, problem: "must hold a JSON object (a scenario)") }
    let never = JSONValue.array([.object([(key: "name", value: .string("none")), (key: "type", value: .string("constantOrder")), (key: "units", value: .number("0"))])])
    let rewritten = JSONValue.object(members.filter { $0.key != "policies" } + [(key: "policies", value: never)])
    let scenario = try Scenario.load(json: rewritten.jsonText, file: path)
    for warning in scenario.warnings { console.problem("warning: \(warning)") }
    return scenario
  }
}

/// Reads standard input line by line as it arrives (an agent waits for each answer).
struct LineReader {
  private var buffer: [UInt8] = []
  private var start = 0
  private var ended = false

  /// A reader of standard input, or of `recorded` bytes (a test console's input).
  init(recorded: [UInt8]? = nil) {
    if let recorded { buffer = recorded; ended = true }
  }

  /// The next line without its newline (and carriage return), or nil at the end of input.
  mutating func next() -> String? {
    while true {
      if let i = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
        var end = i
        if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = String(decoding: buffer[start..<end], as: UTF8.self)
        start = i + 1
        if start > 65_536 { buffer.removeFirst(start); start = 0 }
        return line
      }
      if ended {
        guard start < buffer.count else { return nil }
        let line = String(decoding: buffer[start...], as: UTF8.self)
        start = buffer.count
        return line
      }
      var chunk = [UInt8](repeating: 0, count: 65_536)
      let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { ended = true } else { buffer += chunk[0..<n] }
    }
  }
}

/// One agent's conversation with an `AgentEnvironment`: a request line in, an answer line out.
struct EnvSession {
  /// The environment.
  let environment: AgentEnvironment
  /// The seed of a reset that names none.
  let defaultSeed: UInt64
  /// SKU ids in order.
  let skus: [String]
  /// Requests answered so far (for error messages).
  private(set) var requests = 0

  /// A session on `network`.
  init(network: SupplyNetwork, seed: UInt64) {
    environment = AgentEnvironment(network: network)
    defaultSeed = seed
    skus = network.skus.map(\.id)
  }

  /// The answer to one request line, and whether the session ends.
  mutating func respond(to line: String) -> (text: String, close: Bool) {
    requests += 1
    do {
      return try answer(line)
    } catch {
      return (JSONValue.object([(key: "error", value: .string("request \(requests): \(error.problem)"))]).jsonText, false)
    }
  }

  /// A request's problem, said as what to fix.
  struct RequestError: Error {
    var problem: String
  }

  private func answer(_ line: String) throws(RequestError) -> (text: String, close: Bool) {
    let request: JSONValue
    do { request = try JSONParser.parse(line) } catch { throw RequestError(problem: "is not JSON (\(error)); send one JSON object per line") }
    guard case .object = request else { throw RequestError(problem: "is \(request.kindName); send an object such as {\"op\":\"reset\"}") }
    guard case let .string(op)? = request["op"] else { throw RequestError(problem: "needs \"op\": \"reset\", \"step\" or \"close\"") }
    switch op {
    case "reset":
      let seed = try Self.seed(request["seed"]) ?? defaultSeed
      let observation = environment.reset(seed: seed)
      let info = JSONValue.object([
        (key: "skus", value: .array(skus.map { .string($0) })),
        (key: "leadDays", value: .array(environment.leadDays.map { .number(String($0)) })),
        (key: "horizonDays", value: .number(String(environment.network.horizonDays))),
        (key: "seed", value: .number(String(seed))),
      ])
      return (JSONValue.object([(key: "observation", value: Self.json(observation)), (key: "info", value: info)]).jsonText, false)
    case "step":
      guard let action = request["action"] else { throw RequestError(problem: "a step needs \"action\": {\"SKU\": units, ...} or [units, ...] in SKU order") }
      let orders = try self.orders(action)
      let step: AgentEnvironment.Step
      do { step = try environment.step(orders) } catch { throw RequestError(problem: error.description) }
      let o = step.outcome
      func sum(_ xs: [Double]) -> Double { xs.reduce(0, +) }
      let cost = JSONValue.object([
        (key: "holding", value: .number(sum(o.holding))), (key: "shortage", value: .number(sum(o.shortage))),
        (key: "ordering", value: .number(sum(o.ordering))), (key: "purchase", value: .number(sum(o.purchase))),
        (key: "total", value: .number(o.total)),
      ])
      let info = JSONValue.object([
        (key: "day", value: .number(String(o.day))), (key: "cost", value: cost),
        (key: "demand", value: Self.json(o.demand)), (key: "sales", value: Self.json(o.sales)),
        (key: "lost", value: Self.json(o.lost)), (key: "backordered", value: Self.json(o.backordered)),
      ])
      return (JSONValue.object([(key: "observation", value: Self.json(step.observation)), (key: "reward", value: .number(step.reward)),
                                (key: "done", value: .bool(step.done)), (key: "info", value: info)]).jsonText, false)
    case "close":
      environment.stop()
      return (JSONValue.object([(key: "closed", value: .bool(true))]).jsonText, true)
    default:
      throw RequestError(problem: "\"op\" is \(JSONValue.quoted(op)); use \"reset\", \"step\" or \"close\"")
    }
  }

  /// The seed of a reset: a whole number from 0 to 2^64 − 1, or nil when absent.
  static func seed(_ value: JSONValue?) throws(RequestError) -> UInt64? {
    guard let value, value != .null else { return nil }
    guard case let .number(text) = value, let seed = UInt64(text) else {
      throw RequestError(problem: "\"seed\" is \(value.jsonText); give a whole number from 0 to \(UInt64.max)")
    }
    return seed
  }

  /// The orders of an action, one per SKU.
  func orders(_ action: JSONValue) throws(RequestError) -> [Int] {
    switch action {
    case let .array(items):
      guard items.count == skus.count else {
        throw RequestError(problem: "the action has \(items.count) orders but the scenario has \(skus.count) SKUs; give one per SKU, in SKU order")
      }
      var orders: [Int] = []
      for (k, item) in items.enumerated() { orders.append(try Self.units(item, sku: skus[k])) }
      return orders
    case let .object(members):
      var orders = Array(repeating: 0, count: skus.count)
      for m in members {
        guard let k = skus.firstIndex(of: m.key) else {
          let known = skus.prefix(5).joined(separator: ", ") + (skus.count > 5 ? ", …" : "")
          throw RequestError(problem: "the action names SKU \(JSONValue.quoted(m.key)), which the scenario does not have (its SKUs: \(known))")
        }
        orders[k] = try Self.units(m.value, sku: m.key)
      }
      return orders
    default:
      throw RequestError(problem: "\"action\" is \(action.kindName); give {\"SKU\": units, ...} or [units, ...] in SKU order")
    }
  }

  /// One order: a whole number of units from 0 to `AgentEnvironment.largestOrder`.
  static func units(_ value: JSONValue, sku: String) throws(RequestError) -> Int {
    let fix = "give a whole number of units from 0 to \(AgentEnvironment.largestOrder)"
    guard case let .number(text) = value else { throw RequestError(problem: "the order for SKU \(sku) is \(value.kindName); \(fix)") }
    guard let x = Double(text), x.isFinite, x == x.rounded(), x >= 0, x <= Double(AgentEnvironment.largestOrder) else {
      throw RequestError(problem: "the order for SKU \(sku) is \(text); \(fix)")
    }
    return Int(x)
  }

  static func json(_ xs: [Int]) -> JSONValue { .array(xs.map { .number(String($0)) }) }

  static func json(_ o: AgentEnvironment.Observation) -> JSONValue {
    .object([
      (key: "day", value: .number(String(o.day))), (key: "onHand", value: json(o.onHand)), (key: "backordered", value: json(o.backordered)),
      (key: "onOrder", value: json(o.onOrder)), (key: "pipeline", value: .array(o.pipeline.map { json($0) })), (key: "demand", value: json(o.demand)),
    ])
  }
}
