import Dispatch
import Parallelism

/// Throughput measurement for automatic ARIMA, used by `supplysim bench forecast`.
package enum ARIMABenchmark {
  /// The outcome of one batch.
  package struct Result: Sendable {
    /// One fitted model (or the error) per input, in input order.
    package var models: [Outcome]
    /// Wall-clock seconds for the whole batch.
    package var seconds: Double
    /// Series fitted per wall-clock second.
    package var seriesPerSecond: Double
    /// A fitted model or the reason it failed.
    package typealias Outcome = Swift.Result<ARIMAModel, ForecastError>
  }

  /// Fits `forecaster` to every input, in parallel across series with `Parallel.map` (results
  /// come back in index order).
  ///
  /// - Parameters:
  ///   - inputs: The series to fit.
  ///   - forecaster: The automatic ARIMA settings (defaults as in `AutoARIMA()`).
  ///   - parallel: Set false to fit one series at a time on the calling thread.
  /// - Returns: Models in input order, elapsed seconds and series per second.
  /// - Complexity: One stepwise search per series; wall time ≈ total / cores when parallel.
  package static func fitAutoARIMA(_ inputs: [ForecastInput], forecaster: AutoARIMA = AutoARIMA(),
                                  parallel: Bool = true) -> Result {
    let start = DispatchTime.now().uptimeNanoseconds
    let models = Parallel.map(inputs.count, threads: parallel ? Parallel.defaultThreadCount : 1) { i -> Result.Outcome in
      do throws(ForecastError) {
        return .success(try forecaster.fit(inputs[i]))
      } catch {
        return .failure(error)
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Result(models: models, seconds: seconds,
                  seriesPerSecond: seconds > 0 ? Double(inputs.count) / seconds : .infinity)
  }

  /// Series per second for AutoARIMA on `inputs` (see `fitAutoARIMA`).
  package static func seriesPerSecond(_ inputs: [ForecastInput], parallel: Bool = true) -> Double {
    fitAutoARIMA(inputs, parallel: parallel).seriesPerSecond
  }
}
