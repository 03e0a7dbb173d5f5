import DemandFitting
import SupplyModel

extension HTMLReport {
  /// "Fitted demand": per SKU fitted to the sales history, its class, family and parameters,
  /// profile and goodness of fit; empty when no SKU was fitted.
  func demandFitSection() -> String {
    let fits = result.scenario.demandFits
    guard !fits.isEmpty else { return "" }
    func withSE(_ e: Estimate, _ digits: Int) -> String {
      NumberFormat.fixed(e.value, digits) + (e.standardError.map { " ± " + NumberFormat.fixed($0, digits) } ?? "")
    }
    var h = "<section id=\"fitted-demand\">\n<h2>Fitted demand</h2>\n"
    h += "<p>Demand models fitted to each SKU's sales before day 0: the Syntetos–Boylan class (ADI cut-off 1.32, CV² 0.49), the count family chosen by AIC with its parameters (± one standard error), the level on the history's first day, a trend kept only when significant, the weekly factors, the promotion uplift and the chi-square goodness of fit of the family (a small p rejects it; below 0.001 the family becomes empirical). Out-of-stock days enter as censored observations.</p>\n"
    h += "<div class=\"table-wrap\">\n<table class=\"per-sku\">\n<thead><tr>"
    for title in ["SKU", "Class", "ADI", "CV²", "Family", "Parameters", "Level/day", "Trend/day", "Weekly (Mon…Sun)", "Promotion ×", "χ² (df), p", "Censored days"] {
      h += "<th scope=\"col\">\(esc(title))</th>"
    }
    h += "</tr></thead>\n<tbody>\n"
    for entry in fits {
      let sku = entry.sku, f = entry.fit
      let parameters: String
      switch f.family {
      case .poisson: parameters = "–"
      case let .negativeBinomial(r): parameters = "r = " + withSE(r, 2)
      case let .zeroInflatedPoisson(pi): parameters = "π = " + withSE(pi, 3)
      case let .zeroInflatedNegativeBinomial(pi, r): parameters = "π = " + withSE(pi, 3) + ", r = " + withSE(r, 2)
      case let .empirical(values, _): parameters = "\(values.count) values"
      }
      let gof = f.goodnessOfFit.map { "\(NumberFormat.fixed($0.statistic, 1)) (\($0.degreesOfFreedom)), \(NumberFormat.fixed($0.pValue, 3))" } ?? "–"
      let cells = [
        f.demandClass.rawValue, f.pattern.adi.isFinite ? NumberFormat.fixed(f.pattern.adi, 2) : "–", NumberFormat.fixed(f.pattern.cv2, 2),
        f.family.name, parameters, withSE(f.level, 2), f.trendTest?.kept == true ? NumberFormat.fixed(f.trendPerDay, 4) : "–",
        f.weekly.isEmpty ? "–" : f.weekly.map { NumberFormat.fixed($0, 2) }.joined(separator: " "),
        f.promotionUplift.map { withSE($0, 2) } ?? "–", gof, "\(f.censoredDays)",
      ]
      h += "<tr><th scope=\"row\">\(esc(sku))</th>" + cells.map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n"
    }
    h += "</tbody>\n</table>\n</div>\n</section>\n"
    return h
  }
}
