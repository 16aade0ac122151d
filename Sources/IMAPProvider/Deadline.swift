import Synchronization

/// Runs work with a hard time limit: the caller gets an answer when the limit passes even if the work
/// is stuck somewhere that ignores cancellation (e.g. a connect waiting for a greeting). The work is
/// cancelled and finishes in the background within its own timeouts.
enum Deadline {
    /// The result of `body`, or `timeoutError` once `limit` has passed.
    static func run<T: Sendable>(
        limit: Duration, timeoutError: @autoclosure @escaping @Sendable () -> any Error,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let race = Race<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(continuation, limit: limit, timeoutError: timeoutError, body)
            }
        } onCancel: {
            race.cancel()
        }
    }

    /// Resumes the caller exactly once: with the work's result or with the timeout.
    private final class Race<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var work: Task<Void, Never>?
            var timer: Task<Void, Never>?
            var cancelled = false
        }

        private let state = Mutex(State())

        func start(_ continuation: CheckedContinuation<T, any Error>, limit: Duration,
                   timeoutError: @escaping @Sendable () -> any Error, _ body: @escaping @Sendable () async throws -> T) {
            let work = Task {
                do {
                    self.finish(.success(try await body()))
                } catch {
                    self.finish(.failure(error))
                }
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                guard !Task.isCancelled else { return }
                self.finish(.failure(timeoutError()))
            }
            let cancelledAlready = state.withLock { state in
                state.continuation = continuation
                state.work = work
                state.timer = timer
                return state.cancelled
            }
            if cancelledAlready { finish(.failure(CancellationError())) }
        }

        func cancel() {
            state.withLock { $0.cancelled = true }
            finish(.failure(CancellationError()))
        }

        private func finish(_ result: Result<T, any Error>) {
            let (continuation, work, timer) = state.withLock { state in
                defer { state.continuation = nil }
                return (state.continuation, state.work, state.timer)
            }
            guard let continuation else { return }
            work?.cancel()
            timer?.cancel()
            continuation.resume(with: result)
        }
    }
}
