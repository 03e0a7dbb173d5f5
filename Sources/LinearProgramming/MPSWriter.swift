/// Writes a `LinearProgram` as free-format MPS that `MPSReader.parse` reads back to the same program.
public enum MPSWriter {
  /// The free-MPS text of a program.
  ///
  /// Names are used as given, so they must be nonempty and blank-free; integer variables are
  /// written inside `MARKER` blocks, infinite bounds as `MI`/`PL`/`FR`, the objective offset as the
  /// objective row's RHS. Numbers use Swift's shortest round-trip representation.
  ///
  /// - Parameters:
  ///   - program: The program.
  ///   - name: The `NAME` line's value.
  /// - Returns: The MPS text, ending with `ENDATA`.
  /// - Complexity: O(variables + nonzeros).
  public static func write(_ program: LinearProgram, name: String = "LP") -> String {
    var out = "NAME \(name)\n"
    if program.sense == .maximize { out += "OBJSENSE\n    MAX\n" }
    out += "ROWS\n N  obj\n"
    for c in program.constraints {
      let type = c.relation == .lessOrEqual ? "L" : c.relation == .greaterOrEqual ? "G" : "E"
      out += " \(type)  \(c.name)\n"
    }
    // Column-wise nonzeros, in row order within each column.
    var columns = [[(Int, Double)]](repeating: [], count: program.variableCount)
    for (i, c) in program.constraints.enumerated() {
      for k in c.indices.indices { columns[c.indices[k]].append((i, c.coefficients[k])) }
    }
    out += "COLUMNS\n"
    var inIntegers = false, marker = 0
    for (j, v) in program.variables.enumerated() {
      if v.isInteger != inIntegers {
        out += "    M\(marker)  'MARKER'  \(v.isInteger ? "'INTORG'" : "'INTEND'")\n"
        marker += 1; inIntegers = v.isInteger
      }
      var wrote = false
      if v.cost != 0 { out += "    \(v.name)  obj  \(v.cost)\n"; wrote = true }
      for (i, a) in columns[j] { out += "    \(v.name)  \(program.constraints[i].name)  \(a)\n"; wrote = true }
      if !wrote { out += "    \(v.name)  obj  0\n" }
    }
    if inIntegers { out += "    M\(marker)  'MARKER'  'INTEND'\n" }
    out += "RHS\n"
    if program.objectiveOffset != 0 { out += "    rhs  obj  \(-program.objectiveOffset)\n" }
    for c in program.constraints where c.rhs != 0 { out += "    rhs  \(c.name)  \(c.rhs)\n" }
    let ranged = program.constraints.filter { $0.range != nil }
    if !ranged.isEmpty {
      out += "RANGES\n"
      for c in ranged { out += "    rng  \(c.name)  \(c.range!)\n" }
    }
    out += "BOUNDS\n"
    for v in program.variables {
      switch (v.lower, v.upper) {
      case (-Double.infinity, Double.infinity): out += " FR bnd \(v.name)\n"; continue
      case (let lo, let up) where lo == up: out += " FX bnd \(v.name)  \(lo)\n"; continue
      default: break
      }
      if v.lower == -.infinity { out += " MI bnd \(v.name)\n" } else if v.lower != 0 { out += " LO bnd \(v.name)  \(v.lower)\n" }
      if v.upper != .infinity { out += " UP bnd \(v.name)  \(v.upper)\n" }
      else if v.isInteger { out += " PL bnd \(v.name)\n" }
    }
    out += "ENDATA\n"
    return out
  }
}
