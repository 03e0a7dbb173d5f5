import InventoryOptimization
import SupplyModel

/// The optimal echelon base-stock levels of one SKU in a serial network (one customer-facing
/// node, each node supplied by the one above it), from Clark and Scarf's model solved by
/// `SerialBaseStock`: the levels no policy beats when demand is stationary and whole-unit, every
/// lead time and transit time is fixed, supply is reliable, lanes have no capacity limit and
/// customers' unmet demand is backordered.
public struct SerialEchelonOptimum: Sendable, Equatable {
  /// The SKU's nodes, the customer-facing one first, then each one's supplier node.
  public var nodes: [Int]
  /// The echelon base-stock level of each of `nodes`.
  public var levels: [Int]
  /// Long-run cost per day of the SKU over its chain at these levels: holding at the nodes,
  /// backorders, orders, purchase and transport.
  public var costPerDay: Double

  /// The optimum of SKU `k` in `network`.
  ///
  /// - Parameter workLimit: The most (level, demand) pairs one stage of Chen and Zheng's
  ///   recursion may evaluate (`SerialBaseStock.workLimit` by default, about a second).
  /// - Throws: `OptimizationError` naming the first condition the SKU does not meet, or
  ///   `.stateSpaceTooLarge` beyond `workLimit`.
  public init(_ network: SupplyNetwork, sku k: Int, workLimit: Int = SerialBaseStock.workLimit) throws(OptimizationError) {
    let topology = network.topology
    let facing = topology.nodes.indices.filter { topology.isCustomerFacing($0) }
    guard facing.count == 1 else {
      throw .searchDiverged("the network has \(facing.count) customer-facing nodes; exact echelon levels need a serial chain (one customer-facing node, each node supplied by one node above it)")
    }
    var chain = [facing[0]]
    while let up = topology.parent(ofNode: chain[chain.count - 1], sku: k) { chain.append(up) }
    var stages: [SerialBaseStock.Stage] = []
    var pmf: DemandPMF?
    var backorder = 0.0
    var flowCost = 0.0
    for node in chain {
      if let lane = topology.sourceLane[node][k], topology.lanes[lane].capacityPerDay != nil {
        throw .searchDiverged("reaches node \(topology.nodes[node].id) over a lane with a capacity; exact echelon levels need lanes without capacity limits")
      }
      let view = network.planningView(ofNode: node, echelon: false)
      let data = PlanningData.fromModel(view, skus: k..<(k + 1))[0]
      guard data.unmetDemand == .backorder else {
        throw .searchDiverged("loses unmet demand; exact echelon levels need backorders")
      }
      let inputs = try data.exactInputs()
      let costs = network.costs(ofNode: node, sku: k)
      if node == chain[0] {
        pmf = inputs.demand
        backorder = costs.backorderCostPerUnitDay
      }
      stages.append(SerialBaseStock.Stage(leadDays: inputs.leadDays, holding: costs.holdingCostPerUnitDay, orderCost: costs.orderCost))
      flowCost += costs.unitCost + costs.transportCostPerUnit
    }
    let problem = try SerialBaseStock(dailyDemand: pmf!, stages: stages, backorder: backorder, workLimit: workLimit)
    let solution = try problem.solve()
    nodes = chain
    levels = solution.levels
    costPerDay = solution.costPerDay + flowCost * pmf!.mean
  }
}
