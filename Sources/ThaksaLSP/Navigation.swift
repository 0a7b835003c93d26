import ThaksaCore

/// Hover, go to definition, find references and rename: all through the rule index.
extension LanguageServer {
    func hover(_ params: JSONValue) throws -> JSONValue {
        let t = try target(params)
        let describer = SymbolDescription(ruleSet: t.analysis.loaded.ruleSet, lang: lang)
        var text: String?
        var span: SourceSpan?
        if let occ = t.analysis.index.occurrence(file: t.syntax.file.id, offset: t.offset),
           let def = t.analysis.index.definitions[occ.name] {
            text = describer.describe(def) ?? "**\(def.name)** · \(def.category.noun(lang))"
            span = occ.span
        } else if let (rule, at) = lintRule(in: t.syntax, at: t.offset) {
            text = "**\(rule)** — " + LintMessages.summary(rule, lang) + "\n\n" + LintMessages.fix(rule, lang)
            span = at
        } else if let (s, context) = Self.innermost(t.syntax.statements, t.offset, context: "") {
            if s.keyword.span.start <= t.offset && t.offset <= s.keyword.span.end {
                text = KeywordDocs.describe(s.keyword.text, context: context, lang)
                span = s.keyword.span
            } else if case .string(let id)? = s.args.first, id.span.start <= t.offset, t.offset <= id.span.end {
                if s.keyword.text == "course" { text = describer.describeCourse(id.value) }
                if s.keyword.text == "position" { text = describer.describePosition(id.value) }
                span = id.span
            }
        }
        guard let text, let span else { return .null }
        return .object([("contents", .object([("kind", .string("markdown")), ("value", .string(text))])),
                        ("range", t.syntax.file.range(span))])
    }

    /// A lint rule id (`L004`) under the cursor in a `# lint-ignore` comment.
    func lintRule(in syntax: SyntaxFile, at offset: Int) -> (String, SourceSpan)? {
        guard let c = syntax.comments.first(where: { $0.span.start <= offset && offset <= $0.span.end }),
              c.text.contains("lint-ignore") else { return nil }
        let bytes = Array(c.text.utf8)
        let isPart = { (b: UInt8) in (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "L") }
        var from = min(max(0, offset - c.span.start), bytes.count), to = from
        while from > 0 && isPart(bytes[from - 1]) { from -= 1 }
        while to < bytes.count && isPart(bytes[to]) { to += 1 }
        let word = String(decoding: bytes[from..<to], as: UTF8.self)
        guard word.count == 4, word.hasPrefix("L"), LintRules.rule(word) != nil else { return nil }
        return (word, SourceSpan(file: c.span.file, start: c.span.start + from, end: c.span.start + to))
    }

    /// The innermost statement whose span holds an offset, with the context it sits in.
    static func innermost(_ statements: [Statement], _ offset: Int, context: String) -> (Statement, String)? {
        for s in statements where s.span.start <= offset && offset <= s.span.end {
            if let inner = innermost(s.block ?? [], offset, context: Schema.context(of: s.keyword.text, in: context)) { return inner }
            return (s, context)
        }
        return nil
    }

    func occurrence(_ t: Target) -> SymbolOccurrence? {
        t.analysis.index.occurrence(file: t.syntax.file.id, offset: t.offset)
    }

    func definition(_ params: JSONValue) throws -> JSONValue {
        let t = try target(params)
        guard let occ = occurrence(t), let def = t.analysis.index.definitions[occ.name] else { return .null }
        return location(def.span, t.analysis) ?? .null
    }

    func references(_ params: JSONValue) throws -> JSONValue {
        let t = try target(params)
        guard let occ = occurrence(t) else { return .array([]) }
        let withDecl = params["context"]?["includeDeclaration"]?.boolValue ?? true
        return .array(t.analysis.index.references(to: occ.name, includeDefinition: withDecl).compactMap { location($0, t.analysis) })
    }

    func prepareRename(_ params: JSONValue) throws -> JSONValue {
        let t = try target(params)
        guard let occ = occurrence(t) else { return .null }
        return .object([("range", t.syntax.file.range(occ.span)), ("placeholder", .string(occ.name))])
    }

    func rename(_ params: JSONValue) throws -> JSONValue {
        let t = try target(params)
        guard let newName = params["newName"]?.stringValue else { throw RequestError(.invalidParams, "newName is missing") }
        guard let occ = occurrence(t) else { throw RequestError(.requestFailed, lang == .th ? "ไม่มีชื่อที่เปลี่ยนได้ตรงนี้" : "no name to rename here") }
        let tokens = Lexer.tokenize(SourceFile(id: 0, path: "", text: newName)).tokens
        guard tokens.count == 2, tokens[0].kind == .ident, tokens[0].span.start == 0, tokens[0].span.end == newName.utf8.count else {
            throw RequestError(.invalidParams, lang == .th ? "`\(newName)` ไม่ใช่ชื่อที่ใช้ได้" : "`\(newName)` is not a valid name")
        }
        if newName != occ.name, t.analysis.index.definitions[newName] != nil {
            throw RequestError(.requestFailed, lang == .th ? "มีชื่อ `\(newName)` อยู่แล้ว" : "`\(newName)` is already declared")
        }
        var changes: [String: [JSONValue]] = [:]
        for span in t.analysis.index.references(to: occ.name) {
            guard let file = t.analysis.source(span.file) else { continue }
            changes[uri(of: file.path), default: []].append(.object([("range", file.range(span)), ("newText", .string(newName))]))
        }
        return .object([("changes", .object(changes.keys.sorted().map { ($0, .array(changes[$0] ?? [])) }))])
    }
}
