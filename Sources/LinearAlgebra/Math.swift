#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Thin wrappers so files that only need one libm call don't each import the C library.
@usableFromInline func _log(_ x: Double) -> Double { log(x) }
@usableFromInline func _sqrt(_ x: Double) -> Double { x.squareRoot() }
