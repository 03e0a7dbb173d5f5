/// A fixed-length column of values in memory the column owns, for buffers the simulators keep
/// inside value types (the receipt ring, request lists, drawn demand; a simulation's own
/// per-point columns live in a `ColumnArena`). Nested functions capture the column by reference,
/// so writing an element costs no copy-on-write uniqueness check, as an array captured by a
/// nested function would on every write.
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

/// The memory of one simulation's per-point columns, freed together when the arena goes.
///
/// Each column is a raw buffer: reading or writing it costs no uniqueness or exclusivity check
/// (see `Column`). The buffers live as long as the arena, so its owner keeps the arena alive
/// (one `withExtendedLifetime`) while it uses any of them, however many columns it adds.
final class ColumnArena {
  /// Deinitializes and frees each column, in the order they were made.
  private var frees: [() -> Void] = []

  /// Creates an empty arena.
  init() {}

  /// A new column of `count` copies of `value`, starting at a multiple of `alignment` bytes
  /// (at least the element's own alignment; 64 puts each 64-byte element in one cache line).
  func column<Element>(repeating value: Element, count: Int, alignment: Int = MemoryLayout<Element>.alignment) -> UnsafeMutableBufferPointer<Element> {
    let values = allocate(Element.self, count: count, alignment: alignment)
    values.initialize(repeating: value)
    return values
  }

  /// A new column holding `elements`.
  func column<Element>(_ elements: [Element]) -> UnsafeMutableBufferPointer<Element> {
    let values = allocate(Element.self, count: elements.count, alignment: MemoryLayout<Element>.alignment)
    _ = values.initialize(fromContentsOf: elements)
    return values
  }

  private func allocate<Element>(_: Element.Type, count: Int, alignment: Int) -> UnsafeMutableBufferPointer<Element> {
    precondition(count >= 0, "ColumnArena: a column cannot have \(count) elements")
    let memory = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Element>.stride, alignment: max(alignment, MemoryLayout<Element>.alignment))
    let values = UnsafeMutableBufferPointer(start: memory.bindMemory(to: Element.self, capacity: count), count: count)
    frees.append { values.deinitialize().deallocate() }
    return values
  }

  deinit {
    for free in frees { free() }
  }
}
