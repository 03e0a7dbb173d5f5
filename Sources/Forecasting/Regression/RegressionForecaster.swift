import LinearAlgebra

/// Linear regression on calendar, covariate and lag features, fitted by least squares.
///
/// Coefficients solve `min ‖Xβ − y‖² + λ‖Dβ‖²` by pivoted Householder QR on the augmented
/// system `[X; √λ D] β ≈ [y; 0]` (`D` the identity, without the intercept's row unless
/// `penalizeIntercept`); with `λ = 0` this is ordinary least squares. Columns are used as
/// given (not standardised), so `λ` acts on their raw scale. Rank-deficient designs are fitted
/// with the columns QR finds dependent set to 0, and a note says so.
///
/// Prediction intervals: without lags, `ŷ₀ ± t_{T−p} · s √(1 + x₀ᵀ(XᵀX + λD)⁻¹x₀)`, the classical
/// standard error of prediction (exact for OLS under Gaussian errors; an approximation for
/// ridge). With lags, forecasts run recursively and the variance adds the propagation of
/// earlier errors through the lag coefficients (ψ-weights, as for an AR model):
/// `s²(Σᵢ₌₀ʰ⁻¹ ψᵢ² + x₀ᵀ(XᵀX)⁻¹x₀)`, ignoring the uncertainty of lagged regressors —
/// an approximation. Future covariate values the input does not supply are taken as 0.
/// - SeeAlso: Hyndman & Athanasopoulos, *FPP* 3rd ed., ch. 7; Golub & Van Loan §5.3.
public struct RegressionForecaster: Forecaster {
  /// The features to build.
  public var features: RegressionFeatures
  /// Ridge penalty `λ ≥ 0`.
  public var ridge: Double
  /// Whether the penalty applies to the intercept too.
  public var penalizeIntercept: Bool

  /// Creates the forecaster.
  public init(features: RegressionFeatures = RegressionFeatures(trend: true), ridge: Double = 0,
              penalizeIntercept: Bool = false) {
    precondition(ridge >= 0, "regression: ridge must be >= 0, got \(ridge)")
    self.features = features; self.ridge = ridge; self.penalizeIntercept = penalizeIntercept
  }

  /// `"regression"`.
  public var name: String { "regression" }
  /// The largest lag plus 3, so some residual degrees of freedom remain for small designs.
  public var minimumHistory: Int { features.maxLag + 3 }

  /// Fits the regression.
  ///
  /// - Throws: `.historyTooShort` when there are fewer usable rows than columns + 1;
  ///   `.invalidInput` for unknown covariates or non-finite values.
  public func fit(_ input: ForecastInput) throws(ForecastError) -> RegressionModel {
    let y = input.values
    guard y.allSatisfy(\.isFinite) else { throw .invalidInput("regression: values must be finite") }
    let design = try RegressionDesign(features: features, input: input)
    let p = design.columnCount
    guard p > 0 else { throw .invalidInput("regression: the feature specification has no columns") }
    let start = features.maxLag
    let rows = y.count - start
    guard rows >= p + 1 else {
      throw .historyTooShort(method: name, needed: start + p + 1, got: y.count)
    }
    if let c = input.covariates, c.rowCount < y.count {
      throw .invalidInput("regression: covariates have \(c.rowCount) rows, fewer than the \(y.count) observations")
    }
    var x = Matrix(rows: rows, columns: p)
    for t in start..<y.count {
      let r = design.row(at: t, covariates: input.covariates) { y[$0] }
      for j in 0..<p { x[t - start, j] = r[j] }
    }
    let target = Array(y[start...])
    var system = x, rhs = target
    if ridge > 0 {
      let penalised = (0..<p).filter { penalizeIntercept || design.names[$0] != "intercept" }
      var aug = Matrix(rows: rows + penalised.count, columns: p)
      for i in 0..<rows { for j in 0..<p { aug[i, j] = x[i, j] } }
      for (k, j) in penalised.enumerated() { aug[rows + k, j] = ridge.squareRoot() }
      system = aug
      rhs = target + Array(repeating: 0, count: penalised.count)
    }
    let qr = QRDecomposition(system)
    let beta = qr.solve(rhs).solution
    let fittedRows = x * beta
    var rss = 0.0
    for i in 0..<rows { let e = target[i] - fittedRows[i]; rss += e * e }
    let dof = max(rows - qr.rank, 1)
    var notes: [String] = []
    if qr.rank < p {
      let dropped = qr.permutation[qr.rank...].sorted().map { design.names[$0] }
      notes.append("regression: design has rank \(qr.rank) < \(p) columns; coefficients of \(dropped) set to 0")
    }
    let futureRows = (input.covariates?.rowCount ?? y.count) - y.count
    if !design.covariateIndices.isEmpty {
      notes.append("regression: covariates known for \(futureRows) future steps; later steps use 0")
    }
    return RegressionModel(design: design, coefficients: beta, qr: qr, sigma: (rss / Double(dof)).squareRoot(),
                           degreesOfFreedom: dof, history: y, covariates: input.covariates,
                           fittedValues: Array(repeating: .nan, count: start) + fittedRows, notes: notes)
  }
}
