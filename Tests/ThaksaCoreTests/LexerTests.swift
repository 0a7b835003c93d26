import Testing
@testable import ThaksaCore

@Suite struct LexerTests {
    func lex(_ text: String) -> (kinds: [TokenKind], tokens: [Token], codes: [String]) {
        let r = Lexer.tokenize(SourceFile(id: 0, path: "t", text: text))
        return (r.tokens.map(\.kind), r.tokens, r.diagnostics.sorted.map(\.code.rawValue))
    }

    @Test func thaiIdentifiersStringsAndComments() {
        let r = Lexer.tokenize(SourceFile(id: 0, path: "t", text: "group กลุ่ม_ก \"ผู้บริหาร\" # หมายเหตุ\nDLit100"))
        #expect(r.tokens.map(\.kind) == [.ident, .ident, .string, .ident, .eof])
        #expect(r.tokens[1].text == "กลุ่ม_ก")
        #expect(r.tokens[2].text == "ผู้บริหาร")
        #expect(r.comments.map(\.text) == ["# หมายเหตุ"])
        #expect(r.tokens[3].startsLine)
    }

    @Test func thaiDigitsAndExactDecimals() {
        let t = lex("๘๐ 12.5 ๑๒.๕ 1_000").tokens
        #expect(t[0].number == Rational(80))
        #expect(t[1].number == Rational(25, 2))
        #expect(t[2].number == Rational(25, 2))
        #expect(t[3].number == Rational(1000))
    }

    @Test func operatorsAndReservedWords() {
        #expect(lex("a >= 1 and not b != c where x order by y descending").kinds ==
                [.ident, .ge, .number, .kwAnd, .kwNot, .ident, .ne, .ident, .kwWhere, .ident, .kwOrder, .kwBy, .ident, .kwDescending, .eof])
    }

    @Test func badInputIsReportedNotThrown() {
        #expect(lex("\"open").codes == ["T003"])
        #expect(lex("\"a\\q\"").codes == ["T004"])
        #expect(lex("12abc").codes == ["T005"])
        #expect(lex("a @ b").codes == ["T002"])
        let invalid = Lexer.tokenize(SourceFile(id: 0, path: "t", bytes: [0x61, 0x20, 0xFF, 0x20, 0x62]))
        #expect(invalid.diagnostics.sorted.map(\.code) == [.invalidUTF8])
        #expect(invalid.tokens.map(\.kind) == [.ident, .invalid, .ident, .eof])
    }

    @Test func byteOrderMarkAndCRLF() {
        let r = Lexer.tokenize(SourceFile(id: 0, path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("kind a \"x\"\r\nkind b \"y\"\r\n".utf8)))
        #expect(r.diagnostics.items.isEmpty)
        #expect(r.tokens.filter(\.startsLine).count == 3)   // two lines and the end
    }
}

@Suite struct ParserTests {
    func parse(_ text: String) -> (SyntaxFile, [String]) {
        let (f, d) = Parser.parse(SourceFile(id: 0, path: "t", text: text))
        return (f, d.sorted.map(\.code.rawValue))
    }

    @Test func statementsFollowTheSchema() {
        let (f, codes) = parse("""
        group E "ผู้บริหารระดับสูง" en "Executive" {
          role "ผู้กระตุ้น"
          phase early { require DLit100, DT300 level 2 weight 2 }
        }
        position "ผู้อำนวยการเขต" group M when unit starts with "สำนักงานเขต"
        """)
        #expect(codes.isEmpty)
        #expect(f.statements.map(\.keyword.text) == ["group", "position"])
        let phase = f.statements[0].block![1]
        guard case .requirements(let reqs) = phase.block![0].args[0] else { Issue.record("no requirements"); return }
        #expect(reqs.map(\.item.text) == ["DLit100", "DT300"])
        #expect(reqs[1].weight?.value == Rational(2))
    }

    @Test func precedence() {
        let (e, d) = Parser.parseExpression(SourceFile(id: 0, path: "t", text: "1 + 2 * 3 >= 7 and not a or b"))
        #expect(d.items.isEmpty)
        guard case .binary(.or, let l, _)? = e?.kind, case .binary(.and, let cmp, _) = l.kind,
              case .binary(.ge, let sum, _) = cmp.kind, case .binary(.add, _, let mul) = sum.kind,
              case .binary(.mul, _, _) = mul.kind else {
            Issue.record("wrong tree: \(String(describing: e))")
            return
        }
    }

    @Test func queriesAndFirst() {
        let (e, d) = Parser.parseExpression(SourceFile(id: 0, path: "t", text: "first 3 of required where not held order by kind, rank descending"))
        #expect(d.items.isEmpty)
        guard case .first(_, let q)? = e?.kind, case .query(_, let filter, let order) = q.kind else {
            Issue.record("wrong tree")
            return
        }
        #expect(filter != nil)
        #expect(order.map(\.descending) == [false, true])
    }

    @Test func recoversAtTheNextDeclaration() {
        let (f, codes) = parse("""
        kind ability "ความสามารถ"
        gruop E "ผิด" { role "x" }
        kind knowledge
        kind attribute "คุณลักษณะ"
        """)
        #expect(codes == ["P002", "P001"])
        #expect(f.statements.map(\.keyword.text) == ["kind", "kind", "kind"])
    }

    @Test func nestingIsCapped() {
        let deep = "score s = " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(parse(deep).1 == ["P004"])
    }

    @Test func unclosedBlockIsReportedAtItsBrace() {
        let (_, codes) = parse("group E \"x\" {\n  role \"y\"\n")
        #expect(codes == ["P005"])
    }
}
