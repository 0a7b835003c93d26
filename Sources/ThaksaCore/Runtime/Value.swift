/// A runtime value. Entities and collection elements are indices; their meaning is fixed by the
/// static type the checker gave the expression, so no value carries a type tag it does not need.
public enum Value: Sendable, Hashable {
    case number(Rational)
    case text(String)
    case bool(Bool)
    case entity(Int)
    /// Element indices of a collection (requirements, items, courses, people).
    case list([Int])
    /// A literal list of values.
    case values([Value])

    var number: Rational { if case .number(let n) = self { return n }; return .zero }
    var bool: Bool { if case .bool(let b) = self { return b }; return false }
    var text: String { if case .text(let s) = self { return s }; return "" }
    var entity: Int { if case .entity(let e) = self { return e }; return -1 }
    var indices: [Int] { if case .list(let l) = self { return l }; return [] }
}

/// Fields of collection elements and entities, resolved at compile time.
public enum Field: String, Sendable, Hashable, CaseIterable {
    // requirement and item
    case item, code, title, kind, level, weight, answer, answered, held, rank, added, phase, skillset, dimension
    // course
    case id, source, track
    // person (in targets)
    case group, unit, position, band, idp_count, name
    // items in a two-round context (`progress` scores): the BEFORE round and the IDP2 outcomes
    case outcome, in_plan_before, answer_before, answered_before, held_before

    static let requirementFields: [Field] = [.item, .code, .title, .kind, .level, .weight, .answer, .answered, .held, .rank, .added, .phase, .skillset, .dimension]
    static let itemFields: [Field] = [.code, .title, .kind, .answer, .answered, .skillset, .dimension]
    static let courseFields: [Field] = [.id, .title, .source, .track]
    static let personFields: [Field] = [.id, .name, .group, .unit, .position, .band, .idp_count]
    /// Item fields that read the BEFORE round; only `progress` scores may use them.
    static let roundItemFields: [Field] = [.outcome, .in_plan_before, .answer_before, .answered_before, .held_before]

    static func fields(of e: ElementType) -> [Field] {
        switch e {
        case .requirement: return requirementFields
        case .item: return itemFields
        case .course: return courseFields
        case .person: return personFields
        case .part(let p): return [.code, .title, p.field]
        case .value: return []
        }
    }

    func type(in e: ElementType) -> ValueType {
        switch self {
        case .item: return .entity(.item)
        case .code, .title, .id, .source, .unit, .position, .name: return .text
        case .kind: return .entity(.kind)
        case .level, .weight, .answer, .rank, .idp_count: return .number
        case .answered, .held, .added: return .bool
        case .phase: return .entity(.phase)
        case .skillset: return .entity(.skillset)
        case .dimension: return .entity(.dimension)
        case .track: return .entity(.track)
        case .group: return .entity(.group)
        case .band: return .entity(.bandCase)
        case .outcome: return .entity(.outcome)
        case .answer_before: return .number
        case .in_plan_before, .answered_before, .held_before: return .bool
        }
    }
}

public enum PersonField: String, Sendable, CaseIterable { case id, name, position, unit, group }

public enum Collection: String, Sendable, CaseIterable {
    case required, upcoming, items, courses
    /// The declared dimensions, skill sets and kinds, in declaration order (with their families' values).
    case dimensions, skillsets, kinds

    var element: ElementType {
        switch self {
        case .required, .upcoming: return .requirement
        case .items: return .item
        case .courses: return .course
        case .dimensions: return .part(.dimension)
        case .skillsets: return .part(.skillset)
        case .kinds: return .part(.kind)
        }
    }
}

public enum Function: String, Sendable { case round, floor, ceil, abs, min, max, length, input }

/// Person-level names of a two-round context (`progress` scores).
public enum RoundName: String, Sendable, CaseIterable {
    /// The items of the plan agreed in the BEFORE round (the machine draft when none was given).
    case plan_before
    /// Whether the person has a row in the BEFORE round.
    case assessed_before
    /// The person's group in the BEFORE round.
    case group_before
}

/// Compiled expression. Names are gone: slots, fields and indices only.
public indirect enum Code: Sendable {
    case constant(Value)
    case person(PersonField)
    case computed(Int)
    /// A field of the innermost element in scope (inside where / order by / aggregates).
    case element(ElementType, Field)
    /// A person's score (inside a target's aggregate over people).
    case personScore(Int)
    case entityField(Code, EntityKind, Field)
    case collection(Collection)
    case accumulator(Int)
    case neg(Code)
    case not(Code)
    case arithmetic(BinaryOp, Code, Code, SourceSpan)
    case compare(BinaryOp, Code, Code, ScalarType)
    case and(Code, Code)
    case or(Code, Code)
    case member(Code, Code, ElementType, negated: Bool)
    case startsWith(Code, Code)
    case contains(Code, Code)
    case ifThen(Code, Code, Code)
    case call(Function, [Code], SourceSpan)
    case aggregate(AggregateKind, source: Code, element: ElementType, projection: Code?, span: SourceSpan)
    case query(source: Code, element: ElementType, filter: Code?, order: [(Code, ScalarType, Bool)])
    case first(Code, Code)
    case list([Code])
    /// A requirement test compiled to flat operations (the same meaning as `code`).
    case requirementTest(RequirementPredicate, Code)
    /// The BEFORE round's value of a score (two-round context).
    case previous(Int, SourceSpan)
    /// A person-level name of the two-round context.
    case round(RoundName)
    /// A `progress` score of the person being evaluated.
    case progress(Int)
    /// A person's `progress` score (inside a target's aggregate over people).
    case personProgress(Int)
    /// A person's case of one band (inside a target's aggregate over people): the band's index.
    case personBand(Int)
    /// A declared `value`, resolved where it is read (see `ValueSite`).
    case namedValue(Int, ValueSite)
    /// The member a score family is being computed for (its `per` name).
    case familyMember
    /// One member of a score family: the family's slot and the member (an entity of its part);
    /// `person`: the person seen by a target's aggregate over `people`.
    case familyValue(Int, Code, person: Bool, SourceSpan)
    /// A computed field of the innermost element: the list's slot and the field's index.
    case listField(Int, Int)
}

/// Where a declared value is read, which decides how it is resolved.
public enum ValueSite: Sendable, Hashable {
    /// For the innermost element's item (a requirement or an item) and the person's group.
    case element(ElementType)
    /// The person's group (a score, a band threshold).
    case group
    /// The group of the person in a target's aggregate over people.
    case person
    /// A named dimension, skill set or item (`information.area_weight`), for the person's group
    /// (or, `person`, for the group of the person in a target's aggregate over people).
    case part(ValuePart, person: Bool)
}
