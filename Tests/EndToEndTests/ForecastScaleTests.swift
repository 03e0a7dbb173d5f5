import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

/// `forecast` and `backtest` on series of extreme magnitude, end to end.
@Suite struct ForecastScaleTests {
  /// 60 values with a trend and a period-4 pattern, multiplied by `c`, as a one-column CSV.
  func csv(scale c: Double) -> String {
    let pattern: [Double] = [3, -1, -2, 0]
    var text = "units\n"
    for t in 0..<60 { text += "\((20 + 0.2 * Double(t) + pattern[t % 4]) * c)\n" }
    let path = temporaryDirectory("scale") + "/series.csv"
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  /// The table's numbers after the header, per row.
  func numbers(_ out: String) -> [[Double]] {
    out.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 4, Int(fields[0]) != nil else { return nil }
      return fields.suffix(5).compactMap { Double($0) }
    }
  }

  @Test("forecast fits the ETS family at 1e200 and 1e-300",
        arguments: ["ses", "holt", "ets", "auto_ets", "holt_winters", "auto_arima"], [1e200, 1e-300])
  func forecastAtExtremeScales(model: String, scale: Double) {
    let r = runCLI(["forecast", csv(scale: scale), "--model", model, "--season", "4", "--horizon", "8", "--out",
                    temporaryDirectory("scale-out") + "/f.csv"])
    #expect(r.code == 0, "\(r.err)")
    #expect(!r.out.contains("nan") && !r.out.contains("inf"), "\(r.out)")
    #expect(r.out.contains("note: fitted on the series divided by 2^"), "\(r.out)")
    if scale > 1 {
      let rows = numbers(r.out)
      #expect(rows.count == 8)
      // Point forecasts of a series between 2e201 and 3.6e201 stay in that order of magnitude.
      for row in rows { #expect(row[0] > 1e201 && row[0] < 1e202, "\(row)") }
    }
  }

  @Test("backtest scores the ETS family at 1e200 and 1e-300", arguments: [1e200, 1e-300])
  func backtestAtExtremeScales(scale: Double) {
    let r = runCLI(["backtest", csv(scale: scale), "--models", "ses,holt,ets,auto_ets,holt_winters,naive,croston",
                    "--season", "4", "--horizon", "4", "--initial", "40"])
    #expect(r.code == 0, "\(r.err)")
    #expect(!r.out.contains("nan") && !r.err.contains("Fatal"), "\(r.out)")
    for name in ["ses", "holt", "auto_ets", "holt_winters"] { #expect(r.out.contains(name)) }
  }

  @Test func levelsOutsideTheOpenIntervalAreUsageErrors() {
    for level in ["0", "100"] {
      let r = runCLI(["forecast", csv(scale: 1e200), "--model", "ses", "--level", level])
      #expect(r.code == 64, "\(r.err)")
      #expect(r.err.contains("--level"), "\(r.err)")
    }
  }
}
