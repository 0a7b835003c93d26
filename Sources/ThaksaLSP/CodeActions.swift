import ThaksaCore

/// Quick fixes: take a "did you mean" suggestion, or accept a lint finding with a
/// `# lint-ignore` line (a reason placeholder the author must replace).
extension LanguageServer {
    func codeActions(_ params: JSONValue) throws -> JSONValue {
        let t = try target(params, needsPosition: false)
        let file = t.syntax.file
        guard let start = Position(params["range"]?["start"]), let end = Position(params["range"]?["end"]) else {
            throw RequestError(.invalidParams, "range is missing or invalid")
        }
        let firstLine = file.line(of: file.offset(of: start)), lastLine = file.line(of: file.offset(of: end))
        let uri = t.document.uri
        var actions: [JSONValue] = []
        for f in t.analysis.findings where f.span.file == file.id {
            let line = file.line(of: f.span.start)
            guard line <= lastLine && file.line(of: f.span.end) >= firstLine else { continue }
            let diag = diagnostic(f, file, t.analysis)
            if let s = f.suggestion {
                let title = lang == .th ? "เปลี่ยนเป็น `\(s)`" : "Change to `\(s)`"
                actions.append(action(title, uri, [edit(file.range(f.span), s)], diag, preferred: true))
            }
            if let spec = f.ignoreSpec {
                let indent = file.lineText(line).prefix { $0 == " " || $0 == "\t" }
                let reason = lang == .th ? "<เหตุผล>" : "<reason>"
                let text = "\(indent)# lint-ignore \(spec): \(reason)\n"
                let at = file.lineStart(line)
                let title = lang == .th ? "ยอมรับด้วย `# lint-ignore \(spec)` (ใส่เหตุผล)" : "Accept with `# lint-ignore \(spec)` (give a reason)"
                actions.append(action(title, uri, [edit(file.range(SourceSpan(file: file.id, start: at, end: at)), text)], diag, preferred: false))
            }
        }
        return .array(actions)
    }

    func edit(_ range: JSONValue, _ text: String) -> JSONValue {
        .object([("range", range), ("newText", .string(text))])
    }

    func action(_ title: String, _ uri: String, _ edits: [JSONValue], _ diagnostic: JSONValue, preferred: Bool) -> JSONValue {
        .object([
            ("title", .string(title)),
            ("kind", .string("quickfix")),
            ("diagnostics", .array([diagnostic])),
            ("isPreferred", .bool(preferred)),
            ("edit", .object([("changes", .object([(uri, .array(edits))]))])),
        ])
    }
}
