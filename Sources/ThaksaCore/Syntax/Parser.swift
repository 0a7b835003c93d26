/// Recursive-descent parser. Never throws: on an error it reports once, skips to the next place a
/// statement of the current block can start (a keyword at the start of a line, or `}`), and goes
/// on, so one run reports every independent mistake. Every loop must consume a token to go on.
public struct Parser {
    public static let maxDepth = 48
    /// The tallest expression tree accepted (an operator chain of this many terms, or nesting).
    public static let maxHeight = 128

    let file: SourceFile
    var tokens: [Token]
    var i = 0
    var depth = 0
    var diagnostics: DiagnosticSink

    init(file: SourceFile, tokens: [Token], diagnostics: DiagnosticSink) {
        self.file = file
        self.tokens = tokens
        self.diagnostics = diagnostics
    }

    /// Lexes and parses one file.
    public static func parse(_ file: SourceFile) -> (SyntaxFile, DiagnosticSink) {
        let lexed = Lexer.tokenize(file)
        var parser = Parser(file: file, tokens: lexed.tokens, diagnostics: lexed.diagnostics)
        let statements = parser.parseBlockBody(context: "", allowed: Schema.topLevel, closing: false)
        return (SyntaxFile(file: file, statements: statements, comments: lexed.comments), parser.diagnostics)
    }

    /// Parses a single expression (used by tests and tools).
    public static func parseExpression(_ file: SourceFile) -> (Expr?, DiagnosticSink) {
        let lexed = Lexer.tokenize(file)
        var parser = Parser(file: file, tokens: lexed.tokens, diagnostics: lexed.diagnostics)
        let e = try? parser.query()
        if e != nil, parser.peek.kind != .eof { try? parser.fail("the end of the expression") }
        return (e, parser.diagnostics)
    }

    // MARK: tokens

    var peek: Token { tokens[i] }
    func peek(_ k: Int) -> Token { tokens[min(i + k, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[i]
        if i < tokens.count - 1 { i += 1 }
        return t
    }

    func isWord(_ w: String, _ t: Token? = nil) -> Bool {
        let t = t ?? peek
        return t.kind == .ident && t.text == w
    }

    /// A parse error already reported; unwinds to the statement loop, which resynchronises.
    struct Failure: Error {}

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .ident: return "`\(t.text)`"
        case .string: return "text \"\(t.text.prefix(30))\""
        case .number: return "the number `\(file.text(t.span))`"
        default: return t.kind.display
        }
    }

    mutating func fail(_ expected: String) throws -> Never {
        // An invalid character was reported by the lexer; saying so again would be noise.
        if peek.kind != .invalid { diagnostics.add(.expectedToken, peek.span, [expected, describe(peek)]) }
        throw Failure()
    }

    mutating func expect(_ kind: TokenKind, _ what: String? = nil) throws -> Token {
        guard peek.kind == kind else { try fail(what ?? kind.display) }
        return advance()
    }

    mutating func expectWord(_ w: String) throws -> SourceSpan {
        guard isWord(w) else { try fail("`\(w)`") }
        return advance().span
    }

    mutating func enter(_ span: SourceSpan) throws {
        depth += 1
        if depth > Parser.maxDepth {
            diagnostics.add(.nestingTooDeep, span, [String(Parser.maxDepth)])
            throw Failure()
        }
    }

    // MARK: statements

    mutating func parseBlockBody(context: String, allowed: [String], closing: Bool) -> [Statement] {
        var out: [Statement] = []
        while true {
            let start = i
            let t = peek
            if t.kind == .eof || (closing && t.kind == .rbrace) { break }
            if t.isWord, allowed.contains(t.text) {
                do { out.append(try statement(context: context)) }
                catch { recover(allowed: allowed) }
            } else {
                if t.kind == .ident {
                    let code: DiagnosticCode = context.isEmpty ? .unknownDeclaration : .unknownProperty
                    let list = allowed.map { "`\($0)`" }.joined(separator: ", ")
                    let args = context.isEmpty ? [t.text, list] : [t.text, "`\(context == "group.phase" ? "phase" : context)`", list]
                    diagnostics.add(Diagnostic(code, t.span, args, suggestion: Suggestions.closest(to: t.text, in: allowed)))
                } else if t.kind != .invalid {
                    diagnostics.add(.expectedToken, t.span, [context.isEmpty ? "a declaration" : "a property or `}`", describe(t)])
                }
                advance()
                recover(allowed: allowed)
            }
            if i == start { advance() }   // progress guard
        }
        return out
    }

    /// Skips to a keyword of this block at the start of a line, a `}` of this block, or the end.
    mutating func recover(allowed: [String]) {
        while true {
            let t = peek
            switch t.kind {
            case .eof, .rbrace: return
            case .lbrace: skipBraces()
            case _ where t.isWord && t.startsLine && allowed.contains(t.text): return
            default: advance()
            }
        }
    }

    mutating func skipBraces() {
        let open = advance()
        var level = 1
        while level > 0 {
            switch peek.kind {
            case .eof:
                diagnostics.add(.unclosedBlock, open.span)
                return
            case .lbrace: level += 1
            case .rbrace: level -= 1
            default: break
            }
            advance()
        }
    }

    mutating func statement(context: String) throws -> Statement {
        let kw = advance()
        let keyword = Name(text: kw.text, span: kw.span)
        let shape = Schema.shape(kw.text, in: context)!
        var args: [Arg] = []
        var partial = false
        do {
            for slot in shape.slots { args.append(try parse(slot)) }
        } catch {
            // Keep what was read (its name, at least) so later passes do not report a cascade
            // of unknown names; the rest of the statement is skipped by the caller.
            guard !args.isEmpty else { throw error }
            partial = true
        }
        var block: [Statement]?
        if !partial, let children = shape.children {
            if peek.kind == .lbrace {
                let open = advance()
                try enter(open.span)
                let childContext = Schema.context(of: kw.text, in: context)
                block = parseBlockBody(context: childContext, allowed: children, closing: true)
                depth -= 1
                if peek.kind == .rbrace { advance() } else { diagnostics.add(.unclosedBlock, open.span) }
            } else if shape.blockRequired {
                if peek.kind != .invalid { diagnostics.add(.expectedToken, peek.span, ["`{`", describe(peek)]) }
                partial = true
            }
        }
        let end = tokens[max(0, i - 1)].span
        let st = Statement(keyword: keyword, args: args + Array(repeating: .absent, count: shape.slots.count - args.count),
                           block: block, span: keyword.span.to(end))
        if partial { recoverInStatement(context: context); }
        return st
    }

    /// After a partial statement: skip to the next statement of the enclosing block.
    mutating func recoverInStatement(context: String) {
        let allowed = context.isEmpty ? Schema.topLevel : (Schema.allowed(in: context))
        recover(allowed: allowed)
    }

    mutating func name() throws -> Name {
        let t = try expect(.ident, "a name")
        return Name(text: t.text, span: t.span)
    }

    mutating func text() throws -> TextLit {
        let t = try expect(.string)
        return TextLit(value: t.text, span: t.span)
    }

    mutating func number() throws -> NumberLit {
        let t = try expect(.number)
        return NumberLit(value: t.number ?? .zero, span: t.span)
    }

    mutating func title() throws -> Title {
        let th = try text()
        var en: TextLit?
        if isWord("en") { advance(); en = try text() }
        return Title(th: th, en: en)
    }

    mutating func parse(_ slot: Slot) throws -> Arg {
        switch slot {
        case .name: return .name(try name())
        case .title: return .title(try title())
        case .optionalTitle: return peek.kind == .string ? .title(try title()) : .absent
        case .string: return .string(try text())
        case .number: return .number(try number())
        case .range:
            let a = try number()
            _ = try expectWord("to")
            return .range(a, try number())
        case .names:
            var names = [try name()]
            while peek.kind == .comma { advance(); names.append(try name()) }
            return .names(names)
        case .strings:
            var items = [try text()]
            while peek.kind == .comma { advance(); items.append(try text()) }
            return .strings(items)
        case .requirements:
            var entries = [try requirement()]
            while peek.kind == .comma { advance(); entries.append(try requirement()) }
            return .requirements(entries)
        case .serves:
            var entries = [try serve()]
            while peek.kind == .comma { advance(); entries.append(try serve()) }
            return .serves(entries)
        case .expr: return .expr(try expr())
        case .query: return .expr(try query())
        case .compare: return try compare()
        case .word(let w): return .word(w, try expectWord(w))
        case .equalsExpr:
            _ = try expect(.eq)
            return .expr(try expr())
        case .equalsQuery:
            _ = try expect(.eq)
            return .expr(try query())
        case .bandCondition:
            if isWord("otherwise") { return .word("otherwise", advance().span) }
            guard isWord("when") else { try fail("`when` or `otherwise`") }
            advance()
            return try compare()
        case .methodChoice:
            if isWord("all") { return .word("all", advance().span) }
            guard isWord("one") else { try fail("`all` or `one per bucket`") }
            let start = advance().span
            _ = try expectWord("per")
            return .word("one per bucket", start.to(try expectWord("bucket")))
        case .optionalWhen:
            guard isWord("when") else { return .absent }
            advance()
            return .expr(try expr())
        case .optionalStrings(let word), .optionalName(let word), .optionalNames(let word), .optionalNumber(let word):
            guard isWord(word) else { return .absent }
            advance()
            switch slot {
            case .optionalStrings: return try parse(.strings)
            case .optionalNames: return try parse(.names)
            case .optionalNumber: return .number(try number())
            default: return .name(try name())
            }
        case .optionalPer:
            guard isWord("per") else { return .absent }
            advance()
            let part = try name()
            return .per(part, try name())
        case .optionalFields:
            guard peek.kind == .kwWith else { return .absent }
            var fields: [FieldDecl] = []
            repeat {
                advance()   // `with`, then each `,`
                let n = try name()
                let t: Title? = peek.kind == .string ? try title() : nil
                _ = try expect(.eq)
                fields.append(FieldDecl(name: n, title: t, expr: try expr()))
            } while peek.kind == .comma
            return .fields(fields)
        }
    }

    mutating func compare() throws -> Arg {
        let ops: [TokenKind: CompareOp] = [.eq: .eq, .ne: .ne, .lt: .lt, .le: .le, .gt: .gt, .ge: .ge]
        guard let op = ops[peek.kind] else { try fail("a comparison (`>=`, `>`, `<=`, `<`, `=`, `!=`)") }
        advance()
        return .compare(op, try expr())
    }

    mutating func requirement() throws -> RequirementEntry {
        let item = try name()
        var level: Arg?
        var weight: NumberLit?
        var weightName: Name?
        if isWord("level") {
            advance()
            if peek.kind == .string { level = .string(try text()) } else { level = .number(try number()) }
        }
        if isWord("weight") {
            advance()
            // a number, or the name of a declared `value`
            if peek.kind == .ident { weightName = try name() } else { weight = try number() }
        }
        return RequirementEntry(item: item, level: level, weight: weight, span: item.span.to(tokens[i - 1].span),
                                weightName: weightName)
    }

    mutating func serve() throws -> ServeEntry {
        let item = try name()
        var topic: TextLit?
        if isWord("topic") { advance(); topic = try text() }
        return ServeEntry(item: item, topic: topic)
    }
}
