/// Turns the syntax tree into layout: per statement, its header as a list of tokens in canonical
/// spelling and spacing, and its block's child statements. Where comments go and where lines break
/// is decided afterwards by `FormatRenderer`.

/// One token of formatted output.
struct FormatToken: Sendable, Equatable {
    var text: String
    /// The token kind the lexer gives this text: used to line it up with the source tokens.
    var kind: TokenKind
    /// No space before this token (`,` `)` `]` `.`, a call's `(`).
    var glueLeft = false
    /// No space after this token (`(` `[` `.`, unary `-`).
    var glueRight = false

    init(_ text: String, _ kind: TokenKind, glueLeft: Bool = false, glueRight: Bool = false) {
        self.text = text
        self.kind = kind
        self.glueLeft = glueLeft
        self.glueRight = glueRight
    }

    /// A keyword or name: reserved words keep their reserved kind (`order` in `assignment`).
    static func word(_ text: String) -> FormatToken { FormatToken(text, TokenKind.reserved[text] ?? .ident) }
    static let comma = FormatToken(",", .comma, glueLeft: true)
}

/// A statement laid out: header tokens (ending in `{` when there is a block) and children.
struct FormatStatement: Sendable {
    var header: [FormatToken]
    var children: [FormatStatement]?
}

struct FormatPrinter {
    let bytes: [UInt8]
    /// Start offsets and source text of every number token, sorted by offset.
    let numberStarts: [Int]
    let numberTexts: [String]

    init(file: SourceFile?, tokens: [Token]) {
        bytes = file?.bytes ?? []
        let numbers = tokens.filter { $0.kind == .number }
        numberStarts = numbers.map(\.span.start)
        numberTexts = numbers.map { t in
            guard let b = file?.bytes, t.span.start >= 0, t.span.end <= b.count else { return t.number?.description ?? "0" }
            return String(decoding: b[t.span.start..<t.span.end], as: UTF8.self)
        }
    }

    // MARK: statements

    func statements(_ list: [Statement], context: String) -> [FormatStatement] {
        list.map { statement($0, context: context) }
    }

    func statement(_ st: Statement, context: String) -> FormatStatement {
        var out = [FormatToken.word(st.keyword.text)]
        if let shape = Schema.shape(st.keyword.text, in: context), shape.slots.count == st.args.count {
            for (slot, arg) in zip(shape.slots, st.args) { self.arg(arg, slot: slot, into: &out) }
        } else {
            for arg in st.args { self.arg(arg, slot: nil, into: &out) }
        }
        guard let block = st.block else { return FormatStatement(header: out, children: nil) }
        out.append(FormatToken("{", .lbrace))
        let inner = Schema.context(of: st.keyword.text, in: context)
        return FormatStatement(header: out, children: statements(block, context: inner))
    }

    func arg(_ arg: Arg, slot: Slot?, into out: inout [FormatToken]) {
        switch arg {
        case .absent: return
        case .name(let n):
            if case .optionalName(let word)? = slot { out.append(.word(word)) }
            out.append(.word(n.text))
        case .names(let ns):
            if case .optionalNames(let word)? = slot { out.append(.word(word)) }
            list(ns, into: &out) { $1.append(.word($0.text)) }
        case .string(let t): out.append(string(t.value))
        case .strings(let ts):
            if case .optionalStrings(let word)? = slot { out.append(.word(word)) }
            list(ts, into: &out) { $1.append(string($0.value)) }
        case .number(let n):
            if case .optionalNumber(let word)? = slot { out.append(.word(word)) }
            out.append(number(n))
        case .range(let a, let b): out += [number(a), .word("to"), number(b)]
        case .title(let t):
            out.append(string(t.th.value))
            if let en = t.en { out += [.word("en"), string(en.value)] }
        case .requirements(let es):
            list(es, into: &out) { e, out in
                out.append(.word(e.item.text))
                if let level = e.level {
                    out.append(.word("level"))
                    self.arg(level, slot: nil, into: &out)
                }
                if let w = e.weight { out += [.word("weight"), number(w)] }
                if let w = e.weightName { out += [.word("weight"), .word(w.text)] }
            }
        case .serves(let es):
            list(es, into: &out) { e, out in
                out.append(.word(e.item.text))
                if let t = e.topic { out += [.word("topic"), string(t.value)] }
            }
        case .expr(let e):
            switch slot {
            case .equalsExpr?: out.append(FormatToken("=", .eq)); expr(e, min: Level.expr, into: &out)
            case .equalsQuery?: out.append(FormatToken("=", .eq)); expr(e, min: Level.query, into: &out)
            case .optionalWhen?: out.append(.word("when")); expr(e, min: Level.expr, into: &out)
            case .query?: expr(e, min: Level.query, into: &out)
            default: expr(e, min: Level.expr, into: &out)
            }
        case .compare(let op, let e):
            if case .bandCondition? = slot { out.append(.word("when")) }
            out.append(FormatToken(op.rawValue, compareKind(op)))
            expr(e, min: Level.expr, into: &out)
        case .word(let w, _):
            for part in w.split(separator: " ") { out.append(.word(String(part))) }
        case .per(let part, let variable): out += [.word("per"), .word(part.text), .word(variable.text)]
        case .fields(let fs):
            for (i, f) in fs.enumerated() {
                out.append(i == 0 ? FormatToken("with", .kwWith) : .comma)
                out.append(.word(f.name.text))
                if let t = f.title { self.arg(.title(t), slot: nil, into: &out) }
                out.append(FormatToken("=", .eq))
                expr(f.expr, min: Level.expr, into: &out)
            }
        }
    }

    func list<T>(_ items: [T], into out: inout [FormatToken], _ each: (T, inout [FormatToken]) -> Void) {
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(.comma) }
            each(item, &out)
        }
    }

    // MARK: literals

    /// A string literal from its value: `"` `\` newline and tab escaped, everything else as is.
    func string(_ value: String) -> FormatToken {
        var s = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\t": s += "\\t"
            default: s.unicodeScalars.append(scalar)
            }
        }
        return FormatToken(s + "\"", .string)
    }

    /// A number as written in the source (Thai digits, `_` separators and trailing zeros kept).
    func number(_ n: NumberLit) -> FormatToken {
        if !n.span.isNone, n.span.start >= 0, n.span.end <= bytes.count, n.span.start < n.span.end {
            return FormatToken(String(decoding: bytes[n.span.start..<n.span.end], as: UTF8.self), .number)
        }
        return FormatToken(n.value.description, .number)
    }

    /// The number token inside an expression's span (which includes any parentheses around it).
    func numberText(_ e: Expr, _ value: Rational) -> String {
        guard !e.span.isNone else { return value.description }
        var lo = 0, hi = numberStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if numberStarts[mid] < e.span.start { lo = mid + 1 } else { hi = mid }
        }
        guard lo < numberStarts.count, numberStarts[lo] < e.span.end else { return value.description }
        return numberTexts[lo]
    }

    func compareKind(_ op: CompareOp) -> TokenKind {
        switch op {
        case .eq: return .eq
        case .ne: return .ne
        case .lt: return .lt
        case .le: return .le
        case .gt: return .gt
        case .ge: return .ge
        }
    }

    // MARK: expressions

    /// Binding levels, loosest first, as in `Parser+Expressions.swift`.
    enum Level {
        static let query = 0, expr = 1, or = 2, and = 3, not = 4, comparison = 5
        static let additive = 6, term = 7, unary = 8, postfix = 9, primary = 10
        static let closed = Int.max
    }

    /// What comes right after an expression in its context.
    enum Follow {
        /// Nothing an expression could take in: the end of the statement, `)`, `]`, `then`, `else`, `of`.
        case end
        /// `,` or `descending`: taken in only by an open `order by` list.
        case comma
        /// An operator that binds at this level (`where`/`order` are level 0).
        case level(Int)
    }

    /// The open end of a printed expression: constructs that restart parsing at a looser level
    /// than the expression's own (`first n of q` holds a whole query in a primary) leave their
    /// loops open at the right edge, so an operator that follows would be parsed into them.
    struct Tail {
        var level: Int
        var comma: Bool
        static let closed = Tail(level: Level.closed, comma: false)

        func absorbs(_ f: Follow) -> Bool {
            switch f {
            case .end: return false
            case .comma: return comma
            case .level(let l): return level <= l
            }
        }
    }

    static func level(_ e: Expr) -> Int {
        switch e.kind {
        case .query: return Level.query
        case .ifThen: return Level.expr
        case .binary(let op, _, _): return level(op)
        case .unary(.not, _): return Level.not
        case .unary(.neg, _): return Level.unary
        case .member: return Level.postfix
        default: return Level.primary
        }
    }

    static func level(_ op: BinaryOp) -> Int {
        switch op {
        case .or: return Level.or
        case .and: return Level.and
        case .add, .sub: return Level.additive
        case .mul, .div: return Level.term
        default: return Level.comparison
        }
    }

    /// Whether the author wrote parentheses around this expression: the parser keeps a
    /// parenthesised expression's kind and widens its span to the parentheses.
    func isParenthesized(_ e: Expr) -> Bool {
        guard !e.span.isNone, e.span.start >= 0, e.span.start < bytes.count else { return false }
        switch e.kind {
        case .binary(_, let l, _): return e.span.start < l.span.start
        case .member(let b, _): return e.span.start < b.span.start
        case .query(let s, _, _): return e.span.start < s.span.start
        default: return bytes[e.span.start] == UInt8(ascii: "(")
        }
    }

    /// Prints `e` where the grammar wants at least binding level `min`, followed by `follow`.
    /// The author's parentheses are kept; parentheses are added only where the tree needs them.
    @discardableResult
    func expr(_ e: Expr, min: Int, follow: Follow = .end, into out: inout [FormatToken]) -> Tail {
        if isParenthesized(e) || Self.level(e) < min {
            parenthesized(e, into: &out)
            return .closed
        }
        let start = out.count
        let tail = inner(e, follow: follow, into: &out)
        guard tail.absorbs(follow) else { return tail }
        out.insert(FormatToken("(", .lparen, glueRight: true), at: start)
        out.append(FormatToken(")", .rparen, glueLeft: true))
        return .closed
    }

    func parenthesized(_ e: Expr, into out: inout [FormatToken]) {
        out.append(FormatToken("(", .lparen, glueRight: true))
        _ = inner(e, follow: .end, into: &out)
        out.append(FormatToken(")", .rparen, glueLeft: true))
    }

    func inner(_ e: Expr, follow: Follow, into out: inout [FormatToken]) -> Tail {
        switch e.kind {
        case .number(let v): out.append(FormatToken(numberText(e, v), .number)); return .closed
        case .string(let s): out.append(string(s)); return .closed
        case .bool(let b): out.append(b ? FormatToken("true", .kwTrue) : FormatToken("false", .kwFalse)); return .closed
        case .name(let n): out.append(.word(n)); return .closed
        case .missing: out.append(.word("_")); return .closed
        case .member(let base, let field):
            expr(base, min: Level.postfix, follow: .level(Level.postfix), into: &out)
            out.append(FormatToken(".", .dot, glueLeft: true, glueRight: true))
            out.append(.word(field.text))
            return .closed
        case .unary(.neg, let x):
            // `- -x`, not `--x`
            var doubled = false
            if case .unary(.neg, _) = x.kind, !isParenthesized(x) { doubled = true }
            out.append(FormatToken("-", .minus, glueRight: !doubled))
            return expr(x, min: Level.unary, follow: follow, into: &out)
        case .unary(.not, let x):
            out.append(FormatToken("not", .kwNot))
            return expr(x, min: Level.not, follow: follow, into: &out)
        case .binary(let op, let l, let r):
            let lv = Self.level(op)
            let comparison = lv == Level.comparison
            expr(l, min: comparison ? Level.additive : lv, follow: .level(lv), into: &out)
            out += operatorTokens(op)
            return expr(r, min: comparison ? Level.additive : lv + 1, follow: follow, into: &out)
        case .ifThen(let c, let a, let b):
            out.append(FormatToken("if", .kwIf))
            expr(c, min: Level.expr, into: &out)
            out.append(FormatToken("then", .kwThen))
            expr(a, min: Level.expr, into: &out)
            out.append(FormatToken("else", .kwElse))
            return expr(b, min: Level.expr, follow: follow, into: &out)
        case .call(let name, let args):
            out.append(.word(name.text))
            out.append(FormatToken("(", .lparen, glueLeft: true, glueRight: true))
            for (i, a) in args.enumerated() {
                if i > 0 { out.append(.comma) }
                expr(a, min: i == 0 ? Level.query : Level.expr, follow: i < args.count - 1 ? .comma : .end, into: &out)
            }
            out.append(FormatToken(")", .rparen, glueLeft: true))
            return .closed
        case .list(let items):
            out.append(FormatToken("[", .lbracket, glueRight: true))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(.comma) }
                expr(item, min: Level.expr, follow: i < items.count - 1 ? .comma : .end, into: &out)
            }
            out.append(FormatToken("]", .rbracket, glueLeft: true))
            return .closed
        case .first(let n, let q):
            out.append(FormatToken("first", .kwFirst))
            expr(n, min: Level.additive, into: &out)
            out.append(FormatToken("of", .kwOf))
            let t = expr(q, min: Level.query, follow: follow, into: &out)
            // The query after `of` restarts at the loosest level: everything stays open.
            return Tail(level: Level.query, comma: t.comma)
        case .query(let source, let filter, let order):
            // A query is itself open at the loosest level (it may still take `order by`).
            expr(source, min: Level.expr, follow: .level(Level.query), into: &out)
            var tail = Tail.closed
            if let filter {
                out.append(FormatToken("where", .kwWhere))
                tail = expr(filter, min: Level.expr, follow: order.isEmpty ? follow : .level(Level.query), into: &out)
            }
            guard !order.isEmpty else { return Tail(level: Level.query, comma: tail.comma) }
            out += [FormatToken("order", .kwOrder), FormatToken("by", .kwBy)]
            for (i, key) in order.enumerated() {
                if i > 0 { out.append(.comma) }
                let last = i == order.count - 1
                tail = expr(key.key, min: Level.expr, follow: key.descending || !last ? .comma : follow, into: &out)
                if key.descending { out.append(FormatToken("descending", .kwDescending)) }
            }
            return Tail(level: Level.query, comma: true)
        }
    }

    func operatorTokens(_ op: BinaryOp) -> [FormatToken] {
        switch op {
        case .add: return [FormatToken("+", .plus)]
        case .sub: return [FormatToken("-", .minus)]
        case .mul: return [FormatToken("*", .star)]
        case .div: return [FormatToken("/", .slash)]
        case .eq: return [FormatToken("=", .eq)]
        case .ne: return [FormatToken("!=", .ne)]
        case .lt: return [FormatToken("<", .lt)]
        case .le: return [FormatToken("<=", .le)]
        case .gt: return [FormatToken(">", .gt)]
        case .ge: return [FormatToken(">=", .ge)]
        case .and: return [FormatToken("and", .kwAnd)]
        case .or: return [FormatToken("or", .kwOr)]
        case .in: return [FormatToken("in", .kwIn)]
        case .notIn: return [FormatToken("not", .kwNot), FormatToken("in", .kwIn)]
        case .startsWith: return [FormatToken("starts", .kwStarts), FormatToken("with", .kwWith)]
        case .contains: return [FormatToken("contains", .kwContains)]
        }
    }
}
