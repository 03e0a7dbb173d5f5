#if canImport(Glibc)
import Glibc
#endif

/// The process's heap.
enum Memory {
  /// Hands memory the process freed back to the system (glibc's `malloc_trim`, looked up at run
  /// time since Swift's Glibc module does not declare it), so that the resident size after a
  /// phase that built and dropped many small temporary objects (a parsed scenario document,
  /// per-run statistics) is what the process still uses. Does nothing where it is missing.
  static func returnFreedPages() {
    #if canImport(Glibc)
    typealias Trim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
    #endif
  }
}
