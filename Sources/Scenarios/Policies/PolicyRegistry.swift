import Replenishment
import Synchronization

/// The policy types a scenario can name in `policies[i].type`.
///
/// Each type is an `Entry`: its name, a one-line summary, the JSON keys it reads (checked like
/// every other key: an unknown one gets a "did you mean"), and a function that reads its settings
/// through a `PolicyReader` into a `PolicyModel`. The built-in types (`sQ`, `sS`, `RS`,
/// `baseStock`, `lp`, `external`) are listed in `builtIn`; a program that uses SupplySim as a
/// library adds its own with `register(_:)` before it loads scenarios that name them. Every part
/// of SupplySim (experiments, replications, sweeps, stress tests, baselines, reports) works the
/// same for every registered type.
public enum PolicyRegistry {
  /// One policy type.
  public struct Entry: Sendable {
    /// The name in `policies[i].type`.
    public var name: String
    /// One line on what it does, for listings.
    public var summary: String
    /// The keys the type reads, besides the common `name`, `type`, `stock` and `nodes`, with a
    /// short description of each.
    public var keys: [(key: String, help: String)]
    /// Keys the type refuses with a sentence, so that a key another type takes gets a sentence
    /// rather than "unknown key" (e.g. `orderQuantity` on an order-up-to policy).
    public var refusedKeys: [(key: String, problem: String)]
    /// Groups of keys a node override replaces together: when `nodes.<id>` sets one key of a
    /// group, the policy's other keys of that group are dropped at that node (for example the
    /// targets `serviceLevel`, `fillRate` and `target`, of which one may be set).
    public var nodeGroups: [[String]]
    /// Reads the type's settings. Record problems on the reader (they carry JSON paths) and
    /// return nil when there were any.
    public var read: @Sendable (inout PolicyReader) -> (any PolicyModel)?

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - name: The type's name; must not clash with another entry's.
    ///   - summary: One line for listings.
    ///   - keys: The keys the type reads, with help text.
    ///   - refusedKeys: Keys refused, each with the sentence that explains why.
    ///   - nodeGroups: Keys a node override replaces together.
    ///   - read: Reads the settings into a model.
    public init(name: String, summary: String, keys: [(key: String, help: String)], refusedKeys: [(key: String, problem: String)] = [],
                nodeGroups: [[String]] = [], read: @escaping @Sendable (inout PolicyReader) -> (any PolicyModel)?) {
      self.name = name
      self.summary = summary
      self.keys = keys
      self.refusedKeys = refusedKeys
      self.nodeGroups = nodeGroups
      self.read = read
    }

    /// Every key the type accepts or refuses with a sentence.
    var knownKeys: [String] { keys.map(\.key) + refusedKeys.map(\.key) }
  }

  /// Why `register(_:)` refused an entry.
  public struct RegistrationError: Error, CustomStringConvertible, Equatable {
    /// One sentence.
    public var description: String
  }

  /// The keys every policy has, whatever its type.
  public static let commonKeys = ["name", "type", "stock", "nodes"]

  private static let registered = Mutex<[Entry]>([])

  /// Adds a policy type.
  ///
  /// - Throws: `RegistrationError` when the name is empty, already taken, or a key clashes with
  ///   a common key.
  public static func register(_ entry: Entry) throws(RegistrationError) {
    guard !entry.name.isEmpty else { throw RegistrationError(description: "a policy type needs a name") }
    if let clash = entry.keys.first(where: { commonKeys.contains($0.key) }) {
      throw RegistrationError(description: "policy type \"\(entry.name)\" declares the key \"\(clash.key)\", which every policy has already")
    }
    try registered.withLock { (list: inout [Entry]) throws(RegistrationError) in
      guard !builtIn.contains(where: { $0.name == entry.name }) && !list.contains(where: { $0.name == entry.name }) else {
        throw RegistrationError(description: "a policy type named \"\(entry.name)\" is already registered")
      }
      list.append(entry)
    }
  }

  /// Every type: the built-in ones, then those registered, in order.
  public static var entries: [Entry] { builtIn + registered.withLock { $0 } }

  /// The type named `name`, or nil.
  public static func entry(named name: String) -> Entry? {
    if let e = builtIn.first(where: { $0.name == name }) { return e }
    return registered.withLock { list in list.first { $0.name == name } }
  }

  /// The names of every type, in listing order.
  public static var names: [String] { entries.map(\.name) }
}
