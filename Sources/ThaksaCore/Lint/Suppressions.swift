/// `# lint-ignore` comments: how a finding is accepted next to where it is found, with a reason.
///
///     # lint-ignore L005: the group list and the audience marks disagree in the source (001 L551 vs L1051)
///     require DLit300, DLit400   # lint-ignore L004(DLit400/A): no course in the source's table (001 L1188-1243)
///
/// A comment alone on its line applies to the next line that is not a comment (comment lines may
/// sit in between, a blank line may not); a comment after rules applies to its own line. It names
/// one or more rules, separated by commas or spaces, each optionally narrowed to one subject in
/// parentheses (`L005(DLit300/T)`, the subject shown with `--show-suppressed` or in JSON), then a
/// colon and the reason. Without a reason it suppresses nothing and is itself a finding (L000), as
/// is a rule id that does not exist; a suppression that matches no finding is a finding (L014).
struct SuppressionComment {
    struct Spec {
        var text: String
        var rule: String
        var subject: String?
    }

    var span: SourceSpan
    /// The line its findings must be on; nil when it stands above a blank line or the end.
    var targetLine: Int?
    var specs: [Spec]
    /// Ids that name no rule, or a rule that cannot be suppressed.
    var invalid: [(text: String, variant: String)]
    /// Empty when none is given.
    var reason: String
    var hasReason: Bool { !reason.isEmpty }

    static let marker = "lint-ignore"

    /// Reads the suppression comments of one file.
    static func parse(_ syntax: SyntaxFile) -> [SuppressionComment] {
        syntax.comments.compactMap { parse($0, in: syntax.file) }
    }

    static func parse(_ comment: Comment, in file: SourceFile) -> SuppressionComment? {
        var body = Substring(comment.text)
        while body.first == "#" { body = body.dropFirst() }
        body = body.drop { $0.isWhitespace }
        guard body.hasPrefix(marker) else { return nil }
        body = body.dropFirst(marker.count)
        if let c = body.first, !(c.isWhitespace || c == ":") { return nil }   // e.g. "lint-ignored"

        var depth = 0
        var colon: Substring.Index?
        for i in body.indices {
            let c = body[i]
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
            else if c == ":", depth == 0 { colon = i; break }
        }
        let specPart = colon.map { body[..<$0] } ?? body
        let reason = colon.map { body[body.index(after: $0)...].lintTrimmed() } ?? ""

        var result = SuppressionComment(span: comment.span, targetLine: target(of: comment, in: file), specs: [],
                                        invalid: [], reason: reason)
        for token in tokens(specPart) {
            var id = Substring(token), subject: String?
            if let open = token.firstIndex(of: "(") {
                id = token[..<open]
                guard token.hasSuffix(")") else { result.invalid.append((token, "unknownRule")); continue }
                subject = token[token.index(after: open)..<token.index(before: token.endIndex)].lintTrimmed()
            }
            guard let rule = LintRules.rule(String(id)) else { result.invalid.append((token, "unknownRule")); continue }
            guard rule.suppressible else { result.invalid.append((token, "notSuppressible")); continue }
            result.specs.append(Spec(text: token, rule: rule.id, subject: subject?.isEmpty == true ? nil : subject))
        }
        return result
    }

    /// Splits on commas and spaces that are not inside parentheses.
    static func tokens(_ s: Substring) -> [String] {
        var out: [String] = [], current = "", depth = 0
        for c in s {
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
            if depth == 0, c == "," || c.isWhitespace {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func target(of comment: Comment, in file: SourceFile) -> Int? {
        let line = file.line(of: comment.span.start)
        let before = file.bytes[file.lineStart(line)..<comment.span.start]
        if before.contains(where: { $0 != 0x20 && $0 != 0x09 }) { return line }
        var k = line + 1
        while k <= file.lineCount {
            let text = file.lineText(k).lintTrimmed()
            if text.isEmpty { return nil }
            if !text.hasPrefix("#") { return k }
            k += 1
        }
        return nil
    }

    func matches(_ f: LintFinding, _ spec: Spec) -> Bool {
        spec.rule == f.rule && (spec.subject == nil || spec.subject == f.subject)
    }
}

private extension StringProtocol {
    func lintTrimmed() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
