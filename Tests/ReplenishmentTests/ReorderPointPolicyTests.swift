import Testing
import SupplyModel
@testable import Replenishment

@Test func sQOrdersEnoughMultiplesToClimbAboveReorderPoint() {
  var policy = ReorderPointPolicy(reorderPoint: [10, 10], orderQuantity: [4, 4])
  var state = InventoryState(skuCount: 2)
  state.onHand = [3, 11]
  var orders = [0, 0]
  policy.decide(state, day: 0, orders: &orders)
  #expect(orders == [8, 0])
}
