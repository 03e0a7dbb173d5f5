/// Structural mutations of JSON trees, line-and-field text (CSV, MPS) and command lines.
///
/// Every function draws only from the generator it is given, so a case is reproduced by its
/// (campaign seed, case index) alone. Each mutation appends a short description to `log`.
enum FuzzMutator {
  /// Number texts at the edges: zero, signs, 32/53/64-bit boundaries, subnormals, overflow to infinity.
  static let extremeNumbers = [
    "0", "-0", "-1", "1", "0.5", "-0.5", "1e308", "-1e308", "1.7976931348623157e308", "5e-324", "-5e-324", "1e-300",
    "2147483647", "2147483648", "-2147483649", "4294967296", "9007199254740993", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e30", "1e18", "1e9", "-1e9",
    "123456789012345678901234567890", "1e400", "-1e400", "1E+2", "0.0000001", "3.999999999999999999",
  ]

  /// Text that is not a finite number, in the places a number would be (strings in JSON; bare in CSV/MPS).
  static let nonFinite = ["NaN", "nan", "Infinity", "-Infinity", "inf", "-inf", "+inf", "1e400", "-1e400", "0x10", "1_000", "1,5", "+"]

  /// Strings that stress decoding, comparison and printing.
  static let oddStrings: [String] = [
    "", " ", "\t", "-", "--", "0", "null", "true", "😀📦🚚", "שלום\u{202E}עולם", "a\u{0}b", "\u{0}", "\u{FEFF}x",
    "e\u{301}", "../../etc/passwd", "/", ".", "a/b", "C:\\x", "%s%n", "\"quoted\"", "line\nbreak", "x,y", "é",
    "\u{1F1FA}\u{1F1F8}", String(repeating: "x", count: 300), "  padded  ", "NaN", "Infinity",
  ]

  // MARK: JSON

  /// Applies 1–3 structural mutations to a JSON tree; may end by truncating the text.
  static func mutate(json: FuzzJSON, rng: inout FuzzRandom, log: inout [String]) -> (tree: FuzzJSON, text: String) {
    var tree = json
    if rng.chance(0.35) {
      // Values only: the document stays well-formed and typed, so it reaches range checks,
      // derived quantities and the simulator instead of stopping at the decoder.
      for _ in 0..<(rng.weighted([70, 30]) + 1) { mutateNumber(&tree, rng: &rng, log: &log) }
      return (tree, tree.text())
    }
    let count = rng.weighted([55, 30, 15]) + 1
    for _ in 0..<count { mutateOnce(&tree, rng: &rng, log: &log) }
    var text = tree.text()
    if rng.chance(0.06) {
      let cut = rng.below(max(1, text.utf8.count))
      text = String(decoding: Array(text.utf8.prefix(cut)), as: UTF8.self)
      log.append("truncate at byte \(cut)")
    }
    return (tree, text)
  }

  /// Numbers a valid document may plausibly hold at its edges (large ones of both signs, so that
  /// sums of finite inputs can overflow).
  static let edgeNumbers = [
    "0", "1", "-1", "0.5", "1e-300", "5e-324", "1e-9", "0.999999", "1e6", "1e9", "1e12", "1e15", "1e18", "1e30", "1e100",
    "1e200", "1e300", "1e308", "1.7976931348623157e308", "2147483647", "2147483648", "4294967296", "9007199254740993",
    "9223372036854775807", "100000", "-1e308", "-1e300", "-1e18",
  ]

  /// Sets one number to an edge value (or scales it), keeping the document valid JSON.
  static func mutateNumber(_ tree: inout FuzzJSON, rng: inout FuzzRandom, log: inout [String]) {
    var paths: [[FuzzPathStep]] = []
    tree.allPaths(into: &paths)
    let numbers = paths.filter { tree.value(at: $0[...])?.double != nil }
    guard !numbers.isEmpty else { return }
    let path = rng.pick(numbers)
    let old = tree.value(at: path[...])!.double!
    let text: String
    if rng.chance(0.7) {
      text = rng.pick(edgeNumbers)
    } else {
      let v = old * rng.pick([1e3, 1e6, 1e9, 1e-3, 1e-9, -1, 1e300, 1e-300])
      text = v.isFinite ? "\(v)" : "1e308"
    }
    _ = tree.modify(at: path[...]) { _ in .number(text) }
    log.append("set \(FuzzJSON.describe(path)) = \(text) (was \(old))")
  }

  static func mutateOnce(_ tree: inout FuzzJSON, rng: inout FuzzRandom, log: inout [String]) {
    var paths: [[FuzzPathStep]] = []
    tree.allPaths(into: &paths)
    // Prefer leaves (numbers and strings hold most of the meaning) but reach containers too.
    let leaves = paths.filter { p in
      guard let v = tree.value(at: p[...]) else { return false }
      if case .number = v { return true }
      if case .string = v { return true }
      if case .bool = v { return true }
      return false
    }
    let path = (!leaves.isEmpty && rng.chance(0.6)) ? rng.pick(leaves) : rng.pick(paths)
    guard let current = tree.value(at: path[...]) else { return }
    let where_ = FuzzJSON.describe(path)
    let kind = rng.weighted([10, 14, 22, 6, 6, 6, 4, 5, 6, 2, 6, 8, 5])
    var replacement: FuzzJSON?? = nil   // .some(nil) deletes
    switch kind {
    case 0:  // delete
      guard !path.isEmpty else { return }
      replacement = .some(nil)
      log.append("delete \(where_)")
    case 1:  // retype
      let v = retyped(current, rng: &rng)
      replacement = v
      log.append("retype \(where_) \(current.kind)->\(v.kind)")
    case 2:  // extreme number
      let t = rng.pick(extremeNumbers)
      replacement = .number(t)
      log.append("set \(where_) = \(t)")
    case 3:  // non-finite: as a string, or a token JSON cannot hold
      let t = rng.pick(nonFinite)
      if rng.chance(0.7) { replacement = .string(t); log.append("set \(where_) = \"\(t)\"") }
      else { replacement = .raw(t); log.append("set \(where_) = bare \(t)") }
    case 4:  // empty
      let v: FuzzJSON = rng.pick([.string(""), .array([]), .object([]), .null])
      replacement = v
      log.append("set \(where_) = empty \(v.text())")
    case 5:  // odd string
      let s = rng.pick(oddStrings)
      replacement = .string(s)
      log.append("set \(where_) = odd string #\(oddStrings.firstIndex(of: s)!)")
    case 6:  // very long string
      let n = rng.pick([10_000, 100_000, 1_000_000])
      replacement = .string(String(repeating: rng.pick(["a", "é", "😀"]), count: n))
      log.append("set \(where_) = string of \(n) characters")
    case 7:  // deep nesting
      let depth = rng.pick([100, 1_000, 10_000])
      let open = rng.chance(0.7) ? "[" : "{\"a\":"
      let close = open == "[" ? "]" : "}"
      replacement = .raw(String(repeating: open, count: depth) + "0" + String(repeating: close, count: depth))
      log.append("set \(where_) = \(depth)-level nesting \(open)")
    case 8:  // duplicate: an array element many times, or an object key
      if case .array(var items) = current, !items.isEmpty {
        let i = rng.below(items.count)
        let n = rng.pick([1, 2, 10, 1_000, 10_000])
        items.insert(contentsOf: Array(repeating: items[i], count: n), at: i)
        replacement = .array(items)
        log.append("duplicate \(where_)[\(i)] x\(n)")
      } else if case .object(var members) = current, !members.isEmpty {
        let i = rng.below(members.count)
        let other = rng.chance(0.5) ? members[i].1 : retyped(members[i].1, rng: &rng)
        members.append((members[i].0, other))
        replacement = .object(members)
        log.append("duplicate key \(where_).\(members[i].0)")
      } else {
        replacement = .array(Array(repeating: current, count: rng.pick([2, 100])))
        log.append("wrap \(where_) in a repeated array")
      }
    case 9:  // a huge array of numbers
      let n = rng.pick([10_000, 100_000])
      replacement = .raw("[" + Array(repeating: rng.pick(["1", "1e308", "0", "-1"]), count: n).joined(separator: ",") + "]")
      log.append("set \(where_) = array of \(n) numbers")
    case 10:  // numeric nudge
      guard let d = current.double else {
        replacement = .number(rng.pick(extremeNumbers))
        log.append("set non-number \(where_) to an extreme number")
        break
      }
      let options: [(String, Double)] = [("negate", -d), ("+1", d + 1), ("-1", d - 1), ("x1000", d * 1000), ("/1000", d / 1000), ("+0.5", d + 0.5), ("x1e6", d * 1e6)]
      let (name, v) = rng.pick(options)
      replacement = .number(v.isFinite ? "\(v)" : "1e400")
      log.append("\(name) \(where_) (\(current.text()) -> \(v))")
    case 11:  // copy a value from elsewhere in the same document (plausible types, wrong places)
      let source = rng.pick(paths)
      guard let v = tree.value(at: source[...]), !source.starts(with: path) || source == path else { return }
      replacement = v
      log.append("copy \(FuzzJSON.describe(source)) to \(where_)")
    default:  // add an unknown or misspelt key to an object
      let target: [FuzzPathStep]
      if case .object = current { target = path } else { target = Array(path.dropLast()) }
      guard case .object(var members)? = tree.value(at: target[...]) else { return }
      let key = members.isEmpty || rng.chance(0.4) ? rng.pick(["extra", "", "😀", "__proto__", "id"]) : misspelt(rng.pick(members).0, rng: &rng)
      members.insert((key, rng.pick([.number("1"), .string("x"), .null])), at: rng.below(members.count + 1))
      if target.isEmpty { tree = .object(members) } else { _ = tree.modify(at: target[...]) { _ in .object(members) } }
      log.append("add key '\(key)' to \(FuzzJSON.describe(target))")
      return
    }
    guard let change = replacement else { return }
    if path.isEmpty {
      tree = change ?? .null
    } else {
      _ = tree.modify(at: path[...]) { _ in change }
    }
  }

  static func retyped(_ value: FuzzJSON, rng: inout FuzzRandom) -> FuzzJSON {
    let choices: [FuzzJSON] = [
      .number(value.kind == "string" ? "1" : "0"),
      .string(value.kind == "number" ? value.text() : "x"),
      .array([value]),
      .object([("value", value)]),
      .null,
      .bool(rng.chance(0.5)),
    ]
    var v = rng.pick(choices)
    if v.kind == value.kind { v = .null }
    if value.kind == "null" && v.kind == "null" { v = .number("0") }
    return v
  }

  static func misspelt(_ key: String, rng: inout FuzzRandom) -> String {
    guard !key.isEmpty else { return "x" }
    var chars = Array(key)
    switch rng.below(3) {
    case 0: chars.remove(at: rng.below(chars.count))
    case 1: chars.insert(rng.pick(Array("aeiosx_")), at: rng.below(chars.count + 1))
    default: return key.uppercased() == key ? key.lowercased() : key.uppercased()
    }
    return String(chars)
  }

  // MARK: Line-and-field text (CSV, MPS)

  /// Applies 1–3 mutations to lines and fields. `separator` is "," for CSV and nil (blanks) for MPS.
  static func mutate(text: String, separator: Character?, rng: inout FuzzRandom, log: inout [String]) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    func fields(_ line: String) -> [String] {
      if let separator { return line.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
      return line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }
    func join(_ f: [String]) -> String {
      if let separator { return f.joined(separator: String(separator)) }
      return (f.first.map { _ in " " } ?? "") + f.joined(separator: "  ")
    }
    var truncateAt: Int? = nil
    let count = rng.weighted([55, 30, 15]) + 1
    for _ in 0..<count {
      guard !lines.isEmpty else { lines = [rng.pick(["", ",", "x"])]; log.append("empty file"); break }
      let i = rng.below(lines.count)
      switch rng.weighted([6, 8, 6, 6, 24, 8, 6, 5, 5, 4, 5, 6, separator == "," ? 8 : 0]) {
      case 0: truncateAt = 0; log.append("mark truncation")
      case 1:
        let n = rng.pick([1, 2, 100, 10_000])
        lines.insert(contentsOf: Array(repeating: lines[i], count: n), at: i)
        log.append("duplicate line \(i + 1) x\(n)")
      case 2: lines.remove(at: i); log.append("delete line \(i + 1)")
      case 3:
        let n = rng.below(max(1, lines.count - i)) + 1
        lines.removeSubrange(i..<min(lines.count, i + n))
        log.append("delete lines \(i + 1)...\(i + n)")
      case 4:  // replace a field
        var f = fields(lines[i])
        guard !f.isEmpty else { continue }
        let j = rng.below(f.count)
        let v = rng.pick([rng.pick(extremeNumbers), rng.pick(nonFinite), "", "garbage", rng.pick(oddStrings), "1e308", "-1"])
        f[j] = v
        lines[i] = join(f)
        log.append("line \(i + 1) field \(j + 1) = '\(v.prefix(20))'")
      case 5:  // swap two columns in every line
        let width = fields(lines[i]).count
        guard width >= 2 else { continue }
        let a = rng.below(width), b = rng.below(width)
        lines = lines.map { line in
          var f = fields(line)
          if a < f.count, b < f.count { f.swapAt(a, b) }
          return join(f)
        }
        log.append("swap columns \(a + 1) and \(b + 1)")
      case 6:  // delete a column in every line
        let width = fields(lines[i]).count
        guard width >= 1 else { continue }
        let a = rng.below(width)
        lines = lines.map { line in
          var f = fields(line)
          if a < f.count { f.remove(at: a) }
          return join(f)
        }
        log.append("delete column \(a + 1)")
      case 7:  // add a field
        var f = fields(lines[i])
        f.insert(rng.pick(["1", "", "x", "1e400"]), at: rng.below(f.count + 1))
        lines[i] = join(f)
        log.append("add a field to line \(i + 1)")
      case 8:  // swap two lines
        let j = rng.below(lines.count)
        lines.swapAt(i, j)
        log.append("swap lines \(i + 1) and \(j + 1)")
      case 9:  // line endings, BOM, blank lines
        switch rng.below(4) {
        case 0: lines = lines.map { $0 + "\r" }; log.append("CRLF line endings")
        case 1: lines[0] = "\u{FEFF}" + lines[0]; log.append("byte-order mark")
        case 2: lines.insert("", at: i); log.append("blank line at \(i + 1)")
        default: lines[i] = "   " + lines[i] + "\t"; log.append("whitespace around line \(i + 1)")
        }
      case 10:  // keep a prefix of the lines
        let keep = rng.below(lines.count + 1)
        lines = Array(lines.prefix(keep))
        log.append("keep first \(keep) lines")
      case 12:  // scale a numeric column: extreme magnitudes, all zero, negative
        let width = fields(lines[min(1, lines.count - 1)]).count
        guard width >= 1 else { continue }
        let a = rng.below(width)
        let factor = rng.pick([1e200, 1e-300, 1e300, 1e15, 1e-15, 0, -1])
        lines = lines.map { line in
          var f = fields(line)
          if a < f.count, let v = Double(f[a]) { f[a] = "\(v * factor)" }
          return join(f)
        }
        log.append("scale column \(a + 1) by \(factor)")
      default:  // a field repeated as a very long value
        var f = fields(lines[i])
        guard !f.isEmpty else { continue }
        let j = rng.below(f.count)
        f[j] = String(repeating: f[j].isEmpty ? "9" : f[j], count: rng.pick([100, 10_000]))
        lines[i] = join(f)
        log.append("line \(i + 1) field \(j + 1) repeated")
      }
    }
    var out = lines.joined(separator: "\n") + (rng.chance(0.9) ? "\n" : "")
    if truncateAt != nil {
      let cut = rng.below(max(1, out.utf8.count))
      out = String(decoding: Array(out.utf8.prefix(cut)), as: UTF8.self)
      log.append("truncate at byte \(cut)")
    }
    return out
  }

  // MARK: Command lines

  /// Values an option might be given.
  static let oddOptionValues = [
    "0", "-1", "1", "2147483648", "9223372036854775807", "9223372036854775808", "1e30", "1e400", "nan", "inf", "-inf",
    "", " ", "-", "--", "1.5", "0x10", "abc", "😀", "1,2,,3", ",", "=", "a=b=c", "..", "1..", "..2", "1..2:0", "1..2:-1",
    "1..2:1000000", "1..1e400:3", "model.", ".k=1", "x=", "=1",
  ]

  /// Applies 1–3 mutations to an argument list. `optionNames` are the command's options, `files` paths that exist.
  static func mutate(arguments: [String], optionNames: [String], files: [String], rng: inout FuzzRandom, log: inout [String]) -> [String] {
    var args = arguments
    let count = rng.weighted([50, 35, 15]) + 1
    for _ in 0..<count {
      let i = args.isEmpty ? 0 : rng.below(args.count)
      switch rng.weighted([10, 8, 6, 22, 6, 8, 8, 6, 6, 6, 4]) {
      case 0:
        guard !args.isEmpty else { continue }
        log.append("delete argument \(i) '\(args[i])'")
        args.remove(at: i)
      case 1:
        guard !args.isEmpty else { continue }
        let n = rng.pick([1, 1, 2, 50])
        // Duplicate an option together with its value when it has one.
        var chunk = [args[i]]
        if args[i].hasPrefix("--"), i + 1 < args.count, !args[i + 1].hasPrefix("--") { chunk.append(args[i + 1]) }
        for _ in 0..<n { args.insert(contentsOf: chunk, at: i) }
        log.append("duplicate '\(chunk.joined(separator: " "))' x\(n)")
      case 2:
        guard args.count >= 2 else { continue }
        let j = rng.below(args.count)
        args.swapAt(i, j)
        log.append("swap arguments \(i) and \(j)")
      case 3:  // an option's value becomes odd
        let valued = args.indices.filter { $0 > 0 && args[$0 - 1].hasPrefix("--") && !args[$0].hasPrefix("--") }
        guard let k = valued.isEmpty ? nil : rng.pick(valued) else { continue }
        let v = rng.pick(oddOptionValues)
        log.append("\(args[k - 1]) '\(args[k])' -> '\(v)'")
        args[k] = v
      case 4:  // unknown or misspelt option
        let o = rng.chance(0.5) || optionNames.isEmpty ? rng.pick(["--bogus", "-x", "---out", "--", "-h", "--help", "--=1", "--out="]) : "--" + misspelt(rng.pick(optionNames), rng: &rng)
        args.insert(o, at: args.isEmpty ? 0 : rng.below(args.count + 1))
        log.append("insert option '\(o)'")
      case 5:  // a known option with no value, or an odd one
        guard !optionNames.isEmpty else { continue }
        let o = "--" + rng.pick(optionNames)
        if rng.chance(0.5) { args.append(o); log.append("append '\(o)' without a value") }
        else { let v = rng.pick(oddOptionValues); args += [o, v]; log.append("append '\(o) \(v)'") }
      case 6:  // inline form --name=value
        let valued = args.indices.filter { $0 + 1 < args.count && args[$0].hasPrefix("--") && !args[$0 + 1].hasPrefix("--") }
        guard let k = valued.isEmpty ? nil : rng.pick(valued) else { continue }
        let v = rng.chance(0.5) ? args[k + 1] : rng.pick(oddOptionValues)
        log.append("inline \(args[k])=\(v)")
        args[k] = args[k] + "=" + v
        args.remove(at: k + 1)
      case 7:  // a positional becomes odd: standard input, missing, a folder, another shipped file
        let positionals = args.indices.filter { $0 > 0 && !args[$0].hasPrefix("--") && !args[$0 - 1].hasPrefix("--") }
        let v = rng.pick(["-", "", "missing.json", "/", ".", "😀.json"] + files)
        if let k = positionals.isEmpty ? nil : rng.pick(positionals) { log.append("positional '\(args[k])' -> '\(v)'"); args[k] = v }
        else { args.append(v); log.append("append positional '\(v)'") }
      case 8:  // extra positional
        let v = rng.pick(files + ["-", "extra"])
        args.insert(v, at: args.isEmpty ? 0 : 1 + rng.below(args.count))
        log.append("insert positional '\(v)'")
      case 9:  // the command word
        let v = rng.pick(["help", "-h", "--help", "--version", "", "RUN", "rn", "lp", "check", "run"])
        if args.isEmpty { args = [v] } else { args[0] = v }
        log.append("command -> '\(v)'")
      default:
        log.append("no arguments after the command")
        args = Array(args.prefix(1))
      }
    }
    return args
  }
}
