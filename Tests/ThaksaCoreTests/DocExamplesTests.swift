import Foundation
import Testing
@testable import ThaksaCore

/// Keeps the documentation honest: every ```thaksa block in docs/*.md is a complete rule file that
/// checks without errors, every ```thaksa-error block produces the diagnostic its first line names
/// (`# expect: C002`), the language reference has enough examples to cover every declaration, and
/// the diagnostics page lists every code.
///
/// Diagnostics of a block are reported against the path `docs/PAGE.md:L`, where L is the page line
/// of the block's first line: line N of the block is line L + N - 1 of the page.
///
/// A block whose lines include `# file: NAME` is a whole rule-set folder: it is written to a
/// temporary folder and loaded from disk, exactly as `thaksa check FOLDER` does (so `include` is
/// really followed). Every other block is loaded from memory as one file.
@Suite struct DocExamplesTests {
    @Test("a ```thaksa example checks without errors", arguments: DocExamples.all.filter { $0.tag == "thaksa" })
    func exampleIsAccepted(_ example: DocExample) throws {
        let loaded = try example.load()
        let rendered = DiagnosticRenderer(sources: loaded.sources).text(loaded.diagnostics.sorted)
        let hasErrors = loaded.diagnostics.hasErrors, unreadable = loaded.unreadable
        #expect(!hasErrors, "\(example) does not check:\n\(rendered)")
        #expect(!unreadable, "\(example) could not be read:\n\(rendered)")
    }

    @Test("a ```thaksa-error example produces its expected code", arguments: DocExamples.all.filter { $0.tag == "thaksa-error" })
    func errorExampleProducesItsCode(_ example: DocExample) throws {
        let expected = try #require(example.expectedCode,
                                    "\(example): the first line of a thaksa-error block must be `# expect: CODE`")
        #expect(DiagnosticCode(rawValue: expected) != nil, "\(example): `\(expected)` is not a diagnostic code")
        let loaded = try example.load()
        let codes = loaded.diagnostics.items.map(\.code.rawValue)
        let rendered = DiagnosticRenderer(sources: loaded.sources).text(loaded.diagnostics.sorted)
        #expect(codes.contains(expected), "\(example) should produce \(expected) but gave \(codes):\n\(rendered)")
    }

    @Test func languageReferenceHasEnoughExamples() throws {
        let reference = DocExamples.all.filter { $0.doc == "docs/language.md" }
        #expect(!reference.isEmpty, "no examples found in \(DocExamples.directory.path)/language.md")
        #expect(reference.filter { $0.tag == "thaksa" }.count >= 25)
        #expect(DocExamples.problems.isEmpty, "malformed fences: \(DocExamples.problems)")
    }

    @Test func everyTopLevelKeywordHasAnExample() throws {
        var used = Set<String>()
        for example in DocExamples.all where example.tag == "thaksa" {
            let loaded = try example.load()
            for file in loaded.files { DocExamples.collectKeywords(file.statements, into: &used) }
        }
        for keyword in Schema.topLevel {
            #expect(used.contains(keyword), "no ```thaksa example in docs/ declares `\(keyword)`")
        }
    }

    @Test func diagnosticsPageListsEveryCode() throws {
        let url = DocExamples.directory.appendingPathComponent("diagnostics.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        for code in DiagnosticCode.allCases {
            #expect(text.contains("`\(code.rawValue)`"), "docs/diagnostics.md does not list \(code.rawValue) (\(code))")
        }
    }
}

/// One fenced example from a page in docs/.
struct DocExample: Sendable, CustomStringConvertible, CustomTestStringConvertible {
    /// e.g. "docs/language.md"
    var doc: String
    /// 1-based line of the first line inside the fence.
    var line: Int
    /// "thaksa" or "thaksa-error"
    var tag: String
    var text: String

    var description: String { "\(doc):\(line)" }
    var testDescription: String { description }

    /// The code named by a first line `# expect: CODE`.
    var expectedCode: String? {
        guard let first = text.split(separator: "\n", omittingEmptySubsequences: false).first else { return nil }
        let prefix = "# expect:"
        guard first.hasPrefix(prefix) else { return nil }
        let code = first.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return code.isEmpty ? nil : code
    }

    /// The files of a folder example (`# file: NAME` lines start each file); nil for a single file.
    /// Lines before the first marker (only comments such as `# expect:`) are not part of any file.
    var folderFiles: [(name: String, text: String)]? {
        let marker = "# file:"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: { $0.hasPrefix(marker) }) else { return nil }
        var files: [(name: String, text: String)] = []
        for l in lines {
            if l.hasPrefix(marker) {
                files.append((l.dropFirst(marker.count).trimmingCharacters(in: .whitespaces), ""))
            } else if !files.isEmpty {
                files[files.count - 1].text += l + "\n"
            }
        }
        return files
    }

    /// Loads the example as `thaksa check` would.
    func load() throws -> LoadedRuleSet {
        guard let files = folderFiles else {
            return RuleSetLoader.load(files: [(description, text)])
        }
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("thaksa-doc-\(UUID().uuidString)")
        let root = base.appendingPathComponent("example")
        defer { try? fm.removeItem(at: base) }
        for f in files {
            let url = root.appendingPathComponent(f.name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(f.text.utf8).write(to: url)
        }
        let rootPath = root.standardizedFileURL.path + "/"
        let label = description
        return RuleSetLoader.load(root.path) { p in
            p.hasPrefix(rootPath) ? label + "/" + p.dropFirst(rootPath.count) : p
        }
    }
}

enum DocExamples {
    /// docs/ at the top of the package, found from this file (Tests/ThaksaCoreTests/…).
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    static let tags: Set<String> = ["thaksa", "thaksa-error"]

    /// Every example of every page, in page-name order, and any fence that never closes.
    static let (all, problems): ([DocExample], [String]) = {
        let fm = FileManager.default
        let pages = ((try? fm.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        var examples: [DocExample] = []
        var problems: [String] = []
        for page in pages {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(page), encoding: .utf8) else {
                problems.append("docs/\(page): unreadable")
                continue
            }
            let (found, bad) = extract(text, doc: "docs/\(page)")
            examples += found
            problems += bad
        }
        return (examples, problems)
    }()

    /// Fenced blocks opened by a line that is exactly ```thaksa or ```thaksa-error and closed by ```.
    static func extract(_ page: String, doc: String) -> ([DocExample], [String]) {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var examples: [DocExample] = []
        var problems: [String] = []
        var open: (tag: String, line: Int, body: [String])?
        var inOtherFence = false
        for (k, l) in lines.enumerated() {
            if var o = open {
                if l == "```" {
                    examples.append(DocExample(doc: doc, line: o.line, tag: o.tag, text: o.body.joined(separator: "\n") + "\n"))
                    open = nil
                } else {
                    o.body.append(l)
                    open = o
                }
            } else if inOtherFence {
                if l.hasPrefix("```") { inOtherFence = false }
            } else if l.hasPrefix("```") {
                let tag = String(l.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                if tags.contains(tag) { open = (tag, k + 2, []) } else { inOtherFence = true }
            }
        }
        if let o = open { problems.append("\(doc):\(o.line - 1): the ```\(o.tag) block is never closed") }
        return (examples, problems)
    }

    /// Declaration keywords used at the top level, or inside `dimension` / `skillset`, whose
    /// children are top-level declarations too.
    static func collectKeywords(_ statements: [Statement], into used: inout Set<String>) {
        for s in statements {
            used.insert(s.keyword.text)
            if s.keyword.text == "dimension" || s.keyword.text == "skillset" {
                collectKeywords(s.block ?? [], into: &used)
            }
        }
    }
}
