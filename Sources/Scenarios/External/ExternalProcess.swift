#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A running external policy program: its standard input and output, spoken to in lines, every
/// wait bounded by a deadline.
///
/// The program is started with `posix_spawnp` (looked up in `PATH` unless its name holds a
/// `/`) in its own process group, in a given working folder, with SupplySim's environment and
/// standard error. Its input and output are Unix socket pairs (written with `MSG_NOSIGNAL`, so
/// a program that has exited makes a write fail instead of raising `SIGPIPE` in SupplySim).
/// Every descriptor SupplySim opens for it is close-on-exec, so programs started at the same
/// time on other threads never hold each other's sockets. (Foundation's `Process` would do the
/// same, but it lives in the full Foundation, which SupplySim does not link on Linux: only
/// `FoundationEssentials`.)
///
/// One thread uses a process at a time (the simulation's); the state sits in a `Mutex` so that
/// the type is checked `Sendable`.
final class ExternalProcess: Sendable {
  /// What went wrong talking to the program, as a clause for `PolicyFailure.problem`.
  struct Failure: Error, Sendable, CustomStringConvertible {
    var description: String
  }

  private struct State {
    var pid: pid_t
    /// SupplySim's end of the program's standard input (a socket), or -1 once closed.
    var input: Int32
    /// SupplySim's end of the program's standard output (a socket), or -1 once closed.
    var output: Int32
    /// Bytes read and not yet returned as lines.
    var buffer: [UInt8] = []
    /// What one read fills, reused.
    var chunk = [UInt8](repeating: 0, count: 65_536)
    /// Where the unreturned bytes start in `buffer`.
    var start = 0
    /// The wait status, once the program was reaped.
    var status: Int32?
  }

  private let state: Mutex<State>
  /// The longest reply line accepted: 256 MiB.
  static let maximumLineBytes = 256 << 20

  private init(pid: pid_t, input: Int32, output: Int32) {
    state = Mutex(State(pid: pid, input: input, output: output))
  }

  deinit {
    stop()
  }

  /// Starts `program` with `arguments` (the first is the program's own name, `argv[0]`) in
  /// `folder`.
  ///
  /// - Throws: `Failure` when the pipes cannot be made or the program cannot be started (no such
  ///   file, not executable, a bad `#!` line, a missing folder).
  static func start(program: String, arguments: [String], folder: String) throws(Failure) -> ExternalProcess {
    var socket: [Int32] = [-1, -1]
    var pipe: [Int32] = [-1, -1]
    guard makeSocketPair(&socket) else { throw Failure(description: "cannot make its input: \(errorText(errno))") }
    guard makeSocketPair(&pipe) else {
      let code = errno
      close(socket[0]); close(socket[1])
      throw Failure(description: "cannot make its output: \(errorText(code))")
    }
    // socket[1] and pipe[1] become the program's standard input and output (dup2 clears
    // close-on-exec on the copies); SupplySim keeps socket[0] and pipe[0].
    var actions = FileActions()
    var attributes = SpawnAttributes()
    defer { actions.destroy(); attributes.destroy() }
    actions.dup(socket[1], to: 0)
    actions.dup(pipe[1], to: 1)
    let closeAll = { close(socket[0]); close(socket[1]); close(pipe[0]); close(pipe[1]) }
    guard actions.changeDirectory(to: folder) else {
      closeAll()
      throw Failure(description: "cannot start it in \(folder): this C library cannot set a program's working folder")
    }
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let result = posix_spawnp(&pid, program, &actions.raw, &attributes.raw, &argv, environ)
    close(socket[1])
    close(pipe[1])
    guard result == 0 else {
      close(socket[0]); close(pipe[0])
      throw Failure(description: "cannot start \(program): \(errorText(result))")
    }
    _ = fcntl(socket[0], F_SETFL, fcntl(socket[0], F_GETFL) | O_NONBLOCK)
    _ = fcntl(pipe[0], F_SETFL, fcntl(pipe[0], F_GETFL) | O_NONBLOCK)
    return ExternalProcess(pid: pid, input: socket[0], output: pipe[0])
  }

  /// Writes `bytes` (one or more whole lines) to the program's input.
  ///
  /// - Parameter what: The reply the message asks for, to say what the program did not send
  ///   when it has exited: `"reply for day 3"`.
  /// - Throws: `Failure` when the deadline passes first or the program no longer reads (it
  ///   exited: the failure then says how).
  func deliver(_ bytes: [UInt8], deadline: ContinuousClock.Instant, seconds: Double, awaiting what: String) throws(Failure) {
    try state.withLock { (s: inout State) throws(Failure) in
      guard s.input >= 0 else { throw Failure(description: "its input is closed") }
      var written = 0
      while written < bytes.count {
        let n = bytes.withUnsafeBytes { raw in
          send(s.input, raw.baseAddress! + written, bytes.count - written, Self.sendFlags)
        }
        if n > 0 { written += n; continue }
        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK {
          guard Self.wait(for: s.input, events: Int16(POLLOUT), until: deadline) else {
            throw Failure(description: "it did not read its input within \(Self.text(seconds: seconds))")
          }
          continue
        }
        throw Failure(description: Self.exitText(&s, before: "sending its \(what)", fallback: "its input closed (\(Self.errorText(code)))"))
      }
    }
  }

  /// The next line of the program's output, without its newline.
  ///
  /// - Throws: `Failure` when the deadline passes first, the program closes its output (it
  ///   exited: the failure then says how), or the line grows past `maximumLineBytes`.
  func receiveLine(deadline: ContinuousClock.Instant, seconds: Double, awaiting what: String) throws(Failure) -> String {
    try state.withLock { (s: inout State) throws(Failure) -> String in
      var scanned = s.start
      while true {
        if let newline = s.buffer[scanned...].firstIndex(of: 10) {
          let line = String(decoding: s.buffer[s.start..<newline], as: UTF8.self)
          s.start = newline + 1
          if s.start == s.buffer.count { s.buffer.removeAll(keepingCapacity: true); s.start = 0 }
          return line
        }
        scanned = s.buffer.count
        guard s.buffer.count - s.start <= Self.maximumLineBytes else {
          throw Failure(description: "its \(what) is longer than \(Self.maximumLineBytes >> 20) MiB without a newline")
        }
        if s.start > 0 && s.start >= s.buffer.count / 2 {
          s.buffer.removeFirst(s.start)
          scanned -= s.start
          s.start = 0
        }
        guard s.output >= 0 else { throw Failure(description: "its output is closed") }
        let fd = s.output
        let n = s.chunk.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress!, raw.count) }
        if n > 0 {
          s.buffer.append(contentsOf: s.chunk[0..<n])
          continue
        }
        if n == 0 {
          throw Failure(description: Self.exitText(&s, before: "sending its \(what)", fallback: "it closed its output before sending its \(what)"))
        }
        let code = errno
        if code == EINTR { continue }
        guard code == EAGAIN || code == EWOULDBLOCK else { throw Failure(description: "its output cannot be read: \(Self.errorText(code))") }
        guard Self.wait(for: fd, events: Int16(POLLIN), until: deadline) else {
          throw Failure(description: "no \(what) within \(Self.text(seconds: seconds))")
        }
      }
    }
  }

  /// Closes the program's input (it should then exit) and waits until `deadline` for it to
  /// exit; stops it if it has not. Idempotent.
  func finish(deadline: ContinuousClock.Instant) {
    state.withLock { s in
      if s.input >= 0 { close(s.input); s.input = -1 }
      while s.status == nil && ContinuousClock.now < deadline {
        Self.reap(&s)
        if s.status == nil { usleep(1_000) }
      }
    }
    stop()
  }

  /// Stops the program if it runs (`SIGTERM`, then `SIGKILL` after a second), reaps it and
  /// closes SupplySim's ends. Idempotent.
  func stop() {
    state.withLock { s in
      if s.input >= 0 { close(s.input); s.input = -1 }
      if s.output >= 0 { close(s.output); s.output = -1 }
      Self.reap(&s)
      guard s.status == nil else { return }
      kill(-s.pid, SIGTERM)  // the whole process group: a shell script's children too
      let grace = ContinuousClock.now + .seconds(1)
      while s.status == nil && ContinuousClock.now < grace {
        usleep(1_000)
        Self.reap(&s)
      }
      guard s.status == nil else { return }
      kill(-s.pid, SIGKILL)
      var status: Int32 = 0
      while waitpid(s.pid, &status, 0) == -1 && errno == EINTR {}
      s.status = status
    }
  }

  /// A connected pair of Unix stream sockets, both close-on-exec, so that programs started at
  /// the same time on other threads never inherit them.
  private static func makeSocketPair(_ pair: inout [Int32]) -> Bool {
    #if canImport(Darwin)
    guard socketpair(AF_UNIX, SOCK_STREAM, 0, &pair) == 0 else { return false }
    var on: Int32 = 1
    for fd in pair {
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
    }
    return true
    #else
    return socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0
    #endif
  }

  #if canImport(Darwin)
  private static let sendFlags: Int32 = 0
  #else
  private static let sendFlags = Int32(MSG_NOSIGNAL)
  #endif

  /// Collects the program's exit status if it has exited.
  private static func reap(_ s: inout State) {
    guard s.status == nil else { return }
    var status: Int32 = 0
    var r: pid_t
    repeat { r = waitpid(s.pid, &status, WNOHANG) } while r == -1 && errno == EINTR
    if r == s.pid || (r == -1 && errno == ECHILD) { s.status = r == s.pid ? status : 0 }
  }

  /// How the program ended, when it closed a pipe: waits up to a second for it to exit.
  private static func exitText(_ s: inout State, before what: String, fallback: String) -> String {
    let limit = ContinuousClock.now + .seconds(1)
    reap(&s)
    while s.status == nil && ContinuousClock.now < limit {
      usleep(1_000)
      reap(&s)
    }
    guard let status = s.status else { return fallback }
    let signal = status & 0x7f
    if signal == 0 { return "the program exited with status \((status >> 8) & 0xff) before \(what)" }
    return "the program was killed by signal \(signal)\(signalName(signal)) before \(what)"
  }

  private static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGKILL: " (SIGKILL)"
    case SIGTERM: " (SIGTERM)"
    case SIGSEGV: " (SIGSEGV)"
    case SIGABRT: " (SIGABRT)"
    case SIGINT: " (SIGINT)"
    case SIGPIPE: " (SIGPIPE)"
    default: ""
    }
  }

  /// Waits until `fd` is ready for `events` or `deadline` passes; true when ready (or in error,
  /// which the next read or write reports).
  private static func wait(for fd: Int32, events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
    while true {
      let left = deadline - ContinuousClock.now
      guard left > .zero else { return false }
      let ms = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
      var p = pollfd(fd: fd, events: events, revents: 0)
      let r = poll(&p, 1, ms)
      if r > 0 { return true }
      if r < 0 && errno != EINTR { return true }
    }
  }

  static func text(seconds: Double) -> String {
    seconds == seconds.rounded() && seconds < 1e9 ? "\(Int(seconds)) s" : "\(seconds) s"
  }

  static func errorText(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }
}

/// `posix_spawn_file_actions_t`, with the working-folder action looked up at run time (it is a
/// GNU and BSD extension the C module does not declare).
private struct FileActions {
  var raw = posix_spawn_file_actions_t()
  init() { posix_spawn_file_actions_init(&raw) }
  mutating func destroy() { posix_spawn_file_actions_destroy(&raw) }
  mutating func dup(_ fd: Int32, to target: Int32) { posix_spawn_file_actions_adddup2(&raw, fd, target) }

  /// Adds "change to `folder`"; false when the C library has no such action.
  mutating func changeDirectory(to folder: String) -> Bool {
    #if canImport(Darwin)
    return posix_spawn_file_actions_addchdir_np(&raw, folder) == 0
    #else
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return false }
    let add = unsafeBitCast(symbol, to: AddChdir.self)
    return add(&raw, folder) == 0
    #endif
  }
}

/// `posix_spawnattr_t` putting the program in its own process group, so that Ctrl-C reaches
/// SupplySim alone (the program then sees its input close).
private struct SpawnAttributes {
  #if canImport(Darwin)
  var raw: posix_spawnattr_t? = nil
  #else
  var raw = posix_spawnattr_t()
  #endif
  init() {
    posix_spawnattr_init(&raw)
    posix_spawnattr_setflags(&raw, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&raw, 0)
  }
  mutating func destroy() { posix_spawnattr_destroy(&raw) }
}
