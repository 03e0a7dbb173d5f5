#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The processors online (`sysconf(_SC_NPROCESSORS_ONLN)`), read once per process.
///
/// Read from the C library rather than `ProcessInfo.activeProcessorCount`, so that the numeric
/// modules that run in parallel need not import Foundation.
enum ProcessorCount {
  static let online: Int = {
    #if canImport(Glibc) || canImport(Musl)
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #elseif canImport(Darwin)
    return max(1, Int(sysconf(_SC_NPROCESSORS_ONLN)))
    #else
    return 1
    #endif
  }()
}
