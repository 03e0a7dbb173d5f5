/// Combines the forecasts of several member forecasters by their mean or median.
///
/// Each member is fitted to the same input; members that fail are left out (with a note), and
/// the fit fails only when all do. Point forecasts combine step by step. Interval bounds
/// combine the same way, bound by bound, which is an approximation: the mean of members'
/// bounds is not the quantile of any combined predictive distribution, but it is the usual
/// practical choice (see Hyndman & Athanasopoulos, *FPP* 3rd ed., §13.4) and keeps
/// `lower ≤ mean ≤ upper` when each member does.
public struct EnsembleForecaster: Forecaster {
  /// How member forecasts are combined.
  public enum Combination: String, Sendable, Equatable {
    /// The arithmetic mean.
    case mean
    /// The median (the mean of the middle two for an even count).
    case median
  }

  /// The member forecasters, in the order their notes are listed.
  public var members: [any Forecaster]
  /// The combination rule.
  public var combination: Combination

  /// Creates an ensemble.
  /// - Precondition: at least one member.
  public init(members: [any Forecaster], combination: Combination = .mean) {
    precondition(!members.isEmpty, "ensemble: needs at least one member")
    self.members = members; self.combination = combination
  }

  /// `"ensemble"`.
  public var name: String { "ensemble" }
  /// The smallest member minimum: the ensemble fits when any member can.
  public var minimumHistory: Int { members.map(\.minimumHistory).min() ?? 1 }

  /// Fits every member.
  /// - Throws: `.fitFailed` listing each member's error when none fits.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> EnsembleModel {
    var fitted: [any FittedForecast] = []
    var names: [String] = []
    var notes: [String] = []
    var failures: [String] = []
    for member in members {
      do {
        let model = try fitMember(member, input)
        fitted.append(model); names.append(member.name)
        notes += model.notes.map { "\(member.name): \($0)" }
      } catch {
        failures.append("\(member.name): \(error)")
      }
    }
    guard !fitted.isEmpty else { throw .fitFailed("ensemble: no member could be fitted (\(failures.joined(separator: "; ")))") }
    notes += failures.map { "ensemble: left out \($0)" }
    return EnsembleModel(members: fitted, memberNames: names, combination: combination, notes: notes)
  }
}

/// Opens the existential so the member's concrete `fit` runs.
func fitMember<F: Forecaster>(_ f: F, _ input: ForecastInput) throws(ForecastError) -> any FittedForecast {
  try f.fit(input)
}
