import Foundation
import Testing
import _TestSupport
@testable import LinearProgramming

let smallMPS = """
* The three-product problem with a ranged row and every section.
NAME          THREE
OBJSENSE
    MIN
ROWS
 N  cost
 G  demand
 L  mix
COLUMNS
    x1  cost  10  demand  1
    x1  mix   1
    x2  cost  20  demand  1
    MARKER  'MARKER'  'INTORG'
    x3  cost  30  demand  1
    MARKER  'MARKER'  'INTEND'
RHS
    rhs  demand  200  mix  150
    rhs  cost  -5
RANGES
    rng  mix  150
BOUNDS
 UP bnd x1 100
 UP bnd x2 200
 UI bnd x3 150
ENDATA
"""

@Test("MPS: sections, markers, ranges and bounds are read")
func mpsParses() throws {
  let lp = try MPSReader.parse(smallMPS)
  #expect(lp.variableCount == 3 && lp.constraintCount == 2)
  #expect(lp.variables.map(\.cost) == [10, 20, 30])
  #expect(lp.variables.map(\.upper) == [100, 200, 150])
  #expect(lp.variables.map(\.isInteger) == [false, false, true])
  #expect(lp.objectiveOffset == 5)
  #expect(lp.constraints[1].activityBounds == (0, 150))
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, 3005, relative: 1e-12))
}

@Test("MPS: free-format bound types without set names")
func mpsBoundTypes() throws {
  let text = """
  NAME B
  ROWS
   N obj
   E r
  COLUMNS
   a obj 1 r 1
   b obj 1 r 1
   c obj 1 r 1
   d obj -1 r 1
   e obj 1 r 1
  RHS
   r 4
  BOUNDS
   FR a
   MI b
   FX c 2
   BV d
   LO e -3
   PL e
  ENDATA
  """
  let lp = try MPSReader.parse(text)
  #expect(lp.variables[0].lower == -.infinity && lp.variables[0].upper == .infinity)
  #expect(lp.variables[1].lower == -.infinity)
  #expect(lp.variables[2].lower == 2 && lp.variables[2].upper == 2)
  #expect(lp.variables[3].isInteger && lp.variables[3].upper == 1)
  #expect(lp.variables[4].lower == -3 && lp.variables[4].upper == .infinity)
}

@Test("MPS: a bad line is reported with its number and the problem",
      arguments: [("x1  cost  ten", 3, "expected a number, got 'ten'"),
                  ("x1  nosuchrow  1", 3, "unknown row 'nosuchrow'"),
                  ("x1  cost", 3, "needs 3 or 5 fields")])
func mpsErrors(line: String, number: Int, message: String) {
  let text = "ROWS\n N cost\nCOLUMNS\n    \(line)\nENDATA\n"
  let error = #expect(throws: MPSError.self) { try MPSReader.parse(text) }
  #expect(error?.line == number + 1)
  #expect(error?.description.contains(message) == true, "\(String(describing: error))")
}

/// Two entries of 1e308 in one place summed to infinity (a cost of -inf solved as "optimal").
@Test("MPS: a second entry of a column in the same row is an error", arguments: ["obj", "c"])
func mpsRepeatedEntry(row: String) {
  let text = "ROWS\n N obj\n L c\nCOLUMNS\n x obj -1e308 c 1e308\n x \(row) -1e308\nRHS\n rhs c 4\nENDATA\n"
  let error = #expect(throws: MPSError.self) { try MPSReader.parse(text) }
  #expect(error?.description == "line 6: column 'x' has a second entry in row '\(row)'; give each coefficient once")
}

@Test("MPS: unknown bound type and section are named")
func mpsBadBound() {
  let text = "ROWS\n N obj\nCOLUMNS\n x obj 1\nBOUNDS\n XX b x 1\nENDATA\n"
  let error = #expect(throws: MPSError.self) { try MPSReader.parse(text) }
  #expect(error?.line == 6)
  #expect(error?.problem.contains("'XX'") == true)
  let section = #expect(throws: MPSError.self) { try MPSReader.parse("ROWZ\n N obj\n") }
  #expect(section?.description == "line 1: unknown section 'ROWZ' (expected NAME, OBJSENSE, ROWS, COLUMNS, RHS, RANGES, BOUNDS or ENDATA)")
}

@Test("JSON: the documented example decodes and solves")
func jsonExample() throws {
  let json = """
  {"sense":"min",
   "variables":[{"name":"x1","lower":0,"upper":100,"cost":10,"integer":false},
                {"name":"x2","upper":200,"cost":20},{"name":"x3","upper":150,"cost":30},
                {"name":"free","lower":"-inf","cost":0}],
   "constraints":[{"name":"demand","terms":{"x1":1,"x2":1,"x3":1},"relation":">=","rhs":200},
                  {"name":"tie","terms":{"free":1,"x1":-1},"relation":"=","rhs":0}]}
  """
  let file = try JSONDecoder().decode(LPProblemFile.self, from: Data(json.utf8))
  let lp = try LinearProgram(file: file)
  #expect(lp.variables[3].lower == -.infinity)
  let s = lp.solve()
  #expect(s.status == .optimal)
  #expect(Approx.equal(s.objective, 3000, relative: 1e-12))
  // Round trip through the encoder.
  let again = try JSONDecoder().decode(LPProblemFile.self, from: JSONEncoder().encode(LPProblemFile(program: lp)))
  #expect(try LinearProgram(file: again) == lp)
}

@Test("JSON: an unknown variable in terms names its path and the nearest name")
func jsonUnknownVariable() throws {
  let json = """
  {"variables":[{"name":"apple"}],"constraints":[{"name":"c","terms":{"aple":1},"relation":"<=","rhs":1}]}
  """
  let file = try JSONDecoder().decode(LPProblemFile.self, from: Data(json.utf8))
  let error = #expect(throws: LPModelError.self) { try LinearProgram(file: file) }
  #expect(error?.path == "constraints[0].terms.aple")
  #expect(error?.problem.contains("did you mean 'apple'") == true)
}

@Test("JSON: an unknown key is rejected with a suggestion")
func jsonUnknownKey() {
  let json = #"{"variables":[{"name":"x","uper":3}]}"#
  #expect(throws: DecodingError.self) { try JSONDecoder().decode(LPProblemFile.self, from: Data(json.utf8)) }
}

@Test("MPS: the K10 fixture round-trips through the writer and solves to the reference")
func mpsRoundTrip() throws {
  let instance = try Fixture.instance("LP-1_K10_T30")
  let lp = ReplenishmentLP.make(instance)
  let text = MPSWriter.write(lp, name: "LP-1_K10_T30")
  let back = try MPSReader.parse(text)
  #expect(back.variableCount == lp.variableCount && back.constraintCount == lp.constraintCount)
  #expect(back.variables == lp.variables)
  #expect(normalized(back) == normalized(lp))
  let s = back.solve()
  #expect(Approx.equal(s.objective, try Fixture.reference("LP-1_K10_T30").objective, relative: 1e-9))
}

@Test("MPS: a program with integers, free and ranged rows round-trips exactly")
func mpsRoundTripMixed() throws {
  var lp = LinearProgram(sense: .maximize)
  let a = lp.addVariable(name: "a", lower: -.infinity, upper: .infinity, cost: 1)
  let b = lp.addVariable(name: "b", lower: -2, upper: 5, cost: -0.5, isInteger: true)
  let c = lp.addVariable(name: "c", lower: 3, upper: 3)
  let d = lp.addVariable(name: "d", lower: -.infinity, upper: 4, cost: 2.25)
  let r = lp.addConstraint(name: "r0", terms: [(a, 1), (b, 2), (c, -1)], relation: .lessOrEqual, rhs: 7)
  lp.addConstraint(name: "r1", terms: [(d, 1), (a, -3)], relation: .equal, rhs: 0)
  lp.constraints[r].range = 4
  lp.objectiveOffset = 1.5
  let back = try MPSReader.parse(MPSWriter.write(lp))
  #expect(normalized(back) == normalized(lp))
}

/// The program with each row's terms in variable order (MPS stores columns, so row order is lost).
func normalized(_ program: LinearProgram) -> LinearProgram {
  var p = program
  for i in p.constraints.indices {
    let pairs = zip(p.constraints[i].indices, p.constraints[i].coefficients).sorted { $0.0 < $1.0 }
    p.constraints[i].indices = pairs.map(\.0); p.constraints[i].coefficients = pairs.map(\.1)
  }
  return p
}
