import Experiments
import Parallelism
import Reports
import Scenarios

extension CheckCommand {
  /// `check --power`: runs a `PowerStudy` on every scenario and prints the `PowerReport`.
  /// Exit 0: the study ran (its rates are information, not a verdict).
  static func power(_ plans: [(scenario: Scenario, replications: Int)], rules: RuleSet, threads: Int, args: ParsedArguments, console: Console) throws -> Int32 {
    let count = try args.integer("seeds", default: 20, range: 1...100_000, command: name)
    var first: UInt64 = 1
    if let text = args.value("first-seed") {
      guard let s = UInt64(text), s <= UInt64.max - UInt64(count) else { throw UsageError("check: --first-seed must be a whole number >= 0, got '\(text)'") }
      first = s
    }
    let seeds = (0..<UInt64(count)).map { first + $0 }
    var results: [PowerStudyResult] = []
    for plan in plans {
      let bar = ProgressBar(console: console, label: "power of the gate on \(plan.scenario.spec.name)", enabled: true)
      let policy = args.value("inject-policy")
      if let policy, !plan.scenario.policies.contains(where: { $0.name == policy }) {
        return cannotRun(["\(plan.scenario.file): --inject-policy: no policy '\(policy)' (the scenario has \(plan.scenario.policies.map(\.name).joined(separator: ", ")))"],
                         args: args, console: console)
      }
      let study = PowerStudy(scenario: plan.scenario, replications: plan.replications, seeds: seeds, rules: rules, threads: threads, policy: policy)
      do {
        results.append(try bar.showing { try study.run(progress: bar.update) })
      } catch {
        return cannotRun([ErrorText.line(for: error)], args: args, console: console)
      }
    }
    let report = PowerReport(results: results, rulesSource: rules.source, seedRange: count == 1 ? "\(first)" : "\(first)…\(first + UInt64(count) - 1)")
    console.out(report.text())
    return 0
  }
}
