/// The network simulator's receipt calendar laid out flat: a ring of days × stocking points
/// holding, per point and arrival day, the units arriving, the units of those orders lost to
/// yield, and how many shipments they are.
///
/// Shipments arriving at one point on one day are booked together, which gives what booking them
/// one by one gives: the backorders they serve, the stock they add and the pipeline they close are
/// sums, every shipment closes a replenishment cycle, and only the first can find it short (the
/// mark is cleared at the first receipt). So one row holds a day and booking reads it in point
/// order, with no per-shipment list, copy-on-write check or allocation in steady state.
///
/// The ring spans a power of two of days, at least the longest typical lead time plus one, and
/// grows (rarely: a long draw) when a shipment is scheduled further ahead than it spans.
struct ReceiptRing {
  /// Stocking points per row.
  let points: Int
  /// Days the ring spans (a power of two).
  private(set) var span: Int
  private var mask: Int
  /// What arrives at one point on one day: 16 bytes, so four share a cache line (the units lost
  /// to yield, rare, are kept apart in `lost`).
  struct Cell {
    /// Units arriving.
    var units = 0
    /// Shipments arriving (at most one per shipment ever made, far below 2^31).
    var count: Int32 = 0
  }
  /// The cells, `row(day) + point`.
  private(set) var cells: Column<Cell>
  /// Units of the shipments in the cell at the same index lost to yield (they close the order
  /// without arriving); nil until a shipment loses units, which only a supplier's yield does.
  private(set) var lost: Column<Int>?

  /// An empty calendar for `points` points spanning at least `span` days.
  init(points: Int, span: Int) {
    var size = 1
    while size < max(span, 2) { size <<= 1 }
    self.points = points
    self.span = size
    mask = size - 1
    cells = Column(repeating: Cell(), count: size * points)
  }

  /// Where `day`'s row starts in the columns.
  @inline(__always) func row(_ day: Int) -> Int { (day & mask) * points }

  /// Schedules `shipment` (for point `shipment.slot`) to arrive on `day`; `today` is the day
  /// being simulated, whose row has been booked already.
  ///
  /// - Precondition: `today < day` (a lead time is at least one day).
  @inline(__always)
  mutating func schedule(_ shipment: Shipment, on day: Int, today: Int) {
    if day - today >= span { grow(toSpan: day - today + 1, today: today) }
    let i = row(day) + Int(shipment.slot)
    cells[i].units += shipment.units
    cells[i].count += 1
    if shipment.lost != 0 {
      if lost == nil { lost = Column(repeating: 0, count: cells.values.count) }
      lost![i] += shipment.lost
    }
  }

  /// Takes the units lost to yield in the cell at index `i` (0 when none), leaving 0.
  @inline(__always)
  func takeLost(_ i: Int) -> Int {
    guard let lost else { return 0 }
    let units = lost[i]
    lost[i] = 0
    return units
  }

  /// The units arriving after `today` for the points in `slots`, per point by arrival day (days
  /// with none left out), into `inTransit` (index = point − slots.lowerBound): what a policy
  /// that observes the pipeline reads.
  func pipeline(after today: Int, slots: Range<Int>, into inTransit: inout [[ScheduledReceipt]]) {
    if inTransit.count != slots.count { inTransit = Array(repeating: [], count: slots.count) }
    for i in inTransit.indices { inTransit[i].removeAll(keepingCapacity: true) }
    for day in (today + 1)..<(today + span) {
      let start = row(day)
      for p in slots where cells[start + p].units > 0 {
        inTransit[p - slots.lowerBound].append(ScheduledReceipt(day: day, units: cells[start + p].units))
      }
    }
  }

  /// Widens the ring to at least `newSpan` days, keeping every waiting day's row.
  private mutating func grow(toSpan newSpan: Int, today: Int) {
    var size = span
    while size < newSpan { size <<= 1 }
    var fresh = ReceiptRing(points: points, span: size)
    if lost != nil { fresh.lost = Column(repeating: 0, count: fresh.cells.values.count) }
    for day in (today + 1)..<(today + span) {
      let from = row(day), to = fresh.row(day)
      for p in 0..<points {
        fresh.cells[to + p] = cells[from + p]
        if let lost, let freshLost = fresh.lost { freshLost[to + p] = lost[from + p] }
      }
    }
    self = fresh
  }
}

/// The open orders of downstream points at their sources, oldest first per source: linked lists
/// in one flat pool, so placing, shipping and closing orders costs no copy-on-write check and, in
/// steady state, no allocation.
struct RequestLists {
  private var pool: Column<NetworkEngine.Request>
  private var next: Column<Int32>
  /// First and last pool index of each point's list, or -1.
  private let head: Column<Int32>
  private let tail: Column<Int32>
  /// First free pool index, or -1, and how much of the pool was ever used.
  private var free: Int32 = -1
  private var used = 0

  /// Empty lists for `points` points.
  init(points: Int) {
    pool = Column(repeating: NetworkEngine.Request(child: 0, units: 0, day: 0, priority: 0), count: max(16, points))
    next = Column(repeating: -1, count: max(16, points))
    head = Column(repeating: -1, count: points)
    tail = Column(repeating: -1, count: points)
  }

  /// True when point p owes nothing.
  @inline(__always) func isEmpty(_ p: Int) -> Bool { head[p] < 0 }

  /// Adds `request` after p's other open requests.
  @inline(__always)
  mutating func append(_ request: NetworkEngine.Request, to p: Int) {
    let i: Int32
    if free >= 0 {
      i = free
      free = next[Int(free)]
    } else {
      if used == pool.values.count { growPool() }
      i = Int32(used)
      used += 1
    }
    pool[Int(i)] = request
    next[Int(i)] = -1
    if tail[p] >= 0 { next[Int(tail[p])] = i } else { head[p] = i }
    tail[p] = i
  }

  /// The pool index of p's oldest open request, or -1: with `after` and the subscript, a loop
  /// over p's requests that calls no closure.
  @inline(__always) func first(_ p: Int) -> Int { Int(head[p]) }
  /// The pool index of the request after the one at `i`, or -1.
  @inline(__always) func after(_ i: Int) -> Int { Int(next[i]) }
  /// The request at pool index `i`.
  @inline(__always) subscript(i: Int) -> NetworkEngine.Request { pool[i] }

  /// Closes all of p's open requests.
  @inline(__always)
  mutating func close(_ p: Int) {
    guard head[p] >= 0 else { return }
    next[Int(tail[p])] = free
    free = head[p]
    head[p] = -1
    tail[p] = -1
  }

  /// p's open requests, oldest first.
  func requests(of p: Int) -> [NetworkEngine.Request] {
    var out: [NetworkEngine.Request] = []
    var i = head[p]
    while i >= 0 {
      out.append(pool[Int(i)])
      i = next[Int(i)]
    }
    return out
  }

  /// Replaces p's open requests by `requests`, in order.
  mutating func replace(_ p: Int, with requests: [NetworkEngine.Request]) {
    close(p)
    for r in requests { append(r, to: p) }
  }

  private mutating func growPool() {
    let size = 2 * pool.values.count
    precondition(size <= Int(Int32.max), "more than \(Int32.max) open internal orders")
    let larger = Column(repeating: NetworkEngine.Request(child: 0, units: 0, day: 0, priority: 0), count: size)
    let links = Column<Int32>(repeating: -1, count: size)
    _ = larger.values.update(fromContentsOf: pool.values)
    _ = links.values.update(fromContentsOf: next.values)
    pool = larger
    next = links
  }
}
