/// The scenario file as written: every type here mirrors one JSON object of the format, and the
/// README documents it. Optional fields have documented defaults, applied by `ScenarioBuilder`.
public struct ScenarioSpec: Decodable, Sendable, Equatable {
  /// Short name; reports go to `reports/<name>/` by default.
  public var name: String
  /// What the scenario is for.
  public var description: String?
  /// The seed all random streams derive from.
  public var seed: UInt64
  /// Simulated days.
  public var horizonDays: Int
  /// Days excluded from statistics at the start (default 0).
  public var warmUpDays: Int?
  /// Independent replications per policy (default 1); `--replications` overrides it.
  public var replications: Int?
  /// Where day 0 falls in the week and year.
  public var calendar: CalendarSpec?
  /// The calendar date of day 0, `yyyy-mm-dd` (weekday and day of the year follow; excludes `calendar`).
  public var startDate: String?
  /// A daily sales history (`SalesHistory`): rows before `startDate` are the past, rows from it on
  /// what happened during the horizon (demand sources `replay` and `bootstrap` read it).
  public var history: HistorySpec?
  /// Holidays: every SKU's demand × factor on these days (0 = closed).
  public var holidays: [CalendarWindowSpec]?
  /// Demand shocks: every SKU's demand × factor on these days.
  public var shocks: [CalendarWindowSpec]?
  /// Unannounced random demand shocks, drawn anew in each replication.
  public var randomShocks: RandomShocksSpec?
  /// Default for every SKU: "backorder" (default) or "lostSales".
  public var unmetDemand: String?
  /// The stocking location.
  public var warehouse: WarehouseSpec?
  /// External suppliers.
  public var suppliers: [SupplierSpec]
  /// Stock-keeping units.
  public var skus: [SKUSpec]
  /// Policies compared on the same demand.
  public var policies: [PolicySpec]
  /// Stocking nodes of a multi-echelon network (absent: one warehouse).
  public var nodes: [NodeSpec]?
  /// Lanes into the nodes of a multi-echelon network.
  public var lanes: [LaneSpec]?
  /// Parameters `supplysim sweep` varies when no `--vary` is given.
  public var sweep: SweepSpec?
  /// Named what-ifs `supplysim stress` runs against the scenario as written.
  public var stressTests: [StressTestSpec]?
}

/// `calendar`: the weekday and day of the year of day 0.
public struct CalendarSpec: Decodable, Sendable, Equatable {
  /// "monday" ... "sunday" (default "monday").
  public var startWeekday: String?
  /// 0 = 1 January (default 0).
  public var startDayOfYear: Int?
}

/// `history`: `{"file": "sales.csv"}`, a path relative to the scenario file.
public struct HistorySpec: Decodable, Sendable, Equatable {
  /// The CSV file.
  public var file: String
}

/// `warehouse`: the stocking node of a single-echelon scenario.
public struct WarehouseSpec: Decodable, Sendable, Equatable {
  /// Its name in reports.
  public var id: String
}

/// `suppliers[i]`.
public struct SupplierSpec: Decodable, Sendable, Equatable {
  /// Identifier SKUs refer to.
  public var id: String
  /// Lead time of its shipments.
  public var leadTime: LeadTimeSpec
  /// Units per day it can ship over all SKUs (absent: unlimited).
  public var capacityPerDay: Int?
  /// Scheduled outages: it ships nothing on these days.
  public var outages: [DayRangeSpec]?
  /// Random failures and repairs.
  public var randomOutages: RandomOutagesSpec?
  /// Days with a lower capacity.
  public var capacityCuts: [CapacityCutSpec]?
  /// Days whose shipments take longer.
  public var leadTimeSpikes: [LeadTimeSpikeSpec]?
  /// Share of shipped units that arrive usable, in (0, 1] (default 1: no yield loss).
  public var yieldRate: Double?
}

/// `randomShocks`: on any day a shock starts with probability 1/meanDaysBetween, lasts
/// `durationDays` and multiplies every SKU's demand by a factor uniform in minFactor…maxFactor.
public struct RandomShocksSpec: Decodable, Sendable, Equatable {
  /// Mean days between shock starts, > 1.
  public var meanDaysBetween: Double
  /// Shock length (a lead-time distribution, in days).
  public var durationDays: LeadTimeSpec
  /// Smallest demand multiplier, >= 0.
  public var minFactor: Double
  /// Largest demand multiplier, >= minFactor.
  public var maxFactor: Double
}

/// `{"start": 50, "end": 59}`: days start…end, inclusive.
public struct DayRangeSpec: Decodable, Sendable, Equatable {
  /// First day.
  public var start: Int
  /// Last day.
  public var end: Int
}

/// `suppliers[i].randomOutages`: a failure on any working day with probability 1/meanDaysBetween,
/// then a repair time drawn from `repairDays` (a lead-time distribution, in days).
public struct RandomOutagesSpec: Decodable, Sendable, Equatable {
  /// Mean working days between failures.
  public var meanDaysBetween: Double
  /// Repair time distribution.
  public var repairDays: LeadTimeSpec
}

/// `suppliers[i].capacityCuts[j]`.
public struct CapacityCutSpec: Decodable, Sendable, Equatable {
  /// First day.
  public var start: Int
  /// Last day.
  public var end: Int
  /// Units per day it can ship meanwhile.
  public var capacityPerDay: Int
}

/// `suppliers[i].leadTimeSpikes[j]`.
public struct LeadTimeSpikeSpec: Decodable, Sendable, Equatable {
  /// First day.
  public var start: Int
  /// Last day.
  public var end: Int
  /// Days added to shipments leaving on those days.
  public var extraDays: Int
}

/// A lead-time distribution: `{"distribution": "gamma", "mean": 5, "sd": 1.5}`.
///
/// Families and their fields: `deterministic` (mean, a whole number of days), `uniform` (min, max),
/// `gamma` and `lognormal` (mean, sd), `poisson` (mean), `empirical` (values, probabilities).
public struct LeadTimeSpec: Decodable, Sendable, Equatable {
  /// The family name.
  public var distribution: String
  /// Mean days.
  public var mean: Double?
  /// Standard deviation in days.
  public var sd: Double?
  /// Smallest value (uniform).
  public var min: Int?
  /// Largest value (uniform).
  public var max: Int?
  /// Whole-day values (empirical).
  public var values: [Int]?
  /// Their probabilities (empirical).
  public var probabilities: [Double]?
}

/// `skus[i]`.
public struct SKUSpec: Decodable, Sendable, Equatable {
  /// Identifier; also keys the SKU's random streams.
  public var id: String
  /// The supplier's id.
  public var supplier: String
  /// Overrides the supplier's lead time for this SKU.
  public var leadTime: LeadTimeSpec?
  /// Daily demand.
  public var demand: DemandSpec
  /// Purchase price per unit.
  public var unitCost: Double
  /// Holding cost per unit per day.
  public var holdingCostPerUnitDay: Double
  /// Backorder cost per unit per day (default 0).
  public var backorderCostPerUnitDay: Double?
  /// Lost-sale penalty per unit (default 0).
  public var lostSalePenaltyPerUnit: Double?
  /// Fixed cost per order (default 0).
  public var orderCost: Double?
  /// Units on hand on day 0 (default: mean demand over the lead time plus 14 days).
  public var initialOnHand: Int?
  /// "backorder" or "lostSales" (default: the scenario's).
  public var unmetDemand: String?
}

/// `skus[i].demand`: a family and a mean profile.
///
/// Families: `poisson`; `negativeBinomial` (dispersion); `normal`, `gamma`, `lognormal` (cv);
/// `uniform` (spread); `empirical` (values, probabilities); `deterministic`. Or, instead of a
/// family, a `source` in the scenario's sales history: `replay` or `bootstrap` (blockDays).
public struct DemandSpec: Decodable, Sendable, Equatable {
  /// The family name (absent when `source` is given).
  public var distribution: String?
  /// Demand from the sales history: "replay" (the recorded days from startDate on), "bootstrap"
  /// (moving blocks of the days before startDate), or "fitted" (reserved for fitted models).
  public var source: String?
  /// Block length of the bootstrap in days (default 28).
  public var blockDays: Int?
  /// Mean units per day at day 0 before seasonality (empirical: default the values' mean).
  public var mean: Double?
  /// Units per day added each day.
  public var trendPerDay: Double?
  /// Seven weekday factors, Monday first.
  public var weekly: [Double]?
  /// Yearly seasonality.
  public var yearly: YearlySpec?
  /// Promotions.
  public var promotions: [PromotionSpec]?
  /// Negative binomial dispersion r (variance = m + m²/r).
  public var dispersion: Double?
  /// Coefficient of variation (normal, gamma, lognormal).
  public var cv: Double?
  /// Half-width of the uniform family as a fraction of the mean.
  public var spread: Double?
  /// Values of the empirical family.
  public var values: [Double]?
  /// Probabilities of the empirical family.
  public var probabilities: [Double]?
}

/// `demand.yearly`: either `{"amplitude": 0.3, "peakDay": 350}` or `{"monthly": [12 factors]}`.
public struct YearlySpec: Decodable, Sendable, Equatable {
  /// Relative amplitude of the yearly wave, in [0, 1).
  public var amplitude: Double?
  /// Day of the year (0-364) of the peak.
  public var peakDay: Int?
  /// Twelve monthly factors instead of a wave.
  public var monthly: [Double]?
  /// Fourier terms `[[a1, b1], [a2, b2], …]`: factor 1 + Σ a_k cos(2πk d/365) + b_k sin(2πk d/365).
  public var fourier: [[Double]]?
}

/// `demand.promotions[i]`: demand × uplift on days start...end, with optional lulls around it and
/// cannibalisation of other SKUs.
public struct PromotionSpec: Decodable, Sendable, Equatable {
  /// First day (from day 0).
  public var start: Int
  /// Last day, inclusive.
  public var end: Int
  /// Demand multiplier, > 0.
  public var uplift: Double
  /// Customers wait for a promotion they know of: demand × factor on the `days` before it.
  public var preDip: DipSpec?
  /// Pull-forward: customers stocked up, so demand × factor on the `days` after it.
  public var postDip: DipSpec?
  /// Other SKUs that lose demand while this one is on promotion.
  public var cannibalizes: [CannibalizationSpec]?
}

/// `{"days": 7, "factor": 0.7}`: a lull of `days` days at `factor` × demand.
public struct DipSpec: Decodable, Sendable, Equatable {
  /// Length in days.
  public var days: Int
  /// Demand multiplier in (0, 1].
  public var factor: Double
}

/// `{"sku": "SKU-02", "factor": 0.8}`: that SKU's demand × factor during the promotion.
public struct CannibalizationSpec: Decodable, Sendable, Equatable {
  /// The SKU that loses demand.
  public var sku: String
  /// Its demand multiplier in (0, 1].
  public var factor: Double
}

/// `holidays[i]` and `shocks[i]`: every SKU's demand × factor on days start…end.
public struct CalendarWindowSpec: Decodable, Sendable, Equatable {
  /// First day.
  public var start: Int
  /// Last day.
  public var end: Int
  /// Demand multiplier, >= 0 (0: closed).
  public var factor: Double
  /// A label for reports.
  public var name: String?
}

/// `policies[i]`: a policy as written. `name` and `type` are common to every policy, `stock` and
/// `nodes` to policies in networks; every other key belongs to the type, which declares it in its
/// `PolicyRegistry` entry. Decoding checks the keys against that declaration (an unknown key gets
/// a "did you mean"); the type reads the values when the scenario is built.
public struct PolicySpec: Decodable, Sendable, Equatable {
  /// Label in reports; unique.
  public var name: String
  /// The policy type (`PolicyRegistry`).
  public var type: String
  /// Multi-echelon networks: "installation" (default) or "echelon" stock positions.
  public var stock: String?
  /// Multi-echelon networks: node id → the type's keys that change at that node (and `type`, to
  /// run another type there), as written.
  public var nodes: [String: JSONValue]?
  /// The type's own keys as written, in file order.
  public var settings: [(key: String, value: JSONValue)]

  enum CodingKeys: String, CodingKey { case name, type, stock, nodes }

  /// Decodes the common keys, then the keys the type declares; with an unknown type, every other
  /// key is taken as written (the unknown type is the one problem reported).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    type = try c.decode(String.self, forKey: .type)
    stock = try c.decodeIfPresent(String.self, forKey: .stock)
    nodes = try c.decodeIfPresent([String: JSONValue].self, forKey: .nodes)
    let own = try decoder.container(keyedBy: DocumentKey.self)
    let keys = PolicyRegistry.entry(named: type)?.knownKeys ?? own.allKeys.map(\.stringValue).filter { CodingKeys(rawValue: $0) == nil }
    settings = []
    for key in keys {
      if let value = try own.decodeIfPresent(JSONValue.self, forKey: DocumentKey(stringValue: key)) { settings.append((key, value)) }
    }
    // While a whole document's structural problems are collected, the type's own values of the
    // wrong kind are collected too, so they are listed with the rest in one pass (their ranges
    // are checked when the scenario is built).
    if let strict = decoder as? StrictDecoder, let issues = strict.issues, let node = strict.node,
       let entry = PolicyRegistry.entry(named: type) {
      var reader = PolicyReader(name: name, members: settings, node: node, skuIDs: [], skuPosition: [:], isNetwork: false)
      _ = entry.read(&reader)
      for problem in reader.problems where problem.problem.hasPrefix("expected ") {
        issues.record(DecodingIssue(path: problem.path, problem: problem.problem))
      }
    }
  }

  /// Creates a policy as written.
  public init(name: String, type: String, settings: [(key: String, value: JSONValue)] = [], stock: String? = nil, nodes: [String: JSONValue]? = nil) {
    self.name = name
    self.type = type
    self.settings = settings
    self.stock = stock
    self.nodes = nodes
  }

  /// Equal when every key and value is.
  public static func == (a: PolicySpec, b: PolicySpec) -> Bool {
    a.name == b.name && a.type == b.type && a.stock == b.stock && a.nodes == b.nodes
      && JSONValue.object(a.settings) == JSONValue.object(b.settings)
  }
}

/// `policies[i].lp`: the rolling-horizon LP policy's plan.
public struct LPPolicySpec: Decodable, Sendable, Equatable {
  /// Days planned ahead (default 28).
  public var horizonDays: Int?
  /// "expected" (the demand model's mean: an oracle) or "forecast" (the policy's forecaster; default
  /// when `forecast` is set).
  public var demand: String?
  /// Purchase budget per day over all SKUs.
  public var budgetPerDay: Double?
  /// Units on hand over all SKUs at any close.
  public var storageCapacity: Double?
  /// Smallest order of any SKU (makes the plan a MIP).
  public var minimumOrderQuantity: Int?
  /// Model fixed order costs with binary variables (a MIP).
  public var fixedOrderCosts: Bool?
  /// Order whole units (a MIP).
  public var integerQuantities: Bool?
  /// Branch-and-bound nodes per plan (default 2000).
  public var nodeLimit: Int?
}

/// `policies[i].forecast`: the forecaster a policy plans with, and how often it refits.
public struct ForecastPolicySpec: Decodable, Sendable, Equatable {
  /// A forecaster name (`supplysim forecast --list` shows them), e.g. "auto_ets".
  public var model: String
  /// Its parameters, e.g. `{"period": 7}`.
  public var parameters: [String: Double]?
  /// Members of an `ensemble`.
  public var members: [ForecastMemberSpec]?
  /// Days between refits (default 7).
  public var retrainEvery: Int?
  /// The most recent days of observed demand a fit uses (default 365).
  public var historyDays: Int?
  /// The seasonal period given to the forecaster (default 7: weekly cycle in daily data).
  public var seasonalPeriod: Int?
  /// Give known promotion uplifts to the forecaster as a covariate (default true).
  public var promotionCovariate: Bool?
  /// `lstm`/`gru` only: train one network across all SKUs at each refit (default false).
  public var global: Bool?
  /// With `global`: the most training windows per refit over all SKUs (default 4096).
  public var maxTrainingWindows: Int?
  /// `"none"` (default) or `"conformal"`: calibrate the safety-stock spread by split-conformal
  /// quantiles of past errors (`ForecastSettings.Calibration`).
  public var calibration: String?
}

/// A member of an ensemble forecaster.
public struct ForecastMemberSpec: Decodable, Sendable, Equatable {
  /// The member's forecaster name.
  public var model: String
  /// Its parameters.
  public var parameters: [String: Double]?
}

/// A quantity given as a number of units or as the word "eoq".
public enum QuantitySpec: Decodable, Sendable, Equatable {
  /// A number of units.
  case units(Int)
  /// The economic order quantity.
  case eoq

  /// Decodes a whole number or the string "eoq".
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let word = try? c.decode(String.self) {
      guard word == "eoq" else {
        throw DecodingIssue(path: jsonPath(decoder.codingPath), problem: "expected a whole number of units or \"eoq\", got \"\(word)\"")
      }
      self = .eoq
    } else {
      self = .units(try c.decode(Int.self))
    }
  }
}

/// `policies[i].overrides[j]`: explicit levels for one SKU.
public struct OverrideSpec: Decodable, Sendable, Equatable {
  /// The SKU's id.
  public var sku: String
  /// Reorder point s.
  public var s: Int?
  /// Order-up-to level S.
  public var S: Int?
  /// Order quantity Q.
  public var Q: Int?
}
