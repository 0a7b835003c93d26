import ThaksaCore

/// Where the cursor is, read from the same lexer tokens and schema the parser uses: the block
/// context, and the statement being written so far (its keyword and the tokens after it).
struct CompletionContext {
    var context = ""
    var keyword: String?
    /// Tokens of the current statement before the cursor, keyword first.
    var tokens: [Token] = []
    /// The word being typed (replaced by the completion), if any.
    var prefix: Token?
    /// Inside a comment, a string or a number: nothing to complete.
    var inLiteral = false

    init(file: SourceFile, offset: Int) {
        var stack = [""]
        let lexed = Lexer.tokenize(file)
        if lexed.comments.contains(where: { $0.span.start < offset && offset <= $0.span.end }) { inLiteral = true; return }
        for t in lexed.tokens where t.kind != .eof && t.span.start < offset {
            if t.span.end >= offset, t.kind == .ident { prefix = t; break }
            if t.span.end > offset { inLiteral = true; return }
            switch t.kind {
            case .lbrace:
                stack.append(Schema.context(of: keyword ?? "", in: stack.last ?? ""))
                keyword = nil; tokens = []
            case .rbrace:
                if stack.count > 1 { stack.removeLast() }
                keyword = nil; tokens = []
            default:
                if t.isWord, Schema.allowed(in: stack.last ?? "").contains(t.text), t.startsLine || keyword == nil {
                    keyword = t.text
                    tokens = [t]
                } else {
                    tokens.append(t)
                }
            }
        }
        context = stack.last ?? ""
        // A new line starts a new statement unless the last one ends in a comma.
        let lineStart = file.lineStart(file.line(of: offset))
        if let last = tokens.last, last.span.end <= lineStart, last.kind != .comma { keyword = nil; tokens = [] }
        if prefix?.startsLine == true { keyword = nil; tokens = [] }
    }

    /// Names after `require`, `track`, `bucket`, `on`, ...: the kind the slot under the cursor takes.
    var expectedCategory: SymbolCategory? {
        guard let keyword, let last = tokens.last else { return nil }
        let afterKeyword = tokens.count == 1 || last.kind == .comma
        switch (context, keyword) {
        case ("group.phase", "require"), ("course", "serves"):
            return afterKeyword ? .item : nil
        case ("group", "track"): return afterKeyword ? .track : nil
        case ("group", "phase"), ("programme", "current"), ("programme", "next"): return afterKeyword ? .phase : nil
        case ("item", "scale"): return afterKeyword ? .scale : nil
        case ("topic", "audience"), ("track", "groups"): return afterKeyword ? .group : nil
        case ("course", "methods"): return afterKeyword ? .method : nil
        case ("idp", "schedule"): return afterKeyword ? .quarter : nil
        case ("track", "section"):
            // the names after the last `skillset` or `dimension` word
            let word = tokens.last { $0.text == "skillset" || $0.text == "dimension" }?.text
            guard last.text == word || last.kind == .comma else { return nil }
            return word == "skillset" ? .skillset : word == "dimension" ? .dimension : nil
        case ("group", "value"), ("item", "value"), ("dimension", "value"), ("skillset", "value"):
            return tokens.count == 1 ? .value : nil   // a setting names a declared value
        default: break
        }
        let top = context == "" || context == "dimension" || context == "skillset"
        guard top else { return nil }
        switch keyword {
        case "item": return tokens.count == 2 ? .kind : nil
        case "method": return last.text == "bucket" ? .bucket : nil
        case "band": return last.text == "on" ? .score : nil
        case "position": return last.text == "group" ? .group : nil
        default: return nil
        }
    }

    /// In an expression: scores, lists and declared names may be read.
    var inExpression: Bool {
        guard let keyword else { return false }
        switch keyword {
        case "score", "list", "progress": return tokens.contains { $0.kind == .eq }
        case "measure", "pick", "goal": return true
        case "case", "position": return tokens.contains { $0.text == "when" }
        default: return false
        }
    }
}

extension LanguageServer {
    func completion(_ params: JSONValue) throws -> JSONValue {
        let t = try target(params)
        // Read the buffer as it is now, even where it does not parse.
        let file = SourceFile(id: t.syntax.file.id, path: t.document.path, bytes: t.document.text)
        let offset = file.offset(of: Position(params["position"]) ?? Position(line: 0, character: 0))
        let ctx = CompletionContext(file: file, offset: offset)
        let index = t.analysis.index
        let rs = t.analysis.loaded.ruleSet
        var items: [JSONValue] = []
        func add(_ label: String, kind: Int, detail: String?, doc: String? = nil) {
            var fields: [(String, JSONValue)] = [("label", .string(label)), ("kind", .int(kind))]
            if let detail { fields.append(("detail", .string(detail))) }
            if let doc { fields.append(("documentation", .string(doc))) }
            items.append(.object(fields))
        }
        func addNames(_ category: SymbolCategory) {
            for name in index.names(of: category) {
                if category == .item, let item = rs.items.first(where: { $0.entity.id == name }) {
                    add(name, kind: 21, detail: item.entity.title.th, doc: item.entity.title.en)
                } else if let def = index.definitions[name] {
                    add(name, kind: 6, detail: SymbolDescription(ruleSet: rs, lang: lang).title(of: def) ?? category.noun(lang))
                }
            }
        }
        if ctx.inLiteral {
            // nothing
        } else if ctx.keyword == nil {
            for k in Schema.allowed(in: ctx.context) {
                add(k, kind: 14, detail: KeywordDocs.describe(k, context: ctx.context, lang))
            }
        } else if let category = ctx.expectedCategory {
            addNames(category)
        } else if ctx.inExpression {
            addNames(.score)
            addNames(.list)
            if ctx.keyword == "progress" { addNames(.progress) }
        }
        return .object([("isIncomplete", .bool(false)), ("items", .array(items))])
    }
}
