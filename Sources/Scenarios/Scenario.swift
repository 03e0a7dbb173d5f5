#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DemandFitting
import Replenishment
import SupplyModel

/// A checked scenario: the file as written, the network it describes, and the policies to compare.
public struct Scenario: Sendable {
  /// The file name as given (used in error messages and reports).
  public var file: String
  /// The document as written (its SKU list is empty after `releaseSKUSpecs()`).
  public var spec: ScenarioSpec
  /// The network to simulate.
  public var network: SupplyNetwork
  /// The policies, in file order.
  public var policies: [PolicyDefinition]
  /// Degenerate plans that run but cannot serve demand well (for example a cost-optimal target
  /// without a shortage cost): the CLI prints them and reports show them.
  public var warnings: [ScenarioError] = []
  /// The demand models fitted to the sales history (`"demand": {"source": "fitted"}`), by SKU
  /// id in SKU order: what reports show of each fit (class, family, parameters, goodness of fit).
  public var demandFits: [SKUDemandFit]

  /// Creates a scenario from checked parts (`load` is the usual way).
  public init(file: String, spec: ScenarioSpec, network: SupplyNetwork, policies: [PolicyDefinition], warnings: [ScenarioError] = [],
              demandFits: [SKUDemandFit] = []) {
    self.demandFits = demandFits
    self.file = file
    self.spec = spec
    self.network = network
    self.policies = policies
    self.warnings = warnings
  }

  /// Drops the SKUs as written (`spec.skus`) once the scenario is built: the network holds the
  /// built SKUs, and nothing that runs, aggregates or reports a built scenario reads the written
  /// ones. A million SKUs' specs take about 430 MB, a fifth of a run's memory at that size.
  /// Sweeps and stress tests build their variants from the document, not from `spec`.
  public mutating func releaseSKUSpecs() {
    spec.skus = []
  }

  /// Reads, parses, checks and builds a scenario file.
  ///
  /// - Throws: `ScenarioErrors` listing every problem with its JSON path.
  public static func load(path: String) throws(ScenarioErrors) -> Scenario {
    let name = path
    // The bytes are dropped as soon as they are text, and the text is handed over whole (a large
    // scenario's file is hundreds of MB).
    let text = try readText(path: path, name: name)
    return try load(owning: consume text, file: name)
  }

  /// The file's text, or an error naming what is wrong with the file.
  private static func readText(path: String, name: String) throws(ScenarioErrors) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      let isDirectory = (try? FileManager.default.contentsOfDirectory(atPath: path)) != nil
      let problem = exists ? (isDirectory ? "is a directory, not a scenario file" : "cannot be read (check permissions)") : "no such file"
      throw ScenarioErrors(errors: [ScenarioError(file: name, path: "", problem: problem)])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ScenarioErrors(errors: [ScenarioError(file: name, path: "", problem: "is not UTF-8 text")])
    }
    return text
  }

  /// Parses, checks and builds a scenario from JSON text.
  ///
  /// - Parameters:
  ///   - json: The document.
  ///   - file: The name to put in error messages.
  /// - Throws: `ScenarioErrors` listing every problem with its JSON path.
  public static func load(json: String, file: String) throws(ScenarioErrors) -> Scenario {
    try load(owning: json, file: file)
  }

  /// `load(json:file:)` with the text handed over, so that it can go before the build.
  static func load(owning json: consuming String, file: String) throws(ScenarioErrors) -> Scenario {
    let (spec, tables) = try decodeLocated(json: json, file: file)
    // Only the sweep and stress-test checks read the text again; without them it goes before
    // the build, which is when a large catalogue's memory peaks.
    let suites: String? = spec.sweep != nil || spec.stressTests != nil ? copy json : nil
    _ = consume json
    let (built, fits) = try build(spec, file: file, tables: tables)
    if let suites { try ScenarioTemplate.checkSuites(spec: spec, json: suites, file: file) }
    let audit = auditPlans(network: built.network, policies: built.policies, file: file)
    if !audit.errors.isEmpty { throw ScenarioErrors(errors: audit.errors) }
    return Scenario(file: file, spec: spec, network: built.network, policies: built.policies, warnings: audit.warnings,
                    demandFits: fits)
  }

  /// Checks and builds the network and policies; the builder's indexes go when it returns,
  /// before the plans are audited.
  private static func build(_ spec: ScenarioSpec, file: String, tables: [TableOrigin]) throws(ScenarioErrors)
    -> (built: (network: SupplyNetwork, policies: [PolicyDefinition]), fits: [SKUDemandFit]) {
    var builder = ScenarioBuilder(spec: spec)
    builder.file = file
    let built = builder.build()
    guard let built, builder.validator.errors.isEmpty else {
      throw ScenarioErrors(errors: builder.validator.scenarioErrors(file: file).map { locate($0, in: tables) })
    }
    return (built, builder.demandFits)
  }

  /// Parses JSON text into the file's structure without checking its values.
  /// Arrays given as CSV tables (`"skus": {"file": …}`, see `CatalogueTable`) are read from
  /// their files, relative to `file`'s folder.
  public static func decode(json: String, file: String) throws(ScenarioErrors) -> ScenarioSpec {
    try decodeLocated(json: json, file: file).spec
  }

  /// Decodes, with the origins of arrays read from CSV tables.
  static func decodeLocated(json: String, file: String) throws(ScenarioErrors) -> (spec: ScenarioSpec, tables: [TableOrigin]) {
    // The arrays that may be huge (skus, nodes, lanes) are checked while parsing but kept as
    // byte ranges, and their elements are parsed again one at a time while they are decoded.
    var text = json
    text.makeContiguousUTF8()
    let parsed = text.utf8.withContiguousStorageIfAvailable { bytes in
      Result { () throws(JSONSyntaxError) in try JSONParser.parse(bytes, deferring: Set(CatalogueTable.tableKeys)) }
    }!
    let value: JSONValue, deferred: [String: [Range<Int>]]
    do {
      (value, deferred) = try parsed.get()
    } catch {
      throw ScenarioErrors(errors: [ScenarioError(file: file, path: "", problem: "malformed JSON at \(error.description)")])
    }
    let (document, tables) = try CatalogueTable.read(value, scenarioFile: file)
    var sources: [String: any ElementSource] = [:]
    for (key, ranges) in deferred { sources[key] = TextElements(text: text, ranges: ranges) }
    for t in tables { sources[t.origin.key] = t }
    let origins = tables.map(\.origin)
    do {
      return (try JSONDocument.decode(ScenarioSpec.self, value: document, file: file, elementSources: sources), origins)
    } catch {
      throw ScenarioErrors(errors: TableOrigin.locate(error.errors, in: origins))
    }
  }

  /// An error inside a CSV table, at its row and column; others as they are.
  static func locate(_ e: ScenarioError, in tables: [TableOrigin]) -> ScenarioError {
    guard !tables.isEmpty else { return e }
    for t in tables { if let located = t.locate(e) { return located } }
    return e
  }
}
