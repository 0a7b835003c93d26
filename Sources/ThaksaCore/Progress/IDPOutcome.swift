/// The four results of the IDP2 form (001 L1663-1666), one per item of the agreed IDP1 plan.
public enum IDPOutcome: Int, Sendable, CaseIterable {
    case asPlanned, notAsPlanned, `continue`, revise

    /// The key used in rule files (`outcome = as_planned`), JSON and CSV output.
    public var key: String {
        switch self {
        case .asPlanned: return "as_planned"
        case .notAsPlanned: return "not_as_planned"
        case .continue: return "continue"
        case .revise: return "revise"
        }
    }

    /// The wording printed on the IDP2 form.
    public var thai: String {
        switch self {
        case .asPlanned: return "เป็นไปตามแผน"
        case .notAsPlanned: return "ไม่เป็นไปตามแผน"
        case .continue: return "ให้ดำเนินการพัฒนาต่อ"
        case .revise: return "ปรับแผนการพัฒนาใหม่"
        }
    }

    public var english: String {
        switch self {
        case .asPlanned: return "as planned"
        case .notAsPlanned: return "not as planned"
        case .continue: return "continue"
        case .revise: return "revise the plan"
        }
    }

    public init?(key: String) {
        guard let o = IDPOutcome.allCases.first(where: { $0.key == key }) else { return nil }
        self = o
    }

    /// An outcome as written in an outcomes file: the form's Thai phrase exactly (spaces at the
    /// ends and runs of spaces aside) or the English key, in any case.
    public init?(input: String) {
        let t = RuleSet.normalise(Lexer.normaliseThai(input))
        guard let o = IDPOutcome.allCases.first(where: { $0.thai == t || $0.key == t.lowercased() }) else { return nil }
        self = o
    }
}

/// What a `progress` score can see besides the AFTER round: the person's BEFORE round, the plan
/// agreed then, and the IDP2 outcomes recorded for it.
public struct RoundContext: Sendable {
    public var before: PersonResult?
    public var beforeAnswers: Answers
    /// Item indices of the agreed plan, in its order.
    public var plan: [Int]
    /// Item index → recorded outcome.
    public var outcomes: [Int: IDPOutcome]

    public init(before: PersonResult?, beforeAnswers: Answers, plan: [Int], outcomes: [Int: IDPOutcome]) {
        self.before = before
        self.beforeAnswers = beforeAnswers
        self.plan = plan
        self.outcomes = outcomes
    }

    /// Whether `item` was held in the BEFORE round: answered at or above the level that round
    /// required of the person, or the scale's expected level when it did not require the item.
    func heldBefore(_ item: Int, _ rules: RuleSet) -> Bool {
        guard let answer = beforeAnswers[item] else { return false }
        if let r = before?.requirements.first(where: { $0.item == item }) { return answer >= r.level }
        let scale = rules.items[item].scale
        return answer >= (scale >= 0 ? rules.scales[scale].expect : 1)
    }
}
