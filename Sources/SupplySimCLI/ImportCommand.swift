import Scenarios
import SupplyModel

/// `supplysim import m5`: convert the M5 competition files into a history, a catalogue and a
/// starter scenario.
struct ImportCommand: CLICommand {
  static let name = "import"
  static let summary = "Convert public sales data (the M5 layout) into history.csv, skus.csv and a starter scenario.json."
  static let operands = "m5 DIR"
  static let details = """
    DIR holds sales_train_evaluation.csv (or sales_train_validation.csv), calendar.csv and
    sell_prices.csv. Files are streamed line by line; see scenarios/README.md, "Importing the M5 layout".
    """
  static let options: [OptionSpec] = [
    .value("out", "OUTDIR", "the folder to write (created if needed)", required: true),
    .value("stores", "A,B", "only these store_id values, e.g. CA_1,TX_2"),
    .value("items", "A,B", "only these item_id values, e.g. FOODS_3_090"),
    .value("start-date", "yyyy-mm-dd", "the scenario's startDate (default: the day after the last sales day)"),
  ]

  static func run(_ args: ParsedArguments, console: Console) throws -> Int32 {
    guard args.positionals.count == 2, args.positionals[0] == "m5" else {
      throw UsageError("import: expected 'm5 DIR' (usage: \(usageLine))")
    }
    guard let out = args.value("out") else { throw UsageError("import: --out OUTDIR is required (usage: \(usageLine))") }
    let importer = M5Importer(directory: args.positionals[1], stores: try args.list("stores", command: name),
                              items: try args.list("items", command: name), startDate: args.value("start-date"))
    let s = try importer.run(output: out)
    console.out("imported \(s.series) series x \(s.days) days (\(s.firstDate) to \(s.lastDate)) from \(s.salesFile): \(s.rows) rows\n")
    if s.skipped > 0 { console.out("  skipped \(s.skipped) series never on sale and never sold\n") }
    console.out("  wrote \(out)/history.csv, \(out)/skus.csv, \(out)/scenario.json (startDate \(s.startDate))\n")
    return 0
  }
}
