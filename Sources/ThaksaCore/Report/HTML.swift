/// A small HTML writer: every text and attribute value goes through `escape`, so a name such as
/// `<script>` is shown as text. Output is built in a fixed order, so the same input gives the same bytes.
public struct HTML: Sendable {
    public private(set) var text = ""

    public init() {}

    /// Escapes the five characters that matter in text and in quoted attribute values.
    public static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" || $0 == "\"" || $0 == "'" }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func attributes(_ attrs: [(String, String)]) -> String {
        attrs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// `<tag attrs>`; attribute names are fixed by the caller's code, values are escaped.
    public mutating func open(_ tag: String, _ attrs: [(String, String)] = []) { text += "<\(tag)\(HTML.attributes(attrs))>" }
    public mutating func close(_ tag: String) { text += "</\(tag)>" }
    /// An element whose content is escaped text.
    public mutating func element(_ tag: String, _ content: String, _ attrs: [(String, String)] = []) {
        open(tag, attrs)
        text += HTML.escape(content)
        close(tag)
    }
    /// An element around content written by `body`.
    public mutating func element(_ tag: String, _ attrs: [(String, String)] = [], _ body: (inout HTML) -> Void) {
        open(tag, attrs)
        body(&self)
        close(tag)
    }
    public mutating func void(_ tag: String, _ attrs: [(String, String)] = []) { text += "<\(tag)\(HTML.attributes(attrs))>" }
    public mutating func escaped(_ s: String) { text += HTML.escape(s) }
    /// Markup made by Thaksa itself (CSS, SVG built from escaped parts): never user data.
    public mutating func trusted(_ s: String) { text += s }
    public mutating func newline() { text += "\n" }

    /// A whole document: UTF-8, no external resources, the style and (optional) script inline.
    public static func document(lang: Language, title: String, style: String, script: String? = nil,
                                body: (inout HTML) -> Void) -> String {
        var h = HTML()
        body(&h)
        return documentHead(lang: lang, title: title, style: style) + h.text + documentTail(script: script)
    }

    /// The document up to and including `<body>`, for output written a page at a time.
    public static func documentHead(lang: Language, title: String, style: String) -> String {
        var h = HTML()
        h.trusted("<!DOCTYPE html>\n")
        h.open("html", [("lang", lang.rawValue)])
        h.newline()
        h.element("head") { h in
            h.void("meta", [("charset", "utf-8")])
            h.void("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
            h.element("title", title)
            h.trusted("<style>\n" + style + "</style>")
        }
        h.trusted("\n<body>\n")
        return h.text
    }

    public static func documentTail(script: String? = nil) -> String {
        (script.map { "<script>\n" + $0 + "</script>\n" } ?? "") + "</body>\n</html>\n"
    }
}
