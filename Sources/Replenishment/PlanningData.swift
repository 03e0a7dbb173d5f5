import SupplyModel

/// What a static policy knows about one SKU when it sets its levels.
public struct PlanningData: Sendable, Equatable {
  /// Mean demand per day.
  public var meanPerDay: Double
  /// Variance of one day's demand.
  public var variancePerDay: Double
  /// Mean lead time in days.
  public var leadTimeMean: Double
  /// Variance of the lead time.
  public var leadTimeVariance: Double
  /// True when daily demand is Poisson with a constant mean and the lead time is fixed, so
  /// demand over any whole number of days is exactly Poisson.
  public var exactPoisson: Bool
  /// Cost rates.
  public var costs: CostRates
  /// Backorders or lost sales.
  public var unmetDemand: UnmetDemandRule
  /// The family of one day's demand when its mean is the same every day (a stationary profile,
  /// mean `meanPerDay`); nil when it changes over time. Exact methods need it.
  public var stationaryDemand: DemandFamily?
  /// The lead time in days when it is fixed; nil when it is random.
  public var fixedLeadDays: Int?
  /// True when every order arrives whole after the lead time: the supplier has no capacity
  /// limit, no disruptions and no yield loss.
  public var reliableSupply: Bool

  /// Creates planning data.
  public init(meanPerDay: Double, variancePerDay: Double, leadTimeMean: Double, leadTimeVariance: Double, exactPoisson: Bool, costs: CostRates, unmetDemand: UnmetDemandRule,
              stationaryDemand: DemandFamily? = nil, fixedLeadDays: Int? = nil, reliableSupply: Bool = true) {
    self.stationaryDemand = stationaryDemand
    self.fixedLeadDays = fixedLeadDays
    self.reliableSupply = reliableSupply
    self.meanPerDay = meanPerDay
    self.variancePerDay = variancePerDay
    self.leadTimeMean = leadTimeMean
    self.leadTimeVariance = leadTimeVariance
    self.exactPoisson = exactPoisson
    self.costs = costs
    self.unmetDemand = unmetDemand
  }

  /// Planning data from the network's own demand model: the mean is the profile's average over
  /// the measured days, the variance the family's at that mean (a static plan: it does not
  /// follow trend or seasonality, which is what forecast-driven policies are for). Lead times are
  /// those into the network's first node: pass a node's `planningView` to plan another node.
  public static func fromModel(_ network: SupplyNetwork) -> [PlanningData] {
    network.skus.indices.map { k in
      let sku = network.skus[k]
      let mean = sku.demand.profile.averageMean(over: network.measuredDays, calendar: network.calendar)
      let lead = network.leadTime(ofNode: 0, sku: k)
      var fixedLead: Int?
      if case let .deterministic(days) = lead { fixedLead = max(1, days) }
      let supplier = network.suppliers[sku.supplierIndex]
      let stationary = sku.demand.profile.isStationary && network.randomShocks == nil
      return PlanningData(
        meanPerDay: mean, variancePerDay: sku.demand.variance(atMean: mean),
        leadTimeMean: lead.mean, leadTimeVariance: max(0, lead.variance),
        exactPoisson: sku.demand.family.isPoisson && sku.demand.profile.isStationary && fixedLead != nil,
        costs: sku.costs, unmetDemand: sku.unmetDemand,
        stationaryDemand: stationary ? sku.demand.family : nil, fixedLeadDays: fixedLead,
        reliableSupply: supplier.capacityPerDay == nil && supplier.disruptions.isEmpty && supplier.yieldRate >= 1)
    }
  }

  /// Demand over a protection interval of `reviewPeriod + L - 1` days, where L is the lead time
  /// (see `LeadTimeModel` for why continuous review protects over L days).
  public func protectionDemand(reviewPeriod: Int) -> (mean: Double, variance: Double) {
    let days = max(0, leadTimeMean + Double(reviewPeriod - 1))
    let mean = meanPerDay * days
    let variance = days * variancePerDay + meanPerDay * meanPerDay * leadTimeVariance
    return (mean, variance)
  }
}
