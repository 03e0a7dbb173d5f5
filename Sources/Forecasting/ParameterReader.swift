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

  /// An integer in `[lo, hi]` (the value must have no fractional part).
  /// - Throws: `.invalidInput` naming the key and the value.
  public func int(_ key: String, min lo: Int = .min, max hi: Int = .max) throws(ForecastError) -> Int? {
    guard let v = values[key] else { return nil }
    guard v.isFinite, v == v.rounded(), v >= Double(lo), v <= Double(hi) else {
      throw .invalidInput("\(method): \(key) must be an integer in [\(lo), \(hi)], got \(v)")
    }
    return Int(v)
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
