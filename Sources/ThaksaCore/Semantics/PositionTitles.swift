/// A position title written with `…` (or `...`): the literal parts must appear in order, the
/// first at the start and the last at the end, e.g. `หัวหน้าฝ่าย…หรือเทียบเท่า`.
public struct PositionPattern: Sendable {
    public var segments: [String]
    public var declaration: Int

    /// nil when the title has no `…`.
    init?(_ title: String, declaration: Int) {
        let t = title.replacingOccurrences(of: "...", with: "…")
        guard t.contains("…") else { return nil }
        segments = t.split(separator: "…", omittingEmptySubsequences: false).map { String($0.trimmingSpaces()) }
        self.declaration = declaration
    }

    public func matches(_ title: String) -> Bool {
        guard let first = segments.first, let last = segments.last, title.hasPrefix(first) else { return false }
        var rest = title.dropFirst(first.count)
        for middle in segments.dropFirst().dropLast() where !middle.isEmpty {
            guard let r = rest.range(of: middle) else { return false }
            rest = rest[r.upperBound...]
        }
        return segments.count == 1 || rest.hasSuffix(last)
    }
}

/// How a person's position title was found among the declared ones.
public enum PositionMatch: Sendable {
    /// Declarations to try in order (the first whose condition holds decides).
    case ordered([Int])
    /// A pattern, or the bare form of titles written with a qualifier: each declared title's first
    /// declaration that holds is a candidate, and the candidates must agree on the group.
    case bare([Int])
    case none
}

extension RuleSet {
    /// `ผู้อำนวยการกอง (ประเภทอำนวยการ ระดับสูง)` → `ผู้อำนวยการกอง`; nil when there is no qualifier.
    static func bareTitle(_ title: String) -> String? {
        guard title.hasSuffix(")"), let open = title.lastIndex(of: "(") else { return nil }
        let bare = String(title[..<open].trimmingSpaces())
        return bare.isEmpty ? nil : bare
    }

    /// The title without a trailing rank word (`ranks`), longest rank first; nil when none ends it.
    func withoutRank(_ title: String) -> String? {
        for r in ranks where title.hasSuffix(r) && title.count > r.count {
            var t = String(title.dropLast(r.count).trimmingSpaces())
            if t.hasSuffix("ระดับ") { t = String(t.dropLast("ระดับ".count).trimmingSpaces()) }   // `… ระดับชำนาญการ`
            return t.isEmpty ? nil : t
        }
        return nil
    }

    /// Finds a person's position: as written, then without a rank word, then by a `…` pattern,
    /// then as the bare form of titles the rules write with a qualifier in brackets.
    public func matchPosition(_ position: String) -> PositionMatch {
        let key = RuleSet.normalise(Lexer.normaliseThai(position))
        guard !key.isEmpty else { return .none }
        let forms = [key] + (withoutRank(key).map { [$0] } ?? [])
        for t in forms { if let d = positionsByTitle[t] { return .ordered(d) } }
        for t in forms {
            let found = positionPatterns.filter { $0.matches(t) }.map(\.declaration)
            if !found.isEmpty { return .bare(found) }
        }
        for t in forms { if let d = positionsByBareTitle[t] { return .bare(d) } }
        return .none
    }

    /// Up to three declared titles closest to an unknown one (for "did you mean").
    public func closestTitles(to position: String) -> [String] {
        let key = RuleSet.normalise(position)
        let target = Suggestions.scalars(withoutRank(key) ?? key)
        let cap = max(2, target.count / 3)
        var previous = [Int](), current = [Int]()
        var scored: [(Int, String)] = []
        for title in Set(positions.map(\.title)) {
            let d = Suggestions.distance(target, Suggestions.scalars(title), cap: cap, &previous, &current)
            if d <= cap { scored.append((d, title)) }
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(3).map(\.1)
    }
}
