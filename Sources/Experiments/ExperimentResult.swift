import Replenishment
import Scenarios
import SupplyModel

/// Everything an experiment produced: per policy, the KPIs of every replication.
public struct ExperimentResult: Sendable {
  /// The scenario run.
  public var scenario: Scenario
  /// Replications per policy.
  public var replications: Int
  /// One outcome per policy, in scenario order.
  public var outcomes: [PolicyOutcome]
  /// Forecasts against actual demand of the featured SKUs, one series per forecaster and SKU,
  /// computed when the run finished (`ForecastShowcase`); empty without a daily trace or
  /// forecast-driven policies. Reports chart these and fit nothing themselves.
  public var forecastShowcase: [SeriesForecast]
  /// Per outcome, its forecaster's scores per SKU on the end of the sales history
  /// (`HoldoutAccuracy`); empty, or nil entries, without a history or a forecaster.
  public var holdout: [ForecastErrorTotals?] = []
  /// The whole daily trace of replication 0, one run per outcome, when the experiment streamed
  /// it to disk (`Experiment.traceSpool`); the outcomes' traces then hold the featured SKUs only.
  public var dailySpool: DailyTraceSpool?

  /// Creates a result.
  public init(scenario: Scenario, replications: Int, outcomes: [PolicyOutcome], forecastShowcase: [SeriesForecast] = []) {
    self.scenario = scenario
    self.replications = replications
    self.outcomes = outcomes
    self.forecastShowcase = forecastShowcase
  }
}

/// One policy's results across replications.
public struct PolicyOutcome: Sendable {
  /// The policy's name.
  public var name: String
  /// How the scenario defined it.
  public var definition: PolicyDefinition
  /// Its named parameters per SKU as planned (the first customer-facing node's in a network),
  /// recorded when the run started.
  public var parameters: PolicyParameters
  /// Total KPIs per replication.
  public var totals: [KPIs]
  /// KPIs per replication and SKU: `perSKU[r][k]`.
  public var perSKU: [[KPIs]]
  /// The daily trace of replication 0, when recorded.
  public var trace: DailyTrace?
  /// Forecast accuracy per replication, for forecast-driven policies.
  public var forecastAccuracy: [ForecastAccuracy]?
  /// The forecast errors per replication and SKU over the simulated days, for forecast-driven
  /// policies (a network's nodes one after another, each in SKU order).
  public var forecastErrors: [ForecastErrorTotals]?
  /// Every node's parameters as planned, in scenario node order.
  public var nodeParameters: [PolicyParameters]
  /// KPIs per replication and node, `perNode[r][node]`.
  public var perNode: [[KPIs]]
  /// Networks of several nodes: bullwhip ratio per replication and node (empty lists for one node).
  public var nodeBullwhip: [[Double]]
  /// Networks of several nodes: bullwhip ratio per replication and echelon (index 0 = echelon 1,
  /// the customer-facing nodes; empty lists for one node).
  public var echelonBullwhip: [[Double]]

  /// Creates an outcome.
  public init(name: String, definition: PolicyDefinition, parameters: PolicyParameters, totals: [KPIs], perSKU: [[KPIs]], trace: DailyTrace?,
              nodeParameters: [PolicyParameters] = [], perNode: [[KPIs]] = [], nodeBullwhip: [[Double]] = [], echelonBullwhip: [[Double]] = [],
              forecastAccuracy: [ForecastAccuracy]? = nil) {
    self.nodeParameters = nodeParameters
    self.perNode = perNode
    self.nodeBullwhip = nodeBullwhip
    self.echelonBullwhip = echelonBullwhip
    self.forecastAccuracy = forecastAccuracy
    self.name = name
    self.definition = definition
    self.parameters = parameters
    self.totals = totals
    self.perSKU = perSKU
    self.trace = trace
  }

  /// The summary (mean, standard deviation, confidence interval) of a total KPI across replications.
  public func summary(of kpi: String, level: Double = 0.95) -> KPISummary {
    KPISummary(values: totals.map { $0.value(named: kpi)! }, level: level)
  }

  /// Forecast accuracy averaged over replications (each replication's figures weighted equally).
  public var meanForecastAccuracy: ForecastAccuracy? {
    forecastAccuracy.flatMap(ForecastAccuracy.mean)
  }

  /// Mean of a bullwhip series across replications, skipping replications where it is undefined.
  public static func meanRatio(_ perReplication: [[Double]], at index: Int) -> Double {
    let values = perReplication.map { $0[index] }.filter { !$0.isNaN }
    return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
  }

  /// Mean KPIs of SKU `k` across replications: each KPI summed from 0 in replication order and
  /// divided by the number of replications, without allocating (reports call it per SKU).
  public func meanKPIs(ofSKU k: Int) -> KPIs {
    let n = Double(perSKU.count)
    var m = KPIs.zero
    for replication in perSKU { m.add(replication[k]) }
    m.divide(by: n)
    return m
  }

  /// `meanKPIs(ofSKU:)` of every SKU, in network order.
  public func meanKPIsPerSKU() -> [KPIs] {
    guard let first = perSKU.first else { return [] }
    return first.indices.map(meanKPIs(ofSKU:))
  }
}

extension KPIs {
  /// Every KPI 0.
  static let zero = KPIs(values: Array(repeating: 0, count: KPIs.names.count))

  /// Adds `o` KPI by KPI.
  mutating func add(_ o: KPIs) {
    totalCost += o.totalCost; holdingCost += o.holdingCost; shortageCost += o.shortageCost; orderingCost += o.orderingCost
    purchaseCost += o.purchaseCost; transportCost += o.transportCost; fillRate += o.fillRate; cycleServiceLevel += o.cycleServiceLevel
    stockoutDays += o.stockoutDays; unitsShort += o.unitsShort; demand += o.demand; averageOnHand += o.averageOnHand
    averageBackorders += o.averageBackorders; averageOnOrder += o.averageOnOrder; inventoryTurnover += o.inventoryTurnover
    ordersPlaced += o.ordersPlaced; meanOrderSize += o.meanOrderSize
  }

  /// Divides every KPI by `n`.
  mutating func divide(by n: Double) {
    totalCost /= n; holdingCost /= n; shortageCost /= n; orderingCost /= n; purchaseCost /= n; transportCost /= n
    fillRate /= n; cycleServiceLevel /= n; stockoutDays /= n; unitsShort /= n; demand /= n; averageOnHand /= n
    averageBackorders /= n; averageOnOrder /= n; inventoryTurnover /= n; ordersPlaced /= n; meanOrderSize /= n
  }
}
