import Foundation
import MicrosoftStandIn
import Testing

/// The stand-in must refuse what Graph refuses, or provider tests could pass against requests Graph rejects.
@Suite("Microsoft stand-in OData validation")
struct StandInValidationTests {
    func get(_ standIn: MicrosoftStandIn, _ pathAndQuery: String) async throws -> (Int, [String: Any]) {
        let (access, _) = await standIn.store.issueTokens()
        let (status, json, _) = try await RawHTTP.get(standIn.graphURL + pathAndQuery, headers: [("Authorization", "Bearer \(access)")])
        return (status, json)
    }

    @Test(arguments: [
        ("/me/messages?$search=%22x%22&$skip=10", "BadRequest"),
        ("/me/messages?$search=%22x%22&$orderby=receivedDateTime%20desc", "BadRequest"),
        ("/me/messages?$frobnicate=1", "BadRequest"),
        ("/me/messages?$select=id,size", "RequestBroker--ParseUri"),
        ("/me/messages?$top=0", "BadRequest"),
        ("/me/messages?$search=x", "BadRequest"),
        ("/me/messages?$filter=isRead%20eq%20false&$orderby=receivedDateTime%20desc", "InefficientFilter"),
        ("/me/messages?$expand=attachments", "BadRequest"),
    ])
    func rejectsWhatGraphRejects(pathAndQuery: String, code: String) async throws {
        let standIn = try await MicrosoftStandIn.start()
        let (status, json) = try await get(standIn, pathAndQuery)
        await standIn.shutdown()
        #expect(status == 400)
        let error = try #require(json["error"] as? [String: Any])
        #expect(error["code"] as? String == code)
        #expect(error["message"] is String)
        #expect((error["innerError"] as? [String: Any])?["request-id"] is String)
    }

    @Test func acceptsAValidRequestAndHonoursSelect() async throws {
        let standIn = try await MicrosoftStandIn.start()
        await standIn.store.seed(StandInMessage(subject: "Hi", body: "b", from: StandInRecipient(address: "a@example.test")))
        let (status, json) = try await get(standIn, "/me/mailFolders/inbox/messages?$select=subject&$top=5")
        await standIn.shutdown()
        #expect(status == 200)
        let first = try #require((json["value"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["@odata.etag", "id", "subject"])
    }

    @Test func missingTokenIsInvalidAuthenticationToken() async throws {
        let standIn = try await MicrosoftStandIn.start()
        let (status, json, response) = try await RawHTTP.get(standIn.graphURL + "/me/messages")
        await standIn.shutdown()
        #expect(status == 401)
        #expect((json["error"] as? [String: Any])?["code"] as? String == "InvalidAuthenticationToken")
        #expect(response.headers.first(name: "WWW-Authenticate") != nil)
    }
}
