/// What each declaration keyword takes, per context. The parser reads arguments by these slots and
/// the checker reads them back by position, so the two cannot disagree about a statement's shape.
public enum Slot: Sendable {
    case name, title, optionalTitle, string, number, range, names, strings
    case requirements, serves, expr, query, compare
    /// A fixed contextual word that must appear, e.g. `group` in `position "..." group A`.
    case word(String)
    /// `= expr` / `= query`
    case equalsExpr, equalsQuery
    /// `when <compare> <expr>` or `otherwise` (band cases)
    case bandCondition
    /// `all` or `one per bucket` (IDP methods)
    case methodChoice
    /// optional `when expr`
    case optionalWhen
    /// optional `WORD "a", "b"`: `accepts` of a level, `also` of a position
    case optionalStrings(String)
    /// optional `WORD NAME`: `bucket` of a method
    case optionalName(String)
    /// optional `WORD NAME, …`: `skillset` / `dimension` of a course section, `for` of a `value` setting
    case optionalNames(String)
    /// optional `WORD N`: `default` of a `value` declaration
    case optionalNumber(String)
    /// optional `per dimension|skillset|kind NAME` (a score family)
    case optionalPer
    /// optional `with NAME ["title"] = expr, …` (fields of a list's elements)
    case optionalFields
}

public struct Shape: Sendable {
    public var slots: [Slot]
    /// nil: no block; otherwise the keywords allowed inside.
    public var children: [String]?
    public var blockRequired: Bool
    /// How the statement is named in messages.
    public var noun: String

    init(_ noun: String, _ slots: [Slot], children: [String]? = nil, blockRequired: Bool = false) {
        self.noun = noun
        self.slots = slots
        self.children = children
        self.blockRequired = blockRequired
    }
}

public enum Schema {
    public static let topLevel = ["ruleset", "include", "kind", "scale", "dimension", "skillset", "item",
                                  "phase", "programme", "group", "position", "assignment", "bucket",
                                  "method", "quarter", "track", "list", "score", "band", "idp", "target", "progress",
                                  "ranks", "column", "input", "value"]

    /// Shapes by (parent keyword, keyword); the top level has parent "".
    static let shapes: [String: [String: Shape]] = [
        "": [
            "ruleset": Shape("ruleset", [.name, .title], children: ["version", "note", "term"]),
            "include": Shape("include", [.string]),
            "kind": Shape("kind", [.name, .title]),
            "scale": Shape("scale", [.name, .title], children: ["level", "expect", "default"], blockRequired: true),
            "dimension": Shape("dimension", [.name, .title], children: ["skillset", "item", "value"]),
            "skillset": Shape("skill set", [.name, .title], children: ["item", "value"]),
            "item": Shape("item", [.name, .name, .title], children: ["scale", "column", "note", "topic", "value"]),
            "phase": Shape("phase", [.name, .title], children: ["years", "from", "note"]),
            "programme": Shape("programme", [], children: ["current", "next", "split"], blockRequired: true),
            "group": Shape("group", [.name, .title], children: ["role", "track", "note", "phase", "require", "value"], blockRequired: true),
            "position": Shape("position", [.string, .optionalStrings("also"), .word("group"), .name, .optionalWhen]),
            "assignment": Shape("assignment", [], children: ["order", "supervisor", "combined", "approval"], blockRequired: true),
            "bucket": Shape("bucket", [.name, .title, .word("share"), .number], children: ["note"]),
            "method": Shape("method", [.name, .title, .optionalName("bucket")], children: ["note"]),
            "quarter": Shape("quarter", [.name, .title, .word("months"), .range], children: ["note"]),
            "track": Shape("track", [.name, .title], children: ["groups", "course", "note", "section"], blockRequired: true),
            "list": Shape("list", [.name, .optionalTitle, .equalsQuery, .optionalFields]),
            "score": Shape("score", [.name, .optionalTitle, .optionalPer, .equalsQuery]),
            "band": Shape("band", [.name, .optionalTitle, .word("on"), .name], children: ["case"], blockRequired: true),
            "idp": Shape("idp", [.optionalTitle], children: ["items", "pick", "courses", "methods", "schedule"], blockRequired: true),
            "target": Shape("target", [.name, .title], children: ["measure", "goal", "year", "note"], blockRequired: true),
            "progress": Shape("progress score", [.name, .optionalTitle, .equalsExpr]),
            "ranks": Shape("ranks", [.strings]),
            "column": Shape("column", [.strings, .word("is"), .name]),
            "input": Shape("input", [], children: ["answers"], blockRequired: true),
            "value": Shape("value", [.name, .title, .optionalNumber("default")]),
        ],
        "ruleset": ["version": Shape("version", [.string]), "note": Shape("note", [.string]), "term": Shape("term", [.name, .title])],
        "scale": [
            "level": Shape("level", [.number, .title, .optionalStrings("accepts")]),
            "expect": Shape("expect", [.number]),
            "default": Shape("default", []),
        ],
        "dimension": ["value": valueSetting],  // the rest: from the top level (see `shape`)
        "skillset": ["value": valueSetting],
        "item": [
            "scale": Shape("scale", [.name]),
            "column": Shape("column", [.strings]),
            "note": Shape("note", [.string]),
            "topic": Shape("topic", [.string, .title], children: ["scope", "audience"]),
            "value": valueSetting,
        ],
        "topic": ["scope": Shape("scope", [.string]), "audience": Shape("audience", [.names])],
        "phase": ["years": Shape("years", [.range]), "from": Shape("from", [.number]), "note": Shape("note", [.string])],
        "bucket": ["note": Shape("note", [.string])],
        "method": ["note": Shape("note", [.string])],
        "quarter": ["note": Shape("note", [.string])],
        "programme": [
            "current": Shape("current", [.name]),
            "next": Shape("next", [.name]),
            "split": Shape("split", [.number, .number]),
        ],
        "group": [
            "role": Shape("role", [.string]),
            "track": Shape("track", [.name]),
            "note": Shape("note", [.string]),
            "phase": Shape("phase", [.name], children: ["require", "role"], blockRequired: true),
            "require": Shape("require", [.requirements]),   // a rule set without phases
            "value": valueSetting,
        ],
        "group.phase": ["require": Shape("require", [.requirements]), "role": Shape("role", [.string])],
        "assignment": ["order": Shape("order", [.names]), "supervisor": Shape("supervisor", [.names]),
                       "combined": Shape("combined", [.name]), "approval": Shape("approval", [.word("column"), .strings])],
        "input": ["answers": Shape("answers", [.names])],
        "track": [
            "groups": Shape("groups", [.names]),
            "note": Shape("note", [.string]),
            "course": Shape("course", [.string, .title], children: ["source", "methods", "serves", "note"]),
            // A heading row of the course table: the courses after it, up to the next, belong to it.
            "section": Shape("section", [.string, .title, .optionalNames("skillset"), .optionalNames("dimension")]),
        ],
        "course": [
            "source": Shape("source", [.string]),
            "methods": Shape("methods", [.names]),
            "serves": Shape("serves", [.serves]),
            "note": Shape("note", [.string]),
        ],
        "band": ["case": Shape("case", [.name, .title, .bandCondition])],
        "idp": [
            "items": Shape("items", [.range]),
            "pick": Shape("pick", [.query]),
            "courses": Shape("courses", [.number]),
            "methods": Shape("methods", [.methodChoice]),
            "schedule": Shape("schedule", [.names]),
        ],
        "target": [
            "measure": Shape("measure", [.expr]),
            "goal": Shape("goal", [.compare]),
            "year": Shape("year", [.number]),
            "note": Shape("note", [.string]),
        ],
    ]

    /// `value NAME N [for PART, …]`: sets a declared value on a dimension, skill set, item or group
    /// (`for`: a group's number for some of the framework's parts).
    static let valueSetting = Shape("value", [.name, .number, .optionalNames("for")])

    /// The context key of a block opened by `keyword` inside `parent`.
    public static func context(of keyword: String, in parent: String) -> String {
        parent == "group" && keyword == "phase" ? "group.phase" : keyword
    }

    public static func shape(_ keyword: String, in context: String) -> Shape? {
        if (context == "dimension" || context == "skillset") && keyword != "value" { return shapes[""]?[keyword] }
        return shapes[context]?[keyword]
    }

    public static func allowed(in context: String) -> [String] {
        if context == "" { return topLevel }
        if context == "dimension" { return ["skillset", "item", "value"] }
        if context == "skillset" { return ["item", "value"] }
        return (shapes[context] ?? [:]).keys.sorted()
    }
}
