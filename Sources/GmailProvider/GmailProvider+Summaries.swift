import MailCore

extension GmailProvider {
    /// `messages.get?format=full&fields=…` for each ref, at most `summaryConcurrency` in flight,
    /// results in the refs' order. A message deleted between `list` and `get` (404) is left out.
    func fetchSummaryResources(_ refs: [GmailWire.MessageRef]) async throws -> [GmailWire.Message] {
        guard !refs.isEmpty else { return [] }
        var results = [GmailWire.Message?](repeating: nil, count: refs.count)
        let width = max(1, min(limits.summaryConcurrency, refs.count))
        try await withThrowingTaskGroup(of: (Int, GmailWire.Message?).self) { group in
            var next = 0
            while next < width {
                let index = next
                group.addTask { (index, try await self.summaryResource(id: refs[index].id)) }
                next += 1
            }
            while let (index, resource) = try await group.next() {
                results[index] = resource
                if next < refs.count {
                    let index = next
                    group.addTask { (index, try await self.summaryResource(id: refs[index].id)) }
                    next += 1
                }
            }
        }
        return results.compactMap { $0 }
    }

    private func summaryResource(id: String) async throws -> GmailWire.Message? {
        let segment = try GmailAPIClient.pathSegment(messageID: id)
        do {
            return try await api.json(
                .init(
                    path: "\(Self.userPath)/messages/\(segment)",
                    query: [("format", "full"), ("fields", GmailSummaryMapper.summaryFields)],
                    operation: .readMessage
                ),
                as: GmailWire.Message.self
            )
        } catch let error as MailError where error.code == .messageNotFound {
            return nil
        }
    }

    /// The folder shown for a message: a well-known label, else its first user label's name, else ARCHIVE.
    func folderName(for labelIDs: [String]) async -> String {
        if let known = GmailSummaryMapper.wellKnownFolder(for: labelIDs) { return known }
        for id in labelIDs where id.hasPrefix("Label_") {
            if let name = await labels.name(of: id) { return name }
        }
        return GmailSummaryMapper.archiveFolder
    }
}
