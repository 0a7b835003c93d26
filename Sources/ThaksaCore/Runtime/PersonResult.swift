public enum GroupReason: String, Sendable { case column, workload, career_path, position }

public struct Requirement: Sendable {
    public var item: Int
    /// The item's kind (cached: filters test it for every requirement of every person).
    public var kind: Int
    public var level: Int
    public var weight: Rational
    /// 1-based place in the group's list (supervisor-added items follow the list).
    public var rank: Int
    public var phase: Int
    public var added: Bool
    public var answer: Int?

    public var answered: Bool { answer != nil }
    public var held: Bool { (answer ?? Int.min) >= level }
}

public struct IDPEntry: Sendable {
    public var requirement: Int         // index into PersonResult.requirements
    public var courses: [Int]           // indices into the person's track's courses
    public var methods: [Int]
    public var quarter: Int?
    public var pick: Int                // which `pick` chose it
    /// The values of the picked list's `with` fields for this item (`IDPDef.pickFields`).
    public var fields: [Value] = []
}

/// Everything the rules decided for one person.
public struct PersonResult: Sendable {
    public var id: String
    public var group: Int
    public var groupReason: GroupReason
    /// Every group of an approved combined assignment, `group` first; empty for one group.
    public var groups: [Int] = []
    /// Who approved the combined assignment (empty for one group).
    public var approvedBy = ""
    public var name: String
    public var unit: String
    /// The position title as given in the input.
    public var position: String
    /// Position declaration that decided the group, when the reason is `position`.
    public var positionRule: Int?
    /// Current requirements first (`requiredCount` of them), then upcoming ones.
    public var requirements: [Requirement] { didSet { templateIntact = false } }
    public var requiredCount: Int
    public var values: [Value]
    /// Per band: the chosen case (index within the band), or nil when no case applies.
    public var bands: [Int?]
    public var idp: [IDPEntry]
    public var track: Int?
    /// Values of the rule set's `progress` scores (two-round runs only; empty otherwise).
    public var progress: [Value] = []
    /// Per list with `with` fields (by slot): each element's field values, in list order.
    public var fieldValues: [Int: [[Value]]] = [:]
    /// The group plan whose requirements `requirements` holds, answers aside, while `templateIntact`
    /// (any other change to `requirements` clears it): the evaluator then fills in the next
    /// person's answers instead of copying the group's requirements again.
    var template: EvaluationPlan.GroupPlan?
    var templateIntact = false

    public var required: ArraySlice<Requirement> { requirements[..<requiredCount] }
    /// The person's groups: several for a combined assignment, else the one.
    public var allGroups: [Int] { groups.isEmpty ? [group] : groups }
    /// Required items with no answer, in order.
    public var unanswered: [Int] { required.filter { !$0.answered }.map(\.item) }
}

extension PersonResult {
    /// An empty result, for `Evaluator.evaluate(_:into:scratch:)` to fill.
    public init() {
        self.init(id: "", group: -1, groupReason: .column, name: "", unit: "", position: "", positionRule: nil, requirements: [],
                  requiredCount: 0, values: [], bands: [], idp: [], track: nil)
    }
}

/// Why a person could not be scored.
public struct EvaluationError: Error, Sendable {
    public enum Kind: String, Sendable {
        case noGroup, unknownGroup, unknownItem, adjustmentNotAllowed, divisionByZero, overflow, emptyAggregate, noPreviousRound
        case noFamilyMember
    }
    public var kind: Kind
    public var args: [String]
    public var span: SourceSpan
    /// The input field the error is about, where it is not the kind's usual one (`workload`).
    public var field: String?

    public init(_ kind: Kind, _ args: [String] = [], span: SourceSpan = .none) {
        self.kind = kind
        self.args = args
        self.span = span
    }

    /// The stable code of this kind of error (R-codes in docs/diagnostics.md).
    public var code: DiagnosticCode {
        switch kind {
        case .divisionByZero: return .divisionByZero
        case .overflow: return .numberOverflow
        case .emptyAggregate: return .emptyAggregate
        case .noGroup: return .noGroup
        case .unknownGroup: return .unknownGroup
        case .unknownItem: return .unknownItem
        case .adjustmentNotAllowed: return .adjustmentNotAllowed
        case .noPreviousRound: return .noPreviousRound
        case .noFamilyMember: return .noFamilyMember
        }
    }

    public func message(_ lang: Language) -> String { Messages.message(code, lang, args) }
}
