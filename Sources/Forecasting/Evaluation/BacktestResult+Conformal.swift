extension BacktestResult {
  /// The same backtest with every prediction interval recalibrated by split conformal
  /// prediction on the errors of earlier origins (conformalised quantile regression, Romano,
  /// Patterson & Candès 2019, with scores scaled by the interval's width).
  ///
  /// For each series, model and level, an interval [l, u] scored against its actual y gives the
  /// score max(l − y, y − u) / (u − l): below 0 inside the interval, above 0 outside it. A
  /// forecast made at origin o uses only the scores of steps whose actuals were known by then
  /// (target index < o), the last `capacity` of them, pooled over the horizon's steps; with the
  /// split-conformal quantile q of those scores (`ConformalScores`) its interval becomes
  /// [l − q·w, u + q·w], w = u − l. Too-narrow bands widen (q > 0) and too-wide ones narrow
  /// (q < 0, never past the midpoint); an interval whose scores are too few for the level's rank
  /// (fewer than 4 for 80%, 19 for 95%) is left as the model gave it. Scores are added in time
  /// order, so nothing is calibrated on its own future.
  ///
  /// - Parameters:
  ///   - levels: The levels the backtest scored, in its order.
  ///   - capacity: The most recent scores kept per series, model and level.
  /// - Returns: The recalibrated records, their scores, and how many intervals were recalibrated.
  public func conformalized(levels: [Double], capacity: Int = 250) -> (result: BacktestResult, calibrated: Int, intervals: Int) {
    var records = records
    var groups: [String: [Int]] = [:], order: [String] = []
    for (i, r) in records.enumerated() {
      let key = "\(r.series)\u{0}\(r.model)"
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(i)
    }
    var calibrated = 0, intervals = 0
    for key in order {
      var known = levels.map { _ in ConformalScores(capacity: capacity) }
      var pending: [(target: Int, level: Int, score: Double)] = []
      for i in groups[key]! {
        let origin = records[i].origin
        // Steps whose actuals are known at this origin join their level's scores, in time order.
        pending.sort { ($0.target, $0.level) < ($1.target, $1.level) }
        let due = pending.prefix { $0.target < origin }
        for p in due { known[p.level].add(p.score) }
        pending.removeFirst(due.count)
        guard var forecast = records[i].forecast else { continue }
        let actual = records[i].actual
        for (j, level) in levels.enumerated() {
          guard let b = forecast.intervals.firstIndex(where: { abs($0.level - level) < 1e-9 }) else { continue }
          var band = forecast.intervals[b]
          let shift = known[j].quantile(level).map { max($0, -0.5) }
          for h in actual.indices {
            // The model's own interval is scored (for later origins), then recalibrated.
            let width = band.upper[h] - band.lower[h]
            pending.append((origin + h, j, max(band.lower[h] - actual[h], actual[h] - band.upper[h]) / width))
            if let shift, width.isFinite, width > 0 {
              band.lower[h] -= shift * width
              band.upper[h] += shift * width
            }
          }
          intervals += 1
          guard shift != nil else { continue }
          forecast.intervals[b] = band
          calibrated += 1
        }
        records[i].forecast = forecast
      }
    }
    return (BacktestResult(records: records, scores: Self.score(records, models: scores.map(\.model), levels: levels)), calibrated, intervals)
  }
}
