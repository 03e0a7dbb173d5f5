import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

@Suite struct ForecastCommandTests {
  let air = SourceTree.root() + "/scenarios/airpassengers.csv"

  func csvFile(_ text: String) -> String {
    let path = temporaryDirectory("csv") + "/series.csv"
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  @Test func forecastsTwelveMonthsWithDatesAndIntervals() throws {
    let out = temporaryDirectory("fc") + "/forecast.csv"
    let r = runCLI(["forecast", air, "--model", "auto_ets", "--param", "period=12", "--season", "12", "--horizon", "12", "--out", out])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.contains("1961-01-01") && r.out.contains("1961-12-01"))
    let rows = String(decoding: read(out)!, as: UTF8.self).split(separator: "\n")
    #expect(rows.count == 13)
    #expect(rows[0] == "step,date,mean,lo80,hi80,lo95,hi95")
    // Intervals nest: lo95 <= lo80 <= mean <= hi80 <= hi95.
    for row in rows.dropFirst() {
      let v = row.split(separator: ",").dropFirst(2).map { Double($0)! }
      #expect(v[3] <= v[1] && v[1] <= v[0] && v[0] <= v[2] && v[2] <= v[4])
    }
  }

  @Test func badRowsNameTheLine() {
    let r = runCLI(["forecast", csvFile("day,units\n1,4\n2,x\n3,5\n"), "--model", "naive"])
    #expect(r.code == 1)
    #expect(r.err.contains("series.csv: line 3: units: 'x' is not a number"), "\(r.err)")
    let ragged = runCLI(["forecast", csvFile("day,units\n1,4\n2\n"), "--model", "naive"])
    #expect(ragged.code == 1 && ragged.err.contains("line 3: has 1 fields, the header has 2"))
  }

  @Test func unknownForecasterListsTheNames() {
    let r = runCLI(["forecast", air, "--model", "prophet"])
    #expect(r.code == 64)
    #expect(r.err.contains("unknown forecaster \"prophet\"") && r.err.contains("auto_arima") && r.err.contains("lstm"))
    #expect(runCLI(["forecast", air, "--model", "naive", "--param", "period"]).code == 64)
  }

  @Test func listShowsEveryForecaster() {
    let r = runCLI(["forecast", "--list"])
    for name in ["naive", "seasonal_naive", "regression", "ets", "auto_ets", "croston", "sba", "tsb", "arima", "auto_arima", "ensemble", "lstm", "gru"] {
      #expect(r.out.contains("  \(name)"), "\(name) missing")
    }
  }

  @Test func backtestScoresEveryModel() {
    let dir = temporaryDirectory("bt")
    let r = runCLI(["backtest", air, "--models", "naive,seasonal_naive,ses", "--season", "12", "--horizon", "12", "--initial", "108", "--out", dir])
    #expect(r.code == 0, "\(r.err)")
    let lines = r.out.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("seasonal_naive") } && lines.contains { $0.hasPrefix("ses") })
    let json = try? JSONSerialization.jsonObject(with: read(dir + "/backtest.json")!) as? [String: Any]
    #expect((json?["scores"] as? [Any])?.count == 3)
    // 144 points, origins at 108, 120 and 132 (step = horizon = 12): 3 forecasts per model.
    #expect(r.out.contains("seasonal_naive          3"))
  }

  @Test func backtestRunsOnAScenariosDemand() {
    let r = runCLI(["backtest", quickstart, "--models", "naive,mean", "--horizon", "7", "--step", "56"])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.contains("20 series of 365 points"))
  }
}
