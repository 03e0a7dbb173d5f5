
/// Locale-free number formatting, so outputs are byte-identical on every machine.
public enum NumberFormat {
  /// `x` with exactly `digits` decimals (half away from zero), e.g. `fixed(3.14159, 2) == "3.14"`.
  /// Beyond 18 decimals (a scale above UInt64's range) or 9e18 scaled units, the shortest
  /// round-trip form (`shortest`) is returned instead: axes over costs near 1e-300 ask for
  /// hundreds of decimals.
  public static func fixed(_ x: Double, _ requested: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    let digits = max(0, requested)
    guard digits <= 18 else { return shortest(x) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e18 else { return shortest(x) }
    let units = UInt64(scaled)
    let whole = units / UInt64(scale)
    let frac = units % UInt64(scale)
    let negative = x < 0 && units != 0
    var s = (negative ? "-" : "") + String(whole)
    if digits > 0 {
      var f = String(frac)
      while f.count < digits { f = "0" + f }
      s += "." + f
    }
    return s
  }

  /// `fixed` with thousands separated by commas: `grouped(1234567.8, 0) == "1,234,568"`.
  public static func grouped(_ x: Double, _ digits: Int) -> String {
    let s = fixed(x, digits)
    guard !s.contains("e") else { return s }  // the shortest form of an extreme value
    let negative = s.hasPrefix("-")
    let body = negative ? String(s.dropFirst()) : s
    let parts = body.split(separator: ".", maxSplits: 1)
    var whole = String(parts[0])
    var out = ""
    while whole.count > 3 {
      out = "," + whole.suffix(3) + out
      whole = String(whole.dropLast(3))
    }
    out = whole + out
    if parts.count > 1 { out += "." + parts[1] }
    return (negative ? "-" : "") + out
  }

  /// A percentage with `digits` decimals: `percent(0.9512, 1) == "95.1%"`.
  public static func percent(_ x: Double, _ digits: Int) -> String { fixed(x * 100, digits) + "%" }

  /// The shortest text that reads back as exactly `x` (Swift's round-trip rendering), with
  /// integral values written without a decimal point.
  public static func shortest(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }
}
