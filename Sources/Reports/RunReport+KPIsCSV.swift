import Experiments
import Parallelism
import SupplyModel

extension RunReport {
  /// `kpis.csv`: one row per policy and SKU (mean over replications, with the planned levels and
  /// every other parameter any policy names) plus a `TOTAL` row per policy. The same bytes as
  /// `streamKPIsCSV(to:threads:)` writes.
  public func kpisCSV() -> String {
    var out: [UInt8] = []
    kpisCSVParts(threads: 1) { out += $0 }
    return String(decoding: out, as: UTF8.self)
  }

  /// Writes `kpisCSV()` to `path` through a bounded buffer (`AtomicFile.stream`), formatting
  /// blocks of SKUs on up to `threads` threads and writing them in SKU order, so the bytes do
  /// not depend on the thread count and the text is never held whole in memory.
  public func streamKPIsCSV(to path: String, threads: Int = Parallel.defaultThreadCount) throws {
    try AtomicFile.stream(to: path) { out in
      var failure: Error?
      kpisCSVParts(threads: threads) { bytes in
        guard failure == nil else { return }
        out.append(bytes: bytes)
        do { try out.flushIfFull() } catch { failure = error }
      }
      if let failure { throw failure }
    }
  }

  /// SKUs per block of `kpis.csv` rows formatted together.
  static let kpisBlockSize = 4096

  /// Hands the bytes of `kpis.csv` to `emit` in file order: the header, then per policy its SKU
  /// rows block by block and its TOTAL row.
  func kpisCSVParts(threads: Int, _ emit: ([UInt8]) -> Void) {
    // The three levels always, then every other parameter any policy names, in order of appearance.
    var names = PolicyParameters.levelNames
    for outcome in result.outcomes { for c in outcome.parameters.columns where !names.contains(c.name) { names.append(c.name) } }
    // Forecast accuracy per SKU, after the KPIs, when some policy follows a forecaster.
    let accuracy = result.outcomes.contains { $0.definition.model.forecast != nil } ? ForecastAccuracyFigures(result: result) : nil
    let accuracyColumns = accuracy?.columns ?? []
    emit(Array(((["policy", "sku"] + names + KPIs.names + accuracyColumns).map(CSVWriter.escape).joined(separator: ",") + "\n").utf8))
    let skus = result.scenario.network.skus
    let block = Self.kpisBlockSize
    let blocks = (skus.count + block - 1) / block
    let batch = max(1, threads) * 4
    for (index, outcome) in result.outcomes.enumerated() {
      let policy = Array((CSVWriter.escape(outcome.name) + ",").utf8)
      // Each name's column of this policy (nil: the policy has no such parameter).
      let columns: [[Double?]?] = names.map { name in outcome.parameters.columns.first { $0.name == name }?.values }
      for first in stride(from: 0, to: blocks, by: batch) {
        let parts = Parallel.map(min(batch, blocks - first), threads: threads) { b -> [UInt8] in
          let range = ((first + b) * block)..<min(skus.count, (first + b + 1) * block)
          var bytes: [UInt8] = []
          bytes.reserveCapacity(range.count * 260)
          for k in range {
            bytes += policy
            bytes += CSVWriter.escape(skus[k].id).utf8
            for column in columns {
              bytes.append(UInt8(ascii: ","))
              if let column, k < column.count, let v = column[k] { bytes += NumberFormat.shortest(v).utf8 }
            }
            let m = outcome.meanKPIs(ofSKU: k)
            for v in [m.totalCost, m.holdingCost, m.shortageCost, m.orderingCost, m.purchaseCost, m.transportCost, m.fillRate,
                      m.cycleServiceLevel, m.stockoutDays, m.unitsShort, m.demand, m.averageOnHand, m.averageBackorders,
                      m.averageOnOrder, m.inventoryTurnover, m.ordersPlaced, m.meanOrderSize] {
              bytes.append(UInt8(ascii: ","))
              bytes += NumberFormat.shortest(v).utf8
            }
            for v in accuracy?.csvValues(outcome: index, sku: k) ?? [] {
              bytes.append(UInt8(ascii: ","))
              if let v { bytes += NumberFormat.shortest(v).utf8 }
            }
            bytes.append(UInt8(ascii: "\n"))
          }
          return bytes
        }
        for part in parts { emit(part) }
      }
      let totals = KPIs.names.map { outcome.summary(of: $0).mean }
      emit(Array(([outcome.name, "TOTAL"] + names.map { _ in "" } + totals.map(NumberFormat.shortest) + (accuracy?.csvTotals(outcome: index) ?? [])).map(CSVWriter.escape).joined(separator: ",").utf8) + [UInt8(ascii: "\n")])
    }
  }
}
