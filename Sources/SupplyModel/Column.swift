/// A fixed-length column of values in memory the column owns: the network simulator's per-point
/// state. Its nested functions capture the column by reference, so writing an element costs no
/// copy-on-write uniqueness check, as an array captured by a nested function would on every write.
/// The buffer is a constant, so reading or writing an element costs no dynamic exclusivity check
/// either (a `var` property of a class would be checked at every access).
final class Column<Element> {
  /// The elements (the buffer is fixed; its elements are written through it).
  let values: UnsafeMutableBufferPointer<Element>

  /// `count` copies of `value`.
  init(repeating value: Element, count: Int) {
    values = .allocate(capacity: count)
    values.initialize(repeating: value)
  }

  /// The elements of `array`.
  init(_ array: [Element]) {
    values = .allocate(capacity: array.count)
    _ = values.initialize(from: array)
  }

  deinit {
    values.deinitialize().deallocate()
  }

  /// Element i, read and written in place.
  @inline(__always)
  subscript(i: Int) -> Element {
    get { values[i] }
    _modify { yield &values[i] }
  }

  /// The elements in `range`, sharing this column's memory.
  func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(rebasing: values[range]) }
}

extension UnsafeMutableBufferPointer {
  /// The elements in `range`, sharing this buffer's memory.
  @inline(__always)
  func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(rebasing: self[range]) }
}
