import Foundation
import Testing
@testable import SupplySimCLI
import _TestSupport

@Suite struct CompareAndNetworkTests {
  @Test func compareRanksEveryPolicyForecasterPair() {
    let r = runCLI(["compare", quickstart, "--forecasters", "model,naive", "--min-fill-rate", "99", "--replications", "2", "--quiet"])
    #expect(r.code == 0, "\(r.err)")
    for name in ["sQ-csl95 × model", "sQ-csl95 × naive", "sS-fill98 × naive", "RS-weekly × model"] {
      #expect(r.out.contains(name), "\(name) missing")
    }
    #expect(r.out.contains("sQ-csl95 × model has the lowest mean total cost at a mean fill rate of at least 99.0%"), "\(r.out)")
    // 2 replications: the ranking states the paired interval of each difference and only calls significant what excludes 0.
    #expect(r.out.contains("vs best (paired)") && r.out.contains("Paired t-test"))
    #expect(r.out.contains("not distinguishable at 95% over 2 replications"))
    #expect(runCLI(["compare", quickstart, "--forecasters", "model,prophet"]).code == 64)
  }

  @Test func savedNetworksForecastExactlyAsTrained() {
    let air = SourceTree.root() + "/scenarios/airpassengers.csv"
    let model = temporaryDirectory("nn") + "/gru.json"
    let common = ["forecast", air, "--model", "gru", "--season", "12", "--horizon", "4"]
    let trained = runCLI(common + ["--param", "epochs=2", "--param", "hidden=4", "--param", "window=12", "--save-model", model])
    #expect(trained.code == 0, "\(trained.err)")
    #expect(trained.err.contains("gru: epoch 2 train"), "progress line expected on stderr: \(trained.err)")
    let loaded = runCLI(common + ["--load-model", model])
    #expect(loaded.code == 0, "\(loaded.err)")
    let table = { (s: String) in s.split(separator: "\n").filter { $0.first?.isNumber == true } }
    #expect(!table(trained.out).isEmpty && table(trained.out) == table(loaded.out))
    #expect(runCLI(["forecast", air, "--model", "ses", "--save-model", model]).code == 64)
  }
}
