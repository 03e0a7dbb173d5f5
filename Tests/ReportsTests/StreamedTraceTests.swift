#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Reports
import Scenarios
import SupplyModel
import Testing

/// A daily trace streamed to disk through `DailyTraceSpool` gives the reports of a trace kept in
/// memory, byte for byte, while the engines hold only blocks of it.
@Suite struct StreamedTraceTests {
  /// A fresh folder under the temporary directory.
  static func folder() -> String {
    FileManager.default.temporaryDirectory.path + "/supplysim-stream-\(UUID().uuidString)"
  }

  /// Runs `scenario` with the trace streamed through a spool in a scratch folder.
  static func streamed(_ scenario: Scenario, replications: Int, threads: Int) throws -> ExperimentResult {
    let dir = folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var experiment = Experiment(scenario: scenario, replications: replications, threads: threads, recordTrace: true)
    experiment.traceSpool = try DailyTraceSpool(for: scenario, in: dir)
    let result = try experiment.run()
    // The spool file is unlinked as soon as it is opened: nothing is left in the folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    return result
  }

  /// Every file `RunReport.write` writes, by name.
  static func files(of result: ExperimentResult) throws -> [String: Data] {
    let dir = folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try RunReport(result: result, version: "t").write(to: dir)
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir) { out[name] = FileManager.default.contents(atPath: dir + "/" + name) }
    return out
  }

  @Test func streamedReportsHaveTheInMemoryBytes() throws {
    let cases: [(Scenario, Int)] = [
      (try Scenario.load(json: ReportFixture.scenarioJSON(), file: "mini.json"), 3),
      (try Scenario.load(json: ReportFixture.networkJSON, file: "mini-net.json"), 2),
      (try ReportFixture.cycledScenario(skus: 1_100, days: 40), 1),
    ]
    for (scenario, replications) in cases {
      let inMemory = try Experiment(scenario: scenario, replications: replications, threads: 2, recordTrace: true).run()
      let expected = try Self.files(of: inMemory)
      #expect(expected["daily.csv"] != nil)
      for threads in [1, 2] {
        let streamed = try Self.streamed(scenario, replications: replications, threads: threads)
        #expect(streamed.outcomes.allSatisfy { $0.trace?.recordedSlots != nil }, "featured days only in memory")
        let got = try Self.files(of: streamed)
        #expect(got.keys.sorted() == expected.keys.sorted())
        for (name, bytes) in expected {
          #expect(got[name] == bytes, "\(scenario.spec.name), \(threads) threads: \(name) differs from the in-memory run's")
        }
        #expect(RunReport(result: streamed, version: "t").dailyCSV() == RunReport(result: inMemory, version: "t").dailyCSV())
      }
    }
  }

  @Test func featuredDaysMatchTheWholeTrace() throws {
    let scenario = try Scenario.load(json: ReportFixture.networkJSON, file: "mini-net.json")
    let whole = try Experiment(scenario: scenario, replications: 1, threads: 1, recordTrace: true).run()
    let streamed = try Self.streamed(scenario, replications: 1, threads: 2)
    let points = StockingPoints(network: scenario.network)
    let slots = FeaturedSKU.select(from: whole).map { points.featuredSlot(sku: $0.index) }
    #expect(slots.count == 3)
    for (full, part) in zip(whole.outcomes.map { $0.trace! }, streamed.outcomes.map { $0.trace! }) {
      #expect(part.recordedSlots == slots && part.dayCount == full.dayCount)
      for day in 0..<full.dayCount {
        for slot in slots {
          let a = full.index(day: day, sku: slot), b = part.index(day: day, sku: slot)
          #expect([full.demand[a], full.shipped[a], full.onHand[a], full.onOrder[a], full.backordered[a], full.ordered[a], full.received[a]]
                  == [part.demand[b], part.shipped[b], part.onHand[b], part.onOrder[b], part.backordered[b], part.ordered[b], part.received[b]])
        }
      }
    }
  }

  /// The memory a streamed trace takes in the engines does not grow with the catalogue: the
  /// largest block handed over is one chunk of 512 SKUs × 32 days, at 1,300 SKUs as at 5,200
  /// (a trace held whole would be 5,200 × 70 rows per run).
  @Test func blocksAreBoundedWhateverTheCatalogueSize() throws {
    var largest: [Int] = []
    for skus in [1_300, 5_200] {
      let scenario = try ReportFixture.cycledScenario(skus: skus, days: 70)
      let dir = Self.folder()
      defer { try? FileManager.default.removeItem(atPath: dir) }
      var experiment = Experiment(scenario: scenario, replications: 1, threads: 2, recordTrace: true)
      let spool = try DailyTraceSpool(for: scenario, in: dir)
      experiment.traceSpool = spool
      let result = try experiment.run()
      largest.append(spool.largestBlockRows)
      // Every slot-day came exactly once: the rows read back are policies × days × SKUs.
      var rows = 0
      for run in result.outcomes.indices { try spool.forEachSegment(run: run) { _, segment in rows += segment.width } }
      #expect(rows == 3 * 70 * skus)
    }
    #expect(largest == [Simulation.chunkSize * DailyTraceSpool.blockDays, Simulation.chunkSize * DailyTraceSpool.blockDays])
    // The network engine hands all its points at once, 32 days at a time, not the 120 days whole.
    let network = try Scenario.load(json: ReportFixture.networkJSON, file: "mini-net.json")
    let dir = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var experiment = Experiment(scenario: network, replications: 1, threads: 2, recordTrace: true)
    let spool = try DailyTraceSpool(for: network, in: dir)
    experiment.traceSpool = spool
    _ = try experiment.run()
    #expect(network.network.horizonDays == 120 && spool.largestBlockRows == 3 * 3 * DailyTraceSpool.blockDays)
  }

  @Test func stockoutBuilderMatchesTheWholeTraceRule() throws {
    var episodes = 0
    for result in [ReportFixture.oneReplication, ReportFixture.network] {
      let network = result.scenario.network
      let points = StockingPoints(network: network)
      let slots = points.hasSeveralNodes ? points.customerFacingSlots : nil
      for outcome in result.outcomes {
        let t = outcome.trace!
        var builder = StockoutRuns.Builder(slotCount: t.skuCount, dayCount: t.dayCount, measuredDays: network.measuredDays, slots: slots)
        for day in 0..<t.dayCount {
          // Two segments per day, to cross a segment boundary.
          for range in [0..<(t.skuCount / 2), (t.skuCount / 2)..<t.skuCount] where !range.isEmpty {
            var values: [Int] = []
            for column in [t.demand, t.shipped, t.onHand, t.onOrder, t.backordered, t.ordered, t.received] {
              values += range.map { column[t.index(day: day, sku: $0)] }
            }
            builder.add(day: day, segment: DailyTraceSpool.Segment(firstSlot: range.lowerBound, width: range.count, values: values))
          }
        }
        let expected = StockoutRuns(trace: t, measuredDays: network.measuredDays, slots: slots)
        #expect(builder.finish() == expected)
        episodes += expected.lengths.count
      }
    }
    #expect(episodes > 0, "the fixtures have stockouts to compare")
  }
}
