/// One semantic difference between two checked rule sets, with where it is in each.
public struct RuleChange: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case added, removed, retitled, changed
    }

    /// What sort of definition changed, for grouping and messages.
    public enum Subject: String, Sendable, CaseIterable {
        case ruleset, kind, scale, dimension, skillset, item, phase, programme, group, requirement, position
        case assignment, bucket, method, quarter, track, course, list, score, band, bandCase = "band_case", idp, target
        case value
    }

    public var kind: Kind
    public var subject: Subject
    /// The definition's key, e.g. `DT100`, `S/early/DT100`, `readiness_band/ready`.
    public var key: String
    /// Its title in the new rule set (else the old), for people.
    public var title: LocalizedText?
    /// What changed (`level`, `weight`, `formula`, `threshold`, `group`, ...); nil for added/removed/retitled.
    public var aspect: String?
    public var before: String?
    public var after: String?
    public var old: RuleLocation?
    public var new: RuleLocation?
    /// Which people it touches, where the rule structure says so.
    public var attribution: Attribution = .none

    public init(_ kind: Kind, _ subject: Subject, _ key: String, title: LocalizedText? = nil, aspect: String? = nil,
                before: String? = nil, after: String? = nil, old: RuleLocation? = nil, new: RuleLocation? = nil,
                attribution: Attribution = .none) {
        self.kind = kind
        self.subject = subject
        self.key = key
        self.title = title
        self.aspect = aspect
        self.before = before
        self.after = after
        self.old = old
        self.new = new
        self.attribution = attribution
    }
}

/// A file and line in one of the two rule sets.
public struct RuleLocation: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var description: String { "\(file):\(line)" }
}

/// How to find the people a change touches (ids, so they hold in both rule sets).
public enum Attribution: Sendable, Hashable {
    /// Not derivable from the rule structure alone.
    case none
    /// People in `group` under both rule sets whose requirement for `item` differs.
    case requirement(group: String, item: String)
    /// People whose case of this band changed.
    case band(String)
    /// People whose value of this score changed (other changes may feed it too).
    case score(String)
    /// People with this position title whose group or deciding position rule changed.
    case position(String)
    /// People whose IDP items changed.
    case idp
}
