#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension M5Importer {
  /// Streams the wide sales file into history.csv, then writes skus.csv and scenario.json.
  func convert(_ path: String, name: String, calendar: Calendar, prices: [String: [Int]], output: String) throws(ImportError) -> Summary {
    let folder = output.hasSuffix("/") ? output : output + "/"
    var history = try ByteWriter(path: folder + "history.csv", name: "history.csv")
    var skus = try ByteWriter(path: folder + "skus.csv", name: "skus.csv")
    do {
      let summary = try write(path, name: name, calendar: calendar, prices: prices, history: &history, skus: &skus)
      try history.finish()
      try skus.finish()
      try writeScenario(folder + "scenario.json", summary: summary)
      return summary
    } catch {
      history.abandon()
      skus.abandon()
      throw error
    }
  }

  private func write(_ path: String, name: String, calendar: Calendar, prices: [String: [Int]],
                     history: inout ByteWriter, skus: inout ByteWriter) throws(ImportError) -> Summary {
    let storeSet = stores.map(Set.init), itemSet = items.map(Set.init)
    var seenStores = Set<String>(), seenItems = Set<String>()
    var itemColumn = -1, storeColumn = -1, stateColumn = -1, firstDay = -1
    var dayNumbers: [Int] = []
    var fields: [Range<Int>] = []
    var series = 0, rows = 0, skipped = 0
    var dateLine: [[UInt8]] = []
    try history.append("date,sku,quantity,node,price,promotion,available\n")
    try skus.append("id,unitCost,holdingCostPerUnitDay\n")
    var itemOrder: [String] = [], itemPrices: [String: (sum: Double, weeks: Int)] = [:]
    var quantities: [Int] = []
    try ByteLines.forEach(path: path, name: name) { (line, number) throws(ImportError) in
      ByteLines.split(line, into: &fields)
      if number == 1 {
        for (i, f) in fields.enumerated() {
          let header = ByteLines.text(line, f)
          switch header {
          case "item_id": itemColumn = i
          case "store_id": storeColumn = i
          case "state_id": stateColumn = i
          default:
            guard header.hasPrefix("d_") else { continue }
            guard let k = Int(header.dropFirst(2)), k >= 1 else {
              throw ImportError(file: name, line: 1, problem: "column \(i + 1): expected a day column d_1, d_2, …, got '\(header)'")
            }
            if firstDay < 0 { firstDay = i }
            guard i == firstDay + dayNumbers.count else {
              throw ImportError(file: name, line: 1, problem: "column \(i + 1) '\(header)': day columns must be contiguous")
            }
            if let previous = dayNumbers.last, k != previous + 1 {
              throw ImportError(file: name, line: 1, problem: "column \(i + 1) '\(header)': expected d_\(previous + 1) after d_\(previous)")
            }
            guard k < calendar.days.count, calendar.days[k] != nil else {
              throw ImportError(file: name, line: 1, problem: "column \(i + 1) '\(header)': calendar.csv has no day \(header); the calendar must cover every day column")
            }
            dayNumbers.append(k)
          }
        }
        for (column, index) in [("item_id", itemColumn), ("store_id", storeColumn), ("state_id", stateColumn)] where index < 0 {
          throw ImportError(file: name, line: 1, problem: "the header has no '\(column)' column")
        }
        guard !dayNumbers.isEmpty else { throw ImportError(file: name, line: 1, problem: "the header has no day columns d_1, d_2, …") }
        dateLine = dayNumbers.map { calendar.days[$0]!.date + [44] }
        quantities = [Int](repeating: 0, count: dayNumbers.count)
        return true
      }
      if line.isEmpty { return true }
      guard fields.count == firstDay + dayNumbers.count, fields.count > max(itemColumn, storeColumn, stateColumn) else {
        throw ImportError(file: name, line: number, problem: "has \(fields.count) fields; the header has \(firstDay + dayNumbers.count) columns")
      }
      let item = ByteLines.text(line, fields[itemColumn]), store = ByteLines.text(line, fields[storeColumn])
      if let storeSet, !storeSet.contains(store) { return true }
      if let itemSet, !itemSet.contains(item) { return true }
      seenStores.insert(store)
      seenItems.insert(item)
      let state = ByteLines.text(line, fields[stateColumn])
      guard let snapIndex = calendar.states.firstIndex(of: state) else {
        throw ImportError(file: name, line: number, problem: "column \(stateColumn + 1) 'state_id': calendar.csv has no snap_\(state) column for state '\(state)'")
      }
      for j in 0..<dayNumbers.count {
        guard let q = ByteLines.integer(line, fields[firstDay + j]) else {
          throw ImportError(file: name, line: number, problem: "column \(firstDay + j + 1) 'd_\(dayNumbers[j])': expected a whole number of units >= 0, got '\(ByteLines.text(line, fields[firstDay + j]))'")
        }
        quantities[j] = q
      }
      let weekly = prices[store + " " + item]
      func price(_ j: Int) -> Int { weekly.map { $0[calendar.days[dayNumbers[j]]!.week] } ?? -1 }
      guard let start = (0..<dayNumbers.count).first(where: { quantities[$0] > 0 || price($0) >= 0 }) else {
        skipped += 1
        return true
      }
      series += 1
      var middle = Array((item + ",").utf8)
      let node = Array(("," + store + ",").utf8)
      var priceSum = 0, priceWeeks = 0, lastWeek = -1
      for j in start..<dayNumbers.count {
        let day = calendar.days[dayNumbers[j]]!
        let p = price(j)
        if p >= 0 && day.week != lastWeek { priceSum += p; priceWeeks += 1; lastWeek = day.week }
        history.buffer.append(contentsOf: dateLine[j])
        history.buffer.append(contentsOf: middle)
        history.append(integer: quantities[j])
        history.buffer.append(contentsOf: node)
        if p >= 0 { Self.appendPrice(p, to: &history) }
        history.buffer.append(44)
        history.buffer.append(day.event || day.snap[snapIndex] ? 49 : 48)
        history.buffer.append(44)
        history.buffer.append(p >= 0 || quantities[j] > 0 ? 49 : 48)
        history.buffer.append(10)
        if history.buffer.count >= 1 << 20 { try history.flush() }
        rows += 1
      }
      middle.removeLast()
      if itemPrices[item] == nil { itemOrder.append(item) }
      let sofar = itemPrices[item] ?? (0, 0)
      itemPrices[item] = (sofar.sum + Double(priceSum) / 10_000, sofar.weeks + priceWeeks)
      return true
    }
    for item in itemOrder {
      let p = itemPrices[item]!
      let meanPrice = p.weeks > 0 ? p.sum / Double(p.weeks) : 0
      let unitCost = meanPrice * Self.costRatio
      try skus.append("\(item),\(Self.decimal(unitCost)),\(Self.decimal(unitCost * Self.holdingRatePerYear / 365, digits: 8))\n")
    }
    guard !dayNumbers.isEmpty else { throw ImportError(file: name, line: nil, problem: "is empty; it needs the header id,item_id,…,d_1,…") }
    if let missing = stores?.first(where: { !seenStores.contains($0) }) {
      throw ImportError(file: "--stores", line: nil, problem: "store '\(missing)' is not in \(name)")
    }
    if let missing = items?.first(where: { !seenItems.contains($0) }) {
      throw ImportError(file: "--items", line: nil, problem: "item '\(missing)'\(stores == nil ? "" : " (in the chosen stores)") is not in \(name)")
    }
    let first = String(decoding: calendar.days[dayNumbers[0]]!.date, as: UTF8.self)
    let last = String(decoding: calendar.days[dayNumbers[dayNumbers.count - 1]]!.date, as: UTF8.self)
    let next = dayNumbers.last! + 1 < calendar.days.count ? calendar.days[dayNumbers.last! + 1].map { String(decoding: $0.date, as: UTF8.self) } : nil
    return Summary(salesFile: name, series: series, rows: rows, days: dayNumbers.count, firstDate: first, lastDate: last,
                   startDate: startDate ?? next ?? Self.dayAfter(last), skipped: skipped)
  }

  /// `x` with up to `digits` decimals, trailing zeros trimmed.
  static func decimal(_ x: Double, digits: Int = 4) -> String {
    var scale = 1
    for _ in 0..<digits { scale *= 10 }
    let units = Int((x * Double(scale)).rounded())
    var text = String(units / scale)
    var fraction = units % scale, width = digits
    guard fraction > 0 else { return text }
    while fraction % 10 == 0 { fraction /= 10; width -= 1 }
    let f = String(fraction)
    text += "." + String(repeating: "0", count: width - f.count) + f
    return text
  }

  /// The ISO date after `date` (yyyy-mm-dd, already validated).
  static func dayAfter(_ date: String) -> String {
    let b = Array(date.utf8)
    var year = b[0..<4].reduce(0) { $0 * 10 + Int($1) - 48 }
    var month = Int(b[5] - 48) * 10 + Int(b[6] - 48), day = Int(b[8] - 48) * 10 + Int(b[9] - 48) + 1
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if day > lengths[month - 1] { day = 1; month += 1 }
    if month > 12 { month = 1; year += 1 }
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(year)-\(two(month))-\(two(day))"
  }

  /// Writes the starter scenario.
  func writeScenario(_ path: String, summary: Summary) throws(ImportError) {
    let text = """
    {
      "name": "m5-import",
      "description": "Imported from the M5 layout (\(summary.salesFile), \(summary.firstDate) to \(summary.lastDate), \(summary.series) series): demand fitted to each SKU's sales history.",
      "seed": 1,
      "startDate": "\(summary.startDate)",
      "horizonDays": 28,
      "warmUpDays": 0,
      "unmetDemand": "lostSales",
      "history": {"file": "history.csv"},
      "warehouse": {"id": "stores"},
      "suppliers": [
        {"id": "supplier", "leadTime": {"distribution": "deterministic", "mean": 7}}
      ],
      "skus": {
        "file": "skus.csv",
        "defaults": {
          "supplier": "supplier",
          "demand": {"source": "fitted"},
          "lostSalePenaltyPerUnit": 1.0,
          "orderCost": 10.0
        }
      },
      "policies": [
        {"name": "sS-fill98", "type": "sS", "fillRate": 0.98},
        {"name": "RS-weekly", "type": "RS", "reviewPeriod": 7, "serviceLevel": 0.95}
      ]
    }

    """
    do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
      throw ImportError(file: "scenario.json", line: nil, problem: "cannot be written: \(error)")
    }
  }
}

