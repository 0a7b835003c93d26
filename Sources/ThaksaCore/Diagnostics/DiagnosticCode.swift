/// Stable diagnostic codes. A code is never reused for another meaning.
/// T = lexical, P = syntax, C = check, F = files, R = evaluation.
public enum DiagnosticCode: String, Sendable, CaseIterable, Codable {
    // lexical
    case invalidUTF8 = "T001"
    case unexpectedCharacter = "T002"
    case unterminatedString = "T003"
    case invalidEscape = "T004"
    case malformedNumber = "T005"
    case fileTooLarge = "T006"
    // syntax
    case expectedToken = "P001"
    case unknownDeclaration = "P002"
    case unknownProperty = "P003"
    case nestingTooDeep = "P004"
    case unclosedBlock = "P005"
    case tooManyErrors = "P006"
    // check
    case duplicateName = "C001"
    case undefinedName = "C002"
    case wrongNameKind = "C003"
    case typeMismatch = "C004"
    case cycle = "C005"
    case unreachableBand = "C006"
    case bandGap = "C007"
    case levelNotInScale = "C008"
    case includeOutsideRoot = "C009"
    case unknownFunction = "C010"
    case wrongArgumentCount = "C011"
    case missingProperty = "C012"
    case duplicateProperty = "C013"
    case invalidValue = "C014"
    case duplicateRequirement = "C015"
    case unknownField = "C016"
    case notACollection = "C017"
    case unknownTopic = "C018"
    case duplicateDeclaration = "C019"
    case peopleOutsideTarget = "C020"
    case dependencyTooDeep = "C021"
    case needsTwoRounds = "C022"
    // files
    case unreadableFile = "F001"
    case noRuleFiles = "F002"
    case includeNotFound = "F003"
    // evaluation
    case divisionByZero = "R001"
    case numberOverflow = "R002"
    case emptyAggregate = "R003"
    case noGroup = "R004"
    case unknownGroup = "R005"
    case unknownItem = "R006"
    case adjustmentNotAllowed = "R007"
    case noPreviousRound = "R008"
    case noFamilyMember = "R009"
}

public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning, note

    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}
