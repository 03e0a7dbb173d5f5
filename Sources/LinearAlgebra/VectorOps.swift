/// Dense vector kernels shared by the numeric modules.
public enum VectorOps {
  /// The dot product of two equal-length vectors, summed with four accumulators in a fixed order.
  ///
  /// Four independent partial sums let the loop pipeline while keeping the result deterministic.
  /// - Complexity: O(n).
  @inlinable
  public static func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
    let n = a.count
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var i = 0
    while i + 4 <= n {
      s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]
      s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]
      i += 4
    }
    while i < n { s0 += a[i] * b[i]; i += 1 }
    return (s0 + s1) + (s2 + s3)
  }
}
