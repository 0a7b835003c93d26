/// Renders diagnostics for people (file:line:col, the source line, a caret underline counted in
/// grapheme clusters) or for machines (JSON). The one place diagnostics become text.
public struct DiagnosticRenderer: Sendable {
    public var sources: SourceSet
    public var lang: Language
    public var color: Bool

    public init(sources: SourceSet, lang: Language = .en, color: Bool = false) {
        self.sources = sources
        self.lang = lang
        self.color = color
    }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    public func location(_ span: SourceSpan) -> String {
        guard let file = sources[span.file] else { return "<input>" }
        let loc = file.location(of: span.start)
        return "\(file.path.escapingControls()):\(loc.line):\(loc.column)"
    }

    public func text(_ d: Diagnostic) -> String {
        let sev = lang == .th ? ["error": "ข้อผิดพลาด", "warning": "คำเตือน", "note": "หมายเหตุ"][d.severity.rawValue]! : d.severity.rawValue
        let sevColor = d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36"
        var out = paint("\(sev)[\(d.code.rawValue)]", sevColor) + ": " + paint(d.message(lang), "1") + "\n"
        var label = ""
        if let s = d.suggestion { label = lang == .th ? "หมายถึง `\(s)` หรือไม่?" : "did you mean `\(s)`?" }
        if let excerpt = excerpt(d.span, caretColor: sevColor, label: label) {
            out += excerpt
        } else if !label.isEmpty {
            out += "  = " + label + "\n"
        }
        if let help = d.help(lang) { out += "  = " + (lang == .th ? "คำแนะนำ" : "help") + ": " + help + "\n" }
        if let rel = d.related, sources[rel.file] != nil {
            out += "  = " + (lang == .th ? "ดูที่" : "see") + ": " + location(rel) + "\n"
        }
        return out
    }

    /// `--> file:line:col`, the source line and a caret under the span, counted in what a person
    /// sees; a long line is shown as a window of bytes around the span (cut at character
    /// boundaries), so rendering stays small and fast however long the line is. nil without a file.
    public func excerpt(_ span: SourceSpan, caretColor: String, label: String = "") -> String? {
        guard let file = sources[span.file] else { return nil }
        let loc = file.location(of: span.start)
        let gutter = String(repeating: " ", count: String(loc.line).count)
        var out = "\(gutter)\(paint("-->", "34")) \(file.path.escapingControls()):\(loc.line):\(loc.column)\n"
        out += "\(gutter) \(paint("|", "34"))\n"
        let bytes = file.lineBytes(loc.line)
        let offset = min(max(span.start, bytes.startIndex), bytes.endIndex)
        var from = bytes.startIndex, to = bytes.endIndex
        if bytes.count > 480 {
            from = max(bytes.startIndex, offset - 160)
            to = min(bytes.endIndex, offset + 320)
            while from > bytes.startIndex && bytes[from] & 0xC0 == 0x80 { from -= 1 }
            while to < bytes.endIndex && bytes[to] & 0xC0 == 0x80 { to += 1 }
        }
        let before = String(decoding: bytes[from..<offset], as: UTF8.self).replacingTabs().escapingControls()
        let after = String(decoding: bytes[offset..<to], as: UTF8.self).replacingTabs().escapingControls()
        let lead = from > bytes.startIndex ? "…" : "", tail = to < bytes.endIndex ? "…" : ""
        let spanEnd = min(max(span.end, offset), to)
        let width = max(1, String(decoding: bytes[offset..<spanEnd], as: UTF8.self).replacingTabs().escapingControls().count)
        out += paint(String(loc.line), "34") + " " + paint("|", "34") + " " + lead + before + after + tail + "\n"
        let caret = String(repeating: " ", count: lead.count + before.count) + String(repeating: "^", count: width)
        return out + "\(gutter) \(paint("|", "34")) " + paint(caret, caretColor) + (label.isEmpty ? "" : " " + label) + "\n"
    }

    public func text(_ diagnostics: [Diagnostic], dropped: Int = 0) -> String {
        var out = diagnostics.map { text($0) }.joined(separator: "\n")
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if errors + warnings > 0 {
            out += "\n" + (lang == .th ? "พบข้อผิดพลาด \(errors) รายการ คำเตือน \(warnings) รายการ" : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            if dropped > 0 { out += lang == .th ? " (ไม่แสดงอีก \(dropped) รายการ)" : " (\(dropped) more not shown)" }
            out += "\n"
        }
        return out
    }

    public func json(_ d: Diagnostic) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("code", .string(d.code.rawValue)),
            ("severity", .string(d.severity.rawValue)),
            ("message", .string(d.message(lang))),
        ]
        if let file = sources[d.span.file] {
            let a = file.location(of: d.span.start), b = file.location(of: d.span.end)
            fields += [("file", .string(file.path)), ("line", .int(a.line)), ("column", .int(a.column)),
                       ("end_line", .int(b.line)), ("end_column", .int(b.column)),
                       ("start_byte", .int(d.span.start)), ("end_byte", .int(d.span.end))]
        }
        fields.append(("help", d.help(lang).map(JSONValue.string) ?? .null))
        fields.append(("suggestion", d.suggestion.map(JSONValue.string) ?? .null))
        if let rel = d.related, sources[rel.file] != nil { fields.append(("related", .string(location(rel)))) }
        return .object(fields)
    }
}

extension String {
    func replacingTabs() -> String { String(map { $0 == "\t" ? " " : $0 }) }
}
