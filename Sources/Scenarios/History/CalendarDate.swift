/// A day of the proleptic Gregorian calendar, counted from 1970-01-01 (day 0, a Thursday).
/// Scenario `startDate`s and sales-history `date` columns are read as these, in ISO `yyyy-mm-dd`.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before it).
  public var daysSinceEpoch: Int

  /// The date `daysSinceEpoch` days after 1970-01-01.
  public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

  /// The date with this year (1...9999), month (1...12) and day of the month, or nil when no such day exists.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.daysInMonth(month, year: year) else { return nil }
    // Days from civil (H. Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = y / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    daysSinceEpoch = era * 146_097 + doe - 719_468
  }

  /// Parses `yyyy-mm-dd`; nil for anything else, including days that do not exist (2023-02-29).
  public init?(iso text: String) {
    var bytes = Array(text.utf8)
    guard let date = bytes.withUnsafeMutableBufferPointer({ Self.parse(UnsafeBufferPointer($0), from: 0, to: $0.count) }) else { return nil }
    self = date
    bytes.removeAll()
  }

  /// Parses the ten bytes `yyyy-mm-dd` in `bytes[start..<end]`.
  @inline(__always)
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> CalendarDate? {
    guard end - start == 10, bytes[start + 4] == 0x2D, bytes[start + 7] == 0x2D else { return nil }
    func number(_ from: Int, _ count: Int) -> Int? {
      var n = 0
      for i in from..<(from + count) {
        let c = bytes[i] &- 0x30
        guard c < 10 else { return nil }
        n = n * 10 + Int(c)
      }
      return n
    }
    guard let y = number(start, 4), let m = number(start + 5, 2), let d = number(start + 8, 2) else { return nil }
    return CalendarDate(year: y, month: m, day: d)
  }

  /// Year, month (1...12) and day of the month.
  public var components: (year: Int, month: Int, day: Int) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// 0 = Monday … 6 = Sunday.
  public var weekday: Int { ((daysSinceEpoch + 3) % 7 + 7) % 7 }

  /// Days since 1 January of its year (0...365).
  public var dayOfYear: Int {
    daysSinceEpoch - CalendarDate(year: components.year, month: 1, day: 1)!.daysSinceEpoch
  }

  /// The date `days` days later.
  public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

  /// `yyyy-mm-dd`.
  public var description: String {
    let (y, m, d) = components
    func pad(_ n: Int, _ width: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, width - s.count)) + s }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// Earlier dates first.
  public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

  static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}
