import Foundation
import MailCore
import MicrosoftStandIn
import OutlookProvider
import Testing

@Suite("Outlook search_emails")
struct SearchTests {
    @Test func pagesThroughNextLinkAndSkipsClientSide() async throws {
        var configuration = StandInConfiguration()
        configuration.maxPageSize = 2
        try await OutlookFixture.with(configuration) { f in
            for index in 0..<6 {
                await f.store.seed(StandInMessage(subject: "Invoice \(index)", body: "pay me",
                                                  from: StandInRecipient(address: "billing@example.test"), received: OutlookFixture.time(index)))
            }
            await f.store.seed(StandInMessage(subject: "Lunch", body: "tacos", from: StandInRecipient(address: "friend@example.test")),
                               in: "archive")
            let page = try await f.provider.search(SearchRequest(query: "invoice", limit: 3, offset: 1))
            #expect(page.messages.map(\.subject) == ["Invoice 4", "Invoice 3", "Invoice 2"])
            #expect(page.hasMore)
            #expect(page.total == nil)
            #expect(page.notes.isEmpty)
            #expect(page.messages.allSatisfy { $0.folder == "INBOX" })
            let requests = await f.store.requests(to: .listMessages)
            #expect(requests.count == 3)   // 2 + 2 + 2 results, enough for offset 1 + limit 3 + 1
            #expect(requests.allSatisfy { $0.headers["consistencylevel"] == "eventual" })
            #expect(requests.allSatisfy { $0.query["$skip"] == nil && $0.query["$orderby"] == nil })
            #expect(requests[0].query["$search"] == "\"invoice\"")
            #expect(requests[1].query["$skiptoken"] != nil)
        }
    }

    @Test func queryPassedAsWrittenWithQuotesEscaped() async throws {
        try await OutlookFixture.with { f in
            await f.store.seed(StandInMessage(subject: "Q1 report & plan", body: "numbers",
                                              from: StandInRecipient(name: "Alice", address: "alice@example.test")))
            await f.store.seed(StandInMessage(subject: "Q1 other", body: "numbers",
                                              from: StandInRecipient(name: "Bob", address: "bob@example.test")))
            let query = "from:alice subject:\"q1 report & plan\""
            let page = try await f.provider.search(SearchRequest(query: query))
            #expect(page.messages.map(\.subject) == ["Q1 report & plan"])
            #expect(!page.hasMore)
            let sent = await f.store.requests(to: .listMessages).first?.query["$search"]
            #expect(sent == "\"from:alice subject:\\\"q1 report & plan\\\"\"")
        }
    }

    @Test func includeFoldersIgnoredWithNote() async throws {
        try await OutlookFixture.with { f in
            await f.seedInbox(2, subject: "Hello")
            let projects = await f.store.addFolder("Projects")
            await f.store.seed(StandInMessage(subject: "Hello project", body: "x", from: StandInRecipient(address: "p@example.test"),
                                              received: OutlookFixture.time(-5)), in: projects.id)
            let page = try await f.provider.search(SearchRequest(query: "hello", includeFolders: [.sent]))
            #expect(page.messages.map(\.folder) == ["INBOX", "INBOX", "Projects"])
            #expect(await f.store.count(.getMailFolder) == 4)
            #expect(await f.store.count(.listMailFolders) == 1)
            #expect(page.notes == ["include_folders is ignored by Outlook: Microsoft Graph $search covers the whole mailbox"])
        }
    }
}
