import Testing
import Forecasting
import SupplyModel
@testable import Replenishment

@Suite struct ForecastDrivenPolicyTests {
  static func network(promotion: Bool) -> SupplyNetwork {
    let windows = promotion ? [DemandWindow(startDay: 150, endDay: 170, factor: 3)] : []
    let costs = CostRates(unitCost: 1, holdingCostPerUnitDay: 0.01, backorderCostPerUnitDay: 0.5, lostSalePenaltyPerUnit: 0, orderCost: 10)
    let skus = (0..<3).map { k in
      SKU(id: "sku-\(k)", supplierIndex: 0,
          demand: DemandModel(family: .poisson, profile: DemandProfile(base: 5 + 5 * Double(k), weekly: [1.3, 1, 1, 1, 1, 0.9, 0.8], windows: windows)),
          costs: costs, unmetDemand: .backorder)
    }
    return SupplyNetwork(warehouse: "w", suppliers: [Supplier(id: "s", leadTime: .deterministic(days: 4))], skus: skus, initialOnHand: Array(repeating: 60, count: skus.count),
                         horizonDays: 300, warmUpDays: 30, seed: 11)
  }

  static func spec(_ forecaster: any Forecaster, covariate: Bool = false) -> PolicySpecification {
    PolicySpecification(name: "fd", family: .sS, target: .cycleServiceLevel(0.95),
                        forecast: ForecastSettings(forecaster: forecaster, label: forecaster.name, retrainEvery: 7,
                                                   historyDays: 120, seasonalPeriod: 7, usePromotionCovariate: covariate))
  }

  @Test func decisionsNeverDependOnFutureDemand() {
    // Identical demand until day 150; a promotion the policy is not told about starts then.
    let quiet = Self.network(promotion: false), busy = Self.network(promotion: true)
    let spec = Self.spec(ExponentialSmoothingForecaster.simple())
    let a = Simulation.run(quiet, options: SimulationOptions(recordTrace: true), separable: true) { ScenarioPolicy.make(spec, for: quiet).restricted(to: $1) }
    let b = Simulation.run(busy, options: SimulationOptions(recordTrace: true), separable: true) { ScenarioPolicy.make(spec, for: busy).restricted(to: $1) }
    let cut = 150 * 3
    #expect(Array(a.trace!.ordered[..<cut]) == Array(b.trace!.ordered[..<cut]))
    #expect(Array(a.trace!.ordered[cut...]) != Array(b.trace!.ordered[cut...]))
  }

  @Test func forecastLevelsDeliverServiceOnStationaryDemand() {
    let net = Self.network(promotion: false)
    let result = Simulation.run(net, separable: true) { ScenarioPolicy.make(Self.spec(MeanForecaster()), for: net).restricted(to: $1) }
    let kpi = result.totalKPIs(in: net)
    // The same family planned from the true demand model is the yardstick.
    var unforecast = Self.spec(MeanForecaster())
    unforecast.forecast = nil
    let staticSpec = unforecast
    let truth = Simulation.run(net, separable: true) { ScenarioPolicy.make(staticSpec, for: net).restricted(to: $1) }.totalKPIs(in: net)
    #expect(kpi.fillRate > 0.95 && abs(kpi.fillRate - truth.fillRate) < 0.03, "fill rate \(kpi.fillRate) vs \(truth.fillRate)")
    #expect(kpi.averageOnHand / truth.averageOnHand > 0.8 && kpi.averageOnHand / truth.averageOnHand < 1.3,
            "on hand \(kpi.averageOnHand) vs \(truth.averageOnHand)")
    let accuracy = result.forecastErrors!.accuracy()
    #expect(accuracy.days == 3 * 270)
    #expect(abs(accuracy.bias) < 1.5)
  }

  @Test func promotionCovariateIsUsedByRegression() {
    let net = Self.network(promotion: true)
    let regression = RegressionForecaster()
    let with = Simulation.run(net, separable: true) { ScenarioPolicy.make(Self.spec(regression, covariate: true), for: net).restricted(to: $1) }
    let without = Simulation.run(net, separable: true) { ScenarioPolicy.make(Self.spec(regression, covariate: false), for: net).restricted(to: $1) }
    // Knowing the promotion calendar, the forecasts err less during and after it.
    #expect(with.forecastErrors!.accuracy().mae < without.forecastErrors!.accuracy().mae)
  }

  @Test func chunkingDoesNotChangeAForecastDrivenRun() {
    let net = Self.network(promotion: true)
    let spec = Self.spec(ExponentialSmoothingForecaster.simple())
    let whole = Simulation.run(net, separable: false) { _, _ in ScenarioPolicy.make(spec, for: net) }
    let pieces = Simulation.run(net.restricted(to: 0..<2), separable: false) { _, _ in ScenarioPolicy.make(spec, for: net).restricted(to: 0..<2) }
    #expect(Array(whole.statistics[0..<2]) == pieces.statistics)
  }
}

@Test func promotionsPastTheHorizonDoNotBreakForecastPolicies() {
  var net = ForecastDrivenPolicyTests.network(promotion: false)
  net.skus[0].demand.profile.windows = [DemandWindow(startDay: 2_000, endDay: 2_010, factor: 2)]
  let policy = ScenarioPolicy.make(ForecastDrivenPolicyTests.spec(MeanForecaster(), covariate: true), for: net)
  let result = Simulation.run(net, separable: true) { policy.restricted(to: $1) }
  #expect(result.statistics[0].days == 270)
}
