import Replenishment

/// The `external` policy type: a program in any language decides the orders, spoken to over its
/// standard input and output (`ExternalPolicyModel`).
extension PolicyRegistry {
  /// The entry of `external`.
  public static let external = Entry(
    name: "external",
    summary: "a program in any language decides the orders, over JSON lines (protocol supplysim.policy/1)",
    keys: [
      ("command", "the program and its arguments, e.g. [\"python3\", \"my_policy.py\"]; run in the scenario file's folder"),
      ("timeoutSeconds", "the longest wait for a reply, default 10"),
      ("recentDemandDays", "days of past demand per SKU in each day message, 0 to 365, default 7"),
      ("forecastDays", "days of forecasts per SKU in each day message when forecast is set, 1 to 365, default 14"),
      ("forecast", "day messages carry a forecaster's forecasts: {\"model\": name, …}"),
      ("parameters", "an object passed verbatim to the program in the hello message"),
    ]
  ) { r in
    let before = r.problems.count
    var command: [String] = []
    if !r.has("command") {
      r.fail("command", "is required: the program and its arguments, e.g. [\"python3\", \"my_policy.py\"]")
    } else if let c = r.decode([String].self, "command") {
      if c.isEmpty || c[0].isEmpty { r.fail("command", "must name a program, e.g. [\"python3\", \"my_policy.py\"]") }
      command = c
    }
    let timeout = r.has("timeoutSeconds") ? r.double("timeoutSeconds", min: 0, max: 86_400, minExclusive: true) : 10
    let recent = r.has("recentDemandDays") ? r.int("recentDemandDays", min: 0, max: 365) : 7
    let days = r.has("forecastDays") ? r.int("forecastDays", min: 1, max: 365) : 14
    let forecast = r.has("forecast") ? r.forecast() : nil
    var parameters = JSONValue.object([])
    if let p = r.value("parameters") {
      if case .object = p { parameters = p } else { r.fail("parameters", "must be an object, got \(p.kindName)") }
    }
    guard r.problems.count == before, let timeout, let recent, let days else { return nil }
    return ExternalPolicyModel(command: command, folder: r.folder, timeoutSeconds: timeout, recentDemandDays: recent, forecastDays: days,
                               forecast: forecast, parameters: parameters, inNetwork: r.isNetwork)
  }
}
