/// Writes laid-out statements as text and puts every comment back where it was.
///
/// Each output token is lined up with the source token it came from (same kind, in order; a
/// doubled pair of parentheses in the source has no output token and is skipped), which gives it a
/// source offset. A comment goes out just before the first token that followed it in the source:
/// a comment that had code before it on its line stays at the end of the current line, any other
/// comment gets a line of its own. A comment inside a statement ends the line; the statement goes
/// on on the next line, 4 spaces further in than the statement.
struct FormatRenderer {
    static let indentUnit = 2
    static let continuation = 4

    let bytes: [UInt8]
    let source: [Token]
    let comments: [Comment]
    var ti = 0
    var ci = 0

    var lines: [String] = []
    /// The line being written; nil when none is started.
    var current: String?
    /// The current line's text has no token yet (only indentation).
    var currentEmpty = true
    /// The current line ends in a comment: the next token must start a new line.
    var mustBreak = false
    var noSpaceNext = false
    var depth = 0
    /// Source offset just after the last token or comment written.
    var lastEnd = 0
    /// Right after a `{`: no blank line here.
    var afterOpenBrace = false

    init(file: SourceFile, tokens: [Token], comments: [Comment]) {
        bytes = file.bytes
        source = tokens.filter { $0.kind != .eof }
        self.comments = comments.sorted { $0.span.start < $1.span.start }
    }

    mutating func render(_ statements: [FormatStatement]) -> String {
        for s in statements { statement(s) }
        flushComments(before: Int.max, boundary: true)
        finishLine()
        while lines.last == "" { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    mutating func statement(_ s: FormatStatement) {
        for (i, t) in s.header.enumerated() { token(t, startsStatement: i == 0) }
        guard let children = s.children else { return }
        let linesBefore = lines.count
        depth += 1
        afterOpenBrace = true
        for c in children { statement(c) }
        let close = align(FormatToken("}", .rbrace))
        flushComments(before: close?.span.start ?? lastEnd, boundary: true)
        depth -= 1
        if children.isEmpty, lines.count == linesBefore, !mustBreak, current != nil {
            current! += "}"          // an empty block: `{}`
        } else {
            finishLine()
            startLine(indent: depth * FormatRenderer.indentUnit)
            current! += "}"
            currentEmpty = false
        }
        noSpaceNext = false
        afterOpenBrace = false
        if let close { lastEnd = close.span.end }
    }

    mutating func token(_ t: FormatToken, startsStatement: Bool) {
        let matched = align(t)
        let attachesLeft = [.comma, .lbrace, .rparen, .rbracket].contains(t.kind)
        // Comments just before `,` `{` `)` `]` go out after it, so the line ends in the comment.
        if let matched, startsStatement || !attachesLeft {
            flushComments(before: matched.span.start, boundary: startsStatement)
        }
        if startsStatement {
            finishLine()
            if let matched, wantsBlankLine(before: matched.span.start) { blankLine() }
            startLine(indent: depth * FormatRenderer.indentUnit)
        } else if current == nil || mustBreak {
            finishLine()
            startLine(indent: depth * FormatRenderer.indentUnit + FormatRenderer.continuation)
        }
        if !currentEmpty, FormatRenderer.spaced(after: noSpaceNext, t) { current! += " " }
        current! += t.text
        currentEmpty = false
        noSpaceNext = t.glueRight
        afterOpenBrace = false
        if let matched { lastEnd = matched.span.end }
    }

    static func spaced(after glueRight: Bool, _ t: FormatToken) -> Bool { !glueRight && !t.glueLeft }

    /// Tokens on one line, spaced as in the output (tools and tests).
    static func line(_ tokens: [FormatToken]) -> String {
        var s = ""
        var glue = true
        for t in tokens {
            if spaced(after: glue, t) { s += " " }
            s += t.text
            glue = t.glueRight
        }
        return s
    }

    /// The next source token if it is the same token as `t`; skips source parentheses that have
    /// no output token (a doubled pair).
    mutating func align(_ t: FormatToken) -> Token? {
        while ti < source.count {
            let s = source[ti]
            if s.kind == t.kind, s.kind != .ident || s.text == t.text {
                ti += 1
                return s
            }
            guard s.kind == .lparen || s.kind == .rparen else { return nil }
            ti += 1
        }
        return nil
    }

    /// Writes every comment that starts before `offset`. `boundary`: between statements (own-line
    /// comments at the statement indentation, blank lines before them kept) rather than inside one.
    mutating func flushComments(before offset: Int, boundary: Bool) {
        while ci < comments.count, comments[ci].span.start < offset {
            let c = comments[ci]
            ci += 1
            let text = Formatter.trimmed(c.text)
            if !isOwnLine(c), current != nil, !currentEmpty, !mustBreak {
                current! += "  " + text
                mustBreak = true
            } else {
                finishLine()
                if boundary, wantsBlankLine(before: c.span.start) { blankLine() }
                let indent = depth * FormatRenderer.indentUnit + (boundary ? 0 : FormatRenderer.continuation)
                lines.append(String(repeating: " ", count: indent) + text)
                afterOpenBrace = false
            }
            lastEnd = c.span.end
        }
    }

    mutating func startLine(indent: Int) {
        current = String(repeating: " ", count: indent)
        currentEmpty = true
        mustBreak = false
        noSpaceNext = false
    }

    mutating func finishLine() {
        if let c = current, !currentEmpty { lines.append(c) }
        current = nil
        currentEmpty = true
        mustBreak = false
    }

    mutating func blankLine() {
        if let last = lines.last, last != "" { lines.append("") }
    }

    /// A blank line in the source between the last thing written and `offset` (runs of blank
    /// lines become one; none at the start of the file or of a block).
    func wantsBlankLine(before offset: Int) -> Bool {
        guard !lines.isEmpty, !afterOpenBrace, lastEnd < offset, offset <= bytes.count else { return false }
        var newlines = 0
        for b in bytes[lastEnd..<offset] where b == 0x0A {
            newlines += 1
            if newlines >= 2 { return true }
        }
        return false
    }

    /// Nothing but spaces and tabs (or a byte-order mark) before the comment on its line.
    func isOwnLine(_ c: Comment) -> Bool {
        var i = c.span.start - 1
        while i >= 0, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i -= 1 }
        if i < 0 || bytes[i] == 0x0A { return true }
        return i == 2 && bytes.starts(with: [0xEF, 0xBB, 0xBF])
    }
}
