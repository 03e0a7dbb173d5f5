import Replenishment
import SupplyModel

/// The settings of an `external` policy: a program, in any language, that decides the orders and
/// speaks the `supplysim.policy/1` protocol over its standard input and output (see
/// scenarios/README.md, "External policies, any language").
///
/// One process runs per stocking node and replication; replications are independent processes,
/// so results do not depend on the thread count as long as the program is deterministic.
public struct ExternalPolicyModel: PolicyModel {
  /// The program and its arguments; the program is looked up in `PATH` unless it holds a `/`.
  public var command: [String]
  /// The program's working folder: the scenario file's folder.
  public var folder: String
  /// The longest wait for each reply (and for the program to exit after bye), in seconds.
  public var timeoutSeconds: Double
  /// Days of past demand per SKU in each day message (`recentDemand`); 0 leaves it out.
  public var recentDemandDays: Int
  /// Days of point forecasts per SKU in each day message when `forecast` is set.
  public var forecastDays: Int
  /// The forecaster whose forecasts the day messages carry, or nil.
  public var forecast: ForecastSettings?
  /// Passed verbatim to the program in the hello message (an object).
  public var parameters: JSONValue
  /// True when the policy runs in a multi-echelon network (failures then name the node).
  public var inNetwork: Bool

  /// Creates the settings.
  public init(command: [String], folder: String, timeoutSeconds: Double = 10, recentDemandDays: Int = 7, forecastDays: Int = 14,
              forecast: ForecastSettings? = nil, parameters: JSONValue = .object([]), inNetwork: Bool = false) {
    precondition(!command.isEmpty, "an external policy needs a command")
    self.command = command
    self.folder = folder
    self.timeoutSeconds = timeoutSeconds
    self.recentDemandDays = recentDemandDays
    self.forecastDays = forecastDays
    self.forecast = forecast
    self.parameters = parameters
    self.inNetwork = inNetwork
  }

  /// `external program: python3 base_stock.py (supplysim.policy/1)`.
  public var summary: String {
    let shown = command.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    let forecaster = forecast.map { "; forecasts by \($0.label)" } ?? ""
    return "external program: \(shown) (\(ExternalMessages.protocolName))\(forecaster)"
  }

  /// The runnable policy; its process starts with each run (`start(replication:)`).
  public func makePolicy(named name: String, for network: SupplyNetwork) -> any ReplenishmentPolicy {
    ExternalPolicy(name: name, settings: self, network: network)
  }

  /// The same program fed by `forecast`.
  public func replacingForecast(with forecast: ForecastSettings) -> (any PolicyModel)? {
    var copy = self
    copy.forecast = forecast
    return copy
  }
}
