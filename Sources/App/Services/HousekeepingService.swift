import Foundation
import Logging
import ServiceLifecycle
import Storage

/// Runs ``Housekeeping`` a minute after start and then every hour until graceful shutdown, so the audit
/// log, rate events and expired sessions stop growing without an operator's cron job. A failed run is
/// logged and tried again at the next interval; a run never delays a request (short batched writes).
struct HousekeepingService: Service {
    let housekeeping: Housekeeping
    let policy: RetentionPolicy
    let logger: Logger
    var firstRunAfter: Duration = .seconds(60)
    var interval: Duration = .seconds(3_600)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var wait = firstRunAfter
            while !Task.isCancelled {
                do { try await Task.sleep(for: wait) } catch { return }
                await runOnce()
                wait = interval
            }
        }
    }

    /// One prune; the report is logged when it deleted anything.
    func runOnce() async {
        do {
            let report = try await housekeeping.prune(now: Date(), policy: policy)
            guard report.total > 0 else { return }
            logger.info("housekeeping deleted old rows", metadata: [
                "audit_entries": "\(report.auditEntries)", "rate_events": "\(report.rateEvents)",
                "rate_rejection_days": "\(report.rateRejectionDays)", "dashboard_sessions": "\(report.dashboardSessions)",
                "invites": "\(report.invites)", "oauth_states": "\(report.oauthStates)", "login_failures": "\(report.loginFailures)",
            ])
        } catch is CancellationError {
            return
        } catch {
            logger.warning("housekeeping failed; tried again in an hour", metadata: ["error": "\(type(of: error))"])
        }
    }
}
