public enum GroupReason: String, Sendable { case column, workload, career_path, position }

public struct Requirement: Sendable {
    public var item: Int
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
}

/// Everything the rules decided for one person.
public struct PersonResult: Sendable {
    public var id: String
    public var group: Int
    public var groupReason: GroupReason
    public var unit: String
    /// The position title as given in the input.
    public var position: String
    /// Position declaration that decided the group, when the reason is `position`.
    public var positionRule: Int?
    /// Current requirements first (`requiredCount` of them), then upcoming ones.
    public var requirements: [Requirement]
    public var requiredCount: Int
    public var values: [Value]
    /// Per band: the chosen case (index within the band), or nil when no case applies.
    public var bands: [Int?]
    public var idp: [IDPEntry]
    public var track: Int?

    public var required: ArraySlice<Requirement> { requirements[..<requiredCount] }
    /// Required items with no answer, in order.
    public var unanswered: [Int] { required.filter { !$0.answered }.map(\.item) }
}

/// Why a person could not be scored.
public struct EvaluationError: Error, Sendable {
    public enum Kind: String, Sendable {
        case noGroup, unknownGroup, unknownItem, adjustmentNotAllowed, divisionByZero, overflow, emptyAggregate
    }
    public var kind: Kind
    public var args: [String]
    public var span: SourceSpan

    public init(_ kind: Kind, _ args: [String] = [], span: SourceSpan = .none) {
        self.kind = kind
        self.args = args
        self.span = span
    }

    public func message(_ lang: Language) -> String {
        let a = args + ["", "", ""]
        switch (kind, lang) {
        case (.noGroup, .en): return "the group cannot be decided: \(a[0])"
        case (.noGroup, .th): return "กำหนดกลุ่มภารกิจไม่ได้: \(a[1])"
        case (.unknownGroup, .en): return "unknown group `\(a[0])`; the rule set has \(a[1])"
        case (.unknownGroup, .th): return "ไม่รู้จักกลุ่ม `\(a[0])` ชุดกฎมีกลุ่ม \(a[1])"
        case (.unknownItem, .en): return "unknown item `\(a[0])`"
        case (.unknownItem, .th): return "ไม่รู้จักรายการ `\(a[0])`"
        case (.adjustmentNotAllowed, .en): return "the rule set does not allow supervisors to \(a[0]) items"
        case (.adjustmentNotAllowed, .th): return "ชุดกฎไม่อนุญาตให้ผู้บังคับบัญชา\(a[0] == "add" ? "เพิ่ม" : "ยกเว้น")รายการ"
        case (.divisionByZero, .en): return "division by zero in `\(a[0])`"
        case (.divisionByZero, .th): return "หารด้วยศูนย์ใน `\(a[0])`"
        case (.overflow, .en): return "a number in `\(a[0])` is too large"
        case (.overflow, .th): return "ตัวเลขใน `\(a[0])` ใหญ่เกินไป"
        case (.emptyAggregate, .en): return "`\(a[0])` of an empty collection has no value"
        case (.emptyAggregate, .th): return "`\(a[0])` ของชุดข้อมูลว่างไม่มีค่า"
        }
    }
}
