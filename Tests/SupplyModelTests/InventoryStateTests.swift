import Testing
@testable import SupplyModel

@Test func positionIsOnHandPlusOnOrderMinusBackorders() {
  var state = InventoryState(skuCount: 2)
  state.onHand[1] = 5; state.onOrder[1] = 10; state.backordered[1] = 3
  #expect(state.position(1) == 12)
  #expect(state.position(0) == 0)
}

@Test func profileCombinesTrendWeeklyYearlyAndWindows() {
  let profile = DemandProfile(base: 10, trendPerDay: 1, weekly: [2, 1, 1, 1, 1, 1, 1], yearly: .monthly([1, 3] + Array(repeating: 1, count: 10)),
                              windows: [DemandWindow(startDay: 31, endDay: 31, factor: 0.5)])
  let calendar = SimulationCalendar(startWeekday: 0, startDayOfYear: 0)
  #expect(profile.mean(onDay: 0, calendar: calendar) == 20)            // Monday factor 2
  #expect(profile.mean(onDay: 31, calendar: calendar) == (10 + 31) * 3 * 0.5)  // 1 Feb, a Thursday
  #expect(profile.mean(onDay: 32, calendar: calendar) == (10 + 32) * 3)
}

@Test func calendarQueueKeepsSchedulingOrderWithinADayAndGrows() {
  var q = CalendarQueueProbe()
  q.run()
  #expect(q.log == ["a", "b", "c", "far"])
}

struct CalendarQueueProbe {
  var log: [String] = []
  mutating func run() {
    var queue = CalendarQueue<String>(span: 4)
    queue.schedule("a", on: 2)
    queue.schedule("far", on: 40)
    queue.schedule("b", on: 2)
    queue.schedule("c", on: 3)
    for day in 0...40 { queue.drain(day: day) { log.append($0) } }
  }
}

/// `forEachWaiting(after:)` lists what is still scheduled after a day, by day then in order,
/// including events beyond the ring's first span, and removes nothing.
@Test func calendarQueueListsWhatIsWaiting() {
  var queue = CalendarQueue<String>(span: 4)
  queue.schedule("a", on: 2)
  queue.schedule("far", on: 40)
  queue.schedule("b", on: 2)
  queue.schedule("c", on: 3)
  queue.drain(day: 0) { _ in }
  var seen: [String] = []
  queue.forEachWaiting(after: 0) { day, event in seen.append("\(event)@\(day)") }
  #expect(seen == ["a@2", "b@2", "c@3", "far@40"])
  seen = []
  queue.forEachWaiting(after: 2) { day, event in seen.append("\(event)@\(day)") }
  #expect(seen == ["c@3", "far@40"])
  #expect(queue.count == 4)
}
