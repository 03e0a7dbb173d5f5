/// What a random stream is used for; part of the key that derives a substream.
///
/// Raw values are fixed forever: changing one would change every seeded result.
public enum StreamPurpose: UInt64, Sendable, CaseIterable {
  /// Customer demand draws.
  case demand = 1
  /// Lead-time draws for orders or shipments.
  case leadTime = 2
  /// Supplier outages, capacity cuts and other disruptions.
  case disruption = 3
  /// Yield losses and partial shipments.
  case yield = 4
  /// Weight initialisation and shuffling in model training.
  case training = 5
  /// Anything a test or a benchmark draws for itself.
  case auxiliary = 6
  /// Demand shocks and promotion effects that are random.
  case shock = 7
}
