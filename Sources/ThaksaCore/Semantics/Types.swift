/// Static types of expressions.
public enum EntityKind: String, Sendable, Hashable {
    case kind, scale, item, group, phase, track, method, bucket, quarter, bandCase, band, dimension, skillset, target
    /// An IDP2 outcome (`as_planned`, `not_as_planned`, `continue`, `revise`), built in.
    case outcome

    var noun: String {
        switch self {
        case .kind: return "a kind"
        case .scale: return "a scale"
        case .item: return "an item"
        case .group: return "a group"
        case .phase: return "a phase"
        case .track: return "a track"
        case .method: return "a method"
        case .bucket: return "a bucket"
        case .quarter: return "a quarter"
        case .bandCase: return "a band case"
        case .band: return "a band"
        case .dimension: return "a dimension"
        case .skillset: return "a skill set"
        case .target: return "a target"
        case .outcome: return "an IDP2 outcome"
        }
    }
}

/// A part of the framework a score family has one member per (`score … per dimension d = …`).
public enum PartKind: String, Sendable, Hashable, CaseIterable {
    case dimension, skillset, kind

    var entityKind: EntityKind {
        switch self {
        case .dimension: return .dimension
        case .skillset: return .skillset
        case .kind: return .kind
        }
    }

    /// The collection of the part's declarations (`dimensions`, `skillsets`, `kinds`).
    var collection: Collection {
        switch self {
        case .dimension: return .dimensions
        case .skillset: return .skillsets
        case .kind: return .kinds
        }
    }

    /// The element's own field (`dimension` of a dimension).
    var field: Field {
        switch self {
        case .dimension: return .dimension
        case .skillset: return .skillset
        case .kind: return .kind
        }
    }
}

/// What a collection holds.
public enum ElementType: Sendable, Hashable {
    case requirement, item, course, person
    /// A declared dimension, skill set or kind (`dimensions`, `skillsets`, `kinds`).
    case part(PartKind)
    /// A literal list such as `[E, M]` or `["a", "b"]`.
    case value(ScalarType)

    var noun: String {
        switch self {
        case .requirement: return "a requirement"
        case .item: return "an item"
        case .course: return "a course"
        case .person: return "a person"
        case .part(let p): return p.entityKind.noun
        case .value(let t): return ValueType.scalar(t).noun
        }
    }
}

public enum ScalarType: Sendable, Hashable {
    case number, text, bool
    case entity(EntityKind)
}

public enum ValueType: Sendable, Hashable {
    case scalar(ScalarType)
    case list(ElementType)
    /// The type of an expression that already failed to check; never reported again.
    case error

    static let number = ValueType.scalar(.number)
    static let text = ValueType.scalar(.text)
    static let bool = ValueType.scalar(.bool)
    static func entity(_ k: EntityKind) -> ValueType { .scalar(.entity(k)) }

    var noun: String {
        switch self {
        case .scalar(.number): return "a number"
        case .scalar(.text): return "text"
        case .scalar(.bool): return "true/false"
        case .scalar(.entity(let k)): return k.noun
        case .list: return "a list"
        case .error: return "a value"
        }
    }

    /// The argument form for messages: translated at render time.
    var arg: String { "@" + noun }
}
