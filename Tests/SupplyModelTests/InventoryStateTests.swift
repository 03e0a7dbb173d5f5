import Testing
@testable import SupplyModel

@Test func positionIsOnHandPlusOnOrderMinusBackorders() {
  var state = InventoryState(skuCount: 2)
  state.onHand[1] = 5; state.onOrder[1] = 10; state.backordered[1] = 3
  #expect(state.position(1) == 12)
  #expect(state.position(0) == 0)
}
