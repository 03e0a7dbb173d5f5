#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import InventoryOptimization
import Replenishment

extension PolicyRegistry {
  /// `learned`: a neural lost-sales policy loaded from the model file `supplysim train` writes
  /// (`"model"`, for every SKU), or one model file per SKU id (`"models"`).
  static let learnedEntry = Entry(
    name: "learned",
    summary: "a neural lost-sales policy trained by `supplysim train` (approximate policy iteration), loaded from its model file",
    keys: [("model", "the model file (JSON) written by supplysim train, relative to the scenario file, for every SKU"),
           ("models", "instead of model: {\"SKU id\": model file, ...} naming every SKU's own model")]
  ) { reader in
    switch (reader.has("model"), reader.has("models")) {
    case (true, true):
      reader.fail("models", "cannot be given with \"model\"; give one model for every SKU (\"model\") or one per SKU (\"models\")")
      return nil
    case (false, false):
      reader.fail("model", "is required: the model file written by supplysim train SCENARIO --policy \(reader.name) (or \"models\": one per SKU id)")
      return nil
    case (true, false):
      guard let file = reader.string("model") else { return nil }
      guard let model = LearnedModelFile.load(file, key: "model", reader: &reader) else { return nil }
      return LearnedPolicyModel(model: model, file: file)
    case (false, true):
      guard let files = reader.decode([String: String].self, "models") else { return nil }
      var models: [String: (model: LearnedLostSalesPolicy, file: String)] = [:]
      for id in files.keys.sorted() where !reader.skuIDs.contains(id) {
        _ = reader.sku(id, at: reader.path(of: "models") + "." + id)
      }
      for id in reader.skuIDs {
        guard let file = files[id] else {
          reader.fail("models", "has no model for SKU \"\(id)\"; name one model file for every SKU")
          continue
        }
        if let model = LearnedModelFile.load(file, key: "models." + id, reader: &reader) { models[id] = (model, file) }
      }
      guard reader.problems.isEmpty, !reader.skuIDs.isEmpty else { return nil }
      return LearnedPolicyModel(skuModels: models, skuIDs: reader.skuIDs)
    }
  }
}

/// Short reasons for a model file that does not decode.
enum LearnedModelFile {
  /// The model in `file` (relative to the scenario's folder), or nil with a problem at `key`.
  static func load(_ file: String, key: String, reader: inout PolicyReader) -> LearnedLostSalesPolicy? {
    let path = file.hasPrefix("/") ? file : reader.folder + "/" + file
    guard let data = FileManager.default.contents(atPath: path) else {
      reader.fail(key, "names \(path), which does not exist or cannot be read; write it with supplysim train SCENARIO --policy \(reader.name)")
      return nil
    }
    let model: LearnedLostSalesPolicy
    do {
      model = try JSONDecoder().decode(LearnedLostSalesPolicy.self, from: data)
    } catch {
      reader.fail(key, "\(path) is not a learned-policy model file (it does not decode: \(reason(error))); write it with supplysim train")
      return nil
    }
    if let defect = model.defect {
      reader.fail(key, "\(path): \(defect); write it again with supplysim train")
      return nil
    }
    return model
  }

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
