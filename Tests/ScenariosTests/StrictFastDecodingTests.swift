import Testing
@testable import Scenarios

/// The per-SKU spec types read their fields directly (`StrictFastDecodable`) and long arrays of
/// them are decoded in shards on several threads: both must give exactly what the synthesized
/// `init(from:)` through `KeyedDecodingContainer`, element by element, gives.
@Suite struct StrictFastDecodingTests {
  /// Objects for `skus[i]`: valid, mistyped, misspelt, missing, null, extra and nested problems.
  static let skuObjects: [String] = [
    #"{"id": "A", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 3}, "unitCost": 2, "holdingCostPerUnitDay": 0.01}"#,
    #"{"id": "A", "supplier": "acme", "demand": {"distribution": "poisson", "mean": "3"}, "unitCot": 2, "holdingCostPerUnitDay": 0.01, "extra": 1}"#,
    #"{"id": 7, "supplier": null, "demand": [1], "unitCost": 1e999, "holdingCostPerUnitDay": true, "orderCost": "x", "initialOnHand": 1.5}"#,
    #"{"supplier": "acme", "leadTime": {"distribution": "gama", "mean": "4", "sd": null, "mx": 3, "values": [1, "a"]}, "demand": {"distribution": "normal", "cv": 0.2, "weekly": [1, 2, "x"], "yearly": {"amplitud": 0.1, "peakDay": 3.5, "fourier": [[0.1, "y"]]}, "promotions": [{"start": 1, "end": "x", "uplift": 2, "preDip": {"days": 2}, "bogus": 1}, 4]}}"#,
    #"{"id": "B", "supplier": "acme", "demand": {"distribution": "poisson", "mean": 3, "promotions": [{"start": 1, "end": 3, "uplift": 2, "cannibalizes": [{"sku": "A", "factor": "half"}]}]}, "unitCost": 2, "holdingCostPerUnitDay": 0.01, "unmetDemand": 3, "lostSalePenaltyPerUnit": -1}"#,
    #"7"#,
    #"null"#,
    #"{}"#,
  ]

  /// Issues and values from decoding `json` as `[SKUSpec]` with or without the fast paths.
  static func decode(_ json: String, fast: Bool) -> (values: [SKUSpec]?, issues: [String], stopped: Bool) {
    let value = try! JSONParser.parse(json)
    let log = IssueLog()
    do {
      let values: [SKUSpec]
      if fast {
        values = try StrictDecoder.decode([SKUSpec].self, from: value, node: nil, issues: log)
      } else {
        // Element by element through `init(from:)`, as `Array.init(from:)` would.
        guard case let .array(items) = value else { return (nil, [], true) }
        values = try items.enumerated().map { i, item in
          let node = PathNode(parent: nil, index: i)
          do {
            return try StrictDecoder.decode(SKUSpec.self, from: item, node: node, issues: log, fast: false)
          } catch let issue as DecodingIssue {
            log.record(issue)
            return try StrictDecoder.placeholder(SKUSpec.self, node: node)
          }
        }
      }
      return (values, log.issues.map { "\($0.path): \($0.problem)" }, false)
    } catch {
      return (nil, log.issues.map { "\($0.path): \($0.problem)" }, true)
    }
  }

  /// One object decoded as `T` with or without its fast path (a failure recorded, then a
  /// placeholder, as for a field): the values, the problems, and whether decoding stopped.
  static func one<T: Decodable & Equatable>(_ type: T.Type, _ json: String, fast: Bool) -> (value: T?, issues: [String]) {
    let log = IssueLog()
    let node = PathNode(parent: nil, key: "x")
    var value: T?
    do {
      value = try StrictDecoder.decode(T.self, from: try JSONParser.parse(json), node: node, issues: log, fast: fast)
    } catch let issue as DecodingIssue {
      log.record(issue)
      value = try? StrictDecoder.placeholder(T.self, node: node)
    } catch {
      value = nil
    }
    return (value, log.issues.map { "\($0.path): \($0.problem)" })
  }

  static let demandObjects = [
    #"{"distribution": "poisson", "mean": 3}"#,
    #"{"distribution": 3, "mean": "3", "trendPerDay": null, "weekly": [1, "a"], "yearly": {"amplitud": 1}, "promotions": [{"start": 1}], "dispersion": true, "cv": [], "spread": {}, "values": [1, null], "probabilities": 3, "bogus": 1}"#,
    #"{"mean": 3, "distributon": "poisson"}"#,
    #"[]"#,
  ]
  static let leadTimeObjects = [
    #"{"distribution": "gamma", "mean": 4, "sd": 1}"#,
    #"{"distribution": "uniform", "min": 1.5, "max": "3", "values": [1, 2.5], "probabilities": [0.5, "x"], "sdd": 1}"#,
    #"{"mean": 4}"#,
    #"4"#,
  ]
  static let yearlyObjects = [
    #"{"amplitude": 0.2, "peakDay": 3}"#,
    #"{"amplitude": "0.2", "peakDay": 3.5, "monthly": [1, "x"], "fourier": [[1, 2], 3], "month": 1}"#,
  ]
  static let promotionObjects = [
    #"{"start": 1, "end": 3, "uplift": 2, "preDip": {"days": 2, "factor": 0.5}, "cannibalizes": [{"sku": "A", "factor": 0.5}]}"#,
    #"{"start": "1", "uplift": 2, "postDip": {"day": 2}, "cannibalizes": [{"sku": 1}], "strat": 4}"#,
    #"{}"#,
  ]

  @Test func eachFastTypeDecodesAsItsDecodableInitializerDoes() {
    func check<T: Decodable & Equatable>(_ type: T.Type, _ objects: [String]) {
      for json in objects {
        let fast = Self.one(T.self, json, fast: true), slow = Self.one(T.self, json, fast: false)
        #expect(fast.issues == slow.issues, "\(T.self) \(json)")
        #expect(fast.value == slow.value, "\(T.self) \(json)")
      }
    }
    check(SKUSpec.self, Self.skuObjects)
    check(DemandSpec.self, Self.demandObjects)
    check(LeadTimeSpec.self, Self.leadTimeObjects)
    check(YearlySpec.self, Self.yearlyObjects)
    check(PromotionSpec.self, Self.promotionObjects)
    // The problems are really there: a test of two silent decoders would prove nothing.
    #expect(Self.one(DemandSpec.self, Self.demandObjects[1], fast: true).issues.count >= 8)
    #expect(Self.one(DemandSpec.self, Self.demandObjects[2], fast: true).issues == ["x.distributon: unknown key 'distributon'; did you mean 'distribution'?"])
  }

  @Test("The fast path decodes each object as init(from:) does", arguments: skuObjects.indices)
  func fastPathMatchesDecodable(index: Int) {
    let json = "[" + Self.skuObjects[index] + "]"
    let fast = Self.decode(json, fast: true), slow = Self.decode(json, fast: false)
    #expect(fast.issues == slow.issues)
    #expect(fast.values == slow.values)
    #expect(fast.stopped == slow.stopped)
    if index > 0 { #expect(!fast.issues.isEmpty) }
  }

  @Test func shardedArraysMatchOneByOneDecoding() {
    // More elements than two shards, with problems spread over several shards.
    let count = 3 * SKUSpec.shardSize + 17
    let items = (0..<count).map { k in Self.skuObjects[k % 97 == 0 ? (k / 97) % Self.skuObjects.count : 0] }
    let json = "[" + items.joined(separator: ",") + "]"
    let fast = Self.decode(json, fast: true), slow = Self.decode(json, fast: false)
    #expect(fast.issues == slow.issues)
    #expect(fast.values == slow.values)
    #expect(fast.issues.contains { $0.hasPrefix("[\(count - 1 - (count - 1) % 97)") } || fast.issues.count > 10)
  }

  @Test func withoutAnIssueLogTheFirstProblemInIndexOrderIsThrown() {
    let count = 3 * SKUSpec.shardSize
    var items = Array(repeating: Self.skuObjects[0], count: count)
    items[count - 5] = Self.skuObjects[2]
    items[SKUSpec.shardSize + 3] = Self.skuObjects[1]
    let value = try! JSONParser.parse("[" + items.joined(separator: ",") + "]")
    #expect {
      _ = try StrictDecoder.decode([SKUSpec].self, from: value, node: nil, issues: nil)
    } throws: { error in
      (error as? DecodingIssue)?.path.hasPrefix("[\(SKUSpec.shardSize + 3)]") == true
    }
  }
}
