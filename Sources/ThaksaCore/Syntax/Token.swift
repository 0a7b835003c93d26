public enum TokenKind: UInt8, Sendable {
    case ident, number, string
    case lbrace, rbrace, lparen, rparen, lbracket, rbracket, comma, dot
    case eq, ne, lt, le, gt, ge, plus, minus, star, slash
    // reserved words
    case kwAnd, kwOr, kwNot, kwIf, kwThen, kwElse, kwWhere, kwOf, kwOrder, kwBy, kwFirst, kwIn
    case kwTrue, kwFalse, kwStarts, kwWith, kwContains, kwDescending
    case eof, invalid

    static let reserved: [String: TokenKind] = [
        "and": .kwAnd, "or": .kwOr, "not": .kwNot, "if": .kwIf, "then": .kwThen, "else": .kwElse,
        "where": .kwWhere, "of": .kwOf, "order": .kwOrder, "by": .kwBy, "first": .kwFirst, "in": .kwIn,
        "true": .kwTrue, "false": .kwFalse, "starts": .kwStarts, "with": .kwWith,
        "contains": .kwContains, "descending": .kwDescending,
    ]

    /// How the token is named in "expected X, found Y".
    var display: String {
        switch self {
        case .ident: return "a name"
        case .number: return "a number"
        case .string: return "text in quotes"
        case .lbrace: return "`{`"
        case .rbrace: return "`}`"
        case .lparen: return "`(`"
        case .rparen: return "`)`"
        case .lbracket: return "`[`"
        case .rbracket: return "`]`"
        case .comma: return "`,`"
        case .dot: return "`.`"
        case .eq: return "`=`"
        case .ne: return "`!=`"
        case .lt: return "`<`"
        case .le: return "`<=`"
        case .gt: return "`>`"
        case .ge: return "`>=`"
        case .plus: return "`+`"
        case .minus: return "`-`"
        case .star: return "`*`"
        case .slash: return "`/`"
        case .eof: return "the end of the file"
        case .invalid: return "an invalid character"
        default:
            return "`" + (TokenKind.reserved.first { $0.value == self }?.key ?? "?") + "`"
        }
    }
}

public struct Token: Sendable {
    public var kind: TokenKind
    public var span: SourceSpan
    /// Identifier or keyword text, or the decoded value of a string literal.
    public var text: String
    /// The value of a number literal.
    public var number: Rational?
    /// First token on its line: where error recovery may resume.
    public var startsLine: Bool

    /// A name or a reserved word: reserved words may still start a property (`order` in `assignment`).
    public var isWord: Bool { kind == .ident || (TokenKind.reserved[text] == kind && kind != .eof) }
}

/// A `#` comment, kept for the formatter.
public struct Comment: Sendable, Hashable {
    public var span: SourceSpan
    public var text: String
}
