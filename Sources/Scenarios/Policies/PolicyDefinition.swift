import Replenishment
import SupplyModel

/// One entry of a scenario's `policies`, checked: its name and type, the model its type read, and
/// in a multi-echelon network the stock basis and the models some nodes run instead.
public struct PolicyDefinition: Sendable {
  /// The label in reports; unique within the scenario.
  public var name: String
  /// The registered type, e.g. `"sS"` (see `PolicyRegistry`).
  public var type: String
  /// What the type read from the scenario.
  public var model: any PolicyModel
  /// Nodes decide on echelon stock (their position plus everything downstream) instead of
  /// installation stock.
  public var echelonStock: Bool
  /// The models some nodes run instead of `model`, by node index.
  public var nodeModels: [Int: any PolicyModel]

  /// Creates a definition.
  public init(name: String, type: String, model: any PolicyModel, echelonStock: Bool = false, nodeModels: [Int: any PolicyModel] = [:]) {
    self.name = name
    self.type = type
    self.model = model
    self.echelonStock = echelonStock
    self.nodeModels = nodeModels
  }

  /// A built-in policy from its specification (name and type from the specification).
  public init(_ specification: PolicySpecification) {
    self.init(name: specification.name, type: specification.family.rawValue, model: specification)
  }

  /// The model node `node` runs.
  public func model(forNode node: Int) -> any PolicyModel { nodeModels[node] ?? model }

  /// The runnable policy for `network`: at node `node` of a network, planned on that node's view.
  public func makePolicy(for network: SupplyNetwork, node: Int? = nil) -> ScenarioPolicy {
    guard let node else { return ScenarioPolicy.make(model, named: name, for: network) }
    return ScenarioPolicy.make(model(forNode: node), named: name, for: network.planningView(ofNode: node, echelon: echelonStock))
  }
}
