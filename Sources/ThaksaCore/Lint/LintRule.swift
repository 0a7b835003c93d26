/// One lint rule: a stable id (never reused for another meaning), a default severity, and the
/// function that finds it. Its one-line summary and documented fix are in `LintMessages`.
/// Rules are plain functions over a checked rule set; they never change it.
public struct LintRule: Sendable {
    public let id: String
    public let severity: Severity
    /// nil for the rules about suppression comments (L000, L014), which `Linter` applies itself.
    let find: (@Sendable (LintContext) -> [LintFinding])?

    public func summary(_ lang: Language) -> String { LintMessages.summary(id, lang) }
    public func fix(_ lang: Language) -> String { LintMessages.fix(id, lang) }
    /// Findings of the rule about suppressions cannot themselves be suppressed.
    public var suppressible: Bool { find != nil }
}

/// The registry, in the fixed order rules run and are listed in.
public enum LintRules {
    public static let all: [LintRule] = [
        LintRule(id: "L000", severity: .warning, find: nil),
        LintRule(id: "L001", severity: .warning, find: UsageRules.unusedItems),
        LintRule(id: "L002", severity: .warning, find: UsageRules.unusedLists),
        LintRule(id: "L003", severity: .warning, find: CourseRules.courseServesNothing),
        LintRule(id: "L004", severity: .warning, find: CourseRules.competencyWithoutCourse),
        LintRule(id: "L005", severity: .warning, find: AudienceRule.requirementsVersusAudience),
        LintRule(id: "L006", severity: .warning, find: CourseRules.courseServesNoRequiredItem),
        LintRule(id: "L007", severity: .warning, find: PolicyRules.bandThresholdOrder),
        LintRule(id: "L008", severity: .warning, find: PolicyRules.idpMinimumAboveRequirements),
        LintRule(id: "L009", severity: .warning, find: PolicyRules.bucketShares),
        LintRule(id: "L010", severity: .warning, find: PolicyRules.programmeSplit),
        LintRule(id: "L011", severity: .warning, find: TitleRules.duplicateItemTitles),
        LintRule(id: "L012", severity: .warning, find: TitleRules.duplicateCourseTitles),
        LintRule(id: "L013", severity: .warning, find: TitleRules.ambiguousPositions),
        LintRule(id: "L014", severity: .warning, find: nil),
        LintRule(id: "L015", severity: .warning, find: StructureRules.phaseOrder),
        LintRule(id: "L016", severity: .warning, find: StructureRules.overlappingQuarters),
        LintRule(id: "L017", severity: .warning, find: StructureRules.positionTitleSpacing),
        LintRule(id: "L018", severity: .warning, find: StructureRules.basicItemDropped),
        LintRule(id: "L019", severity: .warning, find: StructureRules.groupTrackMismatch),
        LintRule(id: "L020", severity: .warning, find: StructureRules.targetGoal),
        LintRule(id: "L021", severity: .warning, find: StructureRules.targetYear),
        LintRule(id: "L022", severity: .warning, find: LearningRules.courseOutsideSection),
        LintRule(id: "L023", severity: .warning, find: LearningRules.methodInWrongBucket),
        LintRule(id: "L024", severity: .warning, find: LearningRules.overlappingUnitPrefixes),
    ]

    public static func rule(_ id: String) -> LintRule? { all.first { $0.id == id } }
}

/// A finding: which rule, where, about what, with the values its message needs.
public struct LintFinding: Sendable, Hashable {
    public var rule: String
    /// Catalogue key of the message: the rule id, or the rule id and a variant (`L005.marked`).
    public var key: String
    public var severity: Severity
    public var span: SourceSpan
    /// What the finding is about, e.g. `DLit300/T`; a suppression may name it: `L005(DLit300/T)`.
    public var subject: String
    public var args: [String]
    public var related: SourceSpan?
    /// Set when a `# lint-ignore` comment with a reason suppresses this finding.
    public var suppression: Suppression?

    public init(rule: String, variant: String? = nil, span: SourceSpan, subject: String, args: [String],
                related: SourceSpan? = nil) {
        self.rule = rule
        self.key = variant.map { rule + "." + $0 } ?? rule
        self.severity = LintRules.rule(rule)?.severity ?? .warning
        self.span = span
        self.subject = subject
        self.args = args
        self.related = related
    }

    /// The message variant (`marked` of `L005.marked`), if any.
    public var variant: String? { key.contains(".") ? String(key.split(separator: ".")[1]) : nil }
    public var isSuppressed: Bool { suppression != nil }
    public func message(_ lang: Language) -> String { LintMessages.message(key, lang, args).escapingControls() }
    public func help(_ lang: Language) -> String { LintMessages.help(key, rule, lang, args) }
}

public struct Suppression: Sendable, Hashable {
    public var reason: String
    /// The `# lint-ignore` comment.
    public var span: SourceSpan
}
