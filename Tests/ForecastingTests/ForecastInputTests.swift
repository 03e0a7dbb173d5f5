import Testing
@testable import Forecasting

@Test func covariatesCountRows() {
  let c = Covariates(names: ["promo"], columns: [[0, 1, 0, 0]])
  #expect(c.rowCount == 4)
  #expect(ForecastInput(values: [1, 2, 3], seasonalPeriod: 1, covariates: c).covariates?.rowCount == 4)
}
