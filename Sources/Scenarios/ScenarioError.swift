/// A problem in a scenario file: which file, where in it (a JSON path), and what to fix.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file name as the user gave it.
  public var file: String
  /// The JSON path, e.g. `skus[3].leadTime.mean`; empty for the whole document.
  public var path: String
  /// The rule broken and the value found.
  public var problem: String

  /// Creates an error.
  public init(file: String, path: String, problem: String) {
    self.file = file
    self.path = path
    self.problem = problem
  }

  /// `file: path: problem`, the one line the CLI prints.
  public var description: String {
    path.isEmpty ? "\(file): \(problem)" : "\(file): \(path): \(problem)"
  }
}

/// Every problem found in a file, in document order; the first is what the CLI prints.
public struct ScenarioErrors: Error, Sendable, CustomStringConvertible {
  /// The problems, at least one.
  public var errors: [ScenarioError]
  /// The first problem's line, plus a count of the rest.
  public var description: String {
    errors.count == 1 ? errors[0].description : "\(errors[0].description) (and \(errors.count - 1) more problem\(errors.count == 2 ? "" : "s"); run 'supplysim validate' to list them)"
  }
}
