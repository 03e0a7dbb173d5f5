import Testing
@testable import SupplySimCLI

@Test func noArgumentsIsBadUsage() {
  #expect(SupplySimCommand.main([]) == 64)
}
