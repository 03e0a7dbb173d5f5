import Synchronization

/// Counts finished pieces of work from any thread and forwards each new count to a callback.
///
/// Every count from 1 to `total` is reported exactly once; calls from different threads may
/// arrive out of order, but exactly one of them reports `(total, total)`.
public final class ProgressCounter: Sendable {
  /// The count that means done.
  public let total: Int
  private let done = Atomic<Int>(0)
  private let report: (@Sendable (_ done: Int, _ total: Int) -> Void)?

  /// Creates a counter at zero.
  ///
  /// - Parameters:
  ///   - total: The count that means done.
  ///   - report: Called with (done, total) after each `step()`, on the stepping thread; `nil`
  ///     makes `step()` free.
  public init(total: Int, report: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
    self.total = total
    self.report = report
  }

  /// Counts one finished piece and reports the new count.
  public func step() {
    guard let report else { return }
    report(done.wrappingAdd(1, ordering: .relaxed).newValue, total)
  }
}
