#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Forecasting
import NeuralForecasting
import Reports
import Scenarios
import SupplyModel

/// `supplysim forecast`: fit one forecaster to a series from a CSV file and print the forecast.
struct ForecastCommand: CLICommand {
  static let name = "forecast"
  static let summary = "Forecast a series from a CSV file with prediction intervals."
  static let operands = "CSV"
  static let otherForms = ["supplysim forecast --list"]
  static let details = """
    The CSV has a header row, value columns and optionally time columns anywhere (dates
    YYYY-MM-DD, or a column named date, day, index, month, period, t, time, week or year); the
    first value column holding numbers is used unless --column names one, and columns that are
    not used need not be numeric. CSV - reads standard input. Prints the point forecast and
    intervals; --out writes them as CSV at full precision (shortest round-trip decimals).

    An ensemble combines other forecasters: --model ensemble --members ets,auto_arima; its own
    parameter is --param median=1, a member's is --param MEMBER.KEY=VALUE (e.g. ets.alpha=0.3).
    'supplysim forecast --list' lists the forecasters and their parameters.
    """
  static let options: [OptionSpec] = [
    .value("model", "NAME", "forecaster, e.g. auto_arima, auto_ets, regression, croston, lstm, ensemble", required: true),
    .repeatable("param", "KEY=VALUE", "a forecaster parameter, e.g. --param period=12"),
    .value("members", "A,B,...", "the forecasters an ensemble combines"),
    .value("column", "NAME", "the value column to forecast"),
    .value("horizon", "H", "steps ahead (default 14)"),
    .value("season", "M", "seasonal period (default 1: none; 7 for daily data, 12 for monthly)"),
    .value("level", "L,L", "interval coverages in percent (default 80,95)"),
    .value("out", "FILE", "also write the forecast as CSV (missing folders are created)"),
    .value("save-model", "FILE", "lstm/gru: save the trained network (architecture and weights) as JSON"),
    .value("load-model", "FILE", "lstm/gru: forecast with a saved network instead of training one"),
    .flag("quiet", "no training progress on stderr"),
    .flag("list", "list the forecasters and their parameters"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    if args.flag("list") {
      console.out(listing())
      return 0
    }
    guard args.positionals.count == 1 else { throw UsageError("forecast: expected one CSV file (usage: \(usageLine))") }
    guard let model = args.value("model") else { throw UsageError("forecast: --model is required; 'supplysim forecast --list' shows the names") }
    let horizon = try args.integer("horizon", default: 14, range: 1...10_000, command: name)
    let season = try args.integer("season", default: 1, range: 1...1_000, command: name)
    let levels = try parseLevels(args.value("level") ?? "80,95", command: name)
    let members = try args.list("members", command: name)
    try ForecasterChoice.checkMembersUsed(members, names: [model], command: name)
    let spec = try ForecasterChoice.spec(model, parameters: try parseParameters(args.values["param"] ?? [], command: name),
                                         members: members, option: "model", command: name)
    let isNetwork = model == "lstm" || model == "gru"
    if !isNetwork && (args.value("save-model") != nil || args.value("load-model") != nil) {
      throw UsageError("forecast: --save-model and --load-model apply to lstm and gru only")
    }
    if let path = args.value("out") { try OutputPath.check(path, option: "out", kind: .file, command: name) }
    if let path = args.value("save-model") { try OutputPath.check(path, option: "save-model", kind: .file, command: name) }
    let csv = try SeriesCSV.read(path: args.positionals[0], console: console)
    let series = try csv.series(named: args.value("column"))
    let input = ForecastInput(values: series.values, seasonalPeriod: season)
    let fitted: any FittedForecast
    if isNetwork {
      fitted = try fitNetwork(spec, input: input, args: args, console: console)
    } else {
      fitted = try ForecasterCatalog.make(spec).fit(input)
    }
    let forecast = try fitted.checkedPredict(horizon: horizon, levels: levels, method: model)
    let labels = csv.futureLabels(count: horizon)

    var header = ["step", csv.times != nil ? "date" : "index", "mean"]
    for l in levels { header += ["lo\(percent(l))", "hi\(percent(l))"] }
    var table = TextTable(header: header)
    var out = CSVWriter(header: header)
    for h in 0..<horizon {
      var row = ["\(h + 1)", labels[h], NumberFormat.fixed(forecast.mean[h], 3)]
      var full = ["\(h + 1)", labels[h], NumberFormat.shortest(forecast.mean[h])]
      for band in forecast.intervals {
        row += [NumberFormat.fixed(band.lower[h], 3), NumberFormat.fixed(band.upper[h], 3)]
        full += [NumberFormat.shortest(band.lower[h]), NumberFormat.shortest(band.upper[h])]
      }
      table.rows.append(row)
      out.appendRow(full)
    }
    console.out("\(model) on \(series.name) (\(series.values.count) values, season \(season))\n")
    for note in fitted.notes { console.out("note: \(note)\n") }
    console.out("\n" + table.plain())
    if let path = args.value("out") {
      try OutputPath.write(out.text, to: path, option: "out")
      console.out("\nwrote \(path)\n")
    }
    return 0
  }

  /// Trains (or loads) an LSTM or GRU, with a progress line on stderr while it trains.
  static func fitNetwork(_ spec: ForecasterSpec, input: ForecastInput, args: ParsedArguments, console: Console) throws -> any FittedForecast {
    if let path = args.value("load-model") {
      let network = try loadModel(path, console: console)
      guard network.cell.rawValue == spec.name else {
        throw CLIError(subject: InputFile.displayName(path), problem: "holds a saved \(network.cell.rawValue) model, not \(spec.name); use --model \(network.cell.rawValue)")
      }
      return try network.fitted(to: input)
    }
    let showProgress = !args.flag("quiet")
    let progress: @Sendable (Int, Double, Double?) -> Void = { epoch, train, validation in
      guard showProgress else { return }
      let v = validation.map { " validation \(NumberFormat.fixed($0, 5))" } ?? ""
      console.err("\(spec.name): epoch \(epoch) train \(NumberFormat.fixed(train, 5))\(v)\n")
    }
    let built = try ForecasterCatalog.make(spec)
    let global: RecurrentGlobalModel
    if let lstm = built as? LSTMForecaster {
      global = try LSTMForecaster(configuration: lstm.configuration, progress: progress).fitGlobal([input])
    } else if let gru = built as? GRUForecaster {
      global = try GRUForecaster(configuration: gru.configuration, progress: progress).fitGlobal([input])
    } else {
      throw UsageError("forecast: \(spec.name) is not a network")
    }
    if let path = args.value("save-model") {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let data: Data
      do { data = try encoder.encode(global) } catch {
        // JSON holds finite numbers only: training diverged (e.g. on values near 1e308).
        throw CLIError(subject: "--save-model \(path)", problem: "the trained \(spec.name) model cannot be saved: some of its weights are not finite numbers (training diverged on this series; rescale it)")
      }
      try OutputPath.write(data, to: path, option: "save-model")
      console.err("saved \(spec.name) model to \(path)\n")
    }
    return try global.fitted(to: input)
  }

  /// Reads a model saved with --save-model.
  ///
  /// - Throws: `CLIError` naming the file and, for a damaged file, the JSON path and the problem.
  static func loadModel(_ path: String, console: Console) throws -> RecurrentGlobalModel {
    let text: String
    do { text = try InputFile.text(path, console: console) } catch let error as CLIError {
      throw CLIError(subject: "--load-model \(error.subject)", problem: error.problem)
    }
    let name = InputFile.displayName(path)
    let resave = "save it again with --save-model"
    do {
      let model = try JSONDecoder().decode(RecurrentGlobalModel.self, from: Data(text.utf8))
      if let problem = model.consistencyProblem { throw CLIError(subject: name, problem: "is not a usable saved lstm/gru model: \(problem); \(resave)") }
      return model
    } catch let error as DecodingError {
      throw CLIError(subject: name, problem: "is not a saved lstm/gru model: \(ErrorText.decodingDescription(error)); \(resave)")
    }
  }

  static func listing() -> String {
    var out = "forecasters (use with --model, or as \"model\" in a scenario's policies[].forecast):\n"
    for name in ForecasterCatalog.names {
      let keys = ForecasterCatalog.parameters(for: name) ?? []
      let members = name == "ensemble" ? "  (members: --members A,B,...; a member's parameter: --param MEMBER.KEY=VALUE)" : ""
      out += "  \(name)" + (keys.isEmpty ? "" : "  [\(keys.joined(separator: ", "))]") + members + "\n"
    }
    return out
  }

  static func percent(_ level: Double) -> String { NumberFormat.shortest(level * 100) }

  /// Parses `80,95` (percent) or `0.8,0.95` into coverages in (0, 1).
  static func parseLevels(_ text: String, command: String) throws(UsageError) -> [Double] {
    var levels: [Double] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard var v = Double(String(part).trimmed) else { throw UsageError("\(command): --level takes numbers like 80,95, got '\(text)'") }
      if v >= 1 { v /= 100 }
      guard v > 0 && v < 1 else { throw UsageError("\(command): each --level must be in (0, 100), got '\(part)'") }
      levels.append(v)
    }
    return levels
  }

  /// Parses repeated `MODEL.KEY=VALUE` options into parameters per model; every MODEL must be
  /// one of `models`.
  static func parseModelParameters(_ items: [String], models: [String], command: String) throws(UsageError) -> [String: [String: Double]] {
    var out: [String: [String: Double]] = [:]
    for item in items {
      let parts = item.split(separator: "=", maxSplits: 1)
      let key = parts.first.map { $0.split(separator: ".", maxSplits: 1) } ?? []
      guard parts.count == 2, key.count == 2, let v = Double(parts[1]) else {
        throw UsageError("\(command): --param takes MODEL.KEY=NUMBER, got '\(item)'")
      }
      guard models.contains(String(key[0])) else {
        throw UsageError("\(command): --param \(item): '\(key[0])' is not one of the models (\(models.joined(separator: ", ")))")
      }
      out[String(key[0]), default: [:]][String(key[1])] = v
    }
    return out
  }

  /// Parses repeated `KEY=VALUE` options into numbers.
  static func parseParameters(_ items: [String], command: String) throws(UsageError) -> [String: Double] {
    var out: [String: Double] = [:]
    for item in items {
      let parts = item.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, let v = Double(parts[1]) else {
        throw UsageError("\(command): --param takes KEY=NUMBER, got '\(item)'")
      }
      out[String(parts[0])] = v
    }
    return out
  }
}
