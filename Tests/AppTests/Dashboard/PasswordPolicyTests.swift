@testable import Dashboard
import Testing

/// The dashboard's password rules, case by case (the route tests check that refusals reach the page).
@Suite("Dashboard password policy")
struct PasswordPolicyTests {
    @Test("refused", arguments: [
        ("short", PasswordPolicy.Refusal.tooShort),
        (String(repeating: "é", count: 40), .tooLong),
        ("password123", .common), ("Password123!", .common), ("P@ssw0rd2024", .common), ("letmein2024!", .common),
        ("iloveyou1234", .common), ("passwordpassword", .common), ("qwertyqwerty", .common), ("zxcvbnmzxcvbnm", .repetitive),
        ("aaaaaaaaaaaa", .repetitive), ("abcabcabcabc", .repetitive), ("1234567890", .repetitive),
        ("qwertyuiop", .repetitive), ("0987654321", .repetitive), ("asdfghjkl;'", .repetitive),
        ("ana.smith-2024", .containsEmail), ("AnaSmith1987!", .containsEmail),
    ])
    func refused(password: String, reason: PasswordPolicy.Refusal) {
        #expect(PasswordPolicy.check(password, email: "ana.smith@example.com") == reason)
    }

    @Test("accepted", arguments: ["violet-lantern-orbit", "correct horse battery staple", "Tr0ub4dor&3-river", "x7#Kq9!vLm2$"])
    func accepted(password: String) {
        #expect(PasswordPolicy.check(password, email: "ana.smith@example.com") == nil)
    }

    @Test("constant-time comparison is still a comparison")
    func constantTime() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(!ConstantTime.equals("abc", "abcd"))
        #expect(!ConstantTime.equals("", "a"))
    }
}
