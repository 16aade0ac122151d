import AsyncHTTPClient
import Foundation
import MicrosoftStandIn
import NIOCore
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

    @Test func uploadSessionRejectsBadRanges() async throws {
        let standIn = try await MicrosoftStandIn.start()
        let draft = await standIn.store.seed(StandInMessage(subject: "d", body: "b", from: nil, isDraft: true), in: "drafts")
        let (access, _) = await standIn.store.issueTokens()
        let total = 4 * 1024 * 1024
        var create = HTTPClientRequest(url: standIn.graphURL + "/me/messages/\(draft.id)/attachments/createUploadSession")
        create.method = .POST
        create.headers.add(name: "Authorization", value: "Bearer \(access)")
        create.headers.add(name: "Content-Type", value: "application/json")
        create.body = .bytes(ByteBuffer(string: #"{"AttachmentItem":{"attachmentType":"file","name":"a.bin","size":\#(total)}}"#))
        let created = try await RawHTTP.client.execute(create, timeout: .seconds(10))
        #expect(created.status.code == 201)
        let session = try JSONSerialization.jsonObject(with: Data(buffer: try await created.body.collect(upTo: 65536))) as? [String: Any]
        let url = try #require(session?["uploadUrl"] as? String)

        func put(_ range: String, _ count: Int, auth: Bool = false) async throws -> UInt {
            var request = HTTPClientRequest(url: url)
            request.method = .PUT
            request.headers.add(name: "Content-Type", value: "application/octet-stream")
            request.headers.add(name: "Content-Range", value: range)
            if auth { request.headers.add(name: "Authorization", value: "Bearer \(access)") }
            request.body = .bytes(ByteBuffer(repeating: 7, count: count))
            let response = try await RawHTTP.client.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 65536)
            return response.status.code
        }
        let chunk = 320 * 1024
        #expect(try await put("bytes 0-\(chunk - 1)/\(total)", chunk, auth: true) == 401)
        #expect(try await put("bytes \(chunk)-\(2 * chunk - 1)/\(total)", chunk) == 416)
        #expect(try await put("bytes 0-99999/\(total)", 100_000) == 400)
        #expect(try await put("bytes 0-\(chunk - 1)/\(total + 1)", chunk) == 400)
        #expect(try await put("bytes 0-\(chunk - 1)/\(total)", chunk - 1) == 400)
        #expect(try await put("bytes 0-\(chunk - 1)/\(total)", chunk) == 200)
        #expect(try await put("bytes \(chunk)-\(total - 1)/\(total)", total - chunk) == 201)
        #expect(await standIn.store.message(id: draft.id)?.attachments.first?.bytes.count == total)
        await standIn.shutdown()
    }

    @Test func attachmentGetAndRawValue() async throws {
        let standIn = try await MicrosoftStandIn.start()
        let bytes: [UInt8] = [0, 1, 2, 200, 255]
        let message = await standIn.store.seed(StandInMessage(
            subject: "a", body: "b", from: nil,
            attachments: [StandInAttachment(name: "x.bin", contentType: "application/x-test", bytes: bytes)]))
        let attachment = try #require(message.attachments.first)
        let base = standIn.graphURL + "/me/messages/\(message.id)/attachments/\(attachment.id)"
        let (status, json) = try await get(standIn, "/me/messages/\(message.id)/attachments/\(attachment.id)?$select=name,size")
        #expect(status == 200)
        #expect(json["name"] as? String == "x.bin")
        #expect(json["contentBytes"] == nil)
        #expect(json["@odata.type"] as? String == "#microsoft.graph.fileAttachment")
        let (access, _) = await standIn.store.issueTokens()
        var request = HTTPClientRequest(url: base + "/$value")
        request.headers.add(name: "Authorization", value: "Bearer \(access)")
        let response = try await RawHTTP.client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1024)
        #expect(response.status.code == 200)
        #expect(response.headers.first(name: "Content-Type") == "application/x-test")
        #expect(Array(buffer: body) == bytes)
        await standIn.shutdown()
    }
}
