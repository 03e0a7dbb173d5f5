extension ProgressBar {
  /// Runs `work` with the bar, then clears the line, also when `work` throws, so that an error
  /// line starts on a clean line.
  func showing<T, E: Error>(_ work: () throws(E) -> T) throws(E) -> T {
    defer { finish() }
    return try work()
  }
}
