/// "Did you mean" suggestions for names typed by people: scenario keys, policy and forecaster
/// names, rules files, command-line options.
public enum NearestName {
  /// The Levenshtein distance between two strings (insertions, deletions, substitutions).
  ///
  /// - Complexity: O(|a|·|b|).
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
      var current = [i] + Array(repeating: 0, count: y.count)
      for j in 1...y.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[y.count]
  }

  /// The candidate closest to `word` ignoring case, if it is within `max(2, |word|/3)` edits.
  ///
  /// A candidate whose length differs from the word's by more than that limit is at least that
  /// many edits away and is not compared, so a huge word costs O(|word|), not O(|word|·|candidate|).
  public static func closest(to word: String, among candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    let lowered = word.lowercased()
    let length = lowered.count
    let best = candidates.compactMap { candidate -> (String, Int)? in
      let c = candidate.lowercased()
      guard abs(c.count - length) <= limit else { return nil }
      return (candidate, editDistance(c, lowered))
    }.min { $0.1 < $1.1 }
    guard let best, best.1 <= limit else { return nil }
    return best.0
  }
}
