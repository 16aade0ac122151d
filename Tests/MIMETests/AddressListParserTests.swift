import MailCore
import Testing
@testable import MIME

@Suite struct AddressListParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var expected: [EmailAddress]
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        Case(input: "alice@example.com", expected: [EmailAddress(address: "alice@example.com")]),
        Case(input: "Alice <alice@example.com>", expected: [EmailAddress(name: "Alice", address: "alice@example.com")]),
        Case(input: "\"Doe, Jane\" <jane@example.com>, bob@example.org",
             expected: [EmailAddress(name: "Doe, Jane", address: "jane@example.com"), EmailAddress(address: "bob@example.org")]),
        Case(input: "=?UTF-8?Q?J=C3=B6rg?= <j@example.de>", expected: [EmailAddress(name: "Jörg", address: "j@example.de")]),
        Case(input: "\"=?UTF-8?B?SsO2cmc=?=\" <j@example.de>", expected: [EmailAddress(name: "Jörg", address: "j@example.de")]),
        Case(input: "alice@example.com (Alice Liddell)", expected: [EmailAddress(name: "Alice Liddell", address: "alice@example.com")]),
        Case(input: "Team: a@x.test, B <b@x.test>;, c@y.test",
             expected: [EmailAddress(address: "a@x.test"), EmailAddress(name: "B", address: "b@x.test"), EmailAddress(address: "c@y.test")]),
        Case(input: "undisclosed-recipients:;", expected: []),
        Case(input: "<@relay.test:route@example.com>", expected: [EmailAddress(address: "route@example.com")]),
        Case(input: "Doe, John <john@example.com>", expected: [EmailAddress(name: "Doe, John", address: "john@example.com")]),
        Case(input: "\"quoted \\\"name\\\"\" <q@example.com>", expected: [EmailAddress(name: "quoted \"name\"", address: "q@example.com")]),
        Case(input: "<bare@example.com>", expected: [EmailAddress(address: "bare@example.com")]),
        Case(input: "\"john doe\"@example.com", expected: [EmailAddress(address: "\"john doe\"@example.com")]),
        Case(input: "garbage ,,, ; : <> @@", expected: []),
        Case(input: "", expected: []),
        Case(input: "Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
             expected: [EmailAddress(name: "Mary Smith", address: "mary@x.test"), EmailAddress(address: "jdoe@example.org"),
                        EmailAddress(name: "Who?", address: "one@y.test")]),
        Case(input: "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
             expected: [EmailAddress(name: "Pete", address: "pete@silly.test")]),
        Case(input: "José <josé@exämple.test>", expected: [EmailAddress(name: "José", address: "josé@exämple.test")]),
        Case(input: "<unterminated@example.com", expected: [EmailAddress(address: "unterminated@example.com")]),
    ]

    @Test(arguments: cases)
    func parses(_ testCase: Case) {
        #expect(AddressListParser.parse(testCase.input) == testCase.expected)
    }

    @Test func limitsCount() {
        let many = (0..<50).map { "u\($0)@x.test" }.joined(separator: ", ")
        #expect(AddressListParser.parse(many, limit: 10).count == 10)
    }
}
