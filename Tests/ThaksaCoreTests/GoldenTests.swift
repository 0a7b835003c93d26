import Foundation
import Testing
@testable import ThaksaCore

// Golden tests for diagnostics: every case under Tests/Fixtures/check/<CODE>/ (English) and
// Tests/Fixtures/check-th/<CODE>/ (Thai) is checked and rendered without colour, and the text is
// compared with the expected file beside it:
//
//   <case>.thaksa  one rule file, loaded with `RuleSetLoader.load(files:)` under the display path
//                  `check/<CODE>/<case>.thaksa` (bytes that are not valid UTF-8 cannot travel in a
//                  String, so such a file is loaded from disk with `RuleSetLoader.load(_:display:)`)
//   <case>/        a rule-set folder (includes, unreadable files, an empty folder), copied to a fresh
//                  temporary directory and loaded with `RuleSetLoader.load(_:display:)`
//   <case>.err     the expected rendering when there is any diagnostic
//   <case>.out     `ok\n` when the case is clean
//
// Exactly one of .err/.out exists per case. A case in a <CODE> folder that is not clean must report
// <CODE>. A folder named `ok` holds only clean cases.
//
// Directive: a file whose first line is `# golden: pad-to-bytes N` is padded with comment lines to
// N bytes before loading (used for the file-size limit, so no 4 MB file is kept in the repository).
//
// `UPDATE_GOLDEN=1 swift test --scratch-path .build-golden --filter GoldenTests` rewrites the
// expected files (and removes a stale .err/.out of the other kind).

enum GoldenFixtures {
    /// Tests/Fixtures, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").standardizedFileURL

    /// The repository's rules/ folder.
    static let rules: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").standardizedFileURL

    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// The golden trees and the language each is rendered in.
    static let trees: [(name: String, lang: Language)] = [("check", .en), ("check-th", .th)]

    /// Evaluation-time codes (R001 division by zero, R002 overflow, ...: "R = evaluation" in
    /// `DiagnosticCode`): lexing, parsing, checking and loading never produce them, so they have no
    /// check fixture. Every other code must have one.
    static func isEvaluationCode(_ code: DiagnosticCode) -> Bool { code.rawValue.hasPrefix("R") }

    /// Whether `bytes` are valid UTF-8.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            return String(validating: bytes, as: UTF8.self) != nil
        }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    static func contents(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }
}


struct GoldenCase: Sendable, CustomTestStringConvertible {
    var tree: String
    var lang: Language
    var folder: String
    var name: String
    var isDirectory: Bool

    /// The path shown in the rendering, relative to Tests/GoldenFixtures.
    var relative: String { "\(tree)/\(folder)/\(name)" + (isDirectory ? "" : ".thaksa") }
    var url: URL { GoldenFixtures.root.appendingPathComponent(relative) }
    var errURL: URL { GoldenFixtures.root.appendingPathComponent("\(tree)/\(folder)/\(name).err") }
    var outURL: URL { GoldenFixtures.root.appendingPathComponent("\(tree)/\(folder)/\(name).out") }
    var code: DiagnosticCode? { DiagnosticCode(rawValue: folder) }
    var testDescription: String { relative }

    static let all: [GoldenCase] = GoldenFixtures.trees.flatMap { tree -> [GoldenCase] in
        let treeURL = GoldenFixtures.root.appendingPathComponent(tree.name)
        return GoldenFixtures.contents(treeURL).flatMap { folder -> [GoldenCase] in
            let folderURL = treeURL.appendingPathComponent(folder)
            guard GoldenFixtures.isDirectory(folderURL) else { return [] }
            return GoldenFixtures.contents(folderURL).compactMap { entry -> GoldenCase? in
                if GoldenFixtures.isDirectory(folderURL.appendingPathComponent(entry)) {
                    return GoldenCase(tree: tree.name, lang: tree.lang, folder: folder, name: entry, isDirectory: true)
                }
                guard entry.hasSuffix(".thaksa") else { return nil }
                return GoldenCase(tree: tree.name, lang: tree.lang, folder: folder,
                                  name: String(entry.dropLast(".thaksa".count)), isDirectory: false)
            }
        }
    }
}

enum GoldenRunner {
    struct Result {
        var text: String
        var codes: Set<DiagnosticCode>
        var isClean: Bool { text == "ok\n" }
    }

    static func render(_ loaded: LoadedRuleSet, _ lang: Language) -> Result {
        let diags = loaded.diagnostics.sorted
        let dropped = loaded.diagnostics.dropped
        let codes = Set(diags.map(\.code))
        if diags.isEmpty && dropped == 0 { return Result(text: "ok\n", codes: codes) }
        let text = DiagnosticRenderer(sources: loaded.sources, lang: lang, color: false).text(diags, dropped: dropped)
        return Result(text: text, codes: codes)
    }

    /// Applies the `# golden: pad-to-bytes N` directive.
    static func applyDirectives(_ bytes: [UInt8]) -> [UInt8] {
        let firstLine = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
        let prefix = "# golden: pad-to-bytes "
        guard firstLine.hasPrefix(prefix), let target = Int(firstLine.dropFirst(prefix.count)) else { return bytes }
        var out = bytes
        let filler = Array("# padding ..............................................................\n".utf8)
        while out.count + filler.count <= target { out += filler }
        if out.count < target { out += Array(repeating: UInt8(ascii: "#"), count: target - out.count) }
        return out
    }

    static func run(_ c: GoldenCase) throws -> Result {
        if c.isDirectory { return try runFolder(c) }
        let bytes = applyDirectives([UInt8](try Data(contentsOf: c.url)))
        if GoldenFixtures.isUTF8(bytes) {
            let loaded = RuleSetLoader.load(files: [(path: c.relative, text: String(decoding: bytes, as: UTF8.self))])
            return render(loaded, c.lang)
        }
        // Not UTF-8: only the path-based loader reads raw bytes.
        let absolute = c.url.path
        let loaded = RuleSetLoader.load(absolute, display: { $0 == absolute ? c.relative : $0 })
        return render(loaded, c.lang)
    }

    static func runFolder(_ c: GoldenCase) throws -> Result {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("thaksa-golden-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let copy = scratch.appendingPathComponent(c.name)
        try fm.copyItem(at: c.url, to: copy)
        let base = copy.standardizedFileURL.path
        // The same folder may be spelled several ways (symlinked temporary directories on macOS).
        let spellings = Set([base, copy.path, copy.resolvingSymlinksInPath().path]).sorted { $0.count > $1.count }
        let shown = c.relative
        let display: (String) -> String = { p in
            for s in spellings {
                if p == s { return shown }
                if p.hasPrefix(s + "/") { return shown + p.dropFirst(s.count) }
            }
            return p
        }
        var result = render(RuleSetLoader.load(base, display: display), c.lang)
        // Arguments that do not pass through `display` (the folder of F002) still name the copy.
        for s in spellings { result.text = result.text.replacingOccurrences(of: s, with: shown) }
        return result
    }

    /// A short description of the first differing line, for readable failures on long goldens.
    static func difference(expected: String, actual: String) -> String {
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : "<end of file>", al = i < a.count ? a[i] : "<end of file>"
            if el != al { return "first difference at line \(i + 1):\n  expected: \(el)\n  actual:   \(al)\n--- actual output ---\n\(actual)" }
        }
        return "outputs differ"
    }
}

@Suite
struct GoldenTests {
    @Test("golden diagnostics", arguments: GoldenCase.all)
    func golden(_ c: GoldenCase) throws {
        let result = try GoldenRunner.run(c)
        let fm = FileManager.default

        if let code = c.code, !result.isClean {
            #expect(result.codes.contains(code), "\(c.relative) is filed under \(code.rawValue) but reports \(result.codes.map(\.rawValue).sorted())")
        }
        if c.folder == "ok" { #expect(result.isClean, "\(c.relative) is under ok/ but reports problems:\n\(result.text)") }

        if GoldenFixtures.updating {
            let (keep, stale) = result.isClean ? (c.outURL, c.errURL) : (c.errURL, c.outURL)
            try Data(result.text.utf8).write(to: keep)
            if fm.fileExists(atPath: stale.path) { try fm.removeItem(at: stale) }
            return
        }

        let hasErr = fm.fileExists(atPath: c.errURL.path), hasOut = fm.fileExists(atPath: c.outURL.path)
        guard hasErr != hasOut else {
            Issue.record("\(c.relative): exactly one of \(c.name).err / \(c.name).out must exist (found \(hasErr && hasOut ? "both" : "neither")); run with UPDATE_GOLDEN=1 to create it")
            return
        }
        let expected = try String(contentsOf: hasErr ? c.errURL : c.outURL, encoding: .utf8)
        if hasOut { #expect(expected == "ok\n", "\(c.name).out must contain exactly `ok`") }
        if result.text != expected {
            Issue.record("\(c.relative) does not match \(hasErr ? "\(c.name).err" : "\(c.name).out"); \(GoldenRunner.difference(expected: expected, actual: result.text))")
        }
    }

    @Test("every diagnostic code except the evaluation-time ones has a fixture folder")
    func everyCodeHasAFixture() {
        let fm = FileManager.default
        #expect(GoldenFixtures.isEvaluationCode(.divisionByZero) && GoldenFixtures.isEvaluationCode(.numberOverflow))
        for code in DiagnosticCode.allCases where !GoldenFixtures.isEvaluationCode(code) {
            let cases = GoldenCase.all.filter { $0.tree == "check" && $0.folder == code.rawValue }
            #expect(!cases.isEmpty, "no golden fixture for \(code.rawValue) (\(code)): add Tests/Fixtures/check/\(code.rawValue)/<case>.thaksa")
            // Together with the per-case check (a non-clean case reports its folder's code), a case
            // with an .err means the code really is produced by some fixture.
            #expect(cases.contains { fm.fileExists(atPath: $0.errURL.path) || GoldenFixtures.updating },
                    "no fixture under check/\(code.rawValue) reports a problem")
        }
    }

    @Test("the fixture tree has no stray or orphaned files")
    func treeIsWellFormed() {
        let known = Set(DiagnosticCode.allCases.map(\.rawValue) + ["ok"])
        for tree in GoldenFixtures.trees {
            let treeURL = GoldenFixtures.root.appendingPathComponent(tree.name)
            #expect(GoldenFixtures.isDirectory(treeURL), "missing fixture tree \(tree.name)")
            for folder in GoldenFixtures.contents(treeURL) {
                #expect(known.contains(folder), "\(tree.name)/\(folder) is neither a diagnostic code nor `ok`")
                let folderURL = treeURL.appendingPathComponent(folder)
                guard GoldenFixtures.isDirectory(folderURL) else { continue }
                let entries = GoldenFixtures.contents(folderURL)
                let cases = Set(entries.filter { $0.hasSuffix(".thaksa") || GoldenFixtures.isDirectory(folderURL.appendingPathComponent($0)) }
                    .map { $0.hasSuffix(".thaksa") ? String($0.dropLast(".thaksa".count)) : $0 })
                for entry in entries where !GoldenFixtures.isDirectory(folderURL.appendingPathComponent(entry)) {
                    let ext = (entry as NSString).pathExtension
                    let stem = (entry as NSString).deletingPathExtension
                    #expect(["thaksa", "err", "out"].contains(ext), "\(tree.name)/\(folder)/\(entry): unexpected file")
                    if ext == "err" || ext == "out" {
                        #expect(cases.contains(stem), "\(tree.name)/\(folder)/\(entry) has no case \(stem).thaksa or \(stem)/")
                    }
                }
            }
        }
    }

    @Test("the golden runner finds the cases")
    func runnerFindsCases() {
        #expect(GoldenCase.all.count >= 40)
        #expect(GoldenCase.all.contains { $0.tree == "check-th" })
        #expect(GoldenCase.all.contains { $0.isDirectory })
    }

    // MARK: cases a golden file cannot show

    /// Past `DiagnosticSink.limit`, one P006 is kept and the rest are counted in `dropped`, which the
    /// summary line reports as "(N more not shown)". N must be exactly the number hidden.
    @Test("P006: one diagnostic past the limit, and an exact count of the hidden ones")
    func tooManyErrors() {
        let limit = DiagnosticSink.defaultLimit
        let produced = limit + 50            // one T002 per line; the parser adds one P001 for the first
        let text = String(repeating: "$\n", count: produced)
        let loaded = RuleSetLoader.load(files: [(path: "many.thaksa", text: text)])
        let items = loaded.diagnostics.items
        let p006 = items.filter { $0.code == .tooManyErrors }
        #expect(p006.count == 1)
        #expect(p006.first.map { $0.span.file == 0 } == true, "P006 has a location")
        #expect(items.count - p006.count == limit)
        let rendered = DiagnosticRenderer(sources: loaded.sources, lang: .en, color: false)
            .text(loaded.diagnostics.sorted, dropped: loaded.diagnostics.dropped)
        #expect(rendered.contains("error[P006]: too many errors; stopped after \(limit)\n"))
    }

    /// The sink keeps `limit` diagnostics and one P006, and counts the rest in `dropped`. Was: when
    /// the loader appended the lexer/parser sink to its own (`append(contentsOf:)`), the inner P006
    /// was itself over the limit, dropped (+1) and re-created, so the summary said one more was
    /// hidden than really was ("(52 more not shown)" when 51 were).
    @Test("regression: the count of hidden diagnostics does not include the P006 itself")
    func hiddenCountIsExactAfterP006() {
        let limit = DiagnosticSink.defaultLimit
        // One T002 per line (the parser says nothing more about a character the lexer reported).
        let loaded = RuleSetLoader.load(files: [(path: "many.thaksa", text: String(repeating: "$\n", count: limit + 50))])
        let problems = limit + 50
        let shown = loaded.diagnostics.items.filter { $0.code != .tooManyErrors }.count
        #expect(shown + loaded.diagnostics.dropped == problems,
                "\(problems) problems, \(shown) kept, but `dropped` says \(loaded.diagnostics.dropped) more")
    }

    /// Two declarations of one name. Was: the checker declared names pass by pass (groups before
    /// items), not in source order, so an item on line 6 was reported as the duplicate of a group on
    /// line 7, with "the first is at line 7".
    @Test("regression: a duplicate name is reported at the later declaration, pointing back to the earlier")
    func duplicateNameReportedAtTheLaterDeclaration() throws {
        let text = """
        kind ability "ความสามารถ"
        scale have "มี/ไม่มี" {
          level 0 "ไม่มี"
          level 1 "มี"
        }
        item DL1 ability "ใช้ดิจิทัล"
        group DL1 "กลุ่ม" {
          role "ผู้นำ"
        }
        """
        let loaded = RuleSetLoader.load(files: [(path: "dup.thaksa", text: text)])
        let file = try #require(loaded.sources[0])
        let dups = loaded.diagnostics.sorted.filter { $0.code == .duplicateName }
        try #require(dups.count == 1)
        #expect(file.location(of: dups[0].span.start).line == 7, "reported on the item (line 6), not on the later group (line 7)")
        #expect(dups[0].related.map { file.location(of: $0.start).line } == 6)
    }

    /// Arguments built in English by the checker and loader ("line 1", "below 50", "cannot be read")
    /// are pasted into the Thai messages untranslated.
    @Test("regression: Thai messages contain no English phrases")
    func thaiMessagesAreThai() throws {
        let text = """
        kind ability "ความสามารถ"
        kind ability "ความสามารถ"
        scale have "มี/ไม่มี" {
          level 0 "ไม่มี"
          level 1 "มี"
        }
        item DL1 ability "ใช้ดิจิทัล"
        score readiness = count(required)
        band b "ระดับ" on readiness {
          case high "สูง" when >= 80
        }
        """
        let loaded = RuleSetLoader.load(files: [(path: "thai.thaksa", text: text)])
        let thai = DiagnosticRenderer(sources: loaded.sources, lang: .th, color: false).text(loaded.diagnostics.sorted)
        for english in ["at line", "ที่ line", "below ", "above ", "between ", "equal to"] {
            #expect(!thai.contains(english), "`\(english)` in Thai output:\n\(thai)")
        }

        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("thaksa-thai-\(UUID().uuidString)")
        try fm.createDirectory(at: folder.appendingPathComponent("parts"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        try Data("include \"parts\"\n".utf8).write(to: folder.appendingPathComponent("main.thaksa"))
        let unreadable = RuleSetLoader.load(folder.path)
        let thaiF001 = DiagnosticRenderer(sources: unreadable.sources, lang: .th, color: false).text(unreadable.diagnostics.sorted)
        #expect(thaiF001.contains("F001"))
        #expect(!thaiF001.contains("cannot be read"), "\(thaiF001)")
    }

    /// F001 for a path that does not exist has no source location, so it cannot be a folder fixture.
    @Test("F001: a rule-set path that does not exist")
    func missingPathIsF001() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-missing-\(UUID().uuidString)").path
        let loaded = RuleSetLoader.load(path)
        #expect(loaded.unreadable)
        let diags = loaded.diagnostics.sorted
        #expect(diags.map(\.code) == [.unreadableFile])
        #expect(diags.first?.span.isNone == true)
        let text = DiagnosticRenderer(sources: loaded.sources, lang: .en, color: false).text(diags)
            .replacingOccurrences(of: path, with: "<missing>")
        #expect(text == "error[F001]: cannot read `<missing>`: no such file or folder\n\n1 error, 0 warnings\n")
        let thai = DiagnosticRenderer(sources: loaded.sources, lang: .th, color: false).text(diags)
            .replacingOccurrences(of: path, with: "<missing>")
        #expect(thai == "ข้อผิดพลาด[F001]: อ่าน `<missing>` ไม่ได้: ไม่มีไฟล์หรือโฟลเดอร์นี้\n\nพบข้อผิดพลาด 1 รายการ คำเตือน 0 รายการ\n")
    }

    /// `load(files:)` holds text in memory and does not follow `include`: C009 and F003 come only from
    /// the path-based loader (their fixtures are folders). This pins that difference down.
    @Test("load(files:) ignores include statements")
    func inMemoryLoaderIgnoresIncludes() {
        let loaded = RuleSetLoader.load(files: [(path: "main.thaksa", text: "include \"../outside.thaksa\"\ninclude \"missing.thaksa\"\n")])
        #expect(loaded.diagnostics.items.isEmpty)
    }
}

// MARK: caret columns in grapheme clusters

/// Lines with Thai text before a mistake. `token` is the text the caret must underline.
struct GoldenCaretCase: Sendable, CustomTestStringConvertible {
    var line: String
    var token: String
    var code: DiagnosticCode
    var testDescription: String { "\(code.rawValue): \(line)" }

    static let all: [GoldenCaretCase] = [
        // กำ is one cluster (SARA AM is a spacing mark): 4 clusters, 5 scalars, 15 bytes.
        GoldenCaretCase(line: #"kind ability "กำหนด" ตัวผิด"#, token: "ตัวผิด", code: .unknownDeclaration),
        // ผู้ and น้ำ stack marks: 3 scalars, 1 cluster each.
        GoldenCaretCase(line: #"score ผู้ใช้ "น้ำหนักที่ได้" = count(required where ผู้ใช้งาน)"#, token: "ผู้ใช้งาน", code: .undefinedName),
        GoldenCaretCase(line: #"kind ability "ความสามารถที่สำคัญ\q""#, token: #"\q"#, code: .invalidEscape),
        GoldenCaretCase(line: #"kind ability "น้ำใจ" en "ที่ยังไม่ปิด"#, token: #""ที่ยังไม่ปิด"#, code: .unterminatedString),
        GoldenCaretCase(line: #"kind ability "ผู้นำที่ดี" ฿"#, token: "฿", code: .unexpectedCharacter),
        GoldenCaretCase(line: #"score คะแนน "ร้อยละที่ได้" = "ผู้ใช้" + 1"#, token: #""ผู้ใช้""#, code: .typeMismatch),
    ]
}

extension GoldenTests {
@Suite
struct ThaiCaret {
    static let preamble = """
    kind ability "ความสามารถ"
    scale have "มี/ไม่มี" {
      level 0 "ไม่มี"
      level 1 "มี"
    }
    item DL1 ability "ใช้ดิจิทัล"

    """

    @Test("the caret and column count grapheme clusters", arguments: GoldenCaretCase.all)
    func caretUnderThaiText(_ c: GoldenCaretCase) throws {
        let path = "thai_caret.thaksa"
        let loaded = RuleSetLoader.load(files: [(path: path, text: ThaiCaret.preamble + c.line + "\n")])
        let lineNumber = ThaiCaret.preamble.filter { $0 == "\n" }.count + 1
        let diags = loaded.diagnostics.sorted.filter { $0.code == c.code }
        try #require(diags.count == 1, "expected one \(c.code.rawValue), got: \(loaded.diagnostics.sorted.map(\.code.rawValue))")

        let prefix = String(c.line[..<c.line.range(of: c.token)!.lowerBound])
        // The case is only meaningful when bytes, scalars and clusters all disagree.
        #expect(prefix.utf8.count != prefix.count && prefix.unicodeScalars.count != prefix.count)

        for lang in [Language.en, .th] {
            let text = DiagnosticRenderer(sources: loaded.sources, lang: lang, color: false).text(diags[0])
            let lines = text.components(separatedBy: "\n")
            #expect(lines.contains { $0.hasSuffix("--> \(path):\(lineNumber):\(prefix.count + 1)") }, "\(text)")
            let sourcePrefix = "\(lineNumber) | "
            let sourceIndex = try #require(lines.firstIndex { $0.hasPrefix(sourcePrefix) }, "\(text)")
            #expect(lines[sourceIndex] == sourcePrefix + c.line)
            let caretLine = lines[sourceIndex + 1]
            let gutter = String(repeating: " ", count: String(lineNumber).count) + " | "
            try #require(caretLine.hasPrefix(gutter), "\(text)")
            let marks = Array(caretLine.dropFirst(gutter.count))
            let spaces = marks.prefix { $0 == " " }.count
            let carets = marks.dropFirst(spaces).prefix { $0 == "^" }.count
            // Column by column, in what a reader sees (Characters), the carets cover exactly the token.
            let shown = Array(c.line)
            #expect(spaces == prefix.count)
            #expect(carets == c.token.count)
            #expect(spaces + carets <= shown.count)
            if spaces + carets <= shown.count {
                #expect(String(shown[spaces..<(spaces + carets)]) == c.token, "\(text)")
            }
        }
    }
}
}
