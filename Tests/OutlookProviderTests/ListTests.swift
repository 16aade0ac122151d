import Foundation
import MailCore
import MicrosoftStandIn
import OutlookProvider
import Testing

@Suite("Outlook list_inbox")
struct ListTests {
    @Test func listsNewestFirstWithSummaryFieldsOnly() async throws {
        try await OutlookFixture.with { f in
            let seeded = await f.seedInbox(3)
            let page = try await f.provider.list(ListRequest(limit: 2))
            #expect(page.messages.map(\.messageID) == seeded.prefix(2).map(\.id))
            #expect(page.total == 3)
            #expect(page.hasMore)
            let first = try #require(page.messages.first)
            let stored = seeded[0]
            #expect(first.threadID == stored.conversationID)
            #expect(first.from == EmailAddress(name: "Sender 2", address: "sender2@example.test"))
            #expect(first.to == [EmailAddress(name: "Adele Vance", address: "adele@contoso.test")])
            #expect(first.subject == "Message 2")
            #expect(first.date == OutlookFixture.time(2))
            #expect(first.snippet == "Body of message 2")
            #expect(first.unread)
            #expect(!first.hasAttachments)
            #expect(first.size == stored.size)
            #expect(first.folder == "INBOX")

            let requests = await f.store.requests(to: .listMessages)
            #expect(requests.count == 1)
            let query = try #require(requests.first?.query)
            #expect(requests.first?.path == "/v1.0/me/mailFolders/inbox/messages")
            #expect(query["$select"] == "id,conversationId,from,toRecipients,ccRecipients,subject,receivedDateTime,bodyPreview,isRead,hasAttachments")
            #expect(query["$top"] == "2")
            #expect(query["$orderby"] == "receivedDateTime desc")
            #expect(query["$count"] == "true")
            #expect(query["$skip"] == nil)
            #expect(query["$expand"] == "singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')")
            #expect(requests.first?.headers["consistencylevel"] == "eventual")
        }
    }

    @Test func offsetAndUnreadOnly() async throws {
        try await OutlookFixture.with { f in
            let seeded = await f.seedInbox(5, unreadEvery: 2)   // messages 0, 2, 4 unread
            let page = try await f.provider.list(ListRequest(limit: 10, offset: 1, unreadOnly: true))
            #expect(page.messages.map(\.subject) == ["Message 2", "Message 0"])
            #expect(page.total == 3)
            #expect(!page.hasMore)
            #expect(page.messages.allSatisfy { $0.unread })
            let query = try #require(await f.store.requests(to: .listMessages).first?.query)
            #expect(query["$filter"] == "receivedDateTime ge 1900-01-01T00:00:00Z and isRead eq false")
            #expect(query["$skip"] == "1")
            #expect(seeded.count == 5)
        }
    }

    @Test(arguments: [(Folder.sent, "sentitems", "SENT"), (.drafts, "drafts", "DRAFTS"), (.trash, "deleteditems", "TRASH")])
    func wellKnownFolders(folder: Folder, graphName: String, shown: String) async throws {
        try await OutlookFixture.with { f in
            await f.store.seed(StandInMessage(subject: "In \(graphName)", body: "x", from: StandInRecipient(address: "a@example.test")), in: graphName)
            await f.seedInbox(1)
            let page = try await f.provider.list(ListRequest(folder: folder))
            #expect(page.messages.map(\.subject) == ["In \(graphName)"])
            #expect(page.messages.first?.folder == shown)
            #expect(await f.store.requests(to: .listMessages).first?.path == "/v1.0/me/mailFolders/\(graphName)/messages")
        }
    }

    @Test func namedFolderFoundAmongChildFoldersAndCached() async throws {
        try await OutlookFixture.with { f in
            let projects = await f.store.addFolder("Projects")
            let alpha = await f.store.addFolder("Alpha", parent: projects.id)
            await f.store.seed(StandInMessage(subject: "Alpha news", body: "x", from: StandInRecipient(address: "a@example.test")), in: alpha.id)
            let page = try await f.provider.list(ListRequest(folder: .named("alpha")))
            #expect(page.messages.map(\.subject) == ["Alpha news"])
            #expect(page.messages.first?.folder == "alpha")
            #expect(await f.store.count(.getMailFolder) == 0)
            #expect(await f.store.count(.listMailFolders) == 1)
            #expect(await f.store.count(.listChildFolders) == 1)
            _ = try await f.provider.list(ListRequest(folder: .named("Projects/Alpha")))
            #expect(await f.store.count(.listMailFolders) == 1)
            #expect(await f.store.count(.listChildFolders) == 1)
            #expect(await f.store.count(.listMessages) == 2)
        }
    }

    @Test func followsServerDrivenPagingToFillThePage() async throws {
        var configuration = StandInConfiguration()
        configuration.maxPageSize = 2
        try await OutlookFixture.with(configuration) { f in
            let seeded = await f.seedInbox(6)
            let page = try await f.provider.list(ListRequest(limit: 5))
            #expect(page.messages.map(\.messageID) == seeded.prefix(5).map(\.id))
            #expect(page.total == 6)
            #expect(page.hasMore)
            let requests = await f.store.requests(to: .listMessages)
            #expect(requests.count == 3)
            #expect(requests.map { $0.query["$skip"] } == [nil, "2", "4"])
        }
    }

    @Test func unknownFolderIsFolderNotFound() async throws {
        try await OutlookFixture.with { f in
            await #expect(throws: MailError(.folderNotFound)) {
                _ = try await f.provider.list(ListRequest(folder: .named("No Such Folder")))
            }
            #expect(await f.store.count(.listMessages) == 0)
        }
    }
}
