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
  /// - Complexity: O(|word|·|candidate|) for the candidates whose length is within the allowed
  ///   edits of the word's (no edit distance is smaller than the difference of the lengths), so
  ///   a very long word costs nothing against short names.
  public static func closest(to word: String, among candidates: [String]) -> String? {
    let typed = word.lowercased()
    let length = typed.count, allowed = max(2, length / 3)
    let best = candidates.lazy.filter { abs($0.count - length) <= allowed }
      .map { ($0, editDistance($0.lowercased(), typed)) }.min { $0.1 < $1.1 }
    guard let best, best.1 <= allowed else { return nil }
    return best.0
  }
}
