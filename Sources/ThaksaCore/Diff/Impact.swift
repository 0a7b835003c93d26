/// What a rule change does to a population: counts, shares, examples and target values.
public struct Impact: Sendable {
    /// A count with the first few ids, in input order.
    public struct Examples: Sendable {
        public static let kept = 3
        public var count = 0
        public var ids: [String] = []
        /// Indices of the semantic changes that touch these people (where attributable).
        public var causes: Set<Int> = []
        mutating func add(_ id: String, causes: [Int] = []) {
            count += 1
            if ids.count < Examples.kept { ids.append(id) }
            self.causes.formUnion(causes)
        }
    }

    /// People and changes within one group or unit.
    public struct Breakdown: Sendable {
        public var people = 0
        public var changed = 0
        public var kinds: [String: Int] = [:]
    }

    /// People whose case of a band moved, within a group (the old group when it moved).
    public struct BandMove: Sendable, Hashable {
        public var band: String
        public var group: String
        public var from: String
        public var to: String
    }

    /// A person scored under one rule set and rejected under the other.
    public struct Failure: Sendable {
        /// "old" or "new": the rule set under which the row fails.
        public var side: String
        public var id: String
        public var error: InputError
    }

    public struct TargetValue: Sendable {
        public var id: String
        public var title: LocalizedText
        public var before: String?
        public var after: String?
        public var metBefore: Bool?
        public var metAfter: Bool?
    }

    /// Rows scored under both rule sets.
    public var people = 0
    /// People with any difference, or failing under exactly one rule set.
    public var changed = Examples()
    /// Per kind of difference (`group`, `required`, `gaps`, `band`, `idp`, `score`).
    public var kinds: [String: Examples] = [:]
    public var byGroup: [String: Breakdown] = [:]
    public var byUnit: [String: Breakdown] = [:]
    /// `OLD → NEW` group.
    public var groupMoves: [String: Examples] = [:]
    public var bandMoves: [BandMove: Examples] = [:]
    /// Item id → people who lose / gain it in their IDP.
    public var idpLost: [String: Examples] = [:]
    public var idpGained: [String: Examples] = [:]
    /// Per semantic change (same order): people it touches, nil when not attributable.
    public var touched: [Examples?] = []
    /// Failing under one rule set only (all of them are counted in `changed`); the first are kept.
    public var failures: [Failure] = []
    public var failsOld = 0
    public var failsNew = 0
    /// Rows rejected under both rule sets (not a change, but not silently dropped).
    public var badBoth = Examples()
    public var targets: [TargetValue] = []
    /// Target aggregates that could not be computed (overflow), per side.
    public var targetErrors = (old: 0, new: 0)

    public static let keptFailures = 20

    /// The largest entries first, then by key, so the report is the same for the same input.
    static func ranked<K>(_ d: [K: Examples], _ key: (K) -> String) -> [(K, Examples)] {
        d.sorted { ($0.value.count, key($1.key)) > ($1.value.count, key($0.key)) }
    }
}
