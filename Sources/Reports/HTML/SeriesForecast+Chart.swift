import Experiments
import SupplyModel

extension SeriesForecast {
  /// A line-and-band chart of this forecast: actual demand, forecast mean, shaded interval and
  /// the forecast horizon highlighted.
  public func chart(id: String, width: Double = 640, height: Double = 300) -> LineChart {
    let actualDays = actual.indices.map { Double(firstDay + $0) }
    let forecastDays = mean.indices.map { Double(forecastStart + $0) }
    let percent = NumberFormat.percent(level, 0)
    var subtitle = method
    if let coverage { subtitle += "; \(NumberFormat.percent(coverage, 0)) of actual days inside the \(percent) interval" }
    let horizon = forecastDays.isEmpty ? [] : [XHighlight(range: forecastDays.first!...forecastDays.last!, label: "forecast")]
    return LineChart(
      id: id, title: "\(sku): forecast vs actual demand", subtitle: subtitle,
      description: "Daily demand of \(sku) (line) with the \(method) forecast mean (dashed) and its \(percent) prediction interval (band) over days \(forecastStart) to \(forecastStart + mean.count - 1).",
      xAxis: Axis(title: "Day", extendsToTicks: false), yAxis: Axis(title: "Units per day", includesZero: true),
      bands: [BandSeries(name: "\(percent) prediction interval", color: ChartPalette.skyBlue, x: forecastDays, lower: lower, upper: upper, opacity: 0.35)],
      lines: [LineSeries(name: "Actual", color: ChartPalette.black, x: actualDays, y: actual, width: 1.4),
              LineSeries(name: "Forecast mean", color: ChartPalette.vermillion, x: forecastDays, y: mean, dash: "6 3", width: 2)],
      highlights: horizon, width: width, height: height, className: "chart-forecast")
  }
}
