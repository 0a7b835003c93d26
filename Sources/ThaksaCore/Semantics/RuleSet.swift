/// The checked, compiled rule set: every reference is an index, so evaluation does no name lookups.

public struct LocalizedText: Sendable, Hashable {
    public var th: String
    public var en: String?
    public init(th: String, en: String? = nil) { self.th = th; self.en = en }
    public func text(_ lang: Language) -> String { lang == .en ? (en ?? th) : th }
}

public struct Entity: Sendable {
    public var id: String
    public var title: LocalizedText
    public var span: SourceSpan
}

public struct LevelDef: Sendable {
    public var value: Int
    public var title: LocalizedText
    public var accepts: [String]
}

public struct ScaleDef: Sendable {
    public var entity: Entity
    public var levels: [LevelDef]       // ascending by value
    public var expect: Int
    /// Input word (lowercased, trimmed) → level value.
    public var accepted: [String: Int]
    public var isDefault: Bool
}

public struct TopicDef: Sendable {
    public var number: String
    public var title: LocalizedText
    public var scope: String?
    public var audience: [Int]          // group indices
    public var span: SourceSpan
}

public struct ItemDef: Sendable {
    public var entity: Entity
    public var kind: Int
    public var scale: Int
    public var dimension: Int?
    public var skillset: Int?
    public var topics: [TopicDef]
    public var columns: [String]
    public var note: String?
}

public struct RequirementDef: Sendable {
    public var item: Int
    public var level: Int
    public var weight: Rational
    public var span: SourceSpan
}

public struct GroupDef: Sendable {
    public var entity: Entity
    public var role: String?
    public var track: Int?
    /// Requirements per phase index; order is the group's order.
    public var phases: [Int: [RequirementDef]]
    /// The expected role in a phase, where the rules give one.
    public var phaseRoles: [Int: String] = [:]
}

public struct PositionDef: Sendable {
    public var title: String
    public var group: Int
    public var condition: Code?
    public var span: SourceSpan
}

public enum AssignmentStep: String, Sendable, CaseIterable { case column, workload, career_path, position }
public enum Adjustment: String, Sendable, CaseIterable { case add, waive }
/// How several groups of one person combine (`assignment { combined union … }`).
public enum GroupCombination: String, Sendable, CaseIterable { case union }
/// How answers may be written in an input file (`input { answers … }`): one column per item, or
/// `has` / `has_not` lists of items.
public enum AnswerForm: String, Sendable, CaseIterable { case columns, lists }

public struct MethodDef: Sendable {
    public var entity: Entity
    /// nil: a rule set without the 70:20:10 model (no `bucket` declared).
    public var bucket: Int?
}

public struct BucketDef: Sendable {
    public var entity: Entity
    public var share: Rational
}

public struct QuarterDef: Sendable {
    public var entity: Entity
    public var months: (Int, Int)
}

public struct CourseDef: Sendable {
    public var id: String
    public var title: LocalizedText
    public var source: String?
    public var methods: [Int]           // ascending method index
    public var serves: [(item: Int, topic: String?)]
    public var span: SourceSpan
    /// The section (heading row of the course table) the course is listed under, if any.
    public var section: Int? = nil
}

/// A heading row of a track's course table (หมวดที่ ๑ …): the courses after it belong to it.
public struct SectionDef: Sendable {
    public var number: String
    public var title: LocalizedText
    /// The skill sets and dimensions whose abilities the section's courses develop; both empty:
    /// none (e.g. "ความรู้พื้นฐาน", whose courses serve knowledge, experience or attributes).
    public var skillsets: [Int]
    public var dimensions: [Int] = []
    public var span: SourceSpan
}

public struct TrackDef: Sendable {
    public var entity: Entity
    public var groups: [Int]
    public var courses: [CourseDef]
    public var sections: [SectionDef] = []
    /// item index → course indices that serve it, in catalogue order.
    public var coursesByItem: [Int: [Int]]
}

public struct ComputedDef: Sendable {
    public var entity: Entity
    public var isList: Bool
    public var type: ValueType
    public var code: Code
    /// A helper score (name starting with `_`): computed and usable by the rules, but not output
    /// (results, CSV columns, summary means and shares, progress changes).
    public var isPrivate: Bool { entity.id.hasPrefix("_") }
    /// A score family (`score NAME per dimension d = …`): one value per declared member of the part,
    /// held as `.values` in member order.
    public var family: PartKind? = nil
    /// Computed fields of a list's elements (`with NAME = …`), its own after those of the list it
    /// is made from.
    public var fields: [ListField] = []
    /// A single score that is output (families are output apart).
    public var isOutputScore: Bool { !isList && !isPrivate && family == nil }
    /// A score family that is output.
    public var isOutputFamily: Bool { family != nil && !isPrivate }
}

public struct ListField: Sendable {
    public var entity: Entity
    public var type: ValueType
    /// Computed with the element in scope.
    public var code: Code
}

public struct BandCaseDef: Sendable {
    public var entity: Entity
    public var op: CompareOp?           // nil: otherwise
    public var threshold: Code?
}

public struct BandDef: Sendable {
    public var entity: Entity
    public var score: Int               // computed slot
    public var cases: [BandCaseDef]
    /// Index of the first case among all bands' cases (a person's `band` value is such an index).
    public var caseOffset: Int
}

public enum MethodChoice: String, Sendable { case all, onePerBucket = "one per bucket" }

public struct IDPDef: Sendable {
    public var title: LocalizedText?
    public var minItems: Int
    public var maxItems: Int
    public var picks: [Code]
    public var pickSpans: [SourceSpan]
    /// Per pick: the `with` fields of the list it picks from (each chosen item carries their values).
    public var pickFields: [[ListField]] = []
    public var coursesPerItem: Int
    public var methods: MethodChoice
    public var schedule: [Int]          // quarter indices
    public var span: SourceSpan
}

public enum AggregateKind: String, Sendable { case count, sum, min, max, average, all, any, share }

public struct AccumulatorDef: Sendable {
    public var kind: AggregateKind
    public var filter: Code?
    public var projection: Code?
}

public struct TargetDef: Sendable {
    public var entity: Entity
    /// nil: the target is declared but cannot be measured from self-assessments.
    public var measure: Code?
    public var accumulators: [AccumulatorDef]
    public var goalOp: CompareOp
    public var goal: Code
    public var year: Int?
    public var note: String?
    /// The measure uses `progress` scores: measured only by `thaksa progress` (two rounds).
    public var twoRound = false
}

public struct RuleSet: Sendable {
    public var id: String = ""
    public var title = LocalizedText(th: "")
    public var version: String?
    /// What the framework calls its groups in outputs (`term group "กลุ่มภารกิจ" en "mission group"`).
    public var groupTerm = LocalizedText(th: "กลุ่ม", en: "group")
    public var kinds: [Entity] = []
    public var scales: [ScaleDef] = []
    public var dimensions: [Entity] = []
    public var skillsets: [Entity] = []
    public var items: [ItemDef] = []
    public var phases: [Entity] = []
    public var currentPhase: Int?
    public var nextPhase: Int?
    public var split: (current: Rational, next: Rational)?
    public var groups: [GroupDef] = []
    public var positions: [PositionDef] = []
    public var assignmentOrder: [AssignmentStep] = AssignmentStep.allCases
    public var adjustments: Set<Adjustment> = []
    /// An approved assignment to several groups is allowed (003 L1301-1304); nil: one group per person.
    public var combination: GroupCombination?
    /// Headers of the column naming who approved a combined assignment (`approval column "…"`).
    public var approvalColumns: [String] = []
    /// Where `combined` is declared (for `explain`).
    public var combinationSpan: SourceSpan?
    /// `input { answers … }` as declared; nil when the rule set does not say.
    public var declaredAnswerForms: Set<AnswerForm>?
    public var buckets: [BucketDef] = []
    public var methods: [MethodDef] = []
    public var quarters: [QuarterDef] = []
    public var tracks: [TrackDef] = []
    /// Lists and scores, in declaration order; `evaluationOrder` is a dependency order over them.
    public var computed: [ComputedDef] = []
    public var evaluationOrder: [Int] = []
    /// Lists whose elements carry `with` fields (their values are kept for output); set by the checker.
    public var listsWithFields: [Int] = []
    public var bands: [BandDef] = []
    public var idp: IDPDef?
    public var targets: [TargetDef] = []
    /// `progress` scores (two-round context), in declaration order; `progressOrder` is a dependency order.
    public var progress: [ComputedDef] = []
    public var progressOrder: [Int] = []
    /// Item code or declared column header → item index.
    public var itemColumns: [String: Int] = [:]
    /// Input columns the rules read with `input("...")` (normalised headers).
    public var inputColumns: Set<String> = []
    public var groupByID: [String: Int] = [:]
    /// Normalised position title → position declarations with that title, in order.
    public var positionsByTitle: [String: [Int]] = [:]
    /// Top-level `column "HEADER" is TARGET`: header as written → target word (a person field,
    /// `workload_G`, an item code or `ignore`), read like `--column`.
    public var columnTargets: [String: String] = [:]
    /// Rank words that may follow a title (`ranks`), normalised, longest first.
    public var ranks: [String] = []
    /// Titles written with `…` (any text there), in declaration order.
    public var positionPatterns: [PositionPattern] = []
    /// A title without its trailing qualifier in brackets → the declarations with that title.
    public var positionsByBareTitle: [String: [Int]] = [:]
    /// Declared numbers (`value`), in declaration order.
    public var values: [ValueDef] = []

    public init() {}

    /// The declared members of a part of the framework, in declaration order.
    public func members(_ p: PartKind) -> [Entity] {
        switch p {
        case .dimension: return dimensions
        case .skillset: return skillsets
        case .kind: return kinds
        }
    }

    /// The phase whose requirements are current (the programme's, else the first declared).
    public var effectivePhase: Int? { currentPhase ?? (phases.isEmpty ? nil : 0) }

    /// The answer forms input files may use. Undeclared: item columns, and `has` / `has_not` lists
    /// only when every scale has two levels (have / have not), where "have" names one level.
    public var answerForms: Set<AnswerForm> {
        declaredAnswerForms ?? (scales.allSatisfy { $0.levels.count == 2 } ? [.columns, .lists] : [.columns])
    }

    public func trackOf(group: Int) -> Int? {
        groups[group].track ?? tracks.firstIndex { $0.groups.contains(group) }
    }

    /// Runs of white space become one space, none at the ends. Most titles are already so.
    public static func normalise(_ title: String) -> String {
        var previousSpace = true
        var clean = true
        for u in title.utf8 {
            let space = u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D
            if (space && (previousSpace || u != 0x20)) || u == 0xC2 || u == 0xE2 { clean = false; break }
            previousSpace = space
        }
        if clean && !previousSpace { return title }
        return title.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
