import ThaksaCore

/// Document symbols (the outline) and formatting.
extension LanguageServer {
    func documentSymbols(_ params: JSONValue) throws -> JSONValue {
        let t = try target(params, needsPosition: false)
        return .array(symbols(t.syntax.statements, t.syntax.file))
    }

    /// Statements that appear in the outline: declarations, and the blocks that hold some.
    static let outlined: Set<String> = Set(SymbolCategory.allCases.map(\.keyword))
        .union(["position", "course", "programme", "assignment", "idp", "ruleset", "topic", "level"])

    func symbols(_ statements: [Statement], _ file: SourceFile) -> [JSONValue] {
        statements.compactMap { s -> JSONValue? in
            guard LanguageServer.outlined.contains(s.keyword.text) else { return nil }
            var name = s.keyword.text
            var selection = s.keyword.span
            var detail: String?
            switch s.args.first {
            case .name(let n)?: name = n.text; selection = n.span
            case .string(let str)?: name = str.value; selection = str.span
            case .number(let n)?: name = "\(s.keyword.text) \(file.text(n.span))"; selection = n.span
            default: break
            }
            if s.keyword.text == "phase", case .name(let n)? = s.args.first { name = "phase \(n.text)" }
            for a in s.args { if case .title(let title) = a { detail = title.th.value; break } }
            var fields: [(String, JSONValue)] = [
                ("name", .string(name.isEmpty ? s.keyword.text : name)),
                ("kind", .int(LanguageServer.symbolKind(s.keyword.text))),
                ("range", file.range(s.span)),
                ("selectionRange", file.range(selection)),
            ]
            if let detail { fields.insert(("detail", .string(detail)), at: 1) }
            let children = symbols(s.block ?? [], file)
            if !children.isEmpty { fields.append(("children", .array(children))) }
            return .object(fields)
        }
    }

    /// LSP SymbolKind numbers.
    static func symbolKind(_ keyword: String) -> Int {
        switch keyword {
        case "dimension", "skillset", "ruleset": return 3   // Namespace
        case "track": return 2                              // Module
        case "group": return 23                             // Struct
        case "scale", "band": return 10                     // Enum
        case "level", "case": return 22                     // EnumMember
        case "item": return 14                              // Constant
        case "score", "list", "progress": return 12         // Function
        case "course", "method": return 6                   // Method
        case "phase", "quarter": return 24                  // Event
        case "position", "topic": return 7                  // Property
        case "kind", "bucket": return 11                    // Interface
        default: return 19                                  // Object
        }
    }

    /// Exactly `thaksa fmt`: one edit replacing the whole text, none when already formatted.
    func formatting(_ params: JSONValue) throws -> JSONValue {
        let doc = try openDocument(params)
        let file = SourceFile(id: 0, path: doc.path, bytes: doc.text)
        switch Formatter.format(file) {
        case .formatted(let text):
            if Array(text.utf8) == doc.text { return .array([]) }
            let whole = SourceSpan(file: 0, start: 0, end: doc.text.count)
            return .array([.object([("range", file.range(whole)), ("newText", .string(text))])])
        case .refused(let r):
            throw RequestError(.requestFailed, lang == .th ? "จัดรูปแบบไม่ได้: ไฟล์มีข้อผิดพลาดทางไวยากรณ์" : r.message)
        }
    }
}
