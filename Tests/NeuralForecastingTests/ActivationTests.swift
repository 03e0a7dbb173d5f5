import Testing
@testable import NeuralForecasting

@Test func sigmoidIsSymmetricAndStable() {
  #expect(abs(Activation.sigmoid(0) - 0.5) < 1e-15)
  #expect(abs(Activation.sigmoid(3) + Activation.sigmoid(-3) - 1) < 1e-15)
  #expect(Activation.sigmoid(-800) >= 0 && Activation.sigmoid(800) <= 1)
}
