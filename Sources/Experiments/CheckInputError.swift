/// A problem with an input of `supplysim check` or `supplysim baseline` (a rules file, a baseline,
/// a scenario that changed since its baseline): which file, where in it, and what to do.
public struct CheckInputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String
  /// The JSON path, e.g. `kpis.fillRate.relative`; empty for the whole file.
  public var path: String
  /// The rule broken, the value found, and the fix.
  public var problem: String

  /// Creates an error.
  public init(file: String, path: String, problem: String) {
    self.file = file
    self.path = path
    self.problem = problem
  }

  /// `file: path: problem`, the line the CLI prints.
  public var description: String {
    path.isEmpty ? "\(file): \(problem)" : "\(file): \(path): \(problem)"
  }
}
