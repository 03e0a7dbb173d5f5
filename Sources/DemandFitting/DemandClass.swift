/// The Syntetos–Boylan demand class, from the average inter-demand interval (ADI) and the
/// squared coefficient of variation of the non-zero demand sizes (CV²).
///
/// Cut-offs ADI = 1.32 and CV² = 0.49, as in Syntetos, Boylan & Croston (2005).
/// - SeeAlso: A. Syntetos, J. Boylan, J. Croston (2005), J. Oper. Res. Soc. 56(5), 495–503.
public enum DemandClass: String, Sendable, Equatable, CaseIterable {
  /// Regular demand, sizes of little variation (ADI <= 1.32, CV² <= 0.49).
  case smooth
  /// Regular demand, sizes of large variation (ADI <= 1.32, CV² > 0.49).
  case erratic
  /// Sporadic demand, sizes of little variation (ADI > 1.32, CV² <= 0.49).
  case intermittent
  /// Sporadic demand, sizes of large variation (ADI > 1.32, CV² > 0.49).
  case lumpy
  /// No day with a sale: neither ADI nor CV² exists.
  case noDemand = "no-demand"

  /// The ADI cut-off.
  public static let adiCutoff = 1.32
  /// The CV² cut-off.
  public static let cv2Cutoff = 0.49

  /// The class of an ADI and a CV².
  public static func classify(adi: Double, cv2: Double) -> DemandClass {
    guard adi.isFinite else { return .noDemand }
    switch (adi > adiCutoff, cv2 > cv2Cutoff) {
    case (false, false): return .smooth
    case (false, true): return .erratic
    case (true, false): return .intermittent
    case (true, true): return .lumpy
    }
  }

  /// True for the two sporadic classes, where zero-inflated families are tried.
  public var isSporadic: Bool { self == .intermittent || self == .lumpy }
}

/// ADI and CV² of a series.
public struct DemandPattern: Sendable, Equatable {
  /// Average inter-demand interval: days counted / days with a sale (infinity when none).
  public var adi: Double
  /// Squared coefficient of variation of the non-zero sales (population variance / mean²; 0
  /// when fewer than two).
  public var cv2: Double
  /// The class the two give.
  public var demandClass: DemandClass { DemandClass.classify(adi: adi, cv2: cv2) }

  /// Measures the days for which `include` is true (the fitter passes the uncensored days).
  public init(quantities: [Int], include: (Int) -> Bool) {
    var days = 0, nonZero = 0
    var sum = 0.0, sumSquares = 0.0
    for t in quantities.indices where include(t) {
      days += 1
      let q = quantities[t]
      if q > 0 {
        nonZero += 1
        let x = Double(q)
        sum += x
        sumSquares += x * x
      }
    }
    adi = nonZero > 0 ? Double(days) / Double(nonZero) : .infinity
    if nonZero > 0 {
      let mean = sum / Double(nonZero)
      cv2 = max(0, sumSquares / Double(nonZero) - mean * mean) / (mean * mean)
    } else {
      cv2 = 0
    }
  }
}
