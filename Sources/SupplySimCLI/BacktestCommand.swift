import Forecasting
import Reports
import Scenarios
import SupplyModel

/// `supplysim backtest`: rolling-origin evaluation of several forecasters on series from a CSV
/// file or on the simulated demand of every SKU in a scenario.
struct BacktestCommand: CLICommand {
  static let name = "backtest"
  static let summary = "Compare forecasters by rolling-origin backtests on a CSV file or a scenario's demand."
  static let operands = "CSV-or-SCENARIO"
  static let details = """
    A CSV file gives one series per value column; a scenario (.json) gives the simulated daily
    demand of each SKU (replication 0, warm-up included; the same draws every policy sees).
    Forecasts are made from origins every --step points after the first --initial, each
    --horizon steps ahead, from an expanding (default) or sliding window. Prints one row per
    model (MAE, RMSE, MAPE, sMAPE, MASE against the in-sample seasonal-naive error, bias,
    interval coverage and pinball loss); --out writes backtest.csv (every forecast) and
    backtest.json (the scores), creating missing folders. CSV-or-SCENARIO - reads standard input
    (a scenario when it starts with '{'). An ensemble in --models combines --members, e.g.
    --models naive,ensemble --members ets,auto_arima --param ensemble.ets.alpha=0.3.
    """
  static let options: [OptionSpec] = [
    .value("models", "A,B,...", "forecasters to compare (see 'supplysim forecast --list')", required: true),
    .value("horizon", "H", "steps ahead (default 14)"),
    .value("step", "S", "points between origins (default: the horizon)"),
    .value("initial", "N", "points before the first origin (default: half the series)"),
    .value("window", "KIND", "expanding (default) or sliding"),
    .value("members", "A,B,...", "the forecasters an ensemble in --models combines"),
    .value("season", "M", "seasonal period (default 7 for scenarios, 1 for CSV)"),
    .repeatable("param", "MODEL.KEY=VALUE", "a parameter of one model, e.g. auto_ets.period=7"),
    .value("level", "L,L", "interval coverages in percent (default 80,95)"),
    .value("calibration", "KIND", "none (default) or conformal: recalibrate the intervals on earlier origins' errors"),
    .value("out", "DIR", "write backtest.csv and backtest.json here"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 1 else { throw UsageError("backtest: expected one CSV or scenario file (usage: \(usageLine))") }
    guard let modelNames = try args.list("models", command: name) else {
      throw UsageError("backtest: --models is required, e.g. --models naive,auto_ets,auto_arima")
    }
    let members = try args.list("members", command: name)
    try ForecasterChoice.checkMembersUsed(members, names: modelNames, command: name)
    let parameters = try ForecastCommand.parseModelParameters(args.values["param"] ?? [], models: modelNames, command: name)
    var specs: [ForecasterSpec] = []
    for m in modelNames {
      specs.append(try ForecasterChoice.spec(m, parameters: parameters[m] ?? [:], members: members, option: "models", command: name))
    }
    if let dir = args.value("out") { try OutputPath.check(dir, option: "out", kind: .folder, command: name) }
    let path = args.positionals[0]
    var names: [String] = []
    var series: [[Double]] = []
    let text = InputFile.isStandardInput(path) ? try InputFile.text(path, console: console) : nil
    let isScenario = text.map { $0.drop(while: { $0.isWhitespace }).first == "{" } ?? path.hasSuffix(".json")
    if isScenario {
      let scenario = try text.map { try Scenario.load(json: $0, file: InputFile.standardInputName) } ?? Scenario.load(path: path)
      let network = scenario.network
      let paths = Simulation.demandPaths(network)
      // One series per customer-facing stocking point: per SKU for a single warehouse.
      let topology = network.topology
      names = topology.nodes.indices.filter(topology.isCustomerFacing).flatMap { node in
        network.skus.map { network.hasSeveralNodes ? "\(topology.nodes[node].id)/\($0.id)" : $0.id }
      }
      series = paths.map { $0.map(Double.init) }
    } else {
      let csv = try text.map { try SeriesCSV.parse($0, file: InputFile.standardInputName) } ?? SeriesCSV.read(path: path, console: console)
      let all = try csv.allSeries()
      names = all.map(\.name)
      series = all.map(\.values)
    }
    let length = series.map(\.count).min() ?? 0
    let horizon = try args.integer("horizon", default: 14, range: 1...10_000, command: name)
    let step = try args.integer("step", default: horizon, range: 1...100_000, command: name)
    let initial = try args.integer("initial", default: max(length / 2, 2), range: 2...1_000_000, command: name)
    let season = try args.integer("season", default: isScenario ? 7 : 1, range: 1...1_000, command: name)
    let levels = try ForecastCommand.parseLevels(args.value("level") ?? "80,95", command: name)
    let windowText = args.value("window") ?? "expanding"
    guard let window = Backtest.Window(rawValue: windowText) else { throw UsageError("backtest: --window is expanding or sliding, got '\(windowText)'") }
    guard initial + horizon <= length else {
      throw UsageError("backtest: series have \(length) points; --initial \(initial) + --horizon \(horizon) leaves no origin")
    }

    var models: [any Forecaster] = []
    for spec in specs { models.append(try ForecasterCatalog.make(spec)) }

    let backtest = Backtest(window: window, initialTrainSize: initial, step: step, horizon: horizon, levels: levels)
    let inputs = series.map { ForecastInput(values: Array($0.prefix(length)), seasonalPeriod: season) }
    let calibrationText = args.value("calibration") ?? "none"
    guard ["none", "conformal"].contains(calibrationText) else {
      throw UsageError("backtest: --calibration is none or conformal, got '\(calibrationText)'")
    }
    let raw = backtest.run(models, on: inputs)
    var result = raw, calibrated: (count: Int, of: Int)?
    if calibrationText == "conformal" {
      let c = raw.conformalized(levels: levels)
      result = c.result
      calibrated = (c.calibrated, c.intervals)
    }

    var header = ["Model", "Forecasts", "Failed", "MAE", "RMSE", "MAPE", "sMAPE", "MASE", "Bias"]
    header += levels.map { "Cover \(ForecastCommand.percent($0))%" }
    if calibrated != nil { header += levels.map { "Raw \(ForecastCommand.percent($0))%" } }
    var table = TextTable(header: header)
    for (i, score) in result.scores.enumerated() {
      var row = [modelNames[i], "\(score.forecasts)", "\(score.failures)", NumberFormat.fixed(score.mae, 3), NumberFormat.fixed(score.rmse, 3),
                 score.mape.isNaN ? "–" : NumberFormat.percent(score.mape / 100, 1), NumberFormat.percent(score.smape / 100, 1),
                 NumberFormat.fixed(score.mase, 3), NumberFormat.fixed(score.bias, 3)]
      row += score.coverage.map { NumberFormat.percent($0, 1) }
      if calibrated != nil { row += raw.scores[i].coverage.map { NumberFormat.percent($0, 1) } }
      table.rows.append(row)
    }
    console.out("backtest: \(series.count) series of \(length) points, \(window.rawValue) window from \(initial), every \(step), horizon \(horizon), season \(season)\n\n")
    console.out(table.plain())
    if let calibrated {
      console.out("\nconformal calibration: \(calibrated.count) of \(calibrated.of) intervals recalibrated on the errors of earlier origins (Cover); Raw is the models' own. The first origins of a series keep their raw intervals until enough errors are known (4 for 80%, 19 for 95%).\n")
    }
    if let dir = args.value("out") {
      let written = try writeOutputs(result, raw: calibrated == nil ? nil : raw, modelNames: modelNames, seriesNames: names, levels: levels, to: dir)
      console.out("\nwrote \(written.joined(separator: ", "))\n")
    }
    return 0
  }

  static func writeOutputs(_ result: BacktestResult, raw: BacktestResult?, modelNames: [String], seriesNames: [String], levels: [Double], to dir: String) throws -> [String] {
    var csv = CSVWriter(header: ["series", "model", "origin", "step", "actual", "forecast"] + levels.flatMap { ["lo\(ForecastCommand.percent($0))", "hi\(ForecastCommand.percent($0))"] } + ["failure"])
    for r in result.records {
      guard let f = r.forecast else {
        csv.appendRow([seriesNames[r.series], r.model, "\(r.origin)", "", "", ""] + levels.flatMap { _ in ["", ""] } + [r.failure ?? ""])
        continue
      }
      for h in 0..<r.actual.count {
        var row = [seriesNames[r.series], r.model, "\(r.origin)", "\(h + 1)", NumberFormat.shortest(r.actual[h]), NumberFormat.shortest(f.mean[h])]
        for band in f.intervals { row += [NumberFormat.shortest(band.lower[h]), NumberFormat.shortest(band.upper[h])] }
        csv.appendRow(row + [""])
      }
    }
    var scores: [JSONValue] = []
    for (i, s) in result.scores.enumerated() {
      var members: [(key: String, value: JSONValue)] = [
        ("model", .string(modelNames[i])), ("forecasts", JSONWriter.number(s.forecasts)), ("failures", JSONWriter.number(s.failures)),
        ("mae", JSONWriter.number(s.mae)), ("rmse", JSONWriter.number(s.rmse)), ("mape", JSONWriter.number(s.mape)),
        ("smape", JSONWriter.number(s.smape)), ("mase", JSONWriter.number(s.mase)), ("bias", JSONWriter.number(s.bias)),
        ("coverage", .array(s.coverage.map(JSONWriter.number))), ("levels", .array(levels.map(JSONWriter.number))),
        ("pinball", .array(s.pinball.map(JSONWriter.number))), ("pinballQuantiles", .array(s.pinballQuantiles.map(JSONWriter.number))),
      ]
      // With calibration, the intervals above are the recalibrated ones; these are the models' own.
      if let raw { members.append(("rawCoverage", .array(raw.scores[i].coverage.map(JSONWriter.number)))) }
      scores.append(.object(members))
    }
    let json = JSONWriter.render(.object([("format", .string("supplysim.backtest/1")), ("series", .array(seriesNames.map { .string($0) })), ("scores", .array(scores))]))
    let base = dir.hasSuffix("/") ? dir : dir + "/"
    try OutputPath.write(csv.text, to: base + "backtest.csv", option: "out")
    try OutputPath.write(json, to: base + "backtest.json", option: "out")
    return [base + "backtest.csv", base + "backtest.json"]
  }
}
