import Testing
@testable import LinearAlgebra

@Test func dotMatchesHandSum() {
  #expect(VectorOps.dot([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]) == 35)
}
