/// Typed access to a `ForecasterSpec`'s parameters, with errors naming the method and key.
///
/// Every accessor returns nil when the key is absent, so defaults read as `?? value`.
public struct ParameterReader: Sendable {
  /// The method being built, for messages.
  public let method: String
  /// The raw parameters.
  public let values: [String: Double]
  let additional: [ForecasterRegistry.Entry]

  /// Creates a reader.
  public init(method: String, values: [String: Double], additional: [ForecasterRegistry.Entry] = []) {
    self.method = method; self.values = values; self.additional = additional
  }

  /// A finite number in `[lo, hi]`.
  /// - Throws: `.invalidInput("<method>: <key> must be in [lo, hi], got v")`.
  public func double(_ key: String, min lo: Double = -.infinity, max hi: Double = .infinity) throws(ForecastError) -> Double? {
    guard let v = values[key] else { return nil }
    guard v.isFinite, v >= lo, v <= hi else {
      throw .invalidInput("\(method): \(key) must be in [\(lo), \(hi)], got \(v)")
    }
    return v
  }

  /// The default upper bound of `int(_:min:max:)`: integer parameters are periods, windows,
  /// lags and counts of observations, and no series that can be fitted is this long.
  public static let largestCount = 1_000_000

  /// An integer in `[lo, hi]` (the value must have no fractional part).
  ///
  /// `hi` defaults to `largestCount`; a key that holds something else, such as a seed, passes
  /// its own bound (up to `Int.max`).
  /// - Throws: `.invalidInput` naming the key and the value.
  public func int(_ key: String, min lo: Int = .min, max hi: Int = largestCount) throws(ForecastError) -> Int? {
    guard let v = values[key] else { return nil }
    // `Int(exactly:)` rejects fractions, non-finite values and values past Int's range (2^63
    // passes `v <= Double(Int.max)`, which rounds up to 2^63).
    guard let i = Int(exactly: v), i >= lo, i <= hi else {
      throw .invalidInput("\(method): \(key) must be an integer in [\(lo), \(hi)], got \(v)")
    }
    return i
  }

  /// A flag: 0 is false, 1 is true.
  /// - Throws: `.invalidInput` for any other value.
  public func flag(_ key: String) throws(ForecastError) -> Bool? {
    guard let v = values[key] else { return nil }
    guard v == 0 || v == 1 else { throw .invalidInput("\(method): \(key) must be 0 or 1, got \(v)") }
    return v == 1
  }

  /// A number in [0, 1].
  public func unit(_ key: String) throws(ForecastError) -> Double? { try double(key, min: 0, max: 1) }

  /// A number in (0, 1].
  public func positiveUnit(_ key: String) throws(ForecastError) -> Double? {
    guard let v = try double(key, min: 0, max: 1) else { return nil }
    guard v > 0 else { throw .invalidInput("\(method): \(key) must be in (0, 1], got 0") }
    return v
  }

  /// Builds a member spec (for combinations) with the same additional entries.
  public func make(_ member: ForecasterSpec) throws(ForecastError) -> any Forecaster {
    try ForecasterRegistry.make(member, additional: additional)
  }
}
