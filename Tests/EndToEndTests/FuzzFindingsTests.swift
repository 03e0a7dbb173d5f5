import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

/// Classes the mutation fuzzer found (issue 12), one test each: messages split over several
/// lines by echoed text, arguments that named nothing, option values that were other options,
/// bench instances and saved models whose errors did not name the file, and distribution
/// parameters that underflow in doubles.
@Suite struct FuzzFindingsTests {
  @Test func oneLineEscapesControlCharactersAndKeepsBothEndsOfALongLine() {
    #expect(ErrorText.oneLine("a\nb\r\tc\u{7}d\u{2028}e") == #"a\nb\r\tc\u{7}d\u{2028}e"#)
    #expect(ErrorText.oneLine("plain é 😀") == "plain é 😀")
    let long = ErrorText.oneLine("f.json: " + String(repeating: "x", count: 5_000) + " write a number", limit: 100)
    #expect(long.count <= 100 && long.hasPrefix("f.json: x") && long.hasSuffix("x write a number") && long.contains(" … "))
  }

  @Test func textWithLineBreaksEchoedInAnErrorStaysOnOneLine() throws {
    let dir = temporaryDirectory("oneline")
    let scenario = gateScenario().replacingOccurrences(of: #""horizonDays": 365"#, with: #""horizonDays": "36\n5""#)
    let file = write(scenario, dir, "nl.json")
    let run = runCLI(["run", file, "--out", dir + "/out", "--quiet"])
    #expect(run.code == 1 && isOneSentence(run.err, command: "run"), "\(run.err)")
    #expect(run.err.contains(#"horizonDays: expected a whole number, got a string ("36\n5")"#))
    let validate = runCLI(["validate", file])
    #expect(validate.code == 1 && validate.err.split(separator: "\n").count == 1, "\(validate.err)")
    let key = write(gateScenario().replacingOccurrences(of: #""seed": 11"#, with: #""seed": 11, "se\ned": 1"#), dir, "key.json")
    let unknown = runCLI(["run", key, "--quiet"])
    #expect(unknown.code == 1 && isOneSentence(unknown.err, command: "run"), "\(unknown.err)")
    let command = runCLI(["ru\nn"])
    #expect(command.code == 64 && command.err.hasPrefix("supplysim: no command 'ru\\nn'") && command.err.filter { $0 == "\n" }.count == 1)
  }

  @Test("An empty argument is bad usage that quotes it", arguments: [
    ["compare", ""], ["run", " "], ["validate", "", "x.json"], ["stress", ""], ["sweep", ""], ["forecast", "", "--model", "naive"],
    ["backtest", ""], ["lp", ""], ["baseline", ""], ["check", "", "--baseline", "b"],
  ])
  func emptyArgument(arguments: [String]) {
    let r = runCLI(arguments)
    #expect(r.code == 64 && isOneSentence(r.err, command: arguments[0]), "\(r.err)")
    #expect(r.err.contains("is empty ('\(arguments.first { $0.trimmingCharacters(in: .whitespaces).isEmpty }!)')"), "\(r.err)")
  }

  /// Fuzz case 65: `skus` replaced by 100,000 numbers gave 100,000 error lines (6.8 MB) and
  /// outlasted the case's time limit on a loaded machine. `validate` lists the first 200
  /// problems of a file and counts the rest on one more line that names the file.
  @Test func aFileWithThousandsOfProblemsListsTheFirstAndCountsTheRest() {
    let dir = temporaryDirectory("many")
    let numbers = (0..<5_000).map(String.init).joined(separator: ", ")
    let file = write(#"{"name": "many", "seed": 1, "horizonDays": 30, "suppliers": [{"id": "s"}], "skus": [\#(numbers)], "policies": [{"name": "b", "type": "baseStock"}]}"#, dir, "many.json")
    let r = runCLI(["validate", file])
    let lines = r.err.split(separator: "\n")
    #expect(r.code == 1 && lines.count == ValidateCommand.listedProblems + 1, "\(lines.count) lines")
    #expect(lines.allSatisfy { $0.contains("many.json: ") })
    #expect(lines.last?.contains("more problems not listed (the first 200 are above") == true, "\(lines.last ?? "")")
  }

  /// A holding cost of 1e-300 is allowed; the report's cost chart then has an axis over values
  /// near 1e-300, whose tick labels asked `NumberFormat.fixed` for 300 decimals and trapped.
  @Test func costsNearTheSmallestDoubleGetAReport() {
    let dir = temporaryDirectory("tiny-cost")
    let file = write(#"{"name": "tiny", "seed": 1, "horizonDays": 60, "suppliers": [{"id": "s", "leadTime": {"distribution": "deterministic", "mean": 2}}], "skus": [{"id": "A", "supplier": "s", "demand": {"distribution": "poisson", "mean": 5}, "unitCost": 0, "holdingCostPerUnitDay": 1e-300, "backorderCostPerUnitDay": 1e-300, "orderCost": 0}], "policies": [{"name": "b", "type": "baseStock", "serviceLevel": 0.9}]}"#, dir, "tiny.json")
    let r = runCLI(["run", file, "--out", dir + "/out", "--quiet", "--replications", "2"])
    #expect(r.code == 0, "\(r.err)")
    #expect(read(dir + "/out/report.html").map { String(decoding: $0, as: UTF8.self).contains("</html>") } == true)
  }

  @Test func aBaselineScenarioNamedTwiceIsSaidSo() {
    let dir = temporaryDirectory("twice")
    let file = write(gateScenario(), dir, "gate.json")
    let r = runCLI(["baseline", file, file, "--out", dir + "/b"])
    #expect(r.code == 64 && isOneSentence(r.err, command: "baseline") && r.err.contains("gate.json is named twice"), "\(r.err)")
  }

  @Test func anOptionIsNotTakenAsTheValueOfTheOptionBeforeIt() {
    let dir = temporaryDirectory("optval")
    let csv = write("day,units\n1,4\n2,5\n3,6\n4,5\n5,7\n6,6\n", dir, "series.csv")
    let r = runCLI(["forecast", csv, "--model", "--horizon", "3"])
    #expect(r.code == 64 && r.err.contains("--model needs a value (NAME), got the option '--horizon'"), "\(r.err)")
    let end = runCLI(["forecast", csv, "--model", "--"])
    #expect(end.code == 64 && end.err.contains("--model needs a value (NAME), got '--'"), "\(end.err)")
    let inline = runCLI(["forecast", csv, "--model=--x"])
    #expect(inline.code == 64 && inline.err.contains("unknown forecaster"), "\(inline.err)")
    let nameless = runCLI(["validate", "--=1"])
    #expect(nameless.code == 64 && nameless.err.contains("'--=1' is not an option"), "\(nameless.err)")
  }

  @Test func aBrokenBenchInstanceNamesItsFile() throws {
    let good = try String(contentsOfFile: SourceTree.root() + "/scenarios/lp/bench/LP-1_K10_T30.json", encoding: .utf8)
    let cases: [(text: String, expected: String)] = [
      ("{\"K\": ", "bad.json: malformed JSON at line 1"),
      (good.replacingOccurrences(of: #""L": 2"#, with: #""L": 1e100"#), "bad.json: L: "),
      (good.replacingOccurrences(of: #""T": 30"#, with: #""T": 29"#), "bad.json: demand[0]: must have T = 29 periods"),
    ]
    for (text, expected) in cases {
      let dir = temporaryDirectory("benchlp")
      write(text, dir, "bad.json")
      let r = runCLI(["bench", "lp", "--instances", dir])
      #expect(r.code == 1 && isOneSentence(r.err, command: "bench") && r.err.contains(expected), "\(r.err)")
    }
  }

  @Test func momentsWhoseDistributionParametersUnderflowRunAsTheirLimit() throws {
    let dir = temporaryDirectory("underflow")
    let scenario = gateScenario()
      .replacingOccurrences(of: #""distribution": "gamma", "mean": 4, "sd": 1"#, with: #""distribution": "gamma", "mean": 5e-300, "sd": 1"#)
      .replacingOccurrences(of: #""mean": 4, "dispersion": 4"#, with: #""mean": 5e-324, "dispersion": 4"#)
    let file = write(scenario, dir, "tiny.json")
    #expect(runCLI(["validate", file]).code == 0)
    let r = runCLI(["run", file, "--out", dir + "/out", "--replications", "1", "--no-daily", "--quiet"])
    #expect(r.code == 0, "\(r.err)")
  }

  @Test func aModelThatCannotBeSavedNamesTheOption() throws {
    let dir = temporaryDirectory("savemodel")
    let series = try String(contentsOfFile: SourceTree.root() + "/scenarios/airpassengers.csv", encoding: .utf8)
    let csv = write(series.replacingOccurrences(of: "1959-08-01,559", with: "1959-08-01,1e308"), dir, "big.csv")
    let r = runCLI(["forecast", csv, "--model", "lstm", "--param", "epochs=1", "--param", "hidden=4", "--param", "window=12",
                    "--param", "batch=16", "--quiet", "--save-model", dir + "/model.json"])
    #expect(r.code == 1 && isOneSentence(r.err, command: "forecast") && r.err.contains("--save-model"), "\(r.err)")
  }
}
