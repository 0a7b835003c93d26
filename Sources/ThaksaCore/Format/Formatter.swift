/// `thaksa fmt`: prints a rule file in the one canonical layout.
///
/// The canonical layout (docs: `Formatter.rules`):
/// - One statement per line; a block's children one per line, indented by 2 spaces per level; the
///   closing `}` on a line of its own. An empty block is written `{}`. Blocks are never put on one
///   line, however short.
/// - A statement is never wrapped, however long (titles with their `en` title, `require` lists,
///   expressions all stay on the statement's line). The only line breaks inside a statement are
///   the ones a comment forces (see below).
/// - Tokens are separated by one space, except: none before `,` `)` `]` `.` and a call's `(`, none
///   after `(` `[` `.` and a unary `-`.
/// - Parentheses: the author's are kept (a doubled pair becomes one); none are removed or added,
///   except where the tree needs them and the source had none (only for trees not read from text).
/// - Strings are written from their value: `"` `\` newline and tab escaped as `\"` `\\` `\n` `\t`,
///   every other character as is. Numbers are written as in the source (Thai digits, `_` kept).
///   `==` is written `=`.
/// - Comments are all kept, in order, with their text as written (trailing spaces dropped). A
///   comment that follows code on its line stays at the end of that line, after two spaces. A
///   comment on a line of its own stays on a line of its own, before what followed it, at the
///   indentation of that statement (or of the block's children when it ends a block). A comment
///   inside a statement ends the line there; the statement goes on on the next line, indented
///   4 more than the statement (comments on their own line inside a statement get that indentation
///   too). A comment just before `,` `{` `)` or `]` goes after it.
/// - Blank lines: one blank line where the source has one or more between two statements or
///   comments; none at the start of the file, after `{`, before `}`, inside a statement or at the
///   end of the file. No blank lines are added (not even between top-level blocks).
/// - Nothing is aligned in columns, so Thai text never needs width measuring.
/// - The file ends with one newline; line ends are `\n`; a byte-order mark is dropped.
public enum Formatter {
    /// Formats one file. Refuses a file with syntax errors (with their diagnostics), and refuses
    /// with an internal error rather than return text that does not read back as the same tree
    /// with the same comments, or that would change when formatted again.
    public static func format(_ file: SourceFile) -> FormatResult {
        let (tree, diagnostics) = Parser.parse(file)
        if diagnostics.hasErrors {
            return .refused(FormatRefusal(reason: .syntaxErrors, diagnostics: diagnostics.sorted, dropped: diagnostics.dropped,
                                          message: "\(file.path) has syntax errors; it was not formatted"))
        }
        let text = render(tree)
        if let problem = verify(tree, text) {
            return .refused(FormatRefusal(reason: .internalError, diagnostics: [], dropped: 0,
                                          message: "internal error: formatting \(file.path) would \(problem); it was not formatted (please report this)"))
        }
        return .formatted(text)
    }

    /// Formats text held in memory (tools and tests).
    public static func format(_ text: String, path: String = "<input>") -> FormatResult {
        format(SourceFile(id: 0, path: path, text: text))
    }

    /// The layout of a parsed file, without any check.
    static func render(_ tree: SyntaxFile) -> String {
        let tokens = Lexer.tokenize(tree.file).tokens
        let layout = FormatPrinter(file: tree.file, tokens: tokens).statements(tree.statements, context: "")
        var renderer = FormatRenderer(file: tree.file, tokens: tokens, comments: tree.comments)
        return renderer.render(layout)
    }

    /// Why `text` may not replace the file `tree` was read from, or nil when it may.
    static func verify(_ tree: SyntaxFile, _ text: String) -> String? {
        let file = SourceFile(id: tree.file.id, path: tree.file.path, text: text)
        let (again, diagnostics) = Parser.parse(file)
        if diagnostics.hasErrors { return "produce text with syntax errors" }
        if SyntaxDump.dump(again.statements) != SyntaxDump.dump(tree.statements) { return "change the syntax tree" }
        if again.comments.map({ trimmed($0.text) }) != tree.comments.map({ trimmed($0.text) }) {
            return "lose, duplicate or reorder a comment"
        }
        if render(again) != text { return "give a different result when formatted again" }
        return nil
    }

    /// A comment's text without trailing spaces and tabs.
    static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}

public enum FormatResult: Sendable {
    case formatted(String)
    case refused(FormatRefusal)

    /// The formatted text, or nil when refused.
    public var text: String? {
        if case .formatted(let t) = self { return t }
        return nil
    }

    public var refusal: FormatRefusal? {
        if case .refused(let r) = self { return r }
        return nil
    }
}

/// Why a file was not formatted.
public struct FormatRefusal: Sendable, Error {
    public enum Reason: Sendable, Equatable {
        /// The file does not parse; `diagnostics` says where.
        case syntaxErrors
        /// The formatter's own check failed: a bug in the formatter, never in the file.
        case internalError
    }

    public var reason: Reason
    /// The syntax diagnostics, sorted (empty for an internal error).
    public var diagnostics: [Diagnostic]
    /// Diagnostics beyond the sink's limit, not in `diagnostics`.
    public var dropped: Int
    public var message: String
}
