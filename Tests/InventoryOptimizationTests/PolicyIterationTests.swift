@testable import InventoryOptimization
import Stochastics
import Testing

/// The learned policy's pieces: the network against hand computations, the rollout dynamics
/// against the day by hand, and training reproducible at any thread count.
@Suite struct PolicyIterationTests {
  static func tiny() throws -> OptimalPolicyMDP {
    try OptimalPolicyMDP(dailyDemand: try DemandPMF(probabilities: [0.25, 0.5, 0.25]), leadDays: 2, holding: 1, shortage: .lostSales(penalty: 4))
  }

  @Test func expAndTanhAreAccurate() {
    #expect(abs(FastTanh.exp(1) - 2.718281828459045) < 1e-15 * 2.8)
    #expect(abs(FastTanh.exp(-3.5) - 0.0301973834223185) < 1e-16)
    #expect(abs(FastTanh.tanh(0.5) - 0.46211715726000974) < 1e-15)
    #expect(FastTanh.tanh(30) == 1 && FastTanh.exp(-800) == 0)
  }

  /// One hidden unit: h = tanh(2·x − 1); scores (h, −h). x = 1 gives h = tanh(1) > 0: action 0;
  /// x = 0 gives tanh(−1) < 0: action 1.
  @Test func handSetNetworkPicksTheHigherScore() {
    var net = PolicyNetwork(inputs: 1, hidden: [1], outputs: 2, seed: 1)
    net.weights = [2, -1, 1, -1, 0, 0]
    #expect(net.isConsistent)
    #expect(net.forward([1]).last! == [FastTanh.tanh(1), -FastTanh.tanh(1)])
    #expect(net.bestAction([1]) == 0 && net.bestAction([0]) == 1)
    net.weights.removeLast()
    #expect(!net.isConsistent)
  }

  /// A separable labelling (action 1 when the feature exceeds 0.5) is learned exactly.
  @Test func fitLearnsASeparableLabelling() {
    var net = PolicyNetwork(inputs: 1, hidden: [8], outputs: 2, seed: 3)
    let xs = (0..<40).map { [Double($0) / 40] }
    let labels = xs.map { $0[0] > 0.5 ? 1 : 0 }
    let accuracy = net.fit(features: xs, labels: labels, epochs: 600, batchSize: 8, learningRate: 0.02, seed: 4)
    #expect(accuracy == 1)
    #expect(net.bestAction([0.05]) == 0 && net.bestAction([0.95]) == 1)
  }

  /// State [x = 1, a₁ = 2], order 3, demand 2: tomorrow 3 available, 1 left (holding 1), state
  /// [1, 3]. Demand 4 from [0, 1]: 3 lost (penalty 12), state [0, q].
  @Test func rolloutDynamicsFollowTheDay() throws {
    let problem = try Self.tiny()
    let d = PolicyIteration.Dynamics(problem: problem, penalty: 4, cdf: [0.25, 0.75, 1])
    var s = [1, 2]
    #expect(d.advance(&s, order: 3, demand: 2) == 1 && s == [1, 3])
    var t = [0, 1]
    #expect(d.advance(&t, order: 0, demand: 4) == 12 && t == [0, 0])
  }

  /// Training a tiny instance: the same model at 1 and 3 threads; its recorded cost is its exact
  /// cost, at or above the optimum.
  @Test func trainingIsReproducibleAndHonest() throws {
    let problem = try Self.tiny()
    var options = PolicyIteration.Options()
    options.iterations = 2
    options.states = 80
    options.paths = 8
    options.pathBudget = 0
    options.horizon = 10
    options.hidden = [8]
    options.minimumSteps = 200
    options.threads = 1
    let one = try PolicyIteration.train(problem, sku: "T", options: options)
    options.threads = 3
    let three = try PolicyIteration.train(problem, sku: "T", options: options)
    #expect(one == three)
    let exact = try LostSalesHeuristics.cost(of: problem) { x, a in one.order(onHand: x, inTransit: a) }
    #expect(exact == one.costPerDay)
    #expect(one.costPerDay >= (try problem.solve().costPerDay) - 1e-9)
    #expect(one.defect == nil && one.iterations == 2)
  }
}
