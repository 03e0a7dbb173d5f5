import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

/// Runs the CLI in-process with `input` on standard input.
func runCLI(_ arguments: [String], input: String) -> (code: Int32, out: String, err: String) {
  let console = Console.recording(input: input)
  let code = SupplySimCommand.main(arguments, console: console)
  return (code, console.output, console.errors)
}

/// True when `err` is exactly one line that starts with `supplysim COMMAND: ` and is no raw
/// dump of a Foundation or decoding error.
func isOneSentence(_ err: String, command: String) -> Bool {
  err.hasPrefix("supplysim \(command): ") && err.hasSuffix("\n") && err.dropLast().firstIndex(of: "\n") == nil
    && !err.contains("CocoaError") && !err.contains("DecodingError") && !err.contains("Error(")
}

/// The gate scenario with one stress test, so `stress` has work to do.
func stressScenario() -> String {
  var s = gateScenario()
  s.removeLast()
  return s + #", "stressTests": [{"name": "slow supplier", "set": {"suppliers[0].leadTime.mean": 8}}]}"#
}

@Suite struct OutputPathTests {
  /// One command line per command that writes outputs; `OUT` is replaced by the output path.
  /// Folder outputs (`--out DIR`) and file outputs (`--out FILE`, `--junit`, `--json`) differ in what is wrong.
  static func commandLines(_ dir: String) -> [(command: String, option: String, isFolder: Bool, arguments: [String])] {
    let scenario = write(gateScenario(), dir, "gate.json")
    let stress = write(stressScenario(), dir, "stress.json")
    let csv = write("day,units\n1,4\n2,5\n3,6\n4,5\n5,7\n6,6\n", dir, "series.csv")
    let lp = SourceTree.root() + "/scenarios/lp/three-products.json"
    let baselines = dir + "/baselines"
    #expect(runCLI(["baseline", scenario, "--out", baselines, "--replications", "2", "--quiet"]).code == 0)
    return [
      ("run", "out", true, ["run", scenario, "--out", "OUT", "--quiet"]),
      ("sweep", "out", true, ["sweep", scenario, "--vary", "policies[0].serviceLevel=0.9,0.95", "--out", "OUT", "--quiet"]),
      ("stress", "out", true, ["stress", stress, "--out", "OUT", "--quiet"]),
      ("baseline", "out", true, ["baseline", scenario, "--out", "OUT", "--quiet"]),
      ("compare", "out", true, ["compare", scenario, "--forecasters", "model,naive", "--out", "OUT", "--quiet"]),
      ("backtest", "out", true, ["backtest", csv, "--models", "naive", "--horizon", "1", "--initial", "3", "--out", "OUT"]),
      ("forecast", "out", false, ["forecast", csv, "--model", "naive", "--horizon", "2", "--out", "OUT"]),
      ("lp", "out", false, ["lp", lp, "--out", "OUT"]),
      ("check", "junit", false, ["check", scenario, "--baseline", baselines, "--junit", "OUT"]),
      ("check", "json", false, ["check", scenario, "--baseline", baselines, "--json", "OUT"]),
    ]
  }

  static func substitute(_ arguments: [String], _ path: String) -> [String] { arguments.map { $0 == "OUT" ? path : $0 } }

  @Test func anOutputThatIsTheWrongKindIsOneSentenceBeforeAnyWork() throws {
    let dir = temporaryDirectory("outkind")
    let file = write("x", dir, "a-file")
    let folder = dir + "/a-folder"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for line in Self.commandLines(dir) {
      let target = line.isFolder ? file : folder
      let r = runCLI(Self.substitute(line.arguments, target))
      #expect(r.code == (line.command == "check" ? 2 : 1), "\(line.arguments): \(r.err)")
      #expect(isOneSentence(r.err, command: line.command), "\(line.arguments): \(r.err)")
      #expect(r.err.contains("--\(line.option) \(target): is a \(line.isFolder ? "file, not a folder" : "folder, not a file")"), "\(r.err)")
      #expect(r.out.isEmpty, "\(line.command) did work before checking its output: \(r.out)")
    }
  }

  @Test func anOutputUnderAFileIsOneSentenceBeforeAnyWork() {
    let dir = temporaryDirectory("outunder")
    let file = write("x", dir, "a-file")
    for line in Self.commandLines(dir) {
      let target = file + "/sub/report" + (line.isFolder ? "" : ".txt")
      let r = runCLI(Self.substitute(line.arguments, target))
      #expect(r.code == (line.command == "check" ? 2 : 1), "\(line.arguments): \(r.err)")
      #expect(isOneSentence(r.err, command: line.command), "\(line.arguments): \(r.err)")
      #expect(r.err.contains("--\(line.option) \(target): \(file) is a file, so no folder can be made under it"), "\(r.err)")
      #expect(r.out.isEmpty)
    }
  }

  @Test func anEmptyOutputIsBadUsage() {
    let dir = temporaryDirectory("outempty")
    for line in Self.commandLines(dir) {
      let r = runCLI(Self.substitute(line.arguments, ""))
      #expect(r.code == 64, "\(line.arguments): \(r.err)")
      #expect(isOneSentence(r.err, command: line.command) && r.err.contains("--\(line.option)"), "\(r.err)")
    }
  }

  @Test func everyCommandCreatesMissingFolders() {
    let dir = temporaryDirectory("outmissing")
    for (i, line) in Self.commandLines(dir).enumerated() {
      let target = dir + "/new\(i)/deeper/" + (line.isFolder ? "reports" : "out.txt")
      let r = runCLI(Self.substitute(line.arguments, target))
      #expect(r.code == 0, "\(line.arguments): \(r.err)")
      if line.isFolder {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        #expect(!files.isEmpty, "\(line.command) wrote nothing into \(target)")
      } else {
        #expect(FileManager.default.fileExists(atPath: target), "\(line.command) did not write \(target)")
      }
    }
  }

  @Test func aScenarioWithSeveralProblemsIsOneLineThatPointsToValidate() {
    let bad = gateScenario().replacingOccurrences(of: #""mean": 4, "sd": 1"#, with: #""mean": -4, "sd": -1"#)
    let r = runCLI(["run", write(bad, temporaryDirectory("twoproblems"), "bad.json"), "--out", temporaryDirectory("unused")])
    #expect(r.code == 1 && isOneSentence(r.err, command: "run") && r.err.contains("supplysim validate"), "\(r.err)")
  }

  @Test func aFileThatCannotBeWrittenAfterTheRunIsOneSentence() throws {
    let dir = temporaryDirectory("outlate")
    let scenario = write(gateScenario(), dir, "gate.json")
    // The folder is fine, but a folder sits where summary.json must go.
    try FileManager.default.createDirectory(atPath: dir + "/r/summary.json", withIntermediateDirectories: true)
    let r = runCLI(["run", scenario, "--out", dir + "/r", "--quiet", "--no-daily"])
    #expect(r.code == 1)
    #expect(isOneSentence(r.err, command: "run") && r.err.contains("summary.json"), "\(r.err)")
  }
}

@Suite struct HelpAndUsageTests {
  @Test func dashHAndDashDashHelpPrintEveryCommandsHelp() {
    for command in SupplySimCommand.commands {
      for flag in ["-h", "--help"] {
        let r = runCLI([command.name, flag])
        #expect(r.code == 0, "\(command.name) \(flag): \(r.err)")
        #expect(r.out.hasPrefix("usage: supplysim \(command.name)") && r.err.isEmpty)
      }
    }
    #expect(runCLI(["run", "x.json", "--seed", "3", "-h"]).code == 0)
  }

  @Test func aCommandWithoutItsArgumentsPrintsOneUsageLine() {
    for command in SupplySimCommand.commands {
      let r = runCLI([command.name])
      #expect(r.code == 64, "\(command.name): \(r.err)")
      #expect(isOneSentence(r.err, command: command.name), "\(command.name): \(r.err)")
    }
  }

  @Test func theSynopsisListsEveryOption() {
    for command in SupplySimCommand.commands {
      for option in command.options {
        #expect(command.synopsis.contains("--\(option.name)"), "\(command.name): synopsis lacks --\(option.name)")
        #expect(command.help.contains("--\(option.name)"))
      }
    }
    #expect(RunCommand.synopsis.contains("[--quiet]"))
    #expect(CheckCommand.synopsis.contains("[--threads N]"))
    for option in ["--save-model FILE", "--load-model FILE", "--members", "supplysim forecast --list"] {
      #expect(ForecastCommand.synopsis.contains(option))
    }
    #expect(SweepCommand.synopsis.contains("[--vary PATH=VALUES]..."))
  }

  @Test func helpHandlesItselfAndUnknownNames() {
    let help = runCLI(["help", "help"])
    #expect(help.code == 0 && help.out.contains("commands:") && !help.out.contains("did you mean"))
    #expect(runCLI(["help"]).code == 0)
    let unknown = runCLI(["help", "nosuch"])
    #expect(unknown.code == 64 && isOneSentence(unknown.err, command: "help"))
    let typo = runCLI(["help", "rnu"])
    #expect(typo.code == 64 && typo.err.contains("did you mean 'run'"))
    // 'help' must never be taken for a misspelt 'lp'.
    #expect(!SupplySimCommand.suggest("help").contains("'lp'"))
    #expect(runCLI(["help", "run", "sweep"]).code == 64)
  }

  @Test func versionWorksAtTheTopAndAfterACommand() {
    for arguments in [["--version"], ["version"], ["run", "--version"], ["forecast", "x.csv", "--version"]] {
      let r = runCLI(arguments)
      #expect(r.code == 0 && r.out == "supplysim \(SupplySimCommand.version)\n", "\(arguments)")
    }
  }

  @Test("a single-valued option given twice is bad usage naming it",
        arguments: [["run", "s.json", "--seed", "1", "--seed", "2"], ["run", "s.json", "--out=a", "--out", "b"],
                    ["check", "--baseline", "a", "--baseline", "b"], ["forecast", "x.csv", "--model", "naive", "--model", "ses"]])
  func repeatedOption(arguments: [String]) {
    let r = runCLI(arguments)
    let option = arguments.first { $0.hasPrefix("--") }!.split(separator: "=")[0]
    #expect(r.code == 64 && r.err.contains("\(option) is given twice"), "\(r.err)")
    #expect(isOneSentence(r.err, command: arguments[0]))
  }

  @Test func repeatableOptionsMayRepeat() {
    let air = SourceTree.root() + "/scenarios/airpassengers.csv"
    let r = runCLI(["forecast", air, "--model", "ets", "--param", "alpha=0.3", "--param", "beta=0.1", "--horizon", "2"])
    #expect(r.code == 0, "\(r.err)")
  }

  @Test("an empty list or an empty item is bad usage",
        arguments: [["backtest", "x.csv", "--models", ""], ["backtest", "x.csv", "--models", " , "], ["backtest", "x.csv", "--models", "naive,,ses"],
                    ["compare", "s.json", "--forecasters", ""], ["compare", "s.json", "--forecasters", ","],
                    ["forecast", "x.csv", "--model", "ensemble", "--members", ""], ["forecast", "x.csv", "--model", "naive", "--level", ","],
                    ["backtest", "x.csv", "--models", "naive,naive"]])
  func emptyList(arguments: [String]) {
    let r = runCLI(arguments)
    #expect(r.code == 64, "\(arguments): \(r.err)")
    #expect(isOneSentence(r.err, command: arguments[0]), "\(r.err)")
  }
}

@Suite struct StandardInputTests {
  @Test func validateReadsAScenarioFromStandardInput() {
    let ok = runCLI(["validate", "-"], input: gateScenario())
    #expect(ok.code == 0 && ok.out.hasPrefix("ok: <stdin>: 12 SKUs"), "\(ok.err)")
    let bad = runCLI(["validate", "-"], input: gateScenario().replacingOccurrences(of: #""mean": 4, "sd": 1"#, with: #""mean": -4, "sd": 1"#))
    #expect(bad.code == 1 && bad.err.contains("<stdin>: suppliers[0].leadTime.mean"), "\(bad.err)")
    #expect(runCLI(["validate", "-", "-"], input: "").code == 64)
  }

  @Test func runForecastLPAndBacktestReadStandardInput() {
    let out = temporaryDirectory("stdin")
    let run = runCLI(["run", "-", "--out", out, "--quiet", "--no-daily"], input: gateScenario())
    #expect(run.code == 0 && FileManager.default.fileExists(atPath: out + "/summary.json"), "\(run.err)")
    let forecast = runCLI(["forecast", "-", "--model", "naive", "--horizon", "1"], input: "t,value\n1,3\n2,5\n")
    #expect(forecast.code == 0 && forecast.out.contains("5.000"), "\(forecast.err)")
    let badCSV = runCLI(["forecast", "-", "--model", "naive"], input: "t,value\n1,x\n")
    #expect(badCSV.code == 1 && badCSV.err.contains("<stdin>: line 2: value: 'x' is not a number"), "\(badCSV.err)")
    let lp = read(SourceTree.root() + "/scenarios/lp/three-products.json").map { String(decoding: $0, as: UTF8.self) } ?? ""
    let json = runCLI(["lp", "-"], input: lp)
    #expect(json.code == 0 && json.out.hasPrefix("<stdin>: ") && json.out.contains("status: optimal"), "\(json.err)")
    let mps = runCLI(["lp", "-"], input: "NAME t\nROWS\n N obj\n L c\nCOLUMNS\n x obj -1 c 1\nRHS\n rhs c 4\nENDATA\n")
    #expect(mps.code == 0 && mps.out.contains("objective: -4"), "\(mps.err)")
    let backtest = runCLI(["backtest", "-", "--models", "naive", "--initial", "3", "--horizon", "1"], input: "day,units\n1,4\n2,5\n3,6\n4,5\n5,7\n")
    #expect(backtest.code == 0 && backtest.out.contains("1 series of 5 points"), "\(backtest.err)")
  }

  @Test func baselineAndCheckRefuseStandardInput() {
    #expect(runCLI(["baseline", "-"], input: gateScenario()).code == 64)
    #expect(runCLI(["check", "-", "--baseline", "b"], input: gateScenario()).code == 64)
  }
}

@Suite struct ForecastInputTests {
  func csvFile(_ text: String) -> String { write(text, temporaryDirectory("layout"), "series.csv") }

  func forecastCSV(_ arguments: [String]) -> (code: Int32, rows: [[String]], err: String) {
    let out = temporaryDirectory("fcout") + "/f.csv"
    let r = runCLI(arguments + ["--out", out])
    let rows = String(decoding: read(out) ?? Data(), as: UTF8.self).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return (r.code, rows, r.err)
  }

  @Test func aDateColumnAnywhereAndTextColumnsThatAreNotUsed() {
    let layouts = [
      "t,date,value\n1,2024-01-01,5\n2,2024-01-02,6\n3,2024-01-03,8\n",
      "value,date\n5,2024-01-01\n6,2024-01-02\n8,2024-01-03\n",
      "sku,date,value,note\nA,2024-01-01,5,fine\nA,2024-01-02,6,\nA,2024-01-03,8,holiday\n",
    ]
    for csv in layouts {
      for column in [["--column", "value"], []] {
        let r = forecastCSV(["forecast", csvFile(csv), "--model", "naive", "--horizon", "2"] + column)
        #expect(r.code == 0, "\(csv) \(column): \(r.err)")
        #expect(r.rows.count == 3 && r.rows[1][1] == "2024-01-04" && r.rows[2][1] == "2024-01-05" && r.rows[1][2] == "8", "\(r.rows)")
      }
    }
  }

  @Test func aByteOrderMarkIsNotPartOfTheFirstName() {
    let r = runCLI(["forecast", csvFile("\u{FEFF}value,date\n1,2024-01-01\n2,2024-01-02\n"), "--model", "naive", "--column", "value", "--horizon", "1"])
    #expect(r.code == 0 && r.out.hasPrefix("naive on value "), "\(r.err)")
  }

  @Test func aSelectedColumnThatIsNotNumericNamesItsLine() {
    let r = runCLI(["forecast", csvFile("sku,date,value\nA,2024-01-01,5\nB,2024-01-02,6\n"), "--model", "naive", "--column", "sku"])
    #expect(r.code == 1 && r.err.contains("series.csv: line 2: sku: 'A' is not a number"), "\(r.err)")
    let typo = runCLI(["forecast", csvFile("date,value\n2024-01-01,5\n2024-01-02,6\n"), "--model", "naive", "--column", "vaule"])
    #expect(typo.code == 1 && typo.err.contains("no column 'vaule'; did you mean 'value'?"), "\(typo.err)")
  }

  @Test func theOutputFileKeepsFullPrecision() {
    let values = [1.234567890123e-7, 2.5e-7, 3.0000000000000004e-7]
    let csv = "t,value\n" + values.enumerated().map { "\($0.offset),\($0.element)" }.joined(separator: "\n")
    let r = forecastCSV(["forecast", csvFile(csv), "--model", "naive", "--horizon", "1"])
    #expect(r.code == 0, "\(r.err)")
    #expect(Double(r.rows[1][2]) == values[2], "\(r.rows)")
    #expect(r.rows[1].dropFirst(3).allSatisfy { Double($0)! != 0 })
  }

  @Test func anEnsembleAveragesItsMembersWithTheirParameters() {
    let csv = csvFile("t,value\n1,1\n2,2\n3,3\n4,4\n")
    // naive: 4; mean: 2.5; moving_average over 2: 3.5.
    let plain = forecastCSV(["forecast", csv, "--model", "ensemble", "--members", "naive,mean", "--horizon", "1"])
    #expect(plain.code == 0 && plain.rows[1][2] == "3.25", "\(plain.err) \(plain.rows)")
    let tuned = forecastCSV(["forecast", csv, "--model", "ensemble", "--members", "naive,moving_average", "--param", "moving_average.window=2", "--horizon", "1"])
    #expect(tuned.code == 0 && tuned.rows[1][2] == "3.75", "\(tuned.err) \(tuned.rows)")
    #expect(runCLI(["forecast", csv, "--model", "ensemble"]).code == 64)
    #expect(runCLI(["forecast", csv, "--model", "naive", "--members", "mean"]).code == 64)
    #expect(runCLI(["forecast", csv, "--model", "ensemble", "--members", "naive", "--param", "ses.alpha=0.2"]).code == 64)
    let backtest = runCLI(["backtest", csv, "--models", "naive,ensemble", "--members", "naive,mean", "--initial", "2", "--horizon", "1"])
    #expect(backtest.code == 0 && backtest.out.contains("ensemble"), "\(backtest.err)")
  }

  @Test func anUnknownForecasterGetsASuggestionAndTheList() {
    let air = SourceTree.root() + "/scenarios/airpassengers.csv"
    let r = runCLI(["forecast", air, "--model", "auto_etss"])
    #expect(r.code == 64 && isOneSentence(r.err, command: "forecast"))
    #expect(r.err.contains("unknown forecaster \"auto_etss\"; did you mean 'auto_ets'?") && r.err.contains("auto_arima, ensemble, lstm"), "\(r.err)")
    let backtest = runCLI(["backtest", air, "--models", "naive,seasonal_naiv"])
    #expect(backtest.code == 64 && backtest.err.contains("did you mean 'seasonal_naive'?"), "\(backtest.err)")
    let member = runCLI(["forecast", air, "--model", "ensemble", "--members", "naive,holtt"])
    #expect(member.code == 64 && member.err.contains("--members: unknown forecaster \"holtt\"; did you mean 'holt'?"), "\(member.err)")
  }

  @Test func aDamagedSavedModelIsNamedWithItsProblem() throws {
    let dir = temporaryDirectory("model")
    let csv = SourceTree.root() + "/scenarios/airpassengers.csv"
    let model = dir + "/m/model.json"
    let train = runCLI(["forecast", csv, "--model", "lstm", "--param", "epochs=1", "--param", "hidden=2", "--param", "window=4",
                        "--save-model", model, "--quiet", "--horizon", "1"])
    #expect(train.code == 0, "\(train.err)")
    let saved = try #require(read(model))
    #expect(runCLI(["forecast", csv, "--model", "lstm", "--load-model", model, "--horizon", "1"]).code == 0)

    let truncated = write(String(decoding: saved.prefix(saved.count / 2), as: UTF8.self), dir, "truncated.json")
    var r = runCLI(["forecast", csv, "--model", "lstm", "--load-model", truncated])
    #expect(r.code == 1 && isOneSentence(r.err, command: "forecast"), "\(r.err)")
    #expect(r.err.contains("truncated.json: is not a saved lstm/gru model: is not valid JSON"), "\(r.err)")

    var object = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
    var network = object["network"] as! [String: Any]
    var architecture = network["architecture"] as! [String: Any]
    architecture["hiddenSize"] = 1_000_000_000_000
    network["architecture"] = architecture
    object["network"] = network
    let huge = write(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self), dir, "huge.json")
    r = runCLI(["forecast", csv, "--model", "lstm", "--load-model", huge])
    #expect(r.code == 1 && r.err.contains("huge.json: is not a saved lstm/gru model: network.architecture.hiddenSize: must be in"), "\(r.err)")

    object = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
    object["residualSpread"] = [Double]()
    let spread = write(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self), dir, "spread.json")
    r = runCLI(["forecast", csv, "--model", "lstm", "--load-model", spread])
    #expect(r.code == 1 && r.err.contains("spread.json: is not a usable saved lstm/gru model: residualSpread"), "\(r.err)")

    r = runCLI(["forecast", csv, "--model", "gru", "--load-model", model])
    #expect(r.code == 1 && r.err.contains("holds a saved lstm model, not gru"), "\(r.err)")
  }
}

@Suite struct LPNumberTests {
  func lp(_ text: String, _ name: String) -> (code: Int32, out: String, err: String) {
    runCLI(["lp", write(text, temporaryDirectory("lpnum"), name)])
  }

  func mps(rhs: String = "4", bound: String) -> String {
    "NAME t\nROWS\n N obj\n L c\nCOLUMNS\n x obj -1 c 1\nRHS\n rhs c \(rhs)\nBOUNDS\n \(bound)\nENDATA\n"
  }

  func json(rhs: String = "4", lower: String = "0", upper: String) -> String {
    #"{"variables": [{"name": "x", "lower": \#(lower), "upper": \#(upper), "cost": -1}], "constraints": [{"name": "c", "terms": {"x": 1}, "relation": "<=", "rhs": \#(rhs)}]}"#
  }

  @Test func aNumberThatOverflowsIsAnErrorInBothFormats() {
    let m = lp(mps(rhs: "1e400", bound: "PL bnd x"), "p.mps")
    #expect(m.code == 1 && m.err.contains("p.mps: line 8:") && m.err.contains("'1e400'"), "\(m.err)")
    let mb = lp(mps(bound: "UP bnd x 1e400"), "p.mps")
    #expect(mb.code == 1 && mb.err.contains("p.mps: line 10: UP bound of 'x': expected a finite number"), "\(mb.err)")
    let j = lp(json(upper: "1e400"), "p.json")
    #expect(j.code == 1 && j.err.contains("p.json: variables[0].upper:"), "\(j.err)")
    let jr = lp(json(rhs: "1e400", upper: "10"), "p.json")
    #expect(jr.code == 1 && jr.err.contains("p.json: constraints[0].rhs:"), "\(jr.err)")
  }

  @Test func infiniteBoundsAreWrittenTheSameWayInBothFormats() {
    // An infinite upper bound leaves the row c: x <= 4 binding: objective -4.
    for bound in ["UP bnd x inf", "UP bnd x Infinity", "UP bnd x 1e30", "PL bnd x"] {
      let r = lp(mps(bound: bound), "p.mps")
      #expect(r.code == 0 && r.out.contains("objective: -4"), "\(bound): \(r.err)")
    }
    for upper in [#""inf""#, #""infinity""#, "1e30", "2e300"] {
      let r = lp(json(upper: upper), "p.json")
      #expect(r.code == 0 && r.out.contains("objective: -4"), "\(upper): \(r.err)")
    }
    // A lower bound of +infinity: nothing satisfies it, in either format.
    #expect(lp(mps(bound: "LO bnd x 1e30"), "p.mps").err.contains("LO bound of 'x' is +infinity"))
    #expect(lp(json(lower: "1e30", upper: #""inf""#), "p.json").err.contains("variables[0].lower: is +infinity"))
  }
}
