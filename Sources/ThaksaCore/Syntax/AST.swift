/// The syntax tree. A rule file is a list of statements: a keyword, its arguments as the schema
/// (`Schema`) lays them out, and an optional block of child statements.

public struct Name: Sendable, Hashable {
    public var text: String
    public var span: SourceSpan
}

public struct TextLit: Sendable, Hashable {
    public var value: String
    public var span: SourceSpan
}

public struct NumberLit: Sendable, Hashable {
    public var value: Rational
    public var span: SourceSpan
}

public struct Title: Sendable, Hashable {
    public var th: TextLit
    public var en: TextLit?
}

public struct RequirementEntry: Sendable, Hashable {
    public var item: Name
    public var level: Arg?      // .number or .string (a level label)
    public var weight: NumberLit?
    public var span: SourceSpan
    /// `weight NAME`: a declared `value` instead of a number.
    public var weightName: Name? = nil
}

/// A computed field of a list's elements: `with NAME ["title"] = EXPR`.
public struct FieldDecl: Sendable, Hashable {
    public var name: Name
    public var title: Title?
    public var expr: Expr
}

public struct ServeEntry: Sendable, Hashable {
    public var item: Name
    public var topic: TextLit?
}

public enum CompareOp: String, Sendable, Hashable {
    case eq = "=", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
}

public indirect enum Arg: Sendable, Hashable {
    case name(Name)
    case names([Name])
    case string(TextLit)
    case strings([TextLit])
    case number(NumberLit)
    case range(NumberLit, NumberLit)
    case title(Title)
    case requirements([RequirementEntry])
    case serves([ServeEntry])
    case expr(Expr)
    case compare(CompareOp, Expr)
    /// `per dimension|skillset|kind NAME` of a score family.
    case per(Name, Name)
    /// `with NAME = EXPR, …` of a list.
    case fields([FieldDecl])
    /// A fixed word chosen from alternatives, e.g. `otherwise`, `all`, `one per bucket`.
    case word(String, SourceSpan)
    /// An optional slot that was absent.
    case absent
}

public struct Statement: Sendable, Hashable {
    public var keyword: Name
    public var args: [Arg]
    public var block: [Statement]?
    public var span: SourceSpan
}

public struct SyntaxFile: Sendable {
    public var file: SourceFile
    public var statements: [Statement]
    public var comments: [Comment]
}

// MARK: expressions

public enum UnaryOp: String, Sendable, Hashable { case neg = "-", not = "not" }

public enum BinaryOp: String, Sendable, Hashable {
    case add = "+", sub = "-", mul = "*", div = "/"
    case eq = "=", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case and, or, `in` = "in", notIn = "not in", startsWith = "starts with", contains
}

public struct OrderKey: Sendable, Hashable {
    public var key: Expr
    public var descending: Bool
}

public indirect enum ExprKind: Sendable, Hashable {
    case number(Rational)
    case string(String)
    case bool(Bool)
    case name(String)
    case member(Expr, Name)
    case unary(UnaryOp, Expr)
    case binary(BinaryOp, Expr, Expr)
    case ifThen(Expr, Expr, Expr)
    case call(Name, [Expr])
    case query(source: Expr, filter: Expr?, order: [OrderKey])
    case first(Expr, Expr)
    case list([Expr])
    /// A hole left where parsing failed; later passes skip it silently.
    case missing
}

public struct Expr: Sendable, Hashable {
    public var kind: ExprKind
    public var span: SourceSpan
    /// Levels of the tree below and including this node; the parser caps it, so every pass that
    /// recurses over expressions (checker, evaluator, formatter, freeing) stays shallow.
    public let height: Int

    public init(kind: ExprKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
        var below = 0
        switch kind {
        case .member(let e, _), .unary(_, let e): below = e.height
        case .binary(_, let a, let b), .first(let a, let b): below = max(a.height, b.height)
        case .ifThen(let a, let b, let c): below = max(a.height, b.height, c.height)
        case .call(_, let args), .list(let args): below = args.map(\.height).max() ?? 0
        case .query(let s, let f, let o): below = max(s.height, f?.height ?? 0, o.map(\.key.height).max() ?? 0)
        default: below = 0
        }
        height = below + 1
    }
}
