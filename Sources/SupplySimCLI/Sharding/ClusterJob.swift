#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Experiments
import Scenarios

/// A sharded command as a cluster job: `--emit slurm` prints a bash script that submits a Slurm
/// job array (task i runs shard i+1) and a merge job that starts when every task succeeded
/// (`--dependency=afterok`); `--emit kubernetes` prints an Indexed Job (completion index i runs
/// shard i+1) and a merge Job, applied one after the other.
struct ClusterJob {
  /// The options that shape the job.
  static let options: [OptionSpec] = [
    .value("shards", "N", "with --emit: the number of shards (default 4)"),
    .value("executable", "PATH", "with --emit: the supplysim program the job runs (default: supplysim, found on PATH)"),
    .value("cpus", "N", "with --emit: CPUs per shard, also its --threads (default 2)"),
    .value("memory", "SIZE", "with --emit: memory per shard, e.g. 2G or 512M (default 2G)"),
    .value("time", "LIMIT", "with --emit slurm: the time limit per shard, e.g. 01:00:00 or 2-00:00:00 (default 01:00:00)"),
    .value("partition", "NAME", "with --emit slurm: the partition (default: the cluster's default)"),
    .value("image", "IMAGE", "with --emit kubernetes: the container image holding supplysim (default supplysim:\(SupplySimCommand.version))"),
    .value("volume", "CLAIM", "with --emit kubernetes: the ReadWriteMany PersistentVolumeClaim mounted at /data, the jobs' working folder (default supplysim-data)"),
  ]

  /// The command (`sweep`).
  var command: String
  /// Its recorded arguments (scenario first).
  var arguments: [String]
  /// The folder the merged outputs go to; shard K writes `directory/shard-K`.
  var directory: String
  /// The number of shards.
  var shards: Int
  /// Units of the whole command.
  var units: Int
  var executable: String
  var cpus: Int
  var memory: String
  var time: String
  var partition: String?
  var image: String
  var volume: String
  /// The folder the jobs start in (Slurm: the current folder).
  var workingDirectory: String

  /// Reads the job options.
  ///
  /// - Throws: `UsageError` for a malformed value.
  init(_ args: ParsedArguments, command: String, arguments: [String], directory: String, units: Int) throws {
    self.command = command
    self.arguments = arguments
    self.directory = directory
    self.units = units
    shards = try args.integer("shards", default: 4, range: 1...Shard.maximumCount, command: command)
    cpus = try args.integer("cpus", default: 2, range: 1...1024, command: command)
    executable = args.value("executable") ?? "supplysim"
    memory = args.value("memory") ?? "2G"
    let digits = memory.last.map { "KMGT".contains($0) } == true ? memory.dropLast() : Substring(memory)
    guard (1...9).contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else {
      throw UsageError("\(command): --memory takes a size such as 2G, 512M or 4000 (megabytes), got '\(memory)'")
    }
    time = args.value("time") ?? "01:00:00"
    guard Self.isTimeLimit(time) else {
      throw UsageError("\(command): --time takes a Slurm time limit such as 30, 01:00:00 or 2-00:00:00, got '\(time)'")
    }
    partition = args.value("partition")
    if let p = partition, p.isEmpty || !p.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.,-".contains($0)) }) {
      throw UsageError("\(command): --partition takes a partition name (letters, digits, _ . , -), got '\(p)'")
    }
    image = args.value("image") ?? "supplysim:\(SupplySimCommand.version)"
    volume = args.value("volume") ?? "supplysim-data"
    guard (1...253).contains(volume.count), volume.allSatisfy({ $0.isASCIIDigit || ("a"..."z").contains($0) || $0 == "-" || $0 == "." }),
          volume.first!.isLetterOrDigit, volume.last!.isLetterOrDigit else {
      throw UsageError("\(command): --volume takes a PersistentVolumeClaim name (lower-case letters, digits, - and .), got '\(volume)'")
    }
    guard !directory.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\"" || $0 == "$" || $0 == "`" || $0 == "\\" }) else {
      throw UsageError("\(command): --emit needs an --out folder without spaces or quotes (Slurm's #SBATCH lines cannot quote it), got '\(directory)'")
    }
    workingDirectory = FileManager.default.currentDirectoryPath
  }

  /// `text` quoted for sh.
  static func quoted(_ text: String) -> String {
    if !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/._-=:,+@%".contains($0)) }) {
      return text
    }
    return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }

  /// A Slurm time limit: minutes, `MM:SS`, `HH:MM:SS`, or `D-HH[:MM[:SS]]`.
  static func isTimeLimit(_ text: String) -> Bool {
    var rest = Substring(text)
    if let dash = rest.firstIndex(of: "-") {
      let days = rest[..<dash]
      guard (1...4).contains(days.count), days.allSatisfy(\.isASCIIDigit) else { return false }
      rest = rest[rest.index(after: dash)...]
    }
    let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
    return (1...3).contains(fields.count) && fields.allSatisfy { (1...6).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }
  }

  /// A name Slurm and Kubernetes accept: `supplysim-sweep-NAME`, lower case, at most 50 characters.
  var jobName: String {
    var scenario = Substring((arguments.first ?? command).split(separator: "/").last ?? "")
    if scenario.hasSuffix(".json") { scenario = scenario.dropLast(5) }
    let raw = "supplysim-\(command)-\(scenario)".lowercased()
    var name = ""
    for c in raw {
      let keep = c.isASCII && (c.isLetter || c.isNumber)
      if keep { name.append(c) } else if !name.hasSuffix("-") { name.append("-") }
    }
    name = String(name.prefix(50))
    while name.hasSuffix("-") { name.removeLast() }
    return name
  }

  /// The shard command, with `shardExpression` (shell arithmetic) giving K.
  func shardCommand(_ k: String, threads: String) -> String {
    ([Self.quoted(executable), command] + arguments.map(Self.quoted)).joined(separator: " ")
      + " --threads \(threads) --shard \"\(k)/\(shards)\" --out \"\(directory)/shard-\(k)\" --progress json"
  }

  /// The merge command.
  var mergeCommand: String {
    "\(Self.quoted(executable)) merge \(directory)/shard-{1..\(shards)} --out \(directory)"
  }

  /// What each shard runs, for the header.
  var splitNote: String {
    let unit = command == "sweep" ? "grid point" : "scenario (the base or a test)"
    return "\(units) units (one \(unit) in one replication); shard K of \(shards) runs units (K-1)*\(units)/\(shards) ..< K*\(units)/\(shards)"
  }

  /// The Slurm script.
  func slurm() -> String {
    let cwd = Self.quoted(workingDirectory)
    var common = "#SBATCH --chdir=\(workingDirectory)\n#SBATCH --mem=\(memory)\n#SBATCH --time=\(time)\n"
    if let partition { common += "#SBATCH --partition=\(partition)\n" }
    return """
      #!/bin/bash
      # SupplySim \(SupplySimCommand.version): '\(command)' as a Slurm job array of \(shards) shards and a merge job.
      # \(splitNote).
      # Run it where sbatch works, from a folder every node sees (a shared file system): bash THIS-FILE
      # Shard K writes \(directory)/shard-K/partial.json; the merge writes the outputs into \(directory)/
      # once every shard succeeded (afterok). Logs: \(directory)/logs/.
      set -euo pipefail
      cd \(cwd)
      mkdir -p \(directory)/logs
      shards=$(sbatch --parsable <<'SUPPLYSIM_SHARDS'
      #!/bin/bash
      #SBATCH --job-name=\(jobName)
      #SBATCH --array=0-\(shards - 1)
      #SBATCH --cpus-per-task=\(cpus)
      \(common)#SBATCH --output=\(directory)/logs/shard-%a.log
      set -eu
      K=$((SLURM_ARRAY_TASK_ID + 1))
      exec \(shardCommand("$K", threads: "\"${SLURM_CPUS_PER_TASK:-1}\""))
      SUPPLYSIM_SHARDS
      )
      shards=${shards%%;*}
      merge=$(sbatch --parsable --dependency=afterok:"$shards" <<'SUPPLYSIM_MERGE'
      #!/bin/bash
      #SBATCH --job-name=\(jobName)-merge
      #SBATCH --cpus-per-task=1
      \(common)#SBATCH --output=\(directory)/logs/merge.log
      set -eu
      exec \(mergeCommand)
      SUPPLYSIM_MERGE
      )
      merge=${merge%%;*}
      echo "submitted the shards as job array $shards and the merge as job $merge (it starts when every shard succeeded)"
      echo "$shards $merge" > \(directory)/logs/jobs

      """
  }

  /// The Kubernetes manifest: two Jobs in one file, labelled by stage.
  func kubernetes() -> String {
    func yaml(_ s: String) -> String { JSONValue.quoted(s) }
    let shardScript = "K=$((JOB_COMPLETION_INDEX + 1)); exec " + shardCommand("$K", threads: "\(cpus)")
    let mergeScript = "exec " + mergeCommand
    func job(_ name: String, stage: String, indexed: Bool, script: String, cpus: Int) -> String {
      var out = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: \(name)
          labels:
            app.kubernetes.io/name: supplysim
            supplysim-stage: \(stage)
        spec:

        """
      if indexed {
        out += """
            completionMode: Indexed
            completions: \(shards)
            parallelism: \(shards)
            backoffLimitPerIndex: 2
            maxFailedIndexes: 0

          """
      } else {
        out += "  backoffLimit: 2\n"
      }
      out += """
          template:
            metadata:
              labels:
                app.kubernetes.io/name: supplysim
                supplysim-stage: \(stage)
            spec:
              restartPolicy: Never
              containers:
              - name: supplysim
                image: \(yaml(image))
                workingDir: /data
                command: ["/bin/bash", "-c", \(yaml(script))]
                resources:
                  requests: {cpu: "\(cpus)", memory: "\(memory)"}
                  limits: {cpu: "\(cpus)", memory: "\(memory)"}
                volumeMounts:
                - {name: data, mountPath: /data}
              volumes:
              - name: data
                persistentVolumeClaim: {claimName: \(yaml(volume))}

        """
      return out
    }
    return """
      # SupplySim \(SupplySimCommand.version): '\(command)' as a Kubernetes Indexed Job of \(shards) shards and a merge Job.
      # \(splitNote).
      # Completion index i runs shard i+1 and writes /data/\(directory)/shard-(i+1)/partial.json. The
      # volume '\(volume)' (a ReadWriteMany PersistentVolumeClaim) is mounted at /data, the working
      # folder: copy the scenario there first, at the path the command names. Then run the stages in order:
      #   kubectl apply -f THIS-FILE -l supplysim-stage=shards
      #   kubectl wait --for=condition=complete --timeout=24h job/\(jobName)
      #   kubectl apply -f THIS-FILE -l supplysim-stage=merge
      # (the merge refuses, naming them, if shards are missing or failed).

      """ + job(jobName, stage: "shards", indexed: true, script: shardScript, cpus: cpus)
      + "---\n" + job("\(jobName)-merge", stage: "merge", indexed: false, script: mergeScript, cpus: 1)
  }
}

extension Character {
  /// An ASCII digit 0-9.
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
  /// An ASCII letter or digit.
  var isLetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
