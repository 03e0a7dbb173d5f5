#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import InventoryOptimization
import Replenishment

extension PolicyRegistry {
  /// `learned`: a neural lost-sales policy loaded from the model file `supplysim train` writes.
  static let learnedEntry = Entry(
    name: "learned",
    summary: "a neural lost-sales policy trained by `supplysim train` (approximate policy iteration), loaded from its model file",
    keys: [("model", "the model file (JSON) written by supplysim train, relative to the scenario file")]
  ) { reader in
    guard reader.has("model") else {
      reader.fail("model", "is required: the model file written by supplysim train SCENARIO --policy \(reader.name)")
      return nil
    }
    guard let file = reader.string("model") else { return nil }
    let path = file.hasPrefix("/") ? file : reader.folder + "/" + file
    guard let data = FileManager.default.contents(atPath: path) else {
      reader.fail("model", "names \(path), which does not exist or cannot be read; write it with supplysim train SCENARIO --policy \(reader.name)")
      return nil
    }
    let model: LearnedLostSalesPolicy
    do {
      model = try JSONDecoder().decode(LearnedLostSalesPolicy.self, from: data)
    } catch {
      reader.fail("model", "\(path) is not a learned-policy model file (it does not decode: \(LearnedModelFile.reason(error))); write it with supplysim train")
      return nil
    }
    if let defect = model.defect {
      reader.fail("model", "\(path): \(defect); write it again with supplysim train")
      return nil
    }
    return LearnedPolicyModel(model: model, file: file)
  }
}

/// Short reasons for a model file that does not decode.
enum LearnedModelFile {
  static func reason(_ error: any Error) -> String {
    guard let e = error as? DecodingError else { return "not JSON" }
    switch e {
    case let .keyNotFound(key, _): return "no \"\(key.stringValue)\""
    case let .typeMismatch(_, c), let .valueNotFound(_, c): return "\"\(c.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
    case .dataCorrupted: return "not JSON"
    @unknown default: return "not JSON"
    }
  }
}
