import NIOCore

extension IMAPConnection {
    /// Updates session facts from any untagged response, solicited or not (RFC 3501 §7).
    func observe(_ response: UntaggedResponse) {
        switch response {
        case .exists(let count):
            selectedMailbox?.exists = count
        case .expunge:
            if let exists = selectedMailbox?.exists, exists > 0 { selectedMailbox?.exists = exists - 1 }
            expungedSinceSelect += 1
        case .capability(let list):
            capabilities = Set(list)
        case .condition(_, let text):
            if case .capability(let list)? = text.code { capabilities = Set(list) }
        case .enabled(let list):
            enabledExtensions.formUnion(list)
        case .flags(let list):
            selectedMailbox?.flags = list
        default:
            break
        }
    }
}

extension Response {
    /// A one-line description for protocol traces: structure and sizes, never literal payloads.
    var traceDescription: String {
        switch self {
        case .continuation(let request):
            return "+ \(request.text.text)"
        case .tagged(let tagged):
            return "\(tagged.tag) \(tagged.status.rawValue) \(tagged.text.code.map { "[\($0.name)] " } ?? "")\(tagged.text.text)"
        case .untagged(let untagged):
            return "* " + untagged.traceDescription
        }
    }
}

extension UntaggedResponse {
    var traceDescription: String {
        switch self {
        case .condition(let status, let text):
            return "\(status.rawValue) \(text.code.map { "[\($0.name)] " } ?? "")\(text.text)"
        case .capability(let list): return "CAPABILITY " + list.map(\.rawValue).joined(separator: " ")
        case .enabled(let list): return "ENABLED " + list.map(\.rawValue).joined(separator: " ")
        case .flags(let list): return "FLAGS (\(list.map(\.rawValue).joined(separator: " ")))"
        case .list(let info): return "LIST (\(info.attributes.map(\.rawValue).joined(separator: " "))) \(info.name.wireName)"
        case .lsub(let info): return "LSUB \(info.name.wireName)"
        case .status(let name, _): return "STATUS \(name.wireName)"
        case .search(let numbers, _): return "SEARCH (\(numbers.count) results)"
        case .esearch(let result): return "ESEARCH count=\(result.count.map(String.init) ?? "-")"
        case .exists(let n): return "\(n) EXISTS"
        case .recent(let n): return "\(n) RECENT"
        case .expunge(let n): return "\(n) EXPUNGE"
        case .fetch(let fetch):
            let sections = fetch.sections.map { "[\($0.section)] \($0.data?.readableBytes ?? 0) bytes" }
            return "\(fetch.sequenceNumber) FETCH uid=\(fetch.uid.map(String.init(describing:)) ?? "-") \(sections.joined(separator: ", "))"
        case .id: return "ID (…)"
        case .other(let keyword, let rest): return "\(keyword) (\(rest.readableBytes) bytes)"
        }
    }
}
