import Foundation
import MailCore

/// Uploads one file to an attachment upload session: sequential `PUT`s of `GraphFields.uploadChunkSize`
/// bytes (a multiple of 320 KiB) with `Content-Range: bytes {start}-{end}/{total}`, resuming from the
/// server's `nextExpectedRanges`. The last chunk is answered with 201 Created.
struct AttachmentUploader {
    let transport: GraphTransport
    var chunkSize = GraphFields.uploadChunkSize

    func upload(_ data: [UInt8], to url: String) async throws(MailError) {
        let total = data.count
        var offset = 0
        // Each round moves forward at least one byte, so total/chunk + a few rounds always suffice.
        for _ in 0...(total / chunkSize + 4) {
            let end = min(offset + chunkSize, total) - 1
            let reply = try await transport.upload(url, bytes: data[offset...end], contentRange: "bytes \(offset)-\(end)/\(total)")
            if reply.status == 201 { return }
            let session = try GraphTransport.decode(GraphUploadProgress.self, reply.body)
            guard let next = session.nextExpectedRanges?.first.flatMap({ Int($0.split(separator: "-").first ?? "") }),
                  next > offset, next < total else {
                throw MailError(.providerError, detail: "upload session made no progress")
            }
            offset = next
        }
        throw MailError(.providerError, detail: "upload session did not complete")
    }
}
