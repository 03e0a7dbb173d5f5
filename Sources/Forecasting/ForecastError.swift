/// Why a forecaster could not fit or predict.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The history is shorter than the method needs.
  case historyTooShort(method: String, needed: Int, got: Int)
  /// A setting or an input value is invalid; the message says which and why.
  case invalidInput(String)
  /// The estimation failed; the message says where.
  case fitFailed(String)

  /// A one-line explanation that says what to fix.
  public var description: String {
    switch self {
    case let .historyTooShort(method, needed, got):
      "\(method): needs at least \(needed) observations, got \(got)"
    case let .invalidInput(message): message
    case let .fitFailed(message): message
    }
  }
}
