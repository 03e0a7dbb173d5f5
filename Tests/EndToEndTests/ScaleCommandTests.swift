import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

/// `run --daily` and `bench run`.
@Suite(.serialized) struct ScaleCommandTests {
  @Test func dailyOptionChoosesWhetherDailyCSVIsWritten() {
    let none = temporaryDirectory("daily-none"), all = temporaryDirectory("daily-all")
    #expect(runCLI(["run", quickstart, "--out", none, "--daily", "none", "--quiet"]).code == 0)
    #expect(!FileManager.default.fileExists(atPath: none + "/daily.csv"))
    #expect(runCLI(["run", quickstart, "--out", all, "--daily", "all", "--quiet"]).code == 0)
    #expect(FileManager.default.fileExists(atPath: all + "/daily.csv"))
    let contradiction = runCLI(["run", quickstart, "--out", all, "--daily", "all", "--no-daily"])
    #expect(contradiction.code == 64 && contradiction.err.contains("--daily all and --no-daily"))
    let bad = runCLI(["run", quickstart, "--out", all, "--daily", "some"])
    #expect(bad.code == 64 && bad.err.contains("--daily takes all or none, got 'some'"))
  }

  /// The default writes daily.csv up to the row limit and says why it did not above it.
  @Test func dailyDefaultFollowsTheRowLimit() throws {
    let plain = ParsedArguments(positionals: ["x"])
    #expect(try RunCommand.dailyChoice(plain, rows: 2_000_000) == (true, nil))
    let above = try RunCommand.dailyChoice(plain, rows: 2_000_001)
    #expect(!above.write && above.note == "daily.csv not written: it would have 2,000,001 rows, more than 2,000,000 (--daily all writes it)")
    let forced = ParsedArguments(positionals: ["x"], values: ["daily": ["all"]])
    #expect(try RunCommand.dailyChoice(forced, rows: 1e12) == (true, nil))
    let off = ParsedArguments(positionals: ["x"], flags: ["no-daily"])
    #expect(try RunCommand.dailyChoice(off, rows: 10) == (false, nil))
  }

  @Test func benchRunPrintsEveryPhaseAndTheEngine() {
    let r = runCLI(["bench", "run", "--skus", "40,60", "--days", "60", "--threads", "2", "--scenario", quickstart])
    #expect(r.code == 0, "\(r.err)")
    for phase in ["load", "plan", "simulate", "aggregate", "write", "run (total)", "engine alone", "run / engine:"] {
      #expect(r.out.contains(phase), "\(phase) missing")
    }
    #expect(r.out.contains("40 SKUs x 60 days x 3 policies") && r.out.contains("60 SKUs x 60 days x 3 policies"))
    let bad = runCLI(["bench", "run", "--skus", "10,0"])
    #expect(bad.code == 64 && bad.err.contains("--skus takes sizes"))
  }
}
