/// The phases of a simulated day, in the order they run.
///
/// Every event carries a phase; events on the same day run in `(phase, sequence)` order, where
/// the sequence is the order in which they were scheduled. The order is part of the model:
/// goods received in the morning can serve that day's demand; orders placed at the review are
/// counted in the day's closing inventory position; costs accrue on closing stock.
public enum EventPhase: Int, Sendable, Comparable, CaseIterable {
  /// Disruptions start or end (outages, capacity cuts) before anything moves.
  case disruption = 0
  /// Shipments arrive and are put away; backorders are served from them.
  case receipt = 1
  /// Customer demand arrives and is served from stock.
  case demand = 2
  /// Policies review inventory positions and place orders; suppliers ship.
  case review = 3
  /// Holding and shortage costs accrue on closing stock; statistics are recorded.
  case accrual = 4

  /// Phases compare by their position in the day.
  public static func < (a: EventPhase, b: EventPhase) -> Bool { a.rawValue < b.rawValue }
}
