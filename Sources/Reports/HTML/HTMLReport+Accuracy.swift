import Experiments

extension HTMLReport {
  /// "Forecast accuracy beside the KPIs": per forecasting policy its accuracy and interval
  /// coverage on the history's holdout and on the simulated days next to its cost and service
  /// (the table of `RunReport.forecastAccuracySection`); empty without forecasting policies.
  func forecastAccuracySection() -> String {
    let figures = ForecastAccuracyFigures(result: result)
    guard !figures.policies.isEmpty else { return "" }
    let report = RunReport(result: result, version: version)
    var h = "<section id=\"forecast-accuracy\">\n<h2>Forecast accuracy beside the KPIs</h2>\n"
    h += "<p>\(esc(RunReport.accuracyLede(hasHoldout: figures.policies.contains { $0.holdout != nil })))</p>\n"
    h += "<div class=\"table-wrap\">\n<table class=\"per-sku\">\n<thead><tr>"
    h += RunReport.accuracyHeader.map { "<th scope=\"col\">\(esc($0))</th>" }.joined()
    h += "</tr></thead>\n<tbody>\n"
    for row in report.accuracyRows(figures) {
      h += "<tr>" + (row[0].isEmpty ? "<td></td>" : "<th scope=\"row\">\(esc(row[0]))</th>") + row.dropFirst().map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n"
    let bounds = report.boundRows(figures)
    if !bounds.isEmpty {
      h += "<p>\(esc(RunReport.boundLede))</p>\n<div class=\"table-wrap\">\n<table class=\"per-sku\">\n<thead><tr>"
      h += RunReport.boundHeader.map { "<th scope=\"col\">\(esc($0))</th>" }.joined()
      h += "</tr></thead>\n<tbody>\n"
      for row in bounds { h += "<tr><th scope=\"row\">\(esc(row[0]))</th>" + row.dropFirst().map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n" }
      h += "</tbody>\n</table>\n</div>\n"
    }
    h += "</section>\n"
    return h
  }
}
