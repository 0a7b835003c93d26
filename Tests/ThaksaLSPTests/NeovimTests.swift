import Foundation
import Testing
import ThaksaCore

/// A real editor: headless Neovim runs nvim/e2e.lua against the built `thaksa lsp`. Skipped,
/// with a message, where Neovim is not installed (.ci/run installs Debian's `neovim`).
@Suite struct NeovimTests {
    static var nvim: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/nvim" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func neovimSeesDiagnosticsHoverAndDefinition() throws {
        guard let nvim = NeovimTests.nvim else {
            print("NeovimTests: skipped, nvim is not installed (apt-get install neovim)")
            return
        }
        let binary = try #require(thaksaBinary)
        let dir = try ruleFolder(["a.thaksa": frameworkRules, "b.thaksa": groupRules])
        let out = dir + "/nvim-result.txt"
        let (line, character) = try #require(position(of: "DNam200", in: groupRules, offset: 2))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: nvim)
        p.arguments = ["--headless", "-u", "NONE", "-i", "NONE", "-n",
                       "-c", "luafile " + repositoryRoot + "/Tests/ThaksaLSPTests/nvim/e2e.lua", "-c", "qall!"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.environment = ["THAKSA_BIN": binary, "ROOT_DIR": dir, "RULE_FILE": dir + "/b.thaksa", "OUT_FILE": out,
                         "HOVER_LINE": String(line), "HOVER_CHAR": String(character), "HOME": dir, "LANG": "C.UTF-8",
                         "XDG_STATE_HOME": dir, "XDG_DATA_HOME": dir, "XDG_CONFIG_HOME": dir]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let result = try String(contentsOfFile: out, encoding: .utf8)
        let lines = result.split(separator: "\n").map(String.init)
        #expect(lines.first == "client true", "\(result)")
        #expect(!lines.contains { $0.hasPrefix("lua-error") }, "\(result)")
        // Neovim converts the UTF-16 range to a byte column: it must land on the typo after the Thai text.
        let typoLine = String(groupRules.split(separator: "\n")[0])
        let byteColumn = typoLine.utf8.count - (typoLine[(typoLine.range(of: "DLit10,")?.lowerBound ?? typoLine.endIndex)...]).utf8.count
        let diagnostic = lines.first { $0.hasPrefix("diagnostic ") }
        #expect(diagnostic?.hasPrefix("diagnostic C") == true, "\(result)")
        #expect(diagnostic?.contains(" 0 \(byteColumn) ") == true, "\(result)")
        #expect(diagnostic?.contains("did you mean `DLit100`?") == true, "\(result)")
        #expect(lines.contains { $0.hasPrefix("hover **DNam200**") && $0.contains("น้ำใจ กำลังใจ ผู้นำที่ดี") }, "\(result)")
        #expect(lines.contains("definition \(dir)/a.thaksa 3 5"), "\(result)")
        // Applying the quick fix in Neovim (UTF-16 edit after Thai text) gives the right line.
        let fixed = groupRules.split(separator: "\n")[0].replacingOccurrences(of: "DLit10,", with: "DLit100,")
        #expect(lines.contains("action Change to `DLit100` -> \(fixed)"), "\(result)")
    }
}
