/// The command-line entry point: parses arguments and returns the process exit code.
public enum SupplySimCommand {
  /// Runs the CLI with `arguments` (without the program name).
  ///
  /// - Returns: 0 on success, 1 on a failure, 64 on bad usage.
  public static func main(_ arguments: [String]) -> Int32 {
    if arguments.isEmpty || arguments.first == "--help" {
      print("usage: supplysim <command> [options]")
      return arguments.isEmpty ? 64 : 0
    }
    return 64
  }
}
