/// A problem with a file or an option value that the user can fix: printed as one line,
/// `supplysim COMMAND: SUBJECT: PROBLEM`, exit code 1.
struct CLIError: Error, CustomStringConvertible {
  /// The file, or the option and its value, e.g. `--out reports/x`.
  var subject: String
  /// What is wrong and what to do.
  var problem: String
  /// `subject: problem`.
  var description: String { subject.isEmpty ? problem : "\(subject): \(problem)" }
}
