import Forecasting
import Scenarios

/// Forecaster names and ensembles given on the command line (`--model`, `--models`,
/// `--forecasters`, `--members`), checked with a suggestion for a misspelt name.
enum ForecasterChoice {
  /// Checks that `name` is a forecaster.
  ///
  /// - Throws: `UsageError` naming the option, with "did you mean" and the list of names.
  static func checkName(_ name: String, option: String, command: String) throws(UsageError) {
    let names = ForecasterCatalog.names
    guard !names.contains(name) else { return }
    let hint = NearestName.closest(to: name, among: names).map { "did you mean '\($0)'? " } ?? ""
    throw UsageError("\(command): --\(option): unknown forecaster \"\(name)\"; \(hint)forecasters: \(names.joined(separator: ", "))")
  }

  /// The specification of one forecaster; an `ensemble` gets `members`.
  ///
  /// An ensemble's own parameters are plain keys (`median`); a key `MEMBER.KEY` sets a member's
  /// parameter, e.g. `ets.alpha`.
  ///
  /// - Parameters:
  ///   - name: The forecaster.
  ///   - parameters: Its parameters.
  ///   - members: The `--members` list, required for and only allowed with `ensemble`.
  ///   - option: The option that named it, for messages.
  ///   - command: The command, for messages.
  /// - Throws: `UsageError` for an unknown name, an ensemble without members, members of a
  ///   forecaster that is not an ensemble, or a parameter for a member that is not listed.
  static func spec(_ name: String, parameters: [String: Double], members: [String]?, option: String, command: String) throws(UsageError) -> ForecasterSpec {
    try checkName(name, option: option, command: command)
    guard name == "ensemble" else { return ForecasterSpec(name: name, parameters: parameters) }
    guard let members else {
      throw UsageError("\(command): --\(option) ensemble: needs its members, e.g. --members ets,auto_arima")
    }
    var own: [String: Double] = [:], memberParameters: [String: [String: Double]] = [:]
    for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
      let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { own[key] = value; continue }
      guard members.contains(parts[0]) else {
        throw UsageError("\(command): --param \(key): '\(parts[0])' is not one of the ensemble's --members (\(members.joined(separator: ", ")))")
      }
      memberParameters[parts[0], default: [:]][parts[1]] = value
    }
    for m in members {
      try checkName(m, option: "members", command: command)
      if m == "ensemble" { throw UsageError("\(command): --members: an ensemble cannot be its own member") }
    }
    return ForecasterSpec(name: name, parameters: own, members: members.map { ForecasterSpec(name: $0, parameters: memberParameters[$0] ?? [:]) })
  }

  /// Rejects `--members` when no ensemble is named.
  static func checkMembersUsed(_ members: [String]?, names: [String], command: String) throws(UsageError) {
    if members != nil && !names.contains("ensemble") {
      throw UsageError("\(command): --members applies to the forecaster 'ensemble' only; name ensemble too, or leave --members out")
    }
  }
}
