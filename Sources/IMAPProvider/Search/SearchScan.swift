import Foundation
import IMAP
import MailCore

/// The matches of one search across folders, kept only as far as the requested page needs.
struct SearchScan {
    /// A folder as searched: its name and UIDVALIDITY at that time.
    struct FolderRef: Hashable {
        var mailbox: MailboxName
        var uidValidity: UIDValidity
    }

    /// One match: where it is and when it arrived (when known).
    struct Hit {
        var folder: FolderRef
        var folderIndex: Int
        var uid: UID
        var arrival: Int64
        var messageKey: String { MessageLocator(mailbox: folder.mailbox, uidValidity: folder.uidValidity, uid: uid).id }
    }

    /// `offset + limit`: how many of each folder's newest matches can reach the page.
    let wanted: Int
    /// Whether matches of several folders are merged by INTERNALDATE (else by UID).
    let ordersByDate: Bool
    private(set) var hits: [Hit] = []
    private(set) var total = 0
    private(set) var notes: [String] = []
    private var folderCount = 0

    init(wanted: Int, ordersByDate: Bool) {
        self.wanted = wanted
        self.ordersByDate = ordersByDate
    }

    /// Adds one folder's result; folders keep the order they are added in (ties between folders).
    mutating func add(_ folder: FolderScan) {
        notes += folder.notes
        guard let ref = folder.folder else { return }
        total += folder.total
        folderCount += 1
        let index = folderCount
        hits += folder.newest.map { Hit(folder: ref, folderIndex: index, uid: $0, arrival: folder.arrivals[$0] ?? 0) }
    }

    /// Every kept match, newest first: by arrival across folders, by UID within one.
    func ordered() -> [Hit] {
        hits.sorted { a, b in
            if ordersByDate, a.arrival != b.arrival { return a.arrival > b.arrival }
            if a.folderIndex != b.folderIndex { return a.folderIndex < b.folderIndex }
            return a.uid > b.uid
        }
    }

    /// The page's UIDs per folder, folders in first-appearance order, UIDs in page order.
    static func groupByFolder(_ page: [Hit]) -> [(FolderRef, [UID])] {
        var order: [FolderRef] = []
        var groups: [FolderRef: [UID]] = [:]
        for hit in page {
            if groups[hit.folder] == nil { order.append(hit.folder) }
            groups[hit.folder, default: []].append(hit.uid)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }
}

/// One folder searched: its newest `wanted` matches (with arrival dates when several folders are merged),
/// how many matched, and a note when a folder of the default set could not be searched.
struct FolderScan: Sendable {
    /// Nil when the folder was skipped.
    var folder: SearchScan.FolderRef?
    var newest: [UID] = []
    var total = 0
    var arrivals: [UID: Int64] = [:]
    var notes: [String] = []

    /// Selects and searches `mailbox` on `connection`.
    ///
    /// A folder of the default set that cannot be selected is skipped with a note; an explicitly
    /// requested one is `.folderNotFound`.
    static func run(
        _ mailbox: MailboxInfo, key: SearchKey, wanted: Int, withArrivals: Bool, explicit: Bool,
        provider: IMAPMailProvider, on connection: IMAPConnection
    ) async throws -> FolderScan {
        let selected: SelectedMailbox
        do {
            selected = try await provider.select(mailbox.name, on: connection, missing: MailError(.folderNotFound))
        } catch let error as MailError where error.code == .folderNotFound && !explicit {
            return FolderScan(folder: nil, notes: ["folder \(mailbox.name.displayName) could not be searched"])
        }
        let uids = try await IMAPMailProvider.freshSearch(key, on: connection)
        var scan = FolderScan(folder: SearchScan.FolderRef(mailbox: selected.name, uidValidity: selected.uidValidity))
        scan.total = uids.count
        scan.newest = Array(uids.reversed().prefix(wanted))
        if withArrivals, !scan.newest.isEmpty {
            for fetch in try await connection.uidFetch(UIDSet(scan.newest), attributes: [.uid, .internalDate]) {
                if let uid = fetch.uid { scan.arrivals[uid] = fetch.internalDate?.secondsSince1970 ?? 0 }
            }
        }
        return scan
    }
}
