import Experiments

/// JUnit XML for CI services: one `<testsuite>` per scenario and one `<testcase>` per policy
/// and KPI (`classname` = `scenario.policy`, `name` = the KPI), with a `<failure>` for each
/// regression and `<skipped>` for ignored KPIs.
///
/// ```xml
/// <testsuites name="supplysim check" tests="48" failures="1" errors="0" skipped="0">
///   <testsuite name="quickstart" tests="48" failures="1" errors="0" skipped="0">
///     <testcase classname="quickstart.sQ-csl95" name="fillRate">
///       <failure message="fillRate fell by 0.04 …" type="regression">…</failure>
///     </testcase>
/// ```
public enum JUnitReport {
  /// The XML document.
  public static func render(_ report: CheckReport) -> String {
    let skipped = { (r: CheckResult) in r.verdicts.filter { $0.outcome == .ignored }.count }
    let totalSkipped = report.results.reduce(0) { $0 + skipped($1) }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"supplysim check\" tests=\"\(report.verdictCount)\" failures=\"\(report.failureCount)\" errors=\"0\" skipped=\"\(totalSkipped)\">\n"
    for r in report.results {
      out += "  <testsuite name=\(attribute(r.scenario)) tests=\"\(r.verdicts.count)\" failures=\"\(r.failures.count)\" errors=\"0\" skipped=\"\(skipped(r))\">\n"
      out += "    <properties>\n"
      out += "      <property name=\"scenarioFile\" value=\(attribute(r.scenarioFile))/>\n"
      out += "      <property name=\"baseline\" value=\(attribute(r.baselineFile))/>\n"
      out += "      <property name=\"method\" value=\(attribute(r.methodDescription))/>\n"
      out += "      <property name=\"rules\" value=\(attribute(report.rulesSource))/>\n"
      out += "    </properties>\n"
      for v in r.verdicts {
        let head = "    <testcase classname=\(attribute(r.scenario + "." + v.policy)) name=\(attribute(v.kpi))"
        switch v.outcome {
        case .fail:
          out += head + ">\n"
          out += "      <failure message=\(attribute(v.message)) type=\"regression\">\(escape("rule: \(v.rule.summary)\n\(v.message)"))</failure>\n"
          out += "    </testcase>\n"
        case .ignored:
          out += head + ">\n      <skipped message=\"ignored by the rules\"/>\n    </testcase>\n"
        case .pass, .new:
          out += head + "/>\n"
        }
      }
      out += "  </testsuite>\n"
    }
    out += "</testsuites>\n"
    return out
  }

  /// The XML document for a check that could not run: one test case per problem, each with an
  /// `<error>`, so a CI service shows why the gate did not run.
  ///
  /// - Parameter problems: One line per problem, as printed on standard error.
  public static func render(problems: [String]) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"supplysim check\" tests=\"\(problems.count)\" failures=\"0\" errors=\"\(problems.count)\" skipped=\"0\">\n"
    out += "  <testsuite name=\"supplysim check\" tests=\"\(problems.count)\" failures=\"0\" errors=\"\(problems.count)\" skipped=\"0\">\n"
    for (i, problem) in problems.enumerated() {
      out += "    <testcase classname=\"supplysim.check\" name=\"input \(i + 1)\">\n"
      out += "      <error message=\(attribute(problem)) type=\"could not run\">\(escape(problem))</error>\n"
      out += "    </testcase>\n"
    }
    out += "  </testsuite>\n</testsuites>\n"
    return out
  }

  /// A double-quoted XML attribute value.
  static func attribute(_ s: String) -> String { "\"" + escape(s, attribute: true) + "\"" }

  /// Escapes XML's special characters; in attributes also quotes and line breaks. Characters XML
  /// 1.0 cannot carry are replaced by U+FFFD.
  static func escape(_ s: String, attribute: Bool = false) -> String {
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      case "\n" where attribute: out += "&#10;"
      case "\t" where attribute: out += "&#9;"
      case "\r": out += "&#13;"
      default:
        if u.value < 0x20 && u != "\n" && u != "\t" { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
      }
    }
    return out
  }
}
