/// Lets at most `width` callers run at once; the rest wait in line (FIFO). Tests use it to
/// spread out bursts of expensive server work that hundreds of parallel tests would start at the
/// same instant.
actor AsyncGate {
    private let width: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) {
        precondition(width > 0, "a gate must let someone through")
        self.width = width
    }

    /// Runs `body` once fewer than `width` others are running.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async {
        if running < width {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
