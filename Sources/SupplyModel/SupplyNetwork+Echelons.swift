/// The per-node views of a network: what a node's policy plans with, and what a
/// stocking point is charged.
extension SupplyNetwork {
  /// The one-node network a node's policy plans with.
  ///
  /// Each SKU's demand is scaled to the node's mean demand (the demand factors of the customer-facing
  /// nodes it supplies; seasonality, trend and events scale with it), its lead time is the inbound
  /// lane's, and its holding and order costs carry the node's factors. With `echelon`, the lead time
  /// also covers the longest chain of transit times from the node down to a customer-facing node
  /// (its echelon lead time), which an echelon base-stock level must cover. The view of the node
  /// of a single warehouse is the network itself.
  public func planningView(ofNode node: Int, echelon: Bool) -> SupplyNetwork {
    let n = topology.nodes[node]
    var view = self
    view.warehouse = n.id
    // The view's node carries no factors: they are folded into its SKUs' demand and costs.
    let planned = StockingNode(id: n.id, kind: n.kind, priority: n.priority, allocation: n.allocation, namespacesStreams: n.namespacesStreams)
    view.topology = NetworkTopology(nodes: [planned], lanes: [], skuSuppliers: skus.map(\.supplierIndex))
    view.initialStock = [initialStock[node]]
    // Only SKUs whose plan differs are written, and the first write is outside the loop: the
    // optimiser may make an array unique before a loop that might write it, which would copy
    // every SKU even when none changes (a single warehouse, whose view shares the SKUs).
    var changed = skus.indices.lazy.compactMap { k in self.plannedSKU(k, atNode: node, echelon: echelon).map { (k, $0) } }.makeIterator()
    if let (k, sku) = changed.next() {
      view.skus[k] = sku
      while let (k, sku) = changed.next() { view.skus[k] = sku }
    }
    return view
  }

  /// SKU k as node `node` plans it (see `planningView`), or nil when that is the SKU as it is:
  /// demand scaled to the node's customers, the inbound (or echelon) lead time, and the node's
  /// holding and order cost factors. Factors of 1 are left alone (x × 1 is x).
  func plannedSKU(_ k: Int, atNode node: Int, echelon: Bool) -> SKU? {
    let n = topology.nodes[node]
    var sku = skus[k], changed = false
    let factor = topology.demandMultiple(ofNode: node, sku: k)
    if factor != 1 {
      sku.demand.profile.base *= factor
      sku.demand.profile.trendPerDay *= factor
      changed = true
    }
    var lead = leadTime(ofNode: node, sku: k)
    if echelon {
      let below = downstreamTransit(from: node, sku: k)
      if below.mean > 0 { lead = Self.sum(lead, meanDays: below.mean, varianceDays: below.variance, deterministic: below.deterministic) }
    }
    // The view has no lanes: its lead time is the SKU's own or its supplier's.
    if lead != sku.leadTimeOverride ?? suppliers[sku.supplierIndex].leadTime {
      sku.leadTimeOverride = lead
      changed = true
    }
    if n.holdingCostFactor != 1 { sku.costs.holdingCostPerUnitDay *= n.holdingCostFactor; changed = true }
    if n.orderCostFactor != 1 { sku.costs.orderCost *= n.orderCostFactor; changed = true }
    return changed ? sku : nil
  }

  /// The cost rates charged at stocking point (node, SKU): holding and order costs with the node's
  /// factors, the purchase price only where the point buys from a supplier, shortage costs only at
  /// customer-facing nodes (internal backorders are not penalised in themselves: they surface as
  /// shortages downstream), and the inbound lane's transport rate.
  public func costs(ofNode node: Int, sku k: Int) -> CostRates {
    let n = topology.nodes[node], base = skus[k].costs
    let customerFacing = topology.isCustomerFacing(node)
    let buys = topology.parent(ofNode: node, sku: k) == nil
    return CostRates(unitCost: buys ? base.unitCost : 0,
                     holdingCostPerUnitDay: base.holdingCostPerUnitDay * n.holdingCostFactor,
                     backorderCostPerUnitDay: customerFacing ? base.backorderCostPerUnitDay : 0,
                     lostSalePenaltyPerUnit: customerFacing ? base.lostSalePenaltyPerUnit : 0,
                     orderCost: base.orderCost * n.orderCostFactor,
                     transportCostPerUnit: topology.sourceLane[node][k].map { topology.lanes[$0].transportCostPerUnit } ?? 0)
  }

  /// The longest chain of mean transit times from `node` down to a customer-facing node for SKU k.
  func downstreamTransit(from node: Int, sku k: Int) -> (mean: Double, variance: Double, deterministic: Bool) {
    guard !topology.isCustomerFacing(node) else { return (0, 0, true) }
    var best: (mean: Double, variance: Double, deterministic: Bool) = (0, 0, true)
    for c in topology.children[node] where topology.parent(ofNode: c, sku: k) == node {
      let lead = leadTime(ofNode: c, sku: k)
      let rest = downstreamTransit(from: c, sku: k)
      var isFixed = rest.deterministic
      if case .deterministic = lead {} else { isFixed = false }
      let chain = (lead.mean + rest.mean, lead.variance + rest.variance, isFixed)
      if chain.0 > best.mean { best = chain }
    }
    return best
  }

  /// `lead` lengthened by a chain of transit times: exact when both are whole fixed days, else a
  /// gamma with the summed mean and variance (policies plan with the mean and variance only).
  static func sum(_ lead: LeadTimeModel, meanDays: Double, varianceDays: Double, deterministic: Bool) -> LeadTimeModel {
    if case let .deterministic(days) = lead, deterministic { return .deterministic(days: days + Int(meanDays.rounded())) }
    let variance = lead.variance + varianceDays
    return variance > 0 ? .gamma(mean: lead.mean + meanDays, standardDeviation: variance.squareRoot())
      : .deterministic(days: Int((lead.mean + meanDays).rounded()))
  }
}

extension SimulationResult {
  /// The statistics and cost rates of every stocking point of node `node`.
  func parts(ofNode node: Int, in network: SupplyNetwork) -> LazyMapSequence<Range<Int>, (SKUStatistics, CostRates)> {
    let m = network.skus.count
    let statistics = statistics
    return (0..<m).lazy.map { (statistics[node * m + $0], network.costs(ofNode: node, sku: $0)) }
  }

  /// KPIs per node, in scenario order. A node's demand is what it was asked for (customer
  /// demand, or the orders of the nodes it supplies) and its fill rate the share of that met from
  /// stock on the day.
  public func nodeKPIs(in network: SupplyNetwork) -> [KPIs] {
    network.topology.nodes.indices.map { KPIs(aggregating: parts(ofNode: $0, in: network)) }
  }

  /// The bullwhip ratio of every node (Σ variance of daily orders placed / Σ variance of daily
  /// demand received over its SKUs), in scenario order; NaN where demand did not vary. Empty when
  /// the run recorded no flow moments (a one-node network).
  public func nodeBullwhip(in network: SupplyNetwork) -> [Double] {
    let topology = network.topology
    guard !flow.isEmpty else { return [] }
    let m = network.skus.count
    return topology.nodes.indices.map { FlowMoments.bullwhipRatio(of: flow[($0 * m)..<(($0 + 1) * m)]) }
  }

  /// The bullwhip ratio of every echelon (1 = customer-facing), over all its nodes and SKUs.
  /// Empty when the run recorded no flow moments (a one-node network).
  public func echelonBullwhip(in network: SupplyNetwork) -> [Double] {
    let topology = network.topology
    guard !flow.isEmpty else { return [] }
    let m = network.skus.count
    return (1...topology.echelonCount).map { level in
      FlowMoments.bullwhipRatio(of: topology.nodes.indices.filter { topology.echelon[$0] == level }.flatMap { flow[($0 * m)..<(($0 + 1) * m)] })
    }
  }
}
