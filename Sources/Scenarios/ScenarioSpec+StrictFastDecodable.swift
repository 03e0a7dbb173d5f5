// The per-SKU types of a scenario read themselves field by field (see `StrictFastDecodable`):
// each initializer makes, in declaration order, the call a synthesized `init(from:)` makes for
// the field (`decode` for a required one, `decodeIfPresent` for an optional one), so a
// 1,000,000-SKU file decodes several times faster with the same checks and messages.

extension SKUSpec: StrictFastDecodable {
  enum CodingKeys: String, CodingKey {
    case id, supplier, leadTime, demand, unitCost, holdingCostPerUnitDay, backorderCostPerUnitDay
    case lostSalePenaltyPerUnit, orderCost, initialOnHand, unmetDemand
  }

  init(strict c: StrictKeyedContainer<CodingKeys>) throws {
    id = try c.decode(String.self, forKey: .id)
    supplier = try c.decode(String.self, forKey: .supplier)
    leadTime = try c.decodeIfPresent(LeadTimeSpec.self, forKey: .leadTime)
    demand = try c.decode(DemandSpec.self, forKey: .demand)
    unitCost = try c.decode(Double.self, forKey: .unitCost)
    holdingCostPerUnitDay = try c.decode(Double.self, forKey: .holdingCostPerUnitDay)
    backorderCostPerUnitDay = try c.decodeIfPresent(Double.self, forKey: .backorderCostPerUnitDay)
    lostSalePenaltyPerUnit = try c.decodeIfPresent(Double.self, forKey: .lostSalePenaltyPerUnit)
    orderCost = try c.decodeIfPresent(Double.self, forKey: .orderCost)
    initialOnHand = try c.decodeIfPresent(Int.self, forKey: .initialOnHand)
    unmetDemand = try c.decodeIfPresent(String.self, forKey: .unmetDemand)
  }
}

extension DemandSpec: StrictFastDecodable {
  enum CodingKeys: String, CodingKey {
    case distribution, source, blockDays, mean, trendPerDay, weekly, yearly, promotions, dispersion, cv, spread, values, probabilities
  }

  init(strict c: StrictKeyedContainer<CodingKeys>) throws {
    distribution = try c.decodeIfPresent(String.self, forKey: .distribution)
    source = try c.decodeIfPresent(String.self, forKey: .source)
    blockDays = try c.decodeIfPresent(Int.self, forKey: .blockDays)
    mean = try c.decodeIfPresent(Double.self, forKey: .mean)
    trendPerDay = try c.decodeIfPresent(Double.self, forKey: .trendPerDay)
    weekly = try c.decodeIfPresent([Double].self, forKey: .weekly)
    yearly = try c.decodeIfPresent(YearlySpec.self, forKey: .yearly)
    promotions = try c.decodeIfPresent([PromotionSpec].self, forKey: .promotions)
    dispersion = try c.decodeIfPresent(Double.self, forKey: .dispersion)
    cv = try c.decodeIfPresent(Double.self, forKey: .cv)
    spread = try c.decodeIfPresent(Double.self, forKey: .spread)
    values = try c.decodeIfPresent([Double].self, forKey: .values)
    probabilities = try c.decodeIfPresent([Double].self, forKey: .probabilities)
  }
}

extension LeadTimeSpec: StrictFastDecodable {
  enum CodingKeys: String, CodingKey {
    case distribution, mean, sd, min, max, values, probabilities
  }

  init(strict c: StrictKeyedContainer<CodingKeys>) throws {
    distribution = try c.decode(String.self, forKey: .distribution)
    mean = try c.decodeIfPresent(Double.self, forKey: .mean)
    sd = try c.decodeIfPresent(Double.self, forKey: .sd)
    min = try c.decodeIfPresent(Int.self, forKey: .min)
    max = try c.decodeIfPresent(Int.self, forKey: .max)
    values = try c.decodeIfPresent([Int].self, forKey: .values)
    probabilities = try c.decodeIfPresent([Double].self, forKey: .probabilities)
  }
}

extension YearlySpec: StrictFastDecodable {
  enum CodingKeys: String, CodingKey {
    case amplitude, peakDay, monthly, fourier
  }

  init(strict c: StrictKeyedContainer<CodingKeys>) throws {
    amplitude = try c.decodeIfPresent(Double.self, forKey: .amplitude)
    peakDay = try c.decodeIfPresent(Int.self, forKey: .peakDay)
    monthly = try c.decodeIfPresent([Double].self, forKey: .monthly)
    fourier = try c.decodeIfPresent([[Double]].self, forKey: .fourier)
  }
}

extension PromotionSpec: StrictFastDecodable {
  enum CodingKeys: String, CodingKey {
    case start, end, uplift, preDip, postDip, cannibalizes
  }

  init(strict c: StrictKeyedContainer<CodingKeys>) throws {
    start = try c.decode(Int.self, forKey: .start)
    end = try c.decode(Int.self, forKey: .end)
    uplift = try c.decode(Double.self, forKey: .uplift)
    preDip = try c.decodeIfPresent(DipSpec.self, forKey: .preDip)
    postDip = try c.decodeIfPresent(DipSpec.self, forKey: .postDip)
    cannibalizes = try c.decodeIfPresent([CannibalizationSpec].self, forKey: .cannibalizes)
  }
}
