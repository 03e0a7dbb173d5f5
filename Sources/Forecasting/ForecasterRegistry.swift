/// Builds forecasters from `ForecasterSpec`s.
///
/// To add a method of this module: append an `Entry` to `entries` (this file) with its name,
/// summary, parameter keys and builder; names are listed in that order. A module that depends
/// on Forecasting (e.g. NeuralForecasting) cannot be named here: it publishes its own `[Entry]`,
/// and callers that know both (the CLI, scenarios) pass them as `additional:`.
/// Every method also accepts `clean` (a threshold in robust standard deviations, > 0): the
/// history is then cleaned by `AnomalyCleaner` before fitting. Built-in methods come wrapped
/// in `ScaleNormalizingForecaster` (outermost), so series near 1e200 or 1e-300 fit as well as
/// ordinary ones; series of ordinary magnitude pass through it unchanged.
public enum ForecasterRegistry {
  /// One registered method.
  public struct Entry: Sendable {
    /// The name used in specs.
    public var name: String
    /// One line on what it does.
    public var summary: String
    /// Accepted parameter keys with a short description, besides `clean`.
    public var parameters: [(key: String, help: String)]
    /// Builds the forecaster; read parameters through the reader so errors name the method and key.
    public var build: @Sendable (ForecasterSpec, ParameterReader) throws(ForecastError) -> any Forecaster

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - name: The spec name, e.g. `"lstm"`; must not clash with another entry.
    ///   - summary: One line for listings.
    ///   - parameters: Accepted keys with help text (unknown keys are rejected before `build` runs).
    ///   - build: Makes the forecaster from the spec.
    public init(name: String, summary: String, parameters: [(key: String, help: String)],
                build: @escaping @Sendable (ForecasterSpec, ParameterReader) throws(ForecastError) -> any Forecaster) {
      self.name = name; self.summary = summary; self.parameters = parameters; self.build = build
    }
  }

  /// Every registered method, in listing order.
  public static let entries: [Entry] = [
    Entry(name: "naive", summary: "last value repeated", parameters: []) { _, _ in NaiveForecaster() },
    Entry(name: "seasonal_naive", summary: "last season repeated",
          parameters: [("period", "seasonal period; default: the input's")]) { _, p throws(ForecastError) in
      SeasonalNaiveForecaster(period: try p.int("period", min: 1))
    },
    Entry(name: "mean", summary: "historical mean", parameters: []) { _, _ in MeanForecaster() },
    Entry(name: "moving_average", summary: "mean of the last window",
          parameters: [("window", "values averaged, default 7")]) { _, p throws(ForecastError) in
      MovingAverageForecaster(window: try p.int("window", min: 1) ?? 7)
    },
    Entry(name: "regression", summary: "least squares on trend, seasonality, covariates and lags",
          parameters: [("trend", "0/1 linear trend, default 1"), ("seasonal_dummies", "0/1 dummies for the input's period"),
                       ("fourier_period", "period of Fourier terms"), ("fourier_k", "harmonics, default 1"),
                       ("fourier_period2", "second Fourier period"), ("fourier_k2", "its harmonics, default 1"),
                       ("covariates", "0/1 use every input covariate, default 1"), ("lags", "use lags 1...L"),
                       ("ridge", "ridge penalty >= 0, default 0")]) { _, p throws(ForecastError) in
      var fourier: [RegressionFeatures.FourierTerm] = []
      for (pk, kk) in [("fourier_period", "fourier_k"), ("fourier_period2", "fourier_k2")] {
        if let period = try p.double(pk, min: 1.000001) {
          let k = try p.int(kk, min: 1) ?? 1
          guard Double(k) <= period / 2 else {
            throw .invalidInput("regression: \(kk) must be <= \(pk)/2 = \(period / 2), got \(k)")
          }
          fourier.append(.init(period: period, harmonics: k))
        }
      }
      let lags = try p.int("lags", min: 0) ?? 0
      let features = RegressionFeatures(
        trend: try p.flag("trend") ?? true, seasonalDummies: try p.flag("seasonal_dummies") ?? false,
        fourier: fourier, covariates: (try p.flag("covariates") ?? true) ? nil : [],
        lags: lags > 0 ? Array(1...lags) : [])
      return RegressionForecaster(features: features, ridge: try p.double("ridge", min: 0) ?? 0)
    },
    Entry(name: "ses", summary: "simple exponential smoothing",
          parameters: [("alpha", "fixed level smoothing in [0, 1]")]) { _, p throws(ForecastError) in
      ExponentialSmoothingForecaster(alpha: try p.unit("alpha"), name: "ses")
    },
    Entry(name: "holt", summary: "Holt's linear trend, optionally damped",
          parameters: [("damped", "0/1"), ("alpha", "fixed"), ("beta", "fixed"), ("phi", "fixed damping")]) { _, p throws(ForecastError) in
      ExponentialSmoothingForecaster(trend: (try p.flag("damped") ?? false) ? .damped : .additive,
                                     alpha: try p.unit("alpha"), beta: try p.unit("beta"), phi: try p.unit("phi"),
                                     name: "holt")
    },
    Entry(name: "holt_winters", summary: "Holt-Winters with trend and seasonality",
          parameters: [("multiplicative", "0/1 seasonality, default 0"), ("damped", "0/1"), ("period", "seasonal period"),
                       ("alpha", "fixed"), ("beta", "fixed"), ("gamma", "fixed"), ("phi", "fixed")]) { _, p throws(ForecastError) in
      ExponentialSmoothingForecaster(
        trend: (try p.flag("damped") ?? false) ? .damped : .additive,
        seasonality: (try p.flag("multiplicative") ?? false) ? .multiplicative : .additive,
        period: try p.int("period", min: 2), alpha: try p.unit("alpha"), beta: try p.unit("beta"),
        gamma: try p.unit("gamma"), phi: try p.unit("phi"), name: "holt_winters")
    },
    Entry(name: "ets", summary: "exponential smoothing with chosen components",
          parameters: [("trend", "0 none, 1 additive, 2 damped"), ("seasonal", "0 none, 1 additive, 2 multiplicative"),
                       ("period", "seasonal period"), ("optimize_initial", "0/1 optimise initial states"),
                       ("alpha", "fixed"), ("beta", "fixed"), ("gamma", "fixed"), ("phi", "fixed")]) { _, p throws(ForecastError) in
      let trends: [ETSTrend] = [.none, .additive, .damped]
      let seasons: [ETSSeasonality] = [.none, .additive, .multiplicative]
      return ExponentialSmoothingForecaster(
        trend: trends[try p.int("trend", min: 0, max: 2) ?? 0],
        seasonality: seasons[try p.int("seasonal", min: 0, max: 2) ?? 0],
        initialization: (try p.flag("optimize_initial") ?? false) ? .optimized : .heuristic,
        period: try p.int("period", min: 2), alpha: try p.unit("alpha"), beta: try p.unit("beta"),
        gamma: try p.unit("gamma"), phi: try p.unit("phi"))
    },
    Entry(name: "auto_ets", summary: "exponential smoothing variant chosen by AICc",
          parameters: [("period", "seasonal period"), ("damped", "0/1 allow damped trends, default 1"),
                       ("multiplicative", "0/1 allow multiplicative seasonality, default 1")]) { _, p throws(ForecastError) in
      AutoETSForecaster(period: try p.int("period", min: 1), allowDamped: try p.flag("damped") ?? true,
                        allowMultiplicative: try p.flag("multiplicative") ?? true)
    },
    Entry(name: "croston", summary: "Croston's intermittent-demand method",
          parameters: [("alpha", "size smoothing, default 0.1"), ("beta", "interval smoothing, default alpha"),
                       ("optimize", "0/1 choose constants by in-sample MSE")]) { _, p throws(ForecastError) in
      try crostonLike(.classic, p)
    },
    Entry(name: "sba", summary: "Syntetos-Boylan approximation (bias-corrected Croston)",
          parameters: [("alpha", "size smoothing, default 0.1"), ("beta", "interval smoothing, default alpha"),
                       ("optimize", "0/1 choose constants by in-sample MSE")]) { _, p throws(ForecastError) in
      try crostonLike(.sba, p)
    },
    Entry(name: "tsb", summary: "Teunter-Syntetos-Babai intermittent-demand method",
          parameters: [("alpha", "size smoothing, default 0.1"), ("beta", "probability smoothing, default 0.1"),
                       ("optimize", "0/1 choose constants by in-sample MSE")]) { _, p throws(ForecastError) in
      let optimize = try p.flag("optimize") ?? false
      return TSBForecaster(alpha: try p.positiveUnit("alpha") ?? (optimize ? nil : 0.1),
                           beta: try p.positiveUnit("beta") ?? (optimize ? nil : 0.1))
    },
    Entry(name: "arima", summary: "ARIMA/SARIMA (p,d,q)(P,D,Q)m by exact maximum likelihood",
          parameters: [("p", "AR order"), ("d", "differences"), ("q", "MA order"), ("P", "seasonal AR order"),
                       ("D", "seasonal differences"), ("Q", "seasonal MA order"),
                       ("drift", "0/1 include a mean (d + D = 0) or drift (d + D = 1)")]) { spec, _ throws(ForecastError) in
      try ARIMAForecaster(parameters: spec.parameters.filter { $0.key != "clean" })
    },
    Entry(name: "auto_arima", summary: "ARIMA orders chosen by the Hyndman-Khandakar stepwise search on AICc",
          parameters: [("max_p", "largest p, default 5"), ("max_q", "largest q, default 5"),
                       ("max_P", "largest P, default 2"), ("max_Q", "largest Q, default 2"),
                       ("max_d", "largest d, default 2"), ("max_D", "largest D, default 1"),
                       ("constant", "0/1 consider a mean or drift, default 1"),
                       ("approximation", "0/1 rank by CSS then refit by ML; default automatic")]) { _, p throws(ForecastError) in
      AutoARIMA(maxP: try p.int("max_p", min: 0, max: 10) ?? 5, maxQ: try p.int("max_q", min: 0, max: 10) ?? 5,
                maxSeasonalP: try p.int("max_P", min: 0, max: 4) ?? 2, maxSeasonalQ: try p.int("max_Q", min: 0, max: 4) ?? 2,
                maxD: try p.int("max_d", min: 0, max: 3) ?? 2, maxSeasonalD: try p.int("max_D", min: 0, max: 2) ?? 1,
                approximation: try p.flag("approximation"), allowConstant: try p.flag("constant") ?? true)
    },
    Entry(name: "ensemble", summary: "mean or median of member forecasts (members required)",
          parameters: [("median", "0/1 combine by median, default mean")]) { spec, p throws(ForecastError) in
      guard !spec.members.isEmpty else { throw .invalidInput("ensemble: needs at least one member") }
      var members: [any Forecaster] = []
      for m in spec.members { members.append(try p.make(m)) }
      return EnsembleForecaster(members: members, combination: (try p.flag("median") ?? false) ? .median : .mean)
    },
  ]

  /// The registered names, in listing order.
  public static var names: [String] { entries.map(\.name) }

  /// The built-in names followed by those of `additional` entries.
  public static func names(additional: [Entry]) -> [String] { all(additional).map(\.name) }

  /// The parameter keys a method accepts (including `clean`), or nil for an unknown name.
  public static func parameters(for name: String, additional: [Entry] = []) -> [String]? {
    all(additional).first { $0.name == name }.map { $0.parameters.map(\.key) + ["clean"] }
  }

  private static func all(_ additional: [Entry]) -> [Entry] {
    let builtIn = Set(entries.map(\.name))
    for e in additional {
      precondition(!builtIn.contains(e.name), "ForecasterRegistry: additional entry \"\(e.name)\" clashes with a built-in name")
    }
    return entries + additional
  }

  /// Builds the forecaster a spec names.
  ///
  /// - Parameters:
  ///   - spec: The name, parameters and (for ensembles) members.
  ///   - additional: Entries registered by other modules, consulted after the built-in ones
  ///     (also for ensemble members).
  /// - Throws: `.invalidInput` for an unknown name (listing the valid ones), an unknown
  ///   parameter key (listing the method's keys), or a value out of range or not an integer
  ///   where one is needed.
  /// - Returns: For a built-in name, the method wrapped in `ScaleNormalizingForecaster` (and,
  ///   inside it, `AnomalyCleaningForecaster` when `clean` is set); an additional entry's
  ///   forecaster as its builder made it (cleaned when `clean` is set).
  public static func make(_ spec: ForecasterSpec, additional: [Entry] = []) throws(ForecastError) -> any Forecaster {
    let known = all(additional)
    guard let entry = known.first(where: { $0.name == spec.name }) else {
      throw .invalidInput("unknown forecaster \"\(spec.name)\"; valid names: \(known.map(\.name).joined(separator: ", "))")
    }
    let valid = entry.parameters.map(\.key) + ["clean"]
    for key in spec.parameters.keys.sorted() where !valid.contains(key) {
      throw .invalidInput("\(spec.name): unknown parameter \"\(key)\"; valid: \(valid.joined(separator: ", "))")
    }
    if !spec.members.isEmpty && spec.name != "ensemble" {
      throw .invalidInput("\(spec.name): only \"ensemble\" takes members")
    }
    let reader = ParameterReader(method: spec.name, values: spec.parameters, additional: additional)
    var forecaster = try entry.build(spec, reader)
    if let threshold = try reader.double("clean", min: 0), threshold > 0 {
      forecaster = cleaning(forecaster, threshold: threshold)
    }
    let builtIn = entries.contains { $0.name == spec.name }
    return builtIn ? normalizing(forecaster) : forecaster
  }

  private static func normalizing<F: Forecaster>(_ f: F) -> any Forecaster {
    ScaleNormalizingForecaster(base: f)
  }

  private static func cleaning<F: Forecaster>(_ f: F, threshold: Double) -> any Forecaster {
    AnomalyCleaningForecaster(base: f, cleaner: AnomalyCleaner(threshold: threshold))
  }

  private static func crostonLike(_ variant: CrostonForecaster.Variant, _ p: ParameterReader) throws(ForecastError) -> any Forecaster {
    let optimize = try p.flag("optimize") ?? false
    let alpha = try p.positiveUnit("alpha") ?? (optimize ? nil : 0.1)
    return CrostonForecaster(variant: variant, alpha: alpha, beta: try p.positiveUnit("beta"))
  }
}
