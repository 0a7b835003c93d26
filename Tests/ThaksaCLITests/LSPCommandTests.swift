import Testing
@testable import ThaksaCLI

/// `thaksa lsp` is in the command table; its protocol is tested in ThaksaLSPTests.
@Suite struct LSPCommandTests {
    @Test func helpAndUsage() {
        #expect(Run(["help", "lsp"]).stdout.hasPrefix("Usage: thaksa lsp"))
        #expect(Run(["lsp", "--help"]).code == 0)
        let bad = Run(["lsp", "rules/"])
        #expect(bad.code == 2)
        #expect(bad.stderr.hasPrefix("thaksa: lsp takes no argument `rules/`"))
        #expect(Run(["help"]).stdout.contains("  lsp      run the language server"))
    }
}
