#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Stochastics

/// Writes a synthetic folder in the M5 layout (the real data is not shipped): for the importer's
/// benchmark and tests.
///
/// Stores CA_1…, TX_1…, WI_1… (4:3:3 as in M5), items `<CAT>_<dept>_<nnn>`; calendar from
/// 2011-01-29 with Walmart weeks starting on Saturdays, an event on every 30th day and SNAP on
/// the first 10 days of each month; each series has a Poisson level between 0.05 and 20 units
/// per day and is first priced in week `first price week` (items with index % 7 = 3 start in
/// week 20: not on sale before). Deterministic in `seed`.
public enum M5Sample {
  /// Writes `sales_train_validation.csv` (`series` rows, `days` day columns), `calendar.csv`
  /// (`days + 28` days) and `sell_prices.csv` into `directory`, which must exist.
  public static func write(to directory: String, series: Int, days: Int, seed: UInt64) throws(ImportError) {
    let folder = directory.hasSuffix("/") ? directory : directory + "/"
    let stores = ["CA_1", "CA_2", "CA_3", "CA_4", "TX_1", "TX_2", "TX_3", "WI_1", "WI_2", "WI_3"]
    let storeCount = min(stores.count, max(1, series))
    let itemsPerStore = (series + storeCount - 1) / storeCount
    let categories = ["FOODS", "HOUSEHOLD", "HOBBIES"]
    func item(_ i: Int) -> String {
      let pad = i < 10 ? "00\(i)" : i < 100 ? "0\(i)" : "\(i)"
      return "\(categories[i % 3])_\(i % 2 + 1)_\(pad)"
    }
    let calendarDays = days + 28

    var calendar = try ByteWriter(path: folder + "calendar.csv", name: "calendar.csv")
    try calendar.append("date,wm_yr_wk,weekday,wday,month,year,d,event_name_1,event_type_1,event_name_2,event_type_2,snap_CA,snap_TX,snap_WI\n")
    var date = "2011-01-29"
    let weekdays = ["Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    for d in 0..<calendarDays {
      let week = 11101 + d / 7
      let dayOfMonth = Int(date.suffix(2))!
      let snap = dayOfMonth <= 10 ? "1" : "0"
      let event = d % 30 == 9 ? "Event\(d),Cultural" : ","
      try calendar.append("\(date),\(week),\(weekdays[d % 7]),\(d % 7 + 1),\(Int(date.dropFirst(5).prefix(2))!),\(date.prefix(4)),d_\(d + 1),\(event),,,\(snap),\(snap),\(d % 2 == 0 ? snap : "0")\n")
      date = M5Importer.dayAfter(date)
    }
    try calendar.finish()

    var prices = try ByteWriter(path: folder + "sell_prices.csv", name: "sell_prices.csv")
    try prices.append("store_id,item_id,wm_yr_wk,sell_price\n")
    let weeks = (calendarDays + 6) / 7
    for s in 0..<storeCount {
      for i in 0..<itemsPerStore where s * itemsPerStore + i < series {
        let start = i % 7 == 3 ? min(20, weeks - 1) : 0
        let cents = 100 + (i * 37) % 1900
        let prefix = "\(stores[s]),\(item(i)),"
        for w in start..<weeks {
          let p = cents - (w % 13 == 0 ? cents / 5 : 0)
          try prices.append(prefix + "\(11101 + w),\(p / 100).\(p % 100 < 10 ? "0" : "")\(p % 100)\n")
        }
      }
    }
    try prices.finish()

    var sales = try ByteWriter(path: folder + "sales_train_validation.csv", name: "sales_train_validation.csv")
    try sales.append("id,item_id,dept_id,cat_id,store_id,state_id")
    for d in 1...days { try sales.append(",d_\(d)") }
    try sales.append("\n")
    for s in 0..<storeCount {
      for i in 0..<itemsPerStore where s * itemsPerStore + i < series {
        var rng = Xoshiro256(seed: seed, entity: UInt64(s * itemsPerStore + i), purpose: .demand)
        let u = rng.nextUnit()
        let level = 0.05 + 20 * u * u * u
        let name = item(i)
        let dept = String(name.prefix { $0 != "_" }) + "_" + String(name.split(separator: "_")[1])
        try sales.append("\(name)_\(stores[s])_validation,\(name),\(dept),\(categories[i % 3]),\(stores[s]),\(stores[s].prefix(2))")
        let firstDay = i % 7 == 3 ? min(20, weeks - 1) * 7 : 0
        for d in 0..<days {
          sales.buffer.append(44)
          sales.append(integer: d < firstDay ? 0 : Poisson.sample(mean: level, using: &rng))
        }
        try sales.append("\n")
      }
    }
    try sales.finish()
  }
}
