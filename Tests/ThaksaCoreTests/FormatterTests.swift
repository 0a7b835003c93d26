import Foundation
import Testing
@testable import ThaksaCore
// `ThaksaCore.Formatter` in full: Foundation has a `Formatter` class too.

/// The repository root, found from this file's path (Tests/ThaksaCoreTests/FormatterTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let formatFixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/fmt")

/// Every `.thaksa` file under a folder of the repository, sorted.
func thaksaFiles(under relative: String) -> [URL] {
    let root = repositoryRoot.appendingPathComponent(relative)
    guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
    return e.compactMap { $0 as? URL }.filter { $0.pathExtension == "thaksa" && (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }.sorted { $0.path < $1.path }
}

/// Formats or fails the test with the refusal.
func formatted(_ text: String, path: String = "test.thaksa") -> String {
    switch ThaksaCore.Formatter.format(text, path: path) {
    case .formatted(let t): return t
    case .refused(let r):
        let diags = DiagnosticRenderer(sources: { var s = SourceSet(); s.add(path: path, bytes: Array(text.utf8)); return s }())
            .text(r.diagnostics)
        Issue.record("refused: \(r.message)\n\(diags)")
        return ""
    }
}

@Suite struct FormatterTests {
    static let goldenCases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: formatFixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".thaksa") }.map { String($0.dropLast(".thaksa".count)) }.sorted()
    }()

    @Test func goldenFixturesExist() {
        #expect(Self.goldenCases.count >= 4)
    }

    /// `Tests/Fixtures/fmt/<case>.thaksa` formats to `<case>.formatted`; UPDATE_GOLDEN=1 rewrites the latter.
    @Test(arguments: goldenCases) func golden(_ name: String) throws {
        let input = try String(contentsOf: formatFixtures.appendingPathComponent(name + ".thaksa"), encoding: .utf8)
        let output = formatted(input, path: name + ".thaksa")
        let goldenURL = formatFixtures.appendingPathComponent(name + ".formatted")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try output.write(to: goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(output == golden, "\(name): the formatted text differs from \(name).formatted (UPDATE_GOLDEN=1 to rewrite it)")
        #expect(formatted(golden) == golden, "\(name).formatted is not a fixed point")
    }

    /// The round-trip property over every rule file in the repository that parses: formatting
    /// keeps the syntax tree and every comment, and formatting again changes nothing.
    @Test func roundTripOverEveryRuleFileInTheRepository() throws {
        let files = thaksaFiles(under: "rules") + thaksaFiles(under: "Tests/Fixtures")
        var checked = 0
        for url in files {
            // Fixtures that are not UTF-8 on purpose (T001) cannot parse cleanly: skip them.
            guard let text = String(validating: try Data(contentsOf: url), as: UTF8.self) else { continue }
            let file = SourceFile(id: 0, path: url.lastPathComponent, text: text)
            let (tree, diagnostics) = Parser.parse(file)
            guard !diagnostics.hasErrors else { continue }
            let out = formatted(text, path: url.lastPathComponent)
            let (again, againDiagnostics) = Parser.parse(SourceFile(id: 0, path: "out", text: out))
            #expect(!againDiagnostics.hasErrors, "\(url.lastPathComponent)")
            #expect(SyntaxDump.dump(again.statements) == SyntaxDump.dump(tree.statements), "\(url.lastPathComponent): tree changed")
            #expect(again.comments.map(\.text) == tree.comments.map { ThaksaCore.Formatter.trimmed($0.text) }, "\(url.lastPathComponent): comments changed")
            #expect(formatted(out) == out, "\(url.lastPathComponent): not idempotent")
            checked += 1
        }
        #expect(checked >= 17, "only \(checked) rule files found")
    }

    /// The shipped rules, their tokens re-spaced at random (no blank lines, no comments), format to
    /// the same text as the same tokens on one line.
    @Test func layoutDoesNotDependOnSpacing() throws {
        var rng = SeededGenerator(seed: 2564)
        let separators = [" ", "   ", "\t", "\n", "\n    ", " \n\t", "\r\n"]
        for url in thaksaFiles(under: "rules") {
            let file = SourceFile(id: 0, path: "f", text: try String(contentsOf: url, encoding: .utf8))
            let texts = Lexer.tokenize(file).tokens.filter { $0.kind != .eof }.map { file.text($0.span) }
            let oneLine = texts.joined(separator: " ")
            let respaced = texts.map { $0 + separators.randomElement(using: &rng)! }.joined()
            #expect(formatted(respaced) == formatted(oneLine), "\(url.lastPathComponent)")
        }
    }

    /// Comments dropped between any two tokens, trailing or on their own line, are all kept, in
    /// order, and the result is stable (the formatter's own check refuses otherwise).
    @Test func commentsBetweenAnyTokensSurvive() throws {
        var rng = SeededGenerator(seed: 2565)
        for url in thaksaFiles(under: "rules") {
            let file = SourceFile(id: 0, path: "f", text: try String(contentsOf: url, encoding: .utf8))
            let texts = Lexer.tokenize(file).tokens.filter { $0.kind != .eof }.map { file.text($0.span) }
            var text = "", n = 0
            for t in texts {
                text += t
                switch Int.random(in: 0..<12, using: &rng) {
                case 0: n += 1; text += "  # c\(n)\n"
                case 1: n += 1; text += "\n# c\(n)\n"
                case 2: n += 1; text += "\n\n  # c\(n)\n\n"
                default: text += Bool.random(using: &rng) ? " " : "\n"
                }
            }
            let out = formatted(text)
            let comments = Lexer.tokenize(SourceFile(id: 0, path: "o", text: out)).comments.map(\.text)
            #expect(comments == (0..<n).map { "# c\($0 + 1)" }, "\(url.lastPathComponent)")
        }
    }

    @Test func refusesFilesWithSyntaxErrors() throws {
        let result = ThaksaCore.Formatter.format("kind ability\nscale have \"x\" { level }\n", path: "bad.thaksa")
        let refusal = try #require(result.refusal)
        #expect(result.text == nil)
        #expect(refusal.reason == .syntaxErrors)
        #expect(refusal.diagnostics.map(\.code) == [.expectedToken, .expectedToken])
        #expect(refusal.message.contains("bad.thaksa"))
        #expect(ThaksaCore.Formatter.format("score x = \"open\n").refusal?.diagnostics.first?.code == .unterminatedString)
    }

    /// The safety net: output that would not read back the same is refused.
    @Test func safetyNetRefusesOutputThatChangesTheFile() {
        let source = "kind a \"x\"  # one\n# two\nscore s = (1 + 2) * 3\n"
        let (tree, _) = Parser.parse(SourceFile(id: 0, path: "t", text: source))
        #expect(ThaksaCore.Formatter.verify(tree, formatted(source)) == nil)
        #expect(ThaksaCore.Formatter.verify(tree, "kind a \"x\"  # one\n# two\nscore s = 1 + 2 * 3\n") == "change the syntax tree")
        #expect(ThaksaCore.Formatter.verify(tree, "kind a \"x\"\n# two\nscore s = (1 + 2) * 3\n") == "lose, duplicate or reorder a comment")
        #expect(ThaksaCore.Formatter.verify(tree, "# two\nkind a \"x\"  # one\n# two\nscore s = (1 + 2) * 3\n") == "lose, duplicate or reorder a comment")
        #expect(ThaksaCore.Formatter.verify(tree, "kind a \"x\"  # one\n# two\nscore s = (1 + 2) *\n3\n") == "give a different result when formatted again")
        #expect(ThaksaCore.Formatter.verify(tree, "kind a \"x\"  # one\n# two\nscore s = (1 + 2) * \n") == "produce text with syntax errors")
    }

    @Test func spacingOfExpressions() {
        #expect(formatted("score s=a>=80 and b<=1") == "score s = a >= 80 and b <= 1\n")
        #expect(formatted("list l=count ( required  where held )") == "list l = count(required where held)\n")
        #expect(formatted("score s = f( a , [ 1,2 ] , - x , x . y )") == "score s = f(a, [1, 2], -x, x.y)\n")
        #expect(formatted("score s = a == b") == "score s = a = b\n")
        #expect(formatted("score s = - - x") == "score s = - -x\n")
        #expect(formatted("score s = not(a)") == "score s = not (a)\n")
    }

    /// Optional `WORD NAME` slots: a method's bucket, a section's skill sets; absent, nothing is printed.
    @Test func optionalNamedSlots() {
        #expect(formatted("method   a \"เอ\"\nmethod b \"บี\"   bucket  x") == "method a \"เอ\"\nmethod b \"บี\" bucket x\n")
        #expect(formatted("track t \"ที\" {\n  section  \"1\" \"หนึ่ง\"   skillset A,B\n  section \"x\" \"ไม่มี\"\n}")
                == "track t \"ที\" {\n  section \"1\" \"หนึ่ง\" skillset A, B\n  section \"x\" \"ไม่มี\"\n}\n")
    }

    @Test func keepsTheAuthorsParentheses() {
        #expect(formatted("score s = ((a)) + (b * c)") == "score s = (a) + (b * c)\n")
        #expect(formatted("position \"p\" group A when not (unit starts with \"x\")")
                == "position \"p\" group A when not (unit starts with \"x\")\n")
        #expect(formatted("score s = ( ( ( 1 ) ) )") == "score s = (1)\n")
    }

    /// Trees built in code carry no parentheses: the printer adds exactly the ones the grammar needs.
    @Test func addsTheParenthesesATreeNeeds() {
        func x(_ k: ExprKind) -> Expr { Expr(kind: k, span: .none) }
        func n(_ s: String) -> Expr { x(.name(s)) }
        func num(_ v: Int) -> Expr { x(.number(Rational(v))) }
        func bin(_ op: BinaryOp, _ l: Expr, _ r: Expr) -> Expr { x(.binary(op, l, r)) }
        func first(_ q: Expr) -> Expr { x(.first(num(1), q)) }
        let ifThen = x(.ifThen(n("a"), num(1), num(2)))
        let ordered = x(.query(source: n("xs"), filter: nil, order: [OrderKey(key: n("a"), descending: false)]))
        let cases: [(Expr, String)] = [
            (bin(.mul, bin(.add, n("a"), n("b")), n("c")), "(a + b) * c"),
            (bin(.add, bin(.add, n("a"), n("b")), n("c")), "a + b + c"),
            (bin(.sub, n("a"), bin(.sub, n("b"), n("c"))), "a - (b - c)"),
            (bin(.eq, bin(.eq, n("a"), n("b")), n("c")), "(a = b) = c"),
            (bin(.and, bin(.or, n("a"), n("b")), n("c")), "(a or b) and c"),
            (x(.unary(.not, bin(.and, n("a"), n("b")))), "not (a and b)"),
            (x(.unary(.not, bin(.eq, n("a"), n("b")))), "not a = b"),
            (bin(.in, x(.unary(.not, n("a"))), n("b")), "(not a) in b"),
            (x(.member(x(.unary(.neg, n("a"))), Name(text: "b", span: .none))), "(-a).b"),
            (x(.unary(.neg, x(.unary(.neg, n("a"))))), "- -a"),
            (bin(.add, ifThen, num(1)), "(if a then 1 else 2) + 1"),
            (bin(.add, num(1), ifThen), "1 + (if a then 1 else 2)"),
            (x(.ifThen(ifThen, ifThen, ifThen)), "if if a then 1 else 2 then if a then 1 else 2 else if a then 1 else 2"),
            (x(.member(first(n("xs")), Name(text: "code", span: .none))), "(first 1 of xs).code"),
            (bin(.add, first(n("xs")), num(1)), "(first 1 of xs) + 1"),
            (bin(.add, num(1), first(n("xs"))), "1 + first 1 of xs"),
            (x(.first(first(n("xs")), n("ys"))), "first first 1 of xs of ys"),
            (x(.first(bin(.eq, n("a"), n("b")), n("ys"))), "first (a = b) of ys"),
            (x(.call(Name(text: "count", span: .none), [ordered, n("b")])), "count((xs order by a), b)"),
            (x(.call(Name(text: "count", span: .none), [ordered])), "count(xs order by a)"),
            (x(.call(Name(text: "count", span: .none), [first(ordered), n("b")])), "count(first 1 of (xs order by a), b)"),
            (x(.call(Name(text: "f", span: .none), [n("a"), ordered])), "f(a, (xs order by a))"),
            (x(.query(source: first(n("xs")), filter: n("a"), order: [])), "(first 1 of xs) where a"),
            (x(.query(source: n("xs"), filter: first(n("ys")), order: [OrderKey(key: n("k"), descending: false)])),
             "xs where (first 1 of ys) order by k"),
            (x(.query(source: n("xs"), filter: nil, order: [OrderKey(key: first(ordered), descending: true), OrderKey(key: n("b"), descending: false)])),
             "xs order by first 1 of (xs order by a) descending, b"),
            (x(.list([ordered, ifThen])), "[(xs order by a), if a then 1 else 2]"),
        ]
        let printer = FormatPrinter(file: nil, tokens: [])
        for (e, expected) in cases {
            var tokens: [FormatToken] = []
            printer.expr(e, min: FormatPrinter.Level.query, into: &tokens)
            let text = FormatRenderer.line(tokens)
            #expect(text == expected)
            // ... and the text reads back as the same tree.
            let (parsed, diags) = Parser.parseExpression(SourceFile(id: 0, path: "e", text: text))
            var a = "", b = ""
            if let parsed { SyntaxDump.expr(parsed, &a) }
            SyntaxDump.expr(e, &b)
            #expect(!diags.hasErrors && a == b, "\(text) reads back as \(a), not \(b)")
        }
    }

    @Test func numbersAndStringsAsWritten() {
        #expect(formatted("phase p \"ระยะ\" { years ๒๕๖๔ to 2_565 }") == "phase p \"ระยะ\" {\n  years ๒๕๖๔ to 2_565\n}\n")
        #expect(formatted("score s = (๑๒.๕๐) + 0.50") == "score s = (๑๒.๕๐) + 0.50\n")
        #expect(formatted("kind k \"a\\\"b\\\\c\\td\\ne\tf\"") == "kind k \"a\\\"b\\\\c\\td\\ne\\tf\"\n")
    }

    @Test func lineEndingsByteOrderMarkAndTabs() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("# หัว\r\nkind\ta\t\"ก\"\r\n\r\n\r\n\tkind b \"ข\"  # ท้าย  \r\n".utf8)
        guard case .formatted(let out) = ThaksaCore.Formatter.format(SourceFile(id: 0, path: "crlf", bytes: bytes)) else {
            Issue.record("refused")
            return
        }
        #expect(out == "# หัว\nkind a \"ก\"\n\nkind b \"ข\"  # ท้าย\n")
    }

    @Test func emptyAndCommentOnlyFiles() {
        #expect(formatted("") == "")
        #expect(formatted("\n\n  \n") == "")
        #expect(formatted("\n\n# only\n\n\n   # comments\n\n") == "# only\n\n# comments\n")
    }

    @Test func blankLines() {
        #expect(formatted("kind a \"x\"\n\n\n\nkind b \"y\"\nkind c \"z\"") == "kind a \"x\"\n\nkind b \"y\"\nkind c \"z\"\n")
        #expect(formatted("scale s \"t\" {\n\n\n  level 1 \"x\"\n\n  level 2 \"y\"\n\n\n}\n\n\n") ==
                "scale s \"t\" {\n  level 1 \"x\"\n\n  level 2 \"y\"\n}\n")
        // No blank lines inside a statement that a comment splits.
        #expect(formatted("score s = 1 +\n\n# c\n\n2") == "score s = 1 +\n    # c\n    2\n")
    }
}

/// The fuzz tests' seeded generator (SplitMix64, checked against its reference value there).
typealias SeededGenerator = MutationFuzzTests.SplitMix64
