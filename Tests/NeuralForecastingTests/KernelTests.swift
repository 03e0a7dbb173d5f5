#if canImport(Glibc)
import Glibc
#endif
import Stochastics
import Testing
@testable import NeuralForecasting

@Suite("Dense kernels agree with plain references")
struct KernelTests {
  @Test("gemm matches a naive triple loop, all transposes and edge sizes",
        arguments: [(1, 1, 1), (4, 8, 3), (5, 17, 9), (32, 256, 64), (7, 3, 40), (6, 16, 300)])
  func gemmMatchesNaive(m: Int, n: Int, k: Int) {
    var rng = Xoshiro256(seed: 4)
    let a = (0..<(m * k)).map { _ in rng.nextUnit() - 0.5 }
    let b = (0..<(k * n)).map { _ in rng.nextUnit() - 0.5 }
    let c0 = (0..<(m * n)).map { _ in rng.nextUnit() - 0.5 }
    for transposedA in [false, true] {
      for (accumulate, vectorized) in [(false, false), (false, true), (true, false), (true, true)] {
        var c = c0
        a.withUnsafeBufferPointer { pa in
          b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
              Kernels.gemm(m: m, n: n, k: k, a: pa.baseAddress!, aRow: transposedA ? 1 : k, aCol: transposedA ? m : 1,
                           b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n, accumulate: accumulate,
                           vectorized: vectorized)
            }
          }
        }
        for i in 0..<m {
          for j in 0..<n {
            var s = accumulate ? c0[i * n + j] : 0
            for p in 0..<k { s += (transposedA ? a[p * m + i] : a[i * k + p]) * b[p * n + j] }
            #expect(abs(c[i * n + j] - s) < 1e-11)
          }
        }
      }
    }
  }

  @Test("single-precision vector exp, sigmoid and tanh track the C library")
  func fastMath() {
    var worstExp: Float = 0, worstSigmoid: Float = 0, worstTanh: Float = 0
    var x: Float = -80
    while x < 80 {
      let v = SIMD8<Float>((0..<8).map { x + Float($0) * 0.0123 })
      let e = FastMath.exp(v), s = Float.sigmoid(v), t = Float.tanh(v)
      for i in 0..<8 {
        let ref = Double(v[i])
        worstExp = max(worstExp, Float(abs(Double(e[i]) - Glibc.exp(ref)) / Glibc.exp(ref)))
        worstSigmoid = max(worstSigmoid, Float(abs(Double(s[i]) - 1 / (1 + Glibc.exp(-ref)))))
        worstTanh = max(worstTanh, Float(abs(Double(t[i]) - Glibc.tanh(ref))))
      }
      x += 0.0987
    }
    #expect(worstExp < 4e-7)
    #expect(worstSigmoid < 3e-7)
    #expect(worstTanh < 4e-7)
  }

  @Test("eight-lane and one-lane paths give the same bits through a whole training step",
        arguments: [(CellKind.lstm, 12), (.gru, 12), (.lstm, 16), (.gru, 16)])
  func vectorAndScalarPathsAgree(cell: CellKind, hidden: Int) {
    let arch = NetworkArchitecture(cell: cell, inputSize: 2, hiddenSize: hidden, layerCount: 2, outputSize: 3, dropout: 0.25)
    let net = RecurrentNetwork<Float>(architecture: arch, seed: 3)
    var rng = Xoshiro256(seed: 8)
    let steps = 30, batch = 6  // 29 × 6 = 174 > 128 rows: weight-gradient sums span two depth blocks
    let x = (0..<(steps * batch * 2)).map { _ in Float(rng.nextUnit() - 0.5) }
    let dy = (0..<(batch * 3)).map { _ in Float(rng.nextUnit() - 0.5) }
    var results: [[Float]] = []
    for vectorized in [false, true] {
      let ws = RecurrentWorkspace<Float>(architecture: arch, steps: steps, batch: batch, vectorized: vectorized)
      net.parameters.withUnsafeBufferPointer { p in
        x.withUnsafeBufferPointer { xp in
          ws.forward(parameters: p.baseAddress!, inputs: xp.baseAddress!, steps: steps, batch: batch,
                     dropoutSeed: (seed: 1, stream: 2))
          dy.withUnsafeBufferPointer { d in
            ws.backward(parameters: p.baseAddress!, outputGradient: d.baseAddress!, wantInputGradient: true)
          }
        }
      }
      results.append(Array(ws.output) + Array(ws.gradient) + Array(ws.inputGradient))
    }
    #expect(results[0] == results[1])
  }

  @Test("learning-rate schedules")
  func schedules() {
    #expect(LearningRateSchedule.constant.rate(base: 0.1, epoch: 9, epochs: 10) == 0.1)
    #expect(abs(LearningRateSchedule.step(everyEpochs: 3, factor: 0.5).rate(base: 0.1, epoch: 7, epochs: 10) - 0.025) < 1e-15)
    let cosine = LearningRateSchedule.cosine(minimumFactor: 0.1)
    #expect(cosine.rate(base: 1, epoch: 0, epochs: 11) == 1)
    #expect(abs(cosine.rate(base: 1, epoch: 10, epochs: 11) - 0.1) < 1e-15)
    #expect(abs(cosine.rate(base: 1, epoch: 5, epochs: 11) - 0.55) < 1e-12)
  }

  @Test("losses: values and gradients against hand computations")
  func losses() {
    let y: [Double] = [1.0, 3.0], t: [Double] = [2.0, 2.0]
    func run(_ l: TrainingLoss, _ out: [Double], _ target: [Double], horizon: Int) -> (Double, [Double]) {
      var g = [Double](repeating: 0, count: out.count)
      let v = out.withUnsafeBufferPointer { o in target.withUnsafeBufferPointer { tt in g.withUnsafeMutableBufferPointer { gg in
        l.evaluate(outputs: o.baseAddress!, targets: tt.baseAddress!, batch: out.count / (horizon * l.outputsPerStep),
                   horizon: horizon, gradientScale: 1, gradient: gg.baseAddress!)
      } } }
      return (v, g)
    }
    let mse = run(.meanSquaredError, y, t, horizon: 2)
    #expect(mse.0 == 1 && mse.1 == [-1, 1])
    let huber = run(.huber(delta: 0.5), y, t, horizon: 2)
    #expect(huber.0 == 0.375 && huber.1 == [-0.25, 0.25])
    // One sample, one step, quantiles 0.1 and 0.9 at outputs 1 and 3, target 2.
    let pinball = run(.quantile(levels: [0.1, 0.9]), [1, 3], [2], horizon: 1)
    #expect(abs(pinball.0 - (0.1 * 1 + 0.1 * 1) / 2) < 1e-15)
    #expect(abs(pinball.1[0] + 0.05) < 1e-15 && abs(pinball.1[1] - 0.05) < 1e-15)
  }

  @Test("normal quantile")
  func normalQuantile() {
    #expect(abs(RecurrentGlobalModel.normalQuantile(0.975) - 1.959963984540054) < 1e-9)
    #expect(abs(RecurrentGlobalModel.normalQuantile(0.5)) < 1e-9)
  }
}

@Test("the benchmark runs through the trainer and reports positive throughputs")
func benchmarkRuns() {
  let r = NeuralBenchmark.run(windows: 64, epochs: 1, threads: 2)
  #expect(r.lstmSamplesPerSecond > 0 && r.gruSamplesPerSecond > 0)
  #expect(r.lstmSamplesPerCPUSecond > 0 && r.windows == 64 && r.threads == 2)
}
