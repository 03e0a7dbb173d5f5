#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Scenarios
import SupplyModel
import Synchronization

/// The daily traces of an experiment's runs (one per policy, replication 0), kept on disk
/// instead of in memory: the engines hand blocks of days × slots to it as they simulate
/// (`DailyTraceSink`), from any thread in any order, and it appends each block to one binary
/// file, noting where. Readers then take the rows back in file order, day by day and slot by slot
/// (`forEachSegment(run:_:)`, which `daily.csv` is written from), or a few slots whole
/// (`trace(run:slots:)`, the featured SKUs' charts), so memory stays bounded by a few blocks
/// however large the trace.
///
/// The file lives in the report's folder (`.daily-trace.<pid>.<n>.spool`) and is unlinked as soon as
/// it is opened, so it never outlives the process, whatever way the run ends.
public final class DailyTraceSpool: Sendable {
  /// A spool file that could not be created, written or read.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    /// The file.
    public var path: String
    /// What failed: "create", "write" or "read".
    public var action: String
    /// The system's error number.
    public var code: Int32
    /// One sentence naming the file.
    public var description: String { "\(path): cannot \(action) the daily-trace spool file (\(String(cString: strerror(code))))" }
  }

  /// Spools created by this process so far (numbers their files).
  private static let created = Atomic<Int>(0)

  /// Days per block the engines hand over.
  public static let blockDays = 32
  /// Slots per run (stocking points: nodes × SKUs).
  public let slotCount: Int
  /// Days per run.
  public let dayCount: Int
  /// The number of runs (policies).
  public let runCount: Int
  private let descriptor: Int32
  /// Folders the spool created, innermost first.
  private let createdFolders: [String]
  private let path: String
  private let state: Mutex<State>

  /// A stored block: `days` days of `width` slots from (`firstDay`, `firstSlot`), at byte
  /// `offset`, day after day, each day seven columns of `width` 64-bit values.
  struct Block: Sendable {
    var firstSlot: Int, width: Int, firstDay: Int, days: Int, offset: Int
  }

  private struct State: Sendable {
    var end = 0
    var blocks: [[Block]]
    var failure: DailyTraceSpool.Failure?
    var largestBlock = 0
  }

  /// The columns of a trace row, in `daily.csv` order.
  static let columnCount = 7

  /// Creates the spool file in `directory` for `runs` runs of `slots` slots over `days` days.
  /// A missing `directory` is created, and removed again when the spool goes if nothing was
  /// written into it (a run that failed leaves no empty report folder).
  ///
  /// - Throws: `Failure` naming the file when it cannot be created.
  public init(directory: String, runs: Int, slots: Int, days: Int) throws {
    // Folders this spool creates are removed again if the run writes nothing into them.
    var missing: [String] = []
    var ancestor = directory
    while !ancestor.isEmpty && ancestor != "/" && !FileManager.default.fileExists(atPath: ancestor) {
      missing.append(ancestor)
      ancestor = ancestor.hasSuffix("/") ? String(ancestor.dropLast()) : ancestor
      guard let slash = ancestor.lastIndex(of: "/") else { break }
      ancestor = String(ancestor[..<slash])
    }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    createdFolders = missing
    let folder = directory.isEmpty || directory.hasSuffix("/") ? directory : directory + "/"
    // A name no other spool of this or another process holds (O_EXCL), so none can share the file.
    var file = "", fd: Int32 = -1
    repeat {
      file = folder + ".daily-trace.\(getpid()).\(Self.created.add(1, ordering: .relaxed).newValue).spool"
      fd = open(file, O_RDWR | O_CREAT | O_EXCL, 0o600)
    } while fd < 0 && errno == EEXIST
    guard fd >= 0 else { throw Failure(path: file, action: "create", code: errno) }
    unlink(file)
    path = file
    descriptor = fd
    slotCount = slots
    dayCount = days
    runCount = runs
    state = Mutex(State(blocks: Array(repeating: [], count: runs)))
  }

  /// A spool in `directory` for the runs of `scenario`'s policies (every stocking point, every day).
  public convenience init(for scenario: Scenario, in directory: String) throws {
    let network = scenario.network
    try self.init(directory: directory, runs: scenario.policies.count, slots: network.topology.nodes.count * network.skus.count, days: network.horizonDays)
  }

  deinit {
    close(descriptor)
    // Innermost first; rmdir leaves any folder the report was written into.
    for folder in createdFolders { rmdir(folder) }
  }

  /// The sink for run `run`'s blocks.
  public func sink(run: Int) -> any DailyTraceSink { RunSink(spool: self, run: run) }

  /// The first write or read that failed, as an error naming the spool file; nil while none did.
  public var failure: DailyTraceSpool.Failure? { state.withLock { $0.failure } }

  /// The most rows (slot-days) in any one block received so far: what an engine thread held of
  /// the trace at once, bounded by `Simulation.chunkSize × blockDays` for a chunked catalogue
  /// whatever its size (a network engine run holds all its points × `blockDays`).
  public var largestBlockRows: Int { state.withLock { $0.largestBlock } }

  /// Throws the first failure, if any.
  public func check() throws(DailyTraceSpool.Failure) {
    if let failure { throw failure }
  }

  private func fail(_ action: String) {
    let code = errno
    state.withLock { if $0.failure == nil { $0.failure = DailyTraceSpool.Failure(path: path, action: action, code: code) } }
  }

  /// Stores a block of run `run` (see `DailyTraceSink.receive`).
  func store(_ block: DailyTrace, run: Int, firstSlot: Int, firstDay: Int) {
    let width = block.skuCount, days = block.dayCount
    guard width > 0, days > 0 else { return }
    var values: [Int] = []
    values.reserveCapacity(Self.columnCount * width * days)
    for day in 0..<days {
      let rows = (day * width)..<((day + 1) * width)
      values += block.demand[rows]; values += block.shipped[rows]; values += block.onHand[rows]; values += block.onOrder[rows]
      values += block.backordered[rows]; values += block.ordered[rows]; values += block.received[rows]
    }
    let bytes = values.count * MemoryLayout<Int>.stride
    let offset = state.withLock { s in
      let at = s.end
      s.end += bytes
      return at
    }
    let ok = values.withUnsafeBytes { raw in
      var done = 0
      while done < bytes {
        let n = pwrite(descriptor, raw.baseAddress! + done, bytes - done, off_t(offset + done))
        if n < 0 { if errno == EINTR { continue }; return false }
        done += n
      }
      return true
    }
    guard ok else { fail("write"); return }
    state.withLock {
      $0.blocks[run].append(Block(firstSlot: firstSlot, width: width, firstDay: firstDay, days: days, offset: offset))
      $0.largestBlock = max($0.largestBlock, width * days)
    }
  }

  /// Reads `count` values at byte `offset` into `values` (false, noting the failure, when it cannot).
  private func read(into values: inout [Int], count: Int, at offset: Int) -> Bool {
    if values.count < count { values = Array(repeating: 0, count: count) }
    let bytes = count * MemoryLayout<Int>.stride
    let ok = values.withUnsafeMutableBytes { raw in
      var done = 0
      while done < bytes {
        let n = pread(descriptor, raw.baseAddress! + done, bytes - done, off_t(offset + done))
        if n < 0 { if errno == EINTR { continue }; return false }
        if n == 0 { errno = EIO; return false }
        done += n
      }
      return true
    }
    if !ok { fail("read") }
    return ok
  }

  /// The blocks of run `run`, by first day then first slot; checks that they tile the run
  /// exactly (every day and slot once).
  func blocks(run: Int) -> [Block] {
    let blocks = state.withLock { $0.blocks[run] }.sorted { ($0.firstDay, $0.firstSlot) < ($1.firstDay, $1.firstSlot) }
    var covered = 0
    for b in blocks { covered += b.width * b.days }
    precondition(covered == slotCount * dayCount, "the daily trace of run \(run) covers \(covered) slot-days, expected \(slotCount) × \(dayCount)")
    return blocks
  }

  /// One day of consecutive slots of a run, as read back: `column(c)[k]` is column `c` (demand,
  /// shipped, onHand, onOrder, backordered, ordered, received) of slot `firstSlot + k`.
  public struct Segment {
    /// The first slot.
    public var firstSlot: Int
    /// The number of slots.
    public var width: Int
    /// The values, seven columns of `width`.
    public var values: [Int]

    /// Creates a segment.
    public init(firstSlot: Int, width: Int, values: [Int]) {
      self.firstSlot = firstSlot
      self.width = width
      self.values = values
    }

    /// Value of column `column` (0 demand … 6 received) of the segment's `k`-th slot.
    @inlinable public func value(_ column: Int, _ k: Int) -> Int { values[column * width + k] }
  }

  /// Calls `body` with every day of run `run` in order, each day's slots in order, one segment
  /// (a block's slots on that day) at a time.
  ///
  /// - Throws: The spool's first failure, or what `body` throws.
  public func forEachSegment(run: Int, _ body: (_ day: Int, _ segment: Segment) throws -> Void) throws {
    try check()
    let blocks = blocks(run: run)
    var start = 0
    var segment = Segment(firstSlot: 0, width: 0, values: [])
    while start < blocks.count {
      var end = start
      while end < blocks.count && blocks[end].firstDay == blocks[start].firstDay { end += 1 }
      let window = blocks[start..<end]
      for day in blocks[start].firstDay..<(blocks[start].firstDay + blocks[start].days) {
        for b in window {
          precondition(b.days == blocks[start].days, "daily trace blocks of one window must span the same days")
          let count = Self.columnCount * b.width
          guard read(into: &segment.values, count: count, at: b.offset + (day - b.firstDay) * count * MemoryLayout<Int>.stride) else { try check(); return }
          segment.firstSlot = b.firstSlot
          segment.width = b.width
          try body(day, segment)
        }
      }
      start = end
    }
  }

  /// The days of run `run` at the slots `slots` (in that order), as a subset trace.
  /// A read failure is noted (see `failure`) and leaves zeros.
  public func trace(run: Int, slots: [Int]) -> DailyTrace {
    var out = DailyTrace(slots: slots, reservingDays: dayCount)
    guard !slots.isEmpty else { return out }
    let blocks = blocks(run: run)
    var columns = Array(repeating: Array(repeating: 0, count: slots.count), count: Self.columnCount)
    var one: [Int] = []
    for day in 0..<dayCount {
      for (j, slot) in slots.enumerated() {
        guard let b = blocks.first(where: { $0.firstDay <= day && day < $0.firstDay + $0.days && $0.firstSlot <= slot && slot < $0.firstSlot + $0.width }) else {
          preconditionFailure("no daily trace block holds day \(day), slot \(slot) of run \(run)")
        }
        let dayStart = b.offset + (day - b.firstDay) * Self.columnCount * b.width * MemoryLayout<Int>.stride
        for c in 0..<Self.columnCount {
          columns[c][j] = read(into: &one, count: 1, at: dayStart + (c * b.width + slot - b.firstSlot) * MemoryLayout<Int>.stride) ? one[0] : 0
        }
      }
      out.append(demand: columns[0], shipped: columns[1], onHand: columns[2], onOrder: columns[3], backordered: columns[4],
                 ordered: columns[5], received: columns[6])
    }
    return out
  }
}

/// The sink of one run of a `DailyTraceSpool`.
final class RunSink: DailyTraceSink {
  let spool: DailyTraceSpool
  let run: Int
  init(spool: DailyTraceSpool, run: Int) {
    self.spool = spool
    self.run = run
  }
  var blockDays: Int { DailyTraceSpool.blockDays }
  func receive(_ block: DailyTrace, firstSlot: Int, firstDay: Int) {
    spool.store(block, run: run, firstSlot: firstSlot, firstDay: firstDay)
  }
}
