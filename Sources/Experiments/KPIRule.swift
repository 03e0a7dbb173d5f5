import Stochastics

/// How one KPI of one policy may move from its baseline before `supplysim check` fails.
///
/// The allowed change is the practical threshold `max(absolute, relative × |baseline mean|)`
/// (a missing tolerance counts as 0, the built-in default), applied in the rule's direction:
/// - `tolerance`: fails when the change of the mean exceeds the threshold.
/// - `statistical`: fails when the change of the mean exceeds the threshold *and* the t-test of
///   the change in the bad direction is significant at the family-wise corrected level
///   (`BaselineCheck`); with one replication there is no test and the threshold alone decides.
/// - `ignore`: reported, never fails.
public struct KPIRule: Sendable, Equatable {
  /// The kind of test.
  public enum Test: String, Sendable, CaseIterable {
    /// Compare the change of the mean with the threshold.
    case tolerance
    /// Require a significant change beyond the threshold.
    case statistical
    /// Report only.
    case ignore
  }

  /// Which way a change counts as a regression.
  public enum Direction: String, Sendable, CaseIterable {
    /// A rise is a regression (costs, stockouts).
    case noIncrease
    /// A fall is a regression (fill rate, service level).
    case noDecrease
    /// A change either way is a regression (demand, an input that should not move).
    case bothWays
  }

  /// The test.
  public var test: Test
  /// The bad direction.
  public var direction: Direction
  /// Absolute tolerance in the KPI's unit, or nil.
  public var absolute: Double?
  /// Relative tolerance as a fraction of the baseline mean (0.02 = 2%), or nil.
  public var relative: Double?
  /// Confidence level of the interval for `statistical` (before any multiple-comparison correction).
  public var level: Double

  /// Creates a rule.
  public init(test: Test = .statistical, direction: Direction, absolute: Double? = nil, relative: Double? = nil, level: Double = 0.95) {
    self.test = test
    self.direction = direction
    self.absolute = absolute
    self.relative = relative
    self.level = level
  }

  /// The largest change tolerated for a baseline mean.
  public func threshold(baselineMean: Double) -> Double {
    max(absolute ?? 0, (relative ?? 0) * abs(baselineMean))
  }

  /// True when the change of the mean is beyond the threshold in the bad direction.
  ///
  /// - Parameters:
  ///   - change: now − baseline, of the means.
  ///   - baselineMean: the baseline's mean, for the relative tolerance.
  public func exceedsThreshold(change: Double, baselineMean: Double) -> Bool {
    let limit = threshold(baselineMean: baselineMean)
    return switch direction {
    case .noIncrease: change > limit
    case .noDecrease: -change > limit
    case .bothWays: abs(change) > limit
    }
  }

  /// Applies the rule to a change.
  ///
  /// - Parameters:
  ///   - change: now − baseline, of the means.
  ///   - adjustedPValue: the p-value of the change in the bad direction, adjusted for the family
  ///     of comparisons (`BaselineCheck`), or nil when there is no test (one replication).
  ///   - baselineMean: the baseline's mean, for the relative tolerance.
  /// - Returns: True when the change is a regression under this rule: beyond the threshold and,
  ///   for a statistical rule, with an adjusted p-value of at most 1 − level.
  public func isRegression(change: Double, adjustedPValue: Double?, baselineMean: Double) -> Bool {
    switch test {
    case .ignore: return false
    case .tolerance: return exceedsThreshold(change: change, baselineMean: baselineMean)
    case .statistical:
      guard exceedsThreshold(change: change, baselineMean: baselineMean) else { return false }
      guard let adjustedPValue else { return true }
      return adjustedPValue <= 1 - level
    }
  }

  /// A short description for tables: `no rise (t)`, `rise ≤ 1% (t)`, `fall ≤ 0.005`,
  /// `change ≤ 10% (t)`, `ignored`; `(t)` marks a statistical rule.
  public var summary: String {
    if test == .ignore { return "ignored" }
    let verb = switch direction {
    case .noIncrease: "rise"
    case .noDecrease: "fall"
    case .bothWays: "change"
    }
    var limits: [String] = []
    if let relative, relative > 0 { limits.append(Self.format(relative * 100) + "%") }
    if let absolute, absolute > 0 { limits.append(Self.format(absolute)) }
    let mark = test == .statistical ? " (t)" : ""
    guard !limits.isEmpty else { return test == .statistical ? "no \(verb)\(mark)" : "\(verb) ≤ 0" }
    return "\(verb) ≤ \(limits.joined(separator: " or "))\(mark)"
  }

  /// A number for messages and tables: integers as integers, others with 4 decimals, more for
  /// small magnitudes (0.000123 stays readable), trailing zeros dropped.
  public static func format(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    guard abs(x) < 1e10 else { return "\(x)" }
    var decimals = 4, magnitude = abs(x), scale = 10_000.0
    while magnitude < 0.1 && decimals < 12 { magnitude *= 10; decimals += 1; scale *= 10 }
    var digits = String(Int64((abs(x) * scale).rounded()))
    while digits.count <= decimals { digits = "0" + digits }
    var fraction = String(digits.suffix(decimals))
    while fraction.hasSuffix("0") { fraction.removeLast() }
    let whole = String(digits.dropLast(decimals))
    let body = whole + (fraction.isEmpty ? "" : "." + fraction)
    return (x < 0 && body != "0" ? "-" : "") + body
  }
}
