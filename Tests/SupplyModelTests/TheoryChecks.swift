import Testing
import Stochastics
@testable import Replenishment
@testable import SupplyModel

/// Checks of the simulator against closed forms of inventory theory.
///
/// Period convention (see `LeadTimeModel`): an order placed in the review phase of day t with
/// lead time L is received before demand on day t + L, and costs accrue on closing stock. Under a
/// base-stock policy with level S, each day's order equals the day's demand, so the pipeline at
/// the close of a day holds the demand of the last L days and the closing net inventory is
/// S − D_L with D_L ~ Poisson(mL). Hence
///   E[on hand] = E[(S − D_L)⁺],  E[backorders] = E[(D_L − S)⁺],
/// and the stock available to a day's demand is (S − D_{L−1})⁺, so
///   fill rate = E[min(D_1, (S − D_{L−1})⁺)] / m  with D_1 ~ Poisson(m) independent of D_{L−1}.
@Suite struct TheoryChecks {
  /// Independent SKUs with identical parameters: each SKU's long-run average is one replicate.
  static func identicalSKUs(count: Int, mean: Double, lead: LeadTimeModel, horizon: Int, warmUp: Int) -> SupplyNetwork {
    let costs = CostRates(unitCost: 1, holdingCostPerUnitDay: 1, backorderCostPerUnitDay: 4, lostSalePenaltyPerUnit: 0, orderCost: 0)
    let skus = (0..<count).map { k in
      SKU(id: "twin-\(k)", supplierIndex: 0, demand: DemandModel(family: .poisson, profile: DemandProfile(base: mean)),
          costs: costs, unmetDemand: .backorder)
    }
    return SupplyNetwork(warehouse: "w", suppliers: [Supplier(id: "s", leadTime: lead)], skus: skus, initialOnHand: Array(repeating: 0, count: skus.count),
                         horizonDays: horizon, warmUpDays: warmUp, seed: 99)
  }

  /// Mean of per-SKU values and the half-width of its 99% Student-t interval.
  static func interval99(_ values: [Double]) -> (mean: Double, halfWidth: Double) {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    let t = SpecialFunctions.studentTQuantile(0.995, degreesOfFreedom: n - 1)
    return (mean, t * (variance / n).squareRoot())
  }

  static func poissonPMF(_ mean: Double, upTo n: Int) -> [Double] {
    let p = Poisson(mean: mean)
    return (0...n).map { p.probability($0) }
  }

  @Test("base-stock with Poisson demand matches E[(S-D_L)+], E[(D_L-S)+] and the fill rate",
        arguments: [(2.0, 3, 8), (5.0, 1, 7), (10.0, 4, 45)])
  func baseStockClosedForm(m: Double, lead: Int, level: Int) {
    let network = Self.identicalSKUs(count: 40, mean: m, lead: .deterministic(days: lead), horizon: 6_000, warmUp: 100)
    let policy = OrderUpToPolicy(name: "base-stock", level: Array(repeating: level, count: 40), reviewPeriod: 1)
    let result = Simulation.run(network, separable: true) { policy.restricted(to: $1) }

    let cap = Int(m * Double(lead + 1) * 4) + 60
    let pL = Self.poissonPMF(m * Double(lead), upTo: cap)
    let onHand = (0...cap).reduce(0.0) { $0 + Double(max(level - $1, 0)) * pL[$1] }
    let backorders = (0...cap).reduce(0.0) { $0 + Double(max($1 - level, 0)) * pL[$1] }
    let pLm1 = Self.poissonPMF(m * Double(lead - 1), upTo: cap)
    let p1 = Self.poissonPMF(m, upTo: cap)
    var filled = 0.0
    for a in 0...cap { for d in 0...cap { filled += pLm1[a] * p1[d] * Double(min(d, max(level - a, 0))) } }
    let fillRate = filled / m

    let days = Double(result.statistics[0].days)
    let simOnHand = Self.interval99(result.statistics.map { Double($0.onHandSum) / days })
    let simBackorders = Self.interval99(result.statistics.map { Double($0.backorderSum) / days })
    let simFill = Self.interval99(result.statistics.map { Double($0.filledFromStock) / Double($0.demand) })
    #expect(abs(simOnHand.mean - onHand) <= simOnHand.halfWidth, "on hand \(simOnHand) vs \(onHand)")
    #expect(abs(simBackorders.mean - backorders) <= simBackorders.halfWidth, "backorders \(simBackorders) vs \(backorders)")
    #expect(abs(simFill.mean - fillRate) <= simFill.halfWidth, "fill rate \(simFill) vs \(fillRate)")
  }

  @Test("Little's law: mean pipeline = order rate x mean lead time")
  func littlesLaw() {
    let network = Self.identicalSKUs(count: 30, mean: 6, lead: .uniform(min: 2, max: 9), horizon: 5_000, warmUp: 100)
    let policy = MinMaxPolicy(name: "sS", minimum: Array(repeating: 40, count: 30), maximum: Array(repeating: 90, count: 30))
    let result = Simulation.run(network, separable: true) { policy.restricted(to: $1) }
    let days = Double(result.statistics[0].days)
    let pipeline = result.statistics.map { Double($0.onOrderSum) / days }
    let predicted = result.statistics.map { Double($0.unitsOrdered) / days * 5.5 }
    let difference = Self.interval99(zip(pipeline, predicted).map { $0 - $1 })
    #expect(abs(difference.mean) <= difference.halfWidth, "pipeline - rate x E[L]: \(difference)")
    #expect(abs(difference.mean) / (pipeline.reduce(0, +) / 30) < 0.01)
  }

  @Test func mixedLeadTimesConserveUnits() {
    // Start stock + receipts − shipments = end stock + backorders owed, SKU by SKU.
    let network = Self.identicalSKUs(count: 5, mean: 3, lead: .gamma(mean: 4, standardDeviation: 2), horizon: 400, warmUp: 0)
    let policy = ReorderPointPolicy(reorderPoint: Array(repeating: 10, count: 5), orderQuantity: Array(repeating: 12, count: 5))
    let result = Simulation.run(network, options: SimulationOptions(recordTrace: true), separable: true) { policy.restricted(to: $1) }
    let trace = result.trace!
    for k in 0..<5 {
      var received = 0, shipped = 0, demanded = 0
      for day in 0..<trace.dayCount {
        let i = trace.index(day: day, sku: k)
        received += Int(trace.received[i]); shipped += Int(trace.shipped[i]); demanded += Int(trace.demand[i])
      }
      let last = trace.index(day: trace.dayCount - 1, sku: k)
      #expect(received - shipped == Int(trace.onHand[last]))
      #expect(demanded - shipped == Int(trace.backordered[last]))
      #expect(result.statistics[k].unitsOrdered - result.statistics[k].unitsReceived >= Int(trace.onOrder[last]) - 0)
    }
  }
}
