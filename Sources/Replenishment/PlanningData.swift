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

  /// Creates planning data.
  public init(meanPerDay: Double, variancePerDay: Double, leadTimeMean: Double, leadTimeVariance: Double, exactPoisson: Bool, costs: CostRates, unmetDemand: UnmetDemandRule) {
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
      var deterministicLead = false
      if case .deterministic = lead { deterministicLead = true }
      return PlanningData(
        meanPerDay: mean, variancePerDay: sku.demand.variance(atMean: mean),
        leadTimeMean: lead.mean, leadTimeVariance: max(0, lead.variance),
        exactPoisson: sku.demand.family.isPoisson && sku.demand.profile.isStationary && deterministicLead,
        costs: sku.costs, unmetDemand: sku.unmetDemand)
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
