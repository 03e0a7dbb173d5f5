import Scenarios

/// The Cartesian product of a sweep's axes: every combination of their values.
///
/// Points are numbered in row-major order, the first axis varying slowest: with axes
/// a = [1, 2] and b = [x, y, z] the points are (1,x), (1,y), (1,z), (2,x), (2,y), (2,z).
public struct SweepGrid: Sendable, Equatable {
  /// The varied parameters, in the order given.
  public var axes: [SweepAxis]

  /// The most points a grid may have.
  public static let maximumPoints = 10_000

  /// Creates a grid.
  ///
  /// - Precondition: at least one axis.
  public init(axes: [SweepAxis]) {
    precondition(!axes.isEmpty, "a sweep grid needs at least one axis")
    self.axes = axes
  }

  /// The number of points: the product of the axes' value counts.
  public var count: Int { axes.reduce(1) { $0 * $1.values.count } }

  /// The value index on each axis of point `point` (0-based).
  ///
  /// - Precondition: `point` is in `0..<count`.
  public func indices(of point: Int) -> [Int] {
    precondition((0..<count).contains(point), "grid point \(point) outside 0..<\(count)")
    var rest = point
    var out = Array(repeating: 0, count: axes.count)
    for a in axes.indices.reversed() {
      let n = axes[a].values.count
      out[a] = rest % n
      rest /= n
    }
    return out
  }

  /// The point with the given value index on each axis.
  public func point(at indices: [Int]) -> Int {
    precondition(indices.count == axes.count, "\(indices.count) indices for \(axes.count) axes")
    var p = 0
    for (a, i) in indices.enumerated() {
      precondition(axes[a].values.indices.contains(i), "index \(i) outside axis \(a)'s \(axes[a].values.count) values")
      p = p * axes[a].values.count + i
    }
    return p
  }

  /// The values of point `point`, one per axis.
  public func values(of point: Int) -> [JSONValue] {
    zip(axes, indices(of: point)).map { $0.values[$1] }
  }

  /// The variations that make point `point` from the scenario.
  public func variations(of point: Int) -> [ScenarioVariation] {
    zip(axes, values(of: point)).map { ScenarioVariation(path: $0.path, value: $1) }
  }

  /// `path=value, path=value` for point `point`.
  public func label(of point: Int) -> String {
    zip(axes, values(of: point)).map { "\($0.path)=\($1.label)" }.joined(separator: ", ")
  }

  /// `grid point 3 of 12: path=value, ...` (numbered from 1), for messages.
  public func context(of point: Int) -> String { "grid point \(point + 1) of \(count): \(label(of: point))" }

  /// The value index each axis is held at while another axis moves (tornado charts): the middle
  /// value when the axis has an odd number of values; with an even number, the value the
  /// scenario itself has at that path if it is one of them, else the lower of the two middle values.
  ///
  /// - Parameter document: The scenario document the grid varies.
  public func referenceIndices(in document: JSONValue) -> [Int] {
    axes.map { axis in
      let n = axis.values.count
      if n % 2 == 1 { return n / 2 }
      if let own = ScenarioVariation.value(at: axis.path, in: document),
         let i = axis.values.firstIndex(where: { Self.same($0, own) }) {
        return i
      }
      return n / 2 - 1
    }
  }

  /// Equal JSON values, numbers by value.
  static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
    if let x = a.doubleValue, let y = b.doubleValue { return x == y }
    return a == b
  }
}
