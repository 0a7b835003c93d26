/// One person's self-assessment, with codes already matched to the rule set's items.
public struct Assessment: Sendable {
    public var id: String
    public var name = ""
    public var position = ""
    public var unit = ""
    /// Group code given in the input (overrides the position mapping when the rules say so).
    public var group: String?
    /// Further groups of an approved combined assignment (`A, S` in the group column): `group` is the first.
    public var combinedWith: [String] = []
    /// Who approved the combined assignment (one level above the first-line supervisor).
    public var approvedBy = ""
    public var workload: [(group: String, share: Rational)] = []
    public var careerPath: String?
    public var add: [String] = []
    public var waive: [String] = []
    /// Item index → answered level; nil for an unanswered item.
    public var answers = Answers()
    /// Input columns the rules read with `input("...")`, by normalised header.
    public var extra: [String: String] = [:]

    public init(id: String) { self.id = id }
}

/// Answers by item index, stored densely (an assessment answers most items of a small framework).
public struct Answers: Sendable {
    var levels: [Int32] = []

    public init() {}

    /// Room for `count` items up front (the fast reader knows the rule set's size).
    public init(count: Int) { levels = [Int32](repeating: -1, count: count) }

    public subscript(item: Int) -> Int? {
        get { item < levels.count && levels[item] >= 0 ? Int(levels[item]) : nil }
        set {
            if item >= levels.count { levels.append(contentsOf: repeatElement(-1, count: item - levels.count + 1)) }
            levels[item] = Int32(clamping: newValue ?? -1)
        }
    }

    public var isEmpty: Bool { !levels.contains { $0 >= 0 } }
}

public enum Assessments {
    /// Headers are matched ignoring case, repeated spaces and the two spellings of SARA AM.
    public static func normaliseHeader(_ s: String) -> String {
        Lexer.normaliseThai(RuleSet.normalise(s)).lowercased()
    }

    /// The form in which answers are compared with a scale's accepted words.
    public static func normaliseAnswer(_ s: String) -> String {
        var out = Lexer.normaliseThai(String(Substring(s).trimmingSpaces())).lowercased()
        // Thai digits read as their Arabic equivalents (๑ = 1).
        if out.unicodeScalars.contains(where: { $0.value >= 0x0E50 && $0.value <= 0x0E59 }) {
            out = String(String.UnicodeScalarView(out.unicodeScalars.map {
                $0.value >= 0x0E50 && $0.value <= 0x0E59 ? Unicode.Scalar($0.value - 0x0E50 + 48)! : $0
            }))
        }
        return out
    }
}
