/// A problem found in the rules or input, as a value. Text comes from `Messages` at render time,
/// so one diagnostic can be shown in Thai or English.
public struct Diagnostic: Sendable, Hashable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var span: SourceSpan
    /// Values substituted into the message template ({0}, {1}, ...).
    public var args: [String]
    /// "did you mean" candidate, if one is close enough.
    public var suggestion: String?
    /// Secondary location (e.g. the first declaration of a duplicate).
    public var related: SourceSpan?

    public init(_ code: DiagnosticCode, _ span: SourceSpan, _ args: [String] = [],
                severity: Severity = .error, suggestion: String? = nil, related: SourceSpan? = nil) {
        self.code = code
        self.severity = severity
        self.span = span
        self.args = args
        self.suggestion = suggestion
        self.related = related
    }

    public func message(_ lang: Language) -> String { Messages.message(code, lang, args).escapingControls() }
    public func help(_ lang: Language) -> String? { Messages.help(code, lang, args)?.escapingControls() }
}

/// Collects diagnostics from every stage; caps the count and keeps each problem once.
public struct DiagnosticSink: Sendable {
    public static let defaultLimit = 200
    public private(set) var items: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []
    public let limit: Int
    public private(set) var dropped = 0

    public init(limit: Int = DiagnosticSink.defaultLimit) { self.limit = limit }

    public mutating func add(_ d: Diagnostic) {
        guard seen.insert(d).inserted else { return }
        guard items.count < limit else {
            if dropped == 0 { items.append(Diagnostic(.tooManyErrors, d.span, [String(limit)])) }
            dropped += 1
            return
        }
        items.append(d)
    }

    public mutating func add(_ code: DiagnosticCode, _ span: SourceSpan, _ args: [String] = [],
                             suggestion: String? = nil, related: SourceSpan? = nil) {
        add(Diagnostic(code, span, args, suggestion: suggestion, related: related))
    }

    /// Adds another sink's diagnostics; its "too many errors" note is carried over, not counted.
    public mutating func append(contentsOf other: DiagnosticSink) {
        for d in other.items where d.code != .tooManyErrors { add(d) }
        guard other.dropped > 0 else { return }
        if dropped == 0, let note = other.items.first(where: { $0.code == .tooManyErrors }) { items.append(note) }
        dropped += other.dropped
    }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Past the limit, nothing more is shown: callers can skip costly work such as suggestions.
    public var isFull: Bool { items.count >= limit }

    /// Sorted by file, position, then code: the order they are printed in.
    public var sorted: [Diagnostic] {
        items.sorted { ($0.span, $0.code.rawValue) < ($1.span, $1.code.rawValue) }
    }
}
