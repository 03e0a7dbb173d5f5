/// A length-`n` vector stored densely with a list of the positions that may be nonzero.
///
/// The list has no duplicates; it may name positions whose value has become zero. Used for the
/// right-hand sides and results of hypersparse FTRAN/BTRAN.
struct SparseVector {
  /// Dense values; positions not in `index` are exactly zero.
  var values: [Double]
  /// Positions that may hold a nonzero, without duplicates.
  var index: [Int32]
  /// Number of valid entries of `index`.
  var count: Int

  /// A zero vector of dimension `n`.
  init(dimension n: Int) {
    values = [Double](repeating: 0, count: n)
    index = [Int32](repeating: 0, count: n)
    count = 0
  }

  /// Zeroes the vector in time proportional to its listed entries.
  mutating func clear() {
    if count > values.count / 3 {
      for i in values.indices { values[i] = 0 }
    } else {
      for k in 0..<count { values[Int(index[k])] = 0 }
    }
    count = 0
  }

  /// Sets a value at a position known to be zero and unlisted.
  mutating func append(_ i: Int, _ v: Double) {
    values[i] = v; index[count] = Int32(i); count += 1
  }

  /// Drops entries below `drop` in magnitude and compacts the list.
  mutating func prune(_ drop: Double = 1e-14) {
    var kept = 0
    for k in 0..<count {
      let i = Int(index[k])
      if abs(values[i]) > drop { index[kept] = Int32(i); kept += 1 } else { values[i] = 0 }
    }
    count = kept
  }

  /// Rebuilds the list by scanning all values (after a dense operation).
  mutating func reindex(_ drop: Double = 1e-14) {
    var c = 0
    for i in values.indices {
      if values[i] != 0 {
        if abs(values[i]) > drop { index[c] = Int32(i); c += 1 } else { values[i] = 0 }
      }
    }
    count = c
  }
}
