import Replenishment
import SupplyModel

extension ScenarioBuilder {
  /// Checks `policies[index]` and reads it, and each node's override of it, through its type's
  /// registry entry.
  mutating func policy(_ p: PolicySpec, index: Int, skuIDs: [String]) -> PolicyDefinition? {
    let path = "policies[\(index)]"
    let node = PathNode(parent: PathNode(parent: nil, key: "policies"), index: index)
    let before = validator.errors.count
    validator.require(!p.name.isEmpty, "\(path).name", "must not be empty")
    guard let entry = PolicyRegistry.entry(named: p.type) else {
      validator.fail("\(path).type", "unknown policy type \"\(p.type)\"; \(suggestion(for: p.type, among: PolicyRegistry.names))")
      return nil
    }
    let model = read(entry, settings: p.settings, node: node, name: p.name, skuIDs: skuIDs)
    let nodeIDs = spec.nodes?.map(\.id)
    var echelon = false
    if let word = p.stock {
      if nodeIDs == nil { validator.fail("\(path).stock", "applies only to networks with nodes; remove it") }
      else if !Self.stockWords.contains(word) { validator.fail("\(path).stock", "unknown stock basis \"\(word)\"; \(suggestion(for: word, among: Self.stockWords))") }
      echelon = word == "echelon"
    }
    var nodeModels: [Int: any PolicyModel] = [:]
    if let nodes = p.nodes {
      if let nodeIDs {
        for id in nodes.keys.sorted() {
          guard let position = nodeIDs.firstIndex(of: id) else {
            validator.fail("\(path).nodes.\(id)", "no node has id \"\(id)\"; \(suggestion(for: id, among: nodeIDs))")
            continue
          }
          let nodeNode = PathNode(parent: PathNode(parent: node, key: "nodes"), key: id)
          if let m = nodeModel(nodes[id]!, of: p, entry: entry, node: nodeNode, skuIDs: skuIDs) { nodeModels[position] = m }
        }
      } else {
        validator.fail("\(path).nodes", "applies only to networks with nodes; remove it")
      }
    }
    if echelon, ([model].compactMap { $0 } + nodeModels.values).contains(where: { !$0.supportsEchelonStock }) {
      validator.fail("\(path).stock", "echelon stock applies to planned policies (sQ, sS, RS, baseStock) without a forecast")
    }
    guard validator.errors.count == before, let model else { return nil }
    return PolicyDefinition(name: p.name, type: p.type, model: model, echelonStock: echelon, nodeModels: nodeModels)
  }

  /// A node's override: the policy's settings with the node's keys laid over them. A node that
  /// names another type keeps only the settings that type reads; a key of a `nodeGroups` group
  /// replaces the whole group.
  mutating func nodeModel(_ value: JSONValue, of p: PolicySpec, entry: PolicyRegistry.Entry, node: PathNode, skuIDs: [String]) -> (any PolicyModel)? {
    let path = PathNode.jsonPath(node)
    guard case let .object(members) = value else {
      validator.fail(path, "expected an object of the policy's keys that change at this node, got \(value.kindName)")
      return nil
    }
    var nodeEntry = entry
    if let t = members.first(where: { $0.key == "type" })?.value {
      guard case let .string(name) = t else {
        validator.fail("\(path).type", "expected a string, got \(t.kindName)")
        return nil
      }
      guard let named = PolicyRegistry.entry(named: name) else {
        validator.fail("\(path).type", "unknown policy type \"\(name)\"; \(suggestion(for: name, among: PolicyRegistry.names))")
        return nil
      }
      nodeEntry = named
    }
    let valid = ["type"] + nodeEntry.knownKeys
    var clean = true
    for m in members where !valid.contains(m.key) {
      validator.fail("\(path).\(m.key)", StrictDecoder.unknownKeyMessage(m.key, valid: valid))
      clean = false
    }
    guard clean else { return nil }
    let own = Set(nodeEntry.keys.map(\.key))
    var merged = nodeEntry.name == entry.name ? p.settings : p.settings.filter { own.contains($0.key) }
    for group in nodeEntry.nodeGroups where members.contains(where: { group.contains($0.key) }) {
      merged.removeAll { group.contains($0.key) }
    }
    for m in members where m.key != "type" {
      if let i = merged.firstIndex(where: { $0.key == m.key }) { merged[i].value = m.value } else { merged.append((m.key, m.value)) }
    }
    return read(nodeEntry, settings: merged, node: node, name: p.name, skuIDs: skuIDs)
  }

  /// Reads `settings` with `entry`'s reader, reporting refused keys and the reader's problems.
  mutating func read(_ entry: PolicyRegistry.Entry, settings: [(key: String, value: JSONValue)], node: PathNode, name: String,
                     skuIDs: [String]) -> (any PolicyModel)? {
    let before = validator.errors.count
    let path = PathNode.jsonPath(node)
    for refused in entry.refusedKeys where settings.contains(where: { $0.key == refused.key }) {
      validator.fail(join(path, refused.key), refused.problem)
    }
    var reader = PolicyReader(name: name, members: settings, node: node, skuIDs: skuIDs, skuPosition: skuPosition, isNetwork: spec.nodes != nil, file: file)
    let model = entry.read(&reader)
    for problem in reader.problems { validator.fail(problem.path, problem.problem) }
    if model == nil && validator.errors.count == before {
      validator.fail(path, "policy type \"\(entry.name)\" could not read its settings")
    }
    return validator.errors.count == before ? model : nil
  }
}
