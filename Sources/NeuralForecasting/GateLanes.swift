/// A group of lanes the gate arithmetic runs on: eight at a time (`Lane8`) in optimized builds
/// and for the bulk of a row, one at a time (`Lane1`) for row tails and in debug builds.
///
/// Both perform the same IEEE operations per element, so they give the same bits; writing the
/// cell equations once against this protocol keeps the two paths from drifting apart.
protocol GateLanes {
  associatedtype Scalar: NeuralScalar
  /// Elements per group.
  static var width: Int { get }
  /// Every lane set to `value`.
  init(repeating value: Scalar)
  /// Loads `width` elements.
  init(_ p: UnsafePointer<Scalar>)
  /// Stores `width` elements.
  func store(_ p: UnsafeMutablePointer<Scalar>)
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  static func * (a: Self, b: Self) -> Self
  /// Lane-wise logistic sigmoid.
  var sigmoid: Self { get }
  /// Lane-wise hyperbolic tangent.
  var tanh: Self { get }
}

extension GateLanes {
  /// Loads from a mutable pointer.
  @inline(__always) init(_ p: UnsafeMutablePointer<Scalar>) { self.init(UnsafePointer(p)) }
}

/// One element.
struct Lane1<T: NeuralScalar>: GateLanes {
  var v: T
  static var width: Int { 1 }
  @inline(__always) init(repeating value: T) { v = value }
  @inline(__always) init(_ p: UnsafePointer<T>) { v = p[0] }
  @inline(__always) init(value: T) { v = value }
  @inline(__always) func store(_ p: UnsafeMutablePointer<T>) { p[0] = v }
  @inline(__always) static func + (a: Self, b: Self) -> Self { Self(value: a.v + b.v) }
  @inline(__always) static func - (a: Self, b: Self) -> Self { Self(value: a.v - b.v) }
  @inline(__always) static func * (a: Self, b: Self) -> Self { Self(value: a.v * b.v) }
  @inline(__always) var sigmoid: Self { Self(value: T.sigmoid(v)) }
  @inline(__always) var tanh: Self { Self(value: T.tanh(v)) }
}

/// Eight elements in a `SIMD8`.
struct Lane8<T: NeuralScalar>: GateLanes {
  var v: SIMD8<T>
  static var width: Int { 8 }
  @inline(__always) init(repeating value: T) { v = SIMD8(repeating: value) }
  @inline(__always) init(_ p: UnsafePointer<T>) { v = Kernels.load8(p) }
  @inline(__always) init(value: SIMD8<T>) { v = value }
  @inline(__always) func store(_ p: UnsafeMutablePointer<T>) { Kernels.store8(v, p) }
  @inline(__always) static func + (a: Self, b: Self) -> Self { Self(value: a.v + b.v) }
  @inline(__always) static func - (a: Self, b: Self) -> Self { Self(value: a.v - b.v) }
  @inline(__always) static func * (a: Self, b: Self) -> Self { Self(value: a.v * b.v) }
  @inline(__always) var sigmoid: Self { Self(value: T.sigmoid(v)) }
  @inline(__always) var tanh: Self { Self(value: T.tanh(v)) }
}
