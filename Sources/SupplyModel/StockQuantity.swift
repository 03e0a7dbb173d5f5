/// The bounds on unit quantities that keep the simulator's 64-bit arithmetic exact.
///
/// A stock level, order, lot size or initial stock may be at most `maximum` units (10^13). The
/// daily sums of stock levels over the longest horizon (36,500 days) then stay below 4·10^17,
/// well inside `Int`'s range, so no sum wraps and no quantity is ever clamped. Scenario
/// validation rejects inputs whose derived quantities (planned levels, lot sizes, the peak daily
/// demand over the horizon) would exceed these bounds, naming the input responsible.
public enum StockQuantity {
  /// The largest quantity of units a level, order or stock may hold: 10^13.
  public static let maximum = 10_000_000_000_000
  /// The largest mean daily demand of one SKU on any day, every multiplier applied: 10^9 units.
  public static let maximumDailyMean = 1e9
}
