/// Locates files that tests read from the source tree.
public enum SourceTree {
  /// The package root, found from the path of the calling test file.
  ///
  /// - Parameter file: Leave as the default: the caller's `#filePath`.
  public static func root(file: StaticString = #filePath) -> String {
    var parts = "\(file)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    while let last = parts.last, last != "Tests" && last != "Sources" { parts.removeLast() }
    if !parts.isEmpty { parts.removeLast() }
    return parts.joined(separator: "/")
  }
}
