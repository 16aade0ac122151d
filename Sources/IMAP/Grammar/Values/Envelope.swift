/// The parsed header summary of a message (RFC 3501 §7.4.2 `envelope`).
///
/// Strings are the raw header values (RFC 2047 encoded words are left encoded: the MIME layer
/// decodes them). Bytes that are not UTF-8 are read as ISO-8859-1 so nothing is lost to `U+FFFD`.
/// Wire: `("Mon, 7 Feb 1994 21:52:25 -0800" "afternoon meeting" (("Fred Foobar" NIL "foobar" "blurdybloop.example")) …)`.
public struct Envelope: Hashable, Sendable {
    /// The `Date:` header, unparsed.
    public var date: String?
    /// The `Subject:` header, possibly RFC 2047 encoded.
    public var subject: String?
    /// `From:` addresses.
    public var from: [AddressListItem]
    /// `Sender:` addresses (servers copy `From:` when absent).
    public var sender: [AddressListItem]
    /// `Reply-To:` addresses (servers copy `From:` when absent).
    public var replyTo: [AddressListItem]
    /// `To:` addresses.
    public var to: [AddressListItem]
    /// `Cc:` addresses.
    public var cc: [AddressListItem]
    /// `Bcc:` addresses (rarely present in stored mail).
    public var bcc: [AddressListItem]
    /// `In-Reply-To:` message id(s).
    public var inReplyTo: String?
    /// `Message-ID:`, with angle brackets.
    public var messageID: String?

    /// Creates an envelope; every field defaults to empty.
    public init(
        date: String? = nil, subject: String? = nil, from: [AddressListItem] = [], sender: [AddressListItem] = [],
        replyTo: [AddressListItem] = [], to: [AddressListItem] = [], cc: [AddressListItem] = [],
        bcc: [AddressListItem] = [], inReplyTo: String? = nil, messageID: String? = nil
    ) {
        self.date = date
        self.subject = subject
        self.from = from
        self.sender = sender
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.inReplyTo = inReplyTo
        self.messageID = messageID
    }
}

/// One entry of an envelope address list: a mailbox or an RFC 5322 group of mailboxes.
///
/// Groups appear on the wire as a start marker `(NIL NIL "group" NIL)`, members, and an end marker
/// `(NIL NIL NIL NIL)` (RFC 3501 §7.4.2).
public enum AddressListItem: Hashable, Sendable {
    case mailbox(EnvelopeAddress)
    case group(name: String, members: [EnvelopeAddress])
}

extension Array where Element == AddressListItem {
    /// Every mailbox, with group members in place of their groups.
    public var mailboxes: [EnvelopeAddress] {
        flatMap { item -> [EnvelopeAddress] in
            switch item {
            case .mailbox(let address): return [address]
            case .group(_, let members): return members
            }
        }
    }
}

/// An address from an envelope (RFC 3501 `address`): display name, source route, local part, domain.
public struct EnvelopeAddress: Hashable, Sendable {
    /// The display name (raw, possibly RFC 2047 encoded).
    public var name: String?
    /// The obsolete source route (`addr-adl`), almost always `nil`.
    public var adl: String?
    /// The local part (`addr-mailbox`).
    public var mailbox: String?
    /// The domain (`addr-host`).
    public var host: String?

    /// Creates an address.
    public init(name: String? = nil, adl: String? = nil, mailbox: String?, host: String?) {
        self.name = name
        self.adl = adl
        self.mailbox = mailbox
        self.host = host
    }

    /// `mailbox@host`, or just the local part when the host is missing.
    public var address: String? {
        guard let mailbox else { return nil }
        guard let host, !host.isEmpty else { return mailbox }
        return "\(mailbox)@\(host)"
    }
}
