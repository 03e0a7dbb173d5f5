import Replenishment
import Scenarios

/// A planning bug injected into a scenario's policies, for `supplysim check --inject NAME`: the
/// gate then runs the scenario as if the bug were in the planners, so a team sees what the gate
/// says about it on the real baselines (the command's exit code is 1 when it is caught).
///
/// The bug is one of `PlanningPerturbation.standardRegressions`, the ones the power study
/// (`PowerStudy`) measures, applied through the same seam inside the real planners; it goes
/// into every built-in policy model it applies to, or into one policy only.
public struct InjectedRegression: Sendable, Equatable {
  /// The name `--inject` takes, e.g. `levels`.
  public var name: String
  /// The label reports use, e.g. `s/S −1 unit`.
  public var label: String
  /// The policies it went into, in scenario order.
  public var policies: [String]

  /// The names `--inject` accepts, in report order.
  public static var names: [String] { PlanningPerturbation.standardRegressions.map(\.name) }

  /// Injects the regression called `name` into `scenario`.
  ///
  /// - Parameters:
  ///   - name: One of `names`.
  ///   - policy: Only this policy, or nil for every policy it applies to.
  ///   - scenario: The scenario; its perturbed policies are replaced.
  /// - Returns: What was injected where.
  /// - Throws: `CheckInputError` naming the scenario file when `name` is unknown, `policy` is not
  ///   one of the scenario's, or the regression applies to none of the chosen policies (a
  ///   forecast bias in a policy without forecasts, a lot size in an order-up-to policy).
  public static func inject(_ name: String, policy: String?, into scenario: inout Scenario) throws(CheckInputError) -> InjectedRegression {
    guard let entry = PlanningPerturbation.standardRegressions.first(where: { $0.name == name }) else {
      throw CheckInputError(file: scenario.file, path: "", problem: "--inject: unknown regression '\(name)'; choose one of \(names.joined(separator: ", "))")
    }
    if let policy, !scenario.policies.contains(where: { $0.name == policy }) {
      throw CheckInputError(file: scenario.file, path: "policies", problem: "--inject-policy: no policy '\(policy)' (the scenario has \(scenario.policies.map(\.name).joined(separator: ", ")))")
    }
    var hit: [String] = []
    for (i, definition) in scenario.policies.enumerated() where policy == nil || definition.name == policy {
      guard PowerStudy.applies(entry.perturbation, to: definition) else { continue }
      scenario.policies[i] = PowerStudy.perturbed(definition, by: entry.perturbation)
      hit.append(definition.name)
    }
    guard !hit.isEmpty else {
      let which = policy.map { "policy '\($0)'" } ?? "any policy of the scenario"
      throw CheckInputError(file: scenario.file, path: "policies", problem: "--inject \(name) (\(entry.label)) does not apply to \(which): none has the planned quantity it changes; pick another regression or policy")
    }
    return InjectedRegression(name: name, label: entry.label, policies: hit)
  }
}
