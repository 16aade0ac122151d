/// Per-window counts of one key, for the usage page.
public struct RateUsage: Hashable, Sendable {
    /// One window and the number of admitted requests inside it now.
    public struct WindowCount: Hashable, Sendable {
        /// The window.
        public var window: RateWindow
        /// Admitted requests inside it.
        public var count: Int

        /// Creates a value.
        public init(window: RateWindow, count: Int) {
            self.window = window
            self.count = count
        }
    }

    /// Each window of the policy, in order, with its count.
    public var windows: [WindowCount]
    /// Requests refused for rate limiting during the current UTC day.
    public var rejectionsToday: Int

    /// Creates a usage value.
    public init(windows: [WindowCount], rejectionsToday: Int) {
        self.windows = windows
        self.rejectionsToday = rejectionsToday
    }
}
