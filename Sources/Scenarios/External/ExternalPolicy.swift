import Replenishment
import SupplyModel

/// A runnable `external` policy: one process per run, spoken to in `supplysim.policy/1`.
///
/// `start(replication:)` starts the program; each `decide` sends the day's message (day 0's after
/// hello) and reads one reply; `finish()` sends bye and waits for the program to exit. The
/// first problem (a bad reply, a timeout, the program exiting) is kept as `failure`, the process
/// is stopped, and the policy orders nothing for the rest of the run, whose figures the
/// experiment then discards.
struct ExternalPolicy: ReplenishmentPolicy {
  let name: String
  let settings: ExternalPolicyModel
  let network: SupplyNetwork
  let skuIDs: [String]
  let skuIndex: [String: Int]
  private(set) var failure: PolicyFailure?
  private var process: ExternalProcess?
  private var replication: UInt64 = 0
  /// The hello message, until it goes out with day 0's.
  private var pendingHello: [UInt8] = []
  /// The day message being written, reused.
  private var message: [UInt8] = []
  /// `recentDemandDays` slots per SKU, a ring.
  private var recent: [Int]
  private var recentCount = 0
  private var recentStart = 0
  private var demandToday: [Int]
  private var tracker: DemandForecastTracker?
  /// Mean lead time per SKU, the forecaster's protection interval; empty without a forecaster.
  private let leadTimeMeans: [Double]
  private var forecastMeans: [[Double]] = []
  private var forecastDay = -1

  init(name: String, settings: ExternalPolicyModel, network: SupplyNetwork) {
    self.name = name
    self.settings = settings
    self.network = network
    skuIDs = network.skus.map(\.id)
    var index: [String: Int] = [:]
    for (k, id) in skuIDs.enumerated() { index[id] = k }
    skuIndex = index
    recent = Array(repeating: 0, count: skuIDs.count * settings.recentDemandDays)
    demandToday = Array(repeating: 0, count: skuIDs.count)
    leadTimeMeans = settings.forecast == nil ? [] : PlanningData.fromModel(network).map(\.leadTimeMean)
    tracker = settings.forecast.map {
      DemandForecastTracker(settings: $0, promotions: ForecastDrivenPolicy.promotionColumns(network), warmUpDays: network.warmUpDays,
                            past: ForecastDrivenPolicy.pastDemand(network), pastPromotions: ForecastDrivenPolicy.pastPromotionColumns(network))
    }
  }

  var forecastErrors: ForecastErrorTotals? { tracker?.errors }

  mutating func start(replication: UInt64) {
    self.replication = replication
    let program = settings.command[0]
    do {
      process = try ExternalProcess.start(program: program, arguments: settings.command, folder: settings.folder)
      // Hello goes out with day 0's message, so that a program that exits at once fails the
      // same way however fast it exits.
      pendingHello = ExternalMessages.hello(policy: name, node: network.warehouse, replication: replication, network: network, settings: settings)
    } catch {
      fail(day: nil, error.description)
    }
  }

  mutating func observe(demand: [Int], day: Int) {
    guard failure == nil else { return }
    demandToday = demand
    tracker?.observe(demand: demand, day: day)
    let width = settings.recentDemandDays
    guard width > 0 else { return }
    let slot: Int
    if recentCount < width {
      slot = (recentStart + recentCount) % width
      recentCount += 1
    } else {
      slot = recentStart
      recentStart = (recentStart + 1) % width
    }
    for k in demand.indices { recent[k * width + slot] = demand[k] }
  }

  /// The program is sent the shipments in transit by arrival day.
  var observesPipeline: Bool { true }

  mutating func decide(_ state: InventoryState, day: Int, orders: inout [Int]) {
    guard failure == nil, let process else { return }
    var forecast: [ArraySlice<Double>]?
    if tracker != nil {
      refitIfDue(day: day)
      let offset = day - forecastDay
      forecast = forecastMeans.map { $0[min(offset, $0.count)..<min(offset + settings.forecastDays, $0.count)] }
    }
    ExternalMessages.day(day, state: state, demand: demandToday, recent: recent, recentDays: settings.recentDemandDays, recentCount: recentCount,
                         recentStart: recentStart, forecast: forecast, into: &message)
    let line: String
    let awaited = "reply for day \(day)"
    do {
      if !pendingHello.isEmpty {
        try process.deliver(pendingHello, deadline: deadline(), seconds: settings.timeoutSeconds, awaiting: awaited)
        pendingHello = []
      }
      try process.deliver(message, deadline: deadline(), seconds: settings.timeoutSeconds, awaiting: awaited)
      line = try process.receiveLine(deadline: deadline(), seconds: settings.timeoutSeconds, awaiting: awaited)
    } catch {
      fail(day: day, error.description)
      return
    }
    if let problem = ExternalMessages.readOrders(line, day: day, skuIndex: skuIndex, skuIDs: skuIDs, into: &orders) {
      for k in orders.indices { orders[k] = 0 }
      fail(day: day, problem)
    }
  }

  mutating func finish() {
    guard let process else { return }
    if failure == nil {
      // A program that has already exited misses bye; that is not a failure.
      try? process.deliver(ExternalMessages.bye, deadline: deadline(), seconds: settings.timeoutSeconds, awaiting: "exit")
    }
    process.finish(deadline: deadline())
    self.process = nil
  }

  /// Refits the forecaster every `retrainEvery` days, forecasting far enough ahead to cover
  /// `forecastDays` until the next refit.
  private mutating func refitIfDue(day: Int) {
    guard var tracker else { return }
    let every = tracker.settings.retrainEvery
    if forecastDay < 0 || day - forecastDay >= every {
      forecastMeans = tracker.refit(day: day, horizon: settings.forecastDays + every, protection: leadTimeMeans).map(\.means)
      forecastDay = day
    }
    self.tracker = tracker
  }

  private func deadline() -> ContinuousClock.Instant { .now + .seconds(settings.timeoutSeconds) }

  private mutating func fail(day: Int?, _ problem: String) {
    failure = PolicyFailure(policy: name, node: settings.inNetwork ? network.warehouse : nil, replication: replication, day: day, problem: problem)
    process?.stop()
    process = nil
  }
}
