/// What one run of one policy produced.
public struct SimulationResult: Sendable, Equatable {
  /// The policy's report label.
  public var policyName: String
  /// Totals per SKU over the measured days, in network order.
  public var statistics: [SKUStatistics]
  /// The daily record, when the run was asked to keep it.
  public var trace: DailyTrace?
  /// Forecast errors per SKU, when the policy forecasts.
  public var forecastErrors: ForecastErrorTotals?
  /// Daily demand-received and order moments per stocking point (for bullwhip ratios), recorded
  /// for networks of several nodes; empty for a one-node network.
  public var flow: [FlowMoments]
  /// Stock at the close of the last day per stocking point (on hand, on order, owed downstream
  /// or to customers); nil only in results built by hand.
  public var closingStock: InventoryState?
  /// Why the policy stopped deciding, when it did: the run's figures are then void.
  public var failure: PolicyFailure?

  /// Creates a result.
  public init(policyName: String, statistics: [SKUStatistics], trace: DailyTrace?, forecastErrors: ForecastErrorTotals? = nil,
              flow: [FlowMoments] = [], closingStock: InventoryState? = nil, failure: PolicyFailure? = nil) {
    self.failure = failure
    self.policyName = policyName
    self.statistics = statistics
    self.trace = trace
    self.forecastErrors = forecastErrors
    self.flow = flow
    self.closingStock = closingStock
  }

  /// KPIs per SKU, in network order: each SKU across all its stocking points (see
  /// `KPIs.init(customerFacing:all:)`; for one node, the point's own KPIs).
  public func skuKPIs(in network: SupplyNetwork) -> [KPIs] {
    let topology = network.topology
    let m = network.skus.count
    if topology.nodes.count == 1 {
      // One node: the same figures without building the node lists per SKU.
      let customerFacing = topology.isCustomerFacing(0)
      return (0..<m).map { k in
        let all = [(statistics[k], network.costs(ofNode: 0, sku: k))]
        return KPIs(customerFacing: customerFacing ? all : [], all: all)
      }
    }
    return (0..<m).map { k in
      let all = topology.nodes.indices.map { (statistics[$0 * m + k], network.costs(ofNode: $0, sku: k)) }
      let customers = topology.nodes.indices.filter(topology.isCustomerFacing).map { all[$0] }
      return KPIs(customerFacing: customers, all: all)
    }
  }

  /// KPIs of all SKUs together (over the whole network).
  public func totalKPIs(in network: SupplyNetwork) -> KPIs {
    let topology = network.topology
    // Lazily: a list of every point's parts would hold a million SKUs' totals twice over.
    let all = topology.nodes.indices.lazy.flatMap { parts(ofNode: $0, in: network) }
    let customers = topology.nodes.indices.filter(topology.isCustomerFacing).lazy.flatMap { parts(ofNode: $0, in: network) }
    return KPIs(customerFacing: customers, all: all)
  }
}

/// How to run a simulation.
public struct SimulationOptions: Sendable, Equatable {
  /// Keep the daily trace: whole in the result (memory grows with horizon × SKUs), or handed to
  /// `traceSink` block by block.
  public var recordTrace: Bool
  /// The most threads to split SKUs across, when they are independent.
  public var threads: Int
  /// The replication number: it keys every random stream, so replications are independent.
  public var replication: UInt64
  /// With `recordTrace`, where the trace goes block by block as the run goes; the result then
  /// holds no trace (nil: the result holds the whole trace).
  public var traceSink: (any DailyTraceSink)?

  /// Creates options.
  public init(recordTrace: Bool = false, threads: Int = 1, replication: UInt64 = 0, traceSink: (any DailyTraceSink)? = nil) {
    self.recordTrace = recordTrace
    self.threads = threads
    self.replication = replication
    self.traceSink = traceSink
  }

  /// Options are equal when their settings are and they name the same sink (or none).
  public static func == (a: SimulationOptions, b: SimulationOptions) -> Bool {
    a.recordTrace == b.recordTrace && a.threads == b.threads && a.replication == b.replication
      && a.traceSink.map(ObjectIdentifier.init) == b.traceSink.map(ObjectIdentifier.init)
  }
}
