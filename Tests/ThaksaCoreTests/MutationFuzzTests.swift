import Foundation
import Testing
@testable import ThaksaCore

/// Bounded, deterministic mutation fuzzing of lexer → parser → checker (→ renderer).
///
/// Seeds: every `.thaksa` file under rules/ and Tests/Fixtures, each loaded on its own, plus the
/// shipped rule set loaded as a whole (one of its files mutated, the others as they are). Mutants:
/// line deletions, duplications and swaps, truncation at any byte, byte deletions, insertions and
/// replacements (invalid UTF-8, Thai letters, marks and digits, quotes, escapes, brackets, keywords),
/// unbalanced braces; then a handful of extreme inputs (10000-deep nesting, a 5 MB file).
///
/// For each mutant, loading must return, and every error must have a real location: a file of the
/// run, a byte range inside it, and a line/column inside that file. Valid UTF-8 goes through
/// `RuleSetLoader.load(files:)`; bytes that are not UTF-8 cannot travel in a String, so those mutants
/// are written to a temporary folder and loaded with `RuleSetLoader.load(_:display:)`.
///
/// Inputs that crashed or hung the process run as exit tests in a child process; the ones found
/// are the `regression:` tests at the end of this file.
@Suite
struct MutationFuzzTests {
    static let seed: UInt64 = 0x7468_616B_7361_2031     // "thaksa 1"
    static let shards = 4
    static let mutantsPerShard = 500                     // 2000 in total
    /// Whole-rule-set mutants are ~100x dearer than single-file ones in debug builds; this many per shard.
    static let wholeSetMutantsPerShard = 8

    @Test("mutants of every rule file load without crashing, with located errors", arguments: 0..<shards)
    func mutants(shard: Int) throws {
        let corpus = try FuzzCorpus.shared()
        var rng = SplitMix64(seed: MutationFuzzTests.seed &+ UInt64(shard))
        let scratch = try FuzzScratch()
        defer { scratch.remove() }
        var stats = FuzzStats()

        for n in 0..<MutationFuzzTests.mutantsPerShard {
            let whole = n < MutationFuzzTests.wholeSetMutantsPerShard
            let seedIndex = whole ? Int.random(in: 0..<corpus.ruleSet.count, using: &rng) : Int.random(in: 0..<corpus.files.count, using: &rng)
            let original = whole ? corpus.ruleSet[seedIndex] : corpus.files[seedIndex]
            var bytes = original.bytes
            var ops: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) { ops.append(FuzzMutator.mutate(&bytes, &rng)) }
            let label = "shard \(shard) mutant \(n): \(whole ? "rule set, " : "")\(original.path) [\(ops.joined(separator: "; "))]"

            var files = whole ? corpus.ruleSet : []
            if whole { files[seedIndex].bytes = bytes } else { files = [FuzzFile(path: original.path, bytes: bytes)] }
            let loaded = try FuzzRun.load(files, scratch)
            stats.record(utf8: GoldenFixtures.isUTF8(bytes), errors: loaded.diagnostics.hasErrors)
            FuzzRun.checkLocations(loaded, label: label, bytes: bytes, scratch: scratch)
        }
        print("MutationFuzzTests shard \(shard): \(stats.count) mutants (\(stats.notUTF8) not UTF-8, \(stats.withErrors) with errors)")
    }

    /// Inputs at the limits: each must load and report located errors. (How long they take is
    /// measured in bench/, never here: tests must pass on a busy machine.)
    static let extremes: [(String, @Sendable () -> [UInt8])] = [
        ("10000 unclosed `(`", { Array(("score s = " + String(repeating: "(", count: 10_000) + "\n").utf8) }),
        ("10000 balanced `(...)`", { Array(("score s = " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + "\n").utf8) }),
        ("10000 `[`", { Array(("score s = " + String(repeating: "[", count: 10_000) + "\n").utf8) }),
        ("10000 unary `-`", { Array(("score s = " + String(repeating: "-", count: 10_000) + "1\n").utf8) }),
        ("10000 `not`", { Array(("score s = " + String(repeating: "not ", count: 10_000) + "true\n").utf8) }),
        ("10000 `if`", { Array(("score s = " + String(repeating: "if ", count: 10_000) + "\n").utf8) }),
        ("10000 `{`", { Array((String(repeating: "{", count: 10_000) + "\n").utf8) }),
        ("10000 `}`", { Array((String(repeating: "}", count: 10_000) + "\n").utf8) }),
        ("10000 nested blocks", { Array(("group G \"ก\" {\n" + String(repeating: "phase p {\n", count: 10_000)).utf8) }),
        ("10000 nested dimensions", { Array(String(repeating: "dimension d \"ก\" {\n", count: 10_000).utf8) }),
        ("5 MB of rules", {
            let rules = (try? FuzzCorpus.shared().ruleSet.flatMap(\.bytes)) ?? Array("kind a \"ก\"\n".utf8)
            var out: [UInt8] = []
            while out.count < 5 << 20 { out += rules }
            return out
        }),
        ("64 KB of 0xFF lines", { Array([UInt8](repeating: 0xFF, count: 79) + [0x0A]).repeated(count: (64 << 10) / 80) }),
        ("128 KB of 0xC3 0x28 lines", { Array([UInt8]([0xC3, 0x28]).repeated(count: 39) + [0x0A]).repeated(count: (128 << 10) / 79) }),
        ("a 64 KB line of `$`", { [UInt8](repeating: UInt8(ascii: "$"), count: 64 << 10) }),
        ("only a BOM", { [0xEF, 0xBB, 0xBF] }),
        ("a lone 0xC3 at the end", { Array("kind a \"ก\"\n".utf8) + [0xC3] }),
        ("a string running into the end", { Array("kind a \"".utf8) }),
        ("an escape at the end", { Array("kind a \"\\".utf8) }),
        ("Thai digits running into letters", { Array("score s = ๑๒๓กขค\n".utf8) }),
        ("a huge Thai-digit number", { Array(("score s = " + String(repeating: "๙", count: 5000) + "\n").utf8) }),
        ("CR line ends only", { Array("kind a \"ก\"\rkind b\r".utf8) }),
        ("NUL bytes", { Array("kind a \"ก\0\"\n\0\0".utf8) }),
    ]

    @Test("extreme inputs load without crashing, with located errors", arguments: 0..<extremes.count)
    func extreme(_ index: Int) throws {
        let (name, make) = MutationFuzzTests.extremes[index]
        let bytes = make()
        let scratch = try FuzzScratch()
        defer { scratch.remove() }
        let loaded = try FuzzRun.load([FuzzFile(path: "extreme.thaksa", bytes: bytes)], scratch)
        FuzzRun.checkLocations(loaded, label: name, bytes: bytes, scratch: scratch)
        if bytes.count > Lexer.maxFileSize {
            #expect(loaded.diagnostics.sorted.map(\.code) == [.fileTooLarge], "\(name)")
        }
        print("MutationFuzzTests extreme \(name): \(bytes.count) bytes, \(loaded.diagnostics.items.count) diagnostics")
    }

    @Test("the corpus is found and the shipped rule set is clean")
    func corpus() throws {
        let corpus = try FuzzCorpus.shared()
        #expect(corpus.ruleSet.count >= 10)
        #expect(corpus.files.count >= 50)
        let scratch = try FuzzScratch()
        defer { scratch.remove() }
        let loaded = try FuzzRun.load(corpus.ruleSet, scratch)
        #expect(!loaded.diagnostics.hasErrors)
    }

    @Test("SplitMix64 is deterministic")
    func prng() {
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1)
        #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
        var c = SplitMix64(seed: 0)
        #expect(c.next() == 0xE220_A839_7B1D_CDAF)   // reference value of SplitMix64 from seed 0
    }

    // MARK: crashes and hangs found while writing these tests
    //
    // Inputs that crash the process run in a child process (exit tests), so the suite survives them.
    // `regression:` tests are crashes and hangs found here and since fixed in Sources.

    /// Was: `first` was parsed by `primary` → `additive` → ... → `primary` with no `enter()` depth
    /// check, so `first first first ... 1 of required` recursed once per `first` until the stack
    /// overflowed (debug CLI: from 1099 `first`s, a 7 KB file).
    @Test("regression: a chain of `first` does not overflow the parser's stack")
    func firstChainDoesNotOverflowParserStack() async {
        await #expect(processExitsWith: .success) {
            let text = "score s = " + String(repeating: "first ", count: 100_000) + "1 of required\n"
            _ = RuleSetLoader.load(files: [(path: "first_chain.thaksa", text: text)])
        }
    }

    /// Was: `a + b + c ...` was parsed by a loop into a left-deep tree that the depth limit did not
    /// count; the checker's `compileExpr` ↔ `compileBinary` recursion followed it to the bottom (debug
    /// CLI: from 1669 terms, a 7 KB file). Freeing the tree recursed too: parsing alone crashed from
    /// about 100000 terms (400 KB) when the syntax tree was released.
    @Test("regression: a long `+` chain does not overflow the checker's stack")
    func longOperatorChainDoesNotOverflowCheckerStack() async {
        await #expect(processExitsWith: .success) {
            let text = "score s = " + Array(repeating: "1", count: 20_000).joined(separator: " + ") + "\n"
            _ = RuleSetLoader.load(files: [(path: "plus_chain.thaksa", text: text)])
        }
    }

    @Test("regression: a long `or` chain does not overflow the checker's stack")
    func longOrChainDoesNotOverflowCheckerStack() async {
        await #expect(processExitsWith: .success) {
            let text = "score s = " + Array(repeating: "true", count: 20_000).joined(separator: " or ") + "\n"
            _ = RuleSetLoader.load(files: [(path: "or_chain.thaksa", text: text)])
        }
    }

    /// Was: `x.a.a.a...` is a loop in `postfix`, a left-deep tree, and `compileMember` recursion
    /// (debug CLI: from 1808 members).
    @Test("regression: a long member chain does not overflow the checker's stack")
    func longMemberChainDoesNotOverflowCheckerStack() async {
        await #expect(processExitsWith: .success) {
            let text = "score s = DL1" + String(repeating: ".title", count: 20_000) + "\n"
            _ = RuleSetLoader.load(files: [(path: "member_chain.thaksa", text: text)])
        }
    }

    /// Was: `DiagnosticRenderer.text` echoed, decoded and cluster-counted the whole source line for
    /// every diagnostic, so time and output grew as (diagnostics × line length). A one-line 4 MB file
    /// of `$` (just under the size limit) gave 200 diagnostics, 800 MB of text, and took 141 s and
    /// 1.8 GB in the debug CLI; a 100 KB line took 4.4 s. Here: 50 errors on a 10 000-character line.
    @Test("regression: a diagnostic on a long line shows a window of it, not the whole line")
    func rendererShowsWindowOfLongLine() {
        let text = String(repeating: "$", count: 50) + " " + String(repeating: "ก", count: 10_000) + "\n"
        let loaded = RuleSetLoader.load(files: [(path: "long_line.thaksa", text: text)])
        let renderer = DiagnosticRenderer(sources: loaded.sources, lang: .en, color: false)
        let diags = loaded.diagnostics.sorted
        #expect(diags.count == 50)
        let longest = diags.map { renderer.text($0).count }.max() ?? 0
        #expect(longest < 1_000, "one diagnostic renders as \(longest) characters")
    }

    /// A score that uses another is checked by `visit` → `compileExpr` → `compileName` →
    /// `computedType` → `visit` ... one nest per link, so a dependency chain of scores overflows the
    /// stack: `score s0 = s1 + 1`, `score s1 = s2 + 1`, ... crashes the debug CLI from 614 scores (13 KB).
    @Test("regression: a long chain of scores using scores is reported (C021), not a crash")
    func scoreDependencyChainIsBounded() async {
        await #expect(processExitsWith: .success) {
            let n = 20_000
            let text = (0..<n).map { "score s\($0) = s\($0 + 1) + 1\n" }.joined() + "score s\(n) = 1\n"
            _ = RuleSetLoader.load(files: [(path: "score_chain.thaksa", text: text)])
        }
    }

    /// Every unknown name filters all symbols and measures its edit distance to each candidate of the
    /// wanted kind, for every unknown name (even those past the diagnostic limit, which are dropped):
    /// n unknown kinds among n kinds was O(n²) (debug CLI: 5000 → 110 s). Counted, not timed: the
    /// names compared for "did you mean" grow linearly (a quadratic checker would compare 9x).
    @Test("regression: unknown names among many declarations are not quadratic")
    func unknownNamesAreNotQuadratic() {
        func compared(_ n: Int) -> Int {
            var text = (0..<n).map { "kind k\($0) \"ก\"\n" }.joined()
            text += "scale s \"ส\" {\n  level 0 \"ก\"\n  level 1 \"ข\"\n}\n"
            text += (0..<n).map { "item I\($0) x\($0) \"ร\"\n" }.joined()
            var sources = SourceSet()
            let file = sources.add(path: "many_unknown.thaksa", bytes: Array(text.utf8))
            return Checker.run([Parser.parse(file).0]).suggestionWork
        }
        let small = compared(1000), large = compared(3000)
        #expect(small > 0)
        #expect(large <= small * 4, "names compared: \(small) → \(large)")
    }

    @Test("regression: a very long `+` chain parses and is freed without overflowing the stack")
    func releasingLongChainDoesNotOverflowStack() async {
        await #expect(processExitsWith: .success) {
            let text = "score s = " + Array(repeating: "1", count: 200_000).joined(separator: " + ") + "\n"
            let file = SourceFile(id: 0, path: "plus_chain.thaksa", text: text)
            _ = Parser.parse(file)   // parsing returns; the crash is in freeing the 200000-deep tree
        }
    }
}

// MARK: - machinery

extension MutationFuzzTests {
/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence on every platform.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
}

struct FuzzFile: Sendable {
    var path: String
    var bytes: [UInt8]
}

struct FuzzCorpus: Sendable {
    /// Every .thaksa file, each a seed of its own.
    var files: [FuzzFile]
    /// The shipped rule set (rules/ocsc-bma), in file-name order: clean as a whole.
    var ruleSet: [FuzzFile]

    struct ReadError: Error, CustomStringConvertible { var description: String }
    private static let cached: (corpus: FuzzCorpus?, error: String?) = {
        do { return (try FuzzCorpus.read(), nil) } catch { return (nil, "\(error)") }
    }()
    static func shared() throws -> FuzzCorpus {
        guard let c = cached.corpus else { throw ReadError(description: cached.error ?? "no corpus") }
        return c
    }

    static func read() throws -> FuzzCorpus {
        var files: [FuzzFile] = []
        for (base, shown) in [(GoldenFixtures.rules, "rules"), (GoldenFixtures.root, "Fixtures")] {
            let found = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
            for rel in found.sorted() where rel.hasSuffix(".thaksa") {
                let url = base.appendingPathComponent(rel)
                guard !GoldenFixtures.isDirectory(url) else { continue }
                files.append(FuzzFile(path: "\(shown)/\(rel)", bytes: [UInt8](try Data(contentsOf: url))))
            }
        }
        let shipped = GoldenFixtures.rules.appendingPathComponent("ocsc-bma")
        let ruleSet = try GoldenFixtures.contents(shipped).filter { $0.hasSuffix(".thaksa") }.map {
            FuzzFile(path: $0, bytes: [UInt8](try Data(contentsOf: shipped.appendingPathComponent($0))))
        }
        return FuzzCorpus(files: files, ruleSet: ruleSet)
    }
}

/// A temporary folder for mutants that are not UTF-8 (and for failing inputs, kept for reproduction).
struct FuzzScratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

enum FuzzRun {
    static func load(_ files: [FuzzFile], _ scratch: FuzzScratch) throws -> LoadedRuleSet {
        if files.allSatisfy({ GoldenFixtures.isUTF8($0.bytes) }) {
            return RuleSetLoader.load(files: files.map { (path: $0.path, text: String(decoding: $0.bytes, as: UTF8.self)) })
        }
        // Raw bytes: write the files (flattened, so that file-name order is kept) and load the folder.
        let fm = FileManager.default
        let folder = scratch.url.appendingPathComponent("set-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        var shown: [String: String] = [:]
        for (i, f) in files.enumerated() {
            let name = String(format: "%03d", i) + ".thaksa"
            try Data(f.bytes).write(to: folder.appendingPathComponent(name))
            shown[folder.appendingPathComponent(name).standardizedFileURL.path] = f.path
        }
        return RuleSetLoader.load(folder.standardizedFileURL.path, display: { shown[$0] ?? $0 })
    }

    /// Every error has a location inside a file of the run, and rendering does not crash.
    static func checkLocations(_ loaded: LoadedRuleSet, label: String, bytes: [UInt8], scratch: FuzzScratch) {
        var bad: [String] = []
        for d in loaded.diagnostics.items where d.severity == .error {
            guard let file = loaded.sources[d.span.file] else {
                bad.append("\(d.code.rawValue) has no file (span.file = \(d.span.file))")
                continue
            }
            guard d.span.start >= 0, d.span.start <= d.span.end, d.span.end <= file.bytes.count else {
                bad.append("\(d.code.rawValue) span \(d.span.start)..<\(d.span.end) is outside the file (\(file.bytes.count) bytes)")
                continue
            }
            let loc = file.location(of: d.span.start)
            guard loc.line >= 1, loc.line <= file.lineCount, loc.column >= 1 else {
                bad.append("\(d.code.rawValue) at \(loc.line):\(loc.column) is outside the file (\(file.lineCount) lines)")
                continue
            }
            // The line as it stands in the file (up to its "\n"). Columns count grapheme clusters; on a
            // huge line the byte count bounds them, which is much cheaper.
            let start = file.lineStart(loc.line)
            let end = loc.line < file.lineCount ? file.lineStart(loc.line + 1) - 1 : file.bytes.count
            let raw = file.bytes[start..<end]
            let length = raw.count <= 1 << 16 ? String(decoding: raw, as: UTF8.self).count : raw.count
            if loc.column > length + 1 {
                bad.append("\(d.code.rawValue) at \(loc.line):\(loc.column) is past the end of line \(loc.line) (\(length) characters)")
            }
        }
        let text = DiagnosticRenderer(sources: loaded.sources, lang: .th, color: false)
            .text(loaded.diagnostics.sorted, dropped: loaded.diagnostics.dropped)
        if loaded.diagnostics.hasErrors { #expect(!text.isEmpty, "\(label): errors render as nothing") }
        guard !bad.isEmpty else { return }
        let kept = scratch.url.deletingLastPathComponent().appendingPathComponent("thaksa-fuzz-failure-\(UUID().uuidString).thaksa")
        try? Data(bytes).write(to: kept)
        Issue.record("\(label): \(bad.joined(separator: "; ")) — input kept at \(kept.path)")
    }
}

struct FuzzStats {
    var count = 0, notUTF8 = 0, withErrors = 0
    mutating func record(utf8: Bool, errors: Bool) {
        count += 1
        if !utf8 { notUTF8 += 1 }
        if errors { withErrors += 1 }
    }
}

enum FuzzMutator {
    /// Byte sequences worth inserting: broken UTF-8, Thai letters, marks and digits, and syntax.
    static let palette: [[UInt8]] = [
        [0xFF], [0xC3], [0xE0, 0xB8], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFE, 0xFF],
    ] + [
        "ก", "ำ", "ั", "่", "ผู้", "น้ำ", "๙", "๑๒.๕", "฿", "ๆ", "\u{FEFF}", "\u{200B}", "\u{0301}", "🙂",
        "\"", "\\", "\\q", "{", "}", "(", ")", "[", "]", "#", "\n", "\r", "\r\n", "\t", "\0", " ",
        "=", "!=", ">=", ",", ".", "-", "+", "*", "/", "_", "0", "12abc", "1.", "99999999999999999999999",
        "score ", "where ", "first ", "not ", " in ", "if ", "then ", "else ", "order by ", "of ", "en ",
        "item ", "group ", "phase ", "case ", "include \"x.thaksa\"\n", "people", "required", "count(",
    ].map { Array($0.utf8) }

    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    static func join(_ lines: [ArraySlice<UInt8>]) -> [UInt8] {
        Array(lines.joined(separator: [0x0A]))
    }

    /// Applies one random mutation and says what it did.
    static func mutate(_ bytes: inout [UInt8], _ rng: inout MutationFuzzTests.SplitMix64) -> String {
        let op = Int.random(in: 0..<9, using: &rng)
        switch op {
        case 0, 1, 2:
            var ls = lines(bytes)
            guard !ls.isEmpty else { bytes = palette.randomElement(using: &rng)!; return "replace empty" }
            let a = Int.random(in: 0..<ls.count, using: &rng)
            if op == 0 { ls.remove(at: a); bytes = join(ls); return "delete line \(a + 1)" }
            if op == 1 { ls.insert(ls[a], at: a); bytes = join(ls); return "duplicate line \(a + 1)" }
            let b = Int.random(in: 0..<ls.count, using: &rng)
            ls.swapAt(a, b)
            bytes = join(ls)
            return "swap lines \(a + 1) and \(b + 1)"
        case 3:
            let at = Int.random(in: 0...bytes.count, using: &rng)
            bytes.removeSubrange(at...)
            return "truncate at byte \(at)"
        case 4:
            guard !bytes.isEmpty else { return "delete nothing" }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            let n = min(Int.random(in: 1...8, using: &rng), bytes.count - at)
            bytes.removeSubrange(at..<(at + n))
            return "delete \(n) bytes at \(at)"
        case 5, 6:
            let insert = palette.randomElement(using: &rng)!
            let at = Int.random(in: 0...bytes.count, using: &rng)
            if op == 6, at < bytes.count {
                let n = min(Int.random(in: 1...3, using: &rng), bytes.count - at)
                bytes.replaceSubrange(at..<(at + n), with: insert)
                return "replace \(n) bytes at \(at) with \(insert)"
            }
            bytes.insert(contentsOf: insert, at: at)
            return "insert \(insert) at \(at)"
        case 7:
            // Unbalance the braces: drop a `}` or `{`, or add a stray one.
            let braces = bytes.indices.filter { bytes[$0] == UInt8(ascii: "{") || bytes[$0] == UInt8(ascii: "}") }
            if !braces.isEmpty, Bool.random(using: &rng) {
                let at = braces.randomElement(using: &rng)!
                let was = bytes.remove(at: at)
                return "remove `\(Character(Unicode.Scalar(was)))` at \(at)"
            }
            let at = Int.random(in: 0...bytes.count, using: &rng)
            let brace = Bool.random(using: &rng) ? UInt8(ascii: "{") : UInt8(ascii: "}")
            bytes.insert(brace, at: at)
            return "insert `\(Character(Unicode.Scalar(brace)))` at \(at)"
        default:
            // A run of one random byte, to provoke long tokens and long error streaks.
            let b = UInt8.random(in: 0...255, using: &rng)
            let n = Int.random(in: 1...64, using: &rng)
            let at = Int.random(in: 0...bytes.count, using: &rng)
            bytes.insert(contentsOf: [UInt8](repeating: b, count: n), at: at)
            return "insert \(n) × 0x\(String(b, radix: 16)) at \(at)"
        }
    }
}

fileprivate extension Array {
    func repeated(count: Int) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(self.count * count)
        for _ in 0..<count { out += self }
        return out
    }
}
