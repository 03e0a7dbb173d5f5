import Testing
@testable import EventEngine

@Suite struct EventQueueTests {
  @Test func popsByDayThenPhaseThenSchedulingOrder() {
    var q = EventQueue<String>()
    q.schedule("review-1", on: 3, phase: .review)
    q.schedule("receipt-1", on: 3, phase: .receipt)
    q.schedule("early", on: 1, phase: .accrual)
    q.schedule("receipt-2", on: 3, phase: .receipt)
    q.schedule("outage", on: 3, phase: .disruption)
    var order: [String] = []
    while let e = q.pop() { order.append(e.payload) }
    #expect(order == ["early", "outage", "receipt-1", "receipt-2", "review-1"])
  }

  @Test func popAllStopsAtTheGivenPhase() {
    var q = EventQueue<Int>()
    for i in 0..<5 { q.schedule(i, on: 2, phase: i % 2 == 0 ? .receipt : .review) }
    var seen: [Int] = []
    q.popAll(through: 2, phase: .demand) { seen.append($0.payload) }
    #expect(seen == [0, 2, 4])
    #expect(q.count == 2)
  }

  @Test func heapOrderHoldsForManyRandomEvents() {
    var q = EventQueue<Int>()
    var state: UInt64 = 12345
    for i in 0..<2_000 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      q.schedule(i, on: Int(state >> 54), phase: EventPhase(rawValue: Int(state >> 20) % 5)!)
    }
    var last: (Int, Int, UInt64) = (-1, -1, 0)
    while let e = q.pop() {
      let key = (e.day, e.phase.rawValue, e.sequence)
      #expect(key > last)
      last = key
    }
  }
}

@Suite struct CalendarQueueDrainTests {
  /// Both ways of draining give the same events in the same order, day by day, through ring growth.
  @Test func drainingIntoAnArrayMatchesDrainingThroughAClosure() {
    var a = CalendarQueue<Int>(span: 2), b = CalendarQueue<Int>(span: 2)
    var state: UInt64 = 99
    var viaClosure: [[Int]] = [], viaArray: [[Int]] = []
    var buffer: [Int] = []
    for day in 0..<200 {
      for i in 0..<3 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let ahead = 1 + Int(state >> 59)  // 1...32 days: forces the ring to grow
        a.schedule(day * 10 + i, on: day + ahead)
        b.schedule(day * 10 + i, on: day + ahead)
      }
      var today: [Int] = []
      a.drain(day: day) { today.append($0) }
      viaClosure.append(today)
      b.drain(day: day, into: &buffer)
      viaArray.append(buffer)
      #expect(a.count == b.count)
    }
    #expect(viaClosure == viaArray)
    #expect(viaArray.joined().count == 200 * 3 - b.count)
  }
}
