import Foundation

/// `/me/mailFolders`, `/me/mailFolders/{id}` and `/me/mailFolders/{id}/childFolders`. Folder keys may be
/// ids or Graph's well-known names (`inbox`, `sentitems`, `drafts`, `deleteditems`, …).
extension MicrosoftStore {
    func listFolders(_ request: StandInHTTPRequest, parent: String?) -> StandInHTTPResponse {
        let query: ODataQuery
        do throws(ODataQuery.Invalid) {
            query = try ODataQuery(request.query, allowed: ["$select", "$top", "$skip", "$skiptoken"], properties: ODataQuery.folderProperties)
        } catch { return .graphError(400, error.code, error.message) }
        var parentID: String?
        if let parent {
            guard let folder = resolveFolder(parent) else { return folderNotFound() }
            parentID = folder.id
        }
        let children = folders.filter { $0.parentID == parentID }
        let offset = query.skipToken ?? query.skip ?? 0
        let pageSize = min(query.top ?? 10, configuration.maxPageSize)
        let all = Array(messages.values)
        var json: [String: Any] = [
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('me')/mailFolders",
            "value": children.dropFirst(offset).prefix(pageSize).map { MessageJSON.folder($0, in: folders, messages: all, select: query.select) },
        ]
        if offset + pageSize < children.count {
            json["@odata.nextLink"] = nextLink(request, offset: offset + pageSize, useSkipToken: false)
        }
        return .json(200, json)
    }

    func getFolder(_ request: StandInHTTPRequest, key: String) -> StandInHTTPResponse {
        let query: ODataQuery
        do throws(ODataQuery.Invalid) {
            query = try ODataQuery(request.query, allowed: ["$select"], properties: ODataQuery.folderProperties)
        } catch { return .graphError(400, error.code, error.message) }
        guard let folder = resolveFolder(key), folder.wellKnownName == key.lowercased() || folder.id == key else {
            return folderNotFound()
        }
        return .json(200, MessageJSON.folder(folder, in: folders, messages: Array(messages.values), select: query.select))
    }
}
