import LinearAlgebra

/// A fitted `RegressionForecaster`.
public struct RegressionModel: FittedForecast, Sendable {
  let design: RegressionDesign
  /// The coefficients, one per column of `columnNames`.
  public let coefficients: [Double]
  let qr: QRDecomposition
  /// The residual standard error `s = √(RSS/(T − rank))`.
  public let sigma: Double
  /// Residual degrees of freedom `T − rank`, used for the t-quantiles.
  public let degreesOfFreedom: Int
  let history: [Double]
  let covariates: Covariates?
  /// In-sample fitted values (NaN for the first `maxLag` steps).
  public let fittedValues: [Double]
  /// Rank deficiency and covariate coverage remarks.
  public let notes: [String]

  /// The design's column names, e.g. `["intercept", "trend", "sin1_7.0", …]`.
  public var columnNames: [String] { design.names }

  /// `x₀ᵀ(XᵀX + λD)⁻¹x₀` for a design row (the leverage of a new point).
  public func leverage(_ row: [Double]) -> Double { qr.leverage(row) }

  /// Point forecasts (recursive when there are lags) and t-based intervals.
  public func predict(horizon: Int, levels: [Double]) -> Forecast {
    precondition(horizon >= 1, "predict: horizon must be >= 1, got \(horizon)")
    let n = history.count
    var path = history
    var sds: [Double] = []
    // ψ-weights of the lag polynomial.
    var lagCoefficient: [Int: Double] = [:]
    let lagStart = design.columnCount - design.features.lags.count
    for (k, l) in design.features.lags.enumerated() { lagCoefficient[l, default: 0] += coefficients[lagStart + k] }
    var psi: [Double] = [1]
    var psiSquares = 1.0
    for h in 1...horizon {
      let t = n + h - 1
      let row = design.row(at: t, covariates: covariates) { path[$0] }
      path.append(VectorOps.dot(row, coefficients))
      sds.append(sigma * (psiSquares + qr.leverage(row)).squareRoot())
      // Next ψ: ψ_h = Σ_L a_L ψ_{h−L}.
      var next = 0.0
      for (l, a) in lagCoefficient.sorted(by: { $0.key < $1.key }) where h - l >= 0 { next += a * psi[h - l] }
      psi.append(next)
      psiSquares += next * next
    }
    return .gaussian(mean: Array(path[n...]), standardDeviations: sds, levels: levels,
                     degreesOfFreedom: Double(degreesOfFreedom))
  }
}
