/// Where every declared name of a rule set is defined and used, with source spans: what an editor
/// needs for go to definition, find references, rename and the outline. Built from the parsed
/// files (the same trees the checker reads), so the core stays the one source of truth.
public enum SymbolCategory: String, Sendable, Hashable, CaseIterable {
    case kind, scale, dimension, skillset, item, phase, group, bucket, method, quarter, track
    case list, score, band, bandCase = "case", target, progress, value

    /// The declaration keyword that defines a name of this category.
    public var keyword: String { rawValue }

    public func noun(_ lang: Language) -> String {
        switch self {
        case .kind: return lang == .th ? "ประเภท" : "kind"
        case .scale: return lang == .th ? "มาตรวัด" : "scale"
        case .dimension: return lang == .th ? "มิติ" : "dimension"
        case .skillset: return lang == .th ? "ชุดทักษะ" : "skill set"
        case .item: return lang == .th ? "รายการทักษะ" : "item"
        case .phase: return lang == .th ? "ระยะ" : "phase"
        case .group: return lang == .th ? "กลุ่ม" : "group"
        case .bucket: return lang == .th ? "กลุ่มวิธีพัฒนา" : "bucket"
        case .method: return lang == .th ? "วิธีพัฒนา" : "method"
        case .quarter: return lang == .th ? "ไตรมาส" : "quarter"
        case .track: return lang == .th ? "เส้นทางการพัฒนา" : "track"
        case .list: return lang == .th ? "รายการคำนวณ" : "list"
        case .score: return lang == .th ? "คะแนน" : "score"
        case .band: return lang == .th ? "ช่วงคะแนน" : "band"
        case .bandCase: return lang == .th ? "ระดับในช่วงคะแนน" : "band case"
        case .target: return lang == .th ? "เป้าหมาย" : "target"
        case .progress: return lang == .th ? "คะแนนความก้าวหน้า" : "progress score"
        case .value: return lang == .th ? "ค่าที่ตั้งชื่อ" : "named value"
        }
    }
}

public struct SymbolDefinition: Sendable, Hashable {
    public var name: String
    public var category: SymbolCategory
    /// The name in its declaration.
    public var span: SourceSpan
    /// The whole declaration, block included.
    public var statementSpan: SourceSpan
}

public struct SymbolOccurrence: Sendable, Hashable {
    public var name: String
    public var span: SourceSpan
    public var isDefinition: Bool
}

public struct RuleIndex: Sendable {
    /// The first declaration of each name (a repeated one is an error the checker reports).
    public private(set) var definitions: [String: SymbolDefinition] = [:]
    /// Every definition and use of a declared name, by file then position.
    public private(set) var occurrences: [SymbolOccurrence] = []

    /// Keywords whose first name declares something, at the top level (or in a dimension or skill set).
    static let declaring: [String: SymbolCategory] = Dictionary(uniqueKeysWithValues: SymbolCategory.allCases
        .filter { $0 != .bandCase }.map { ($0.keyword, $0) })

    public init(files: [SyntaxFile]) {
        var uses: [Name] = []
        for f in files { for s in f.statements { visit(s, context: "", uses: &uses) } }
        for n in uses where definitions[n.text] != nil {
            occurrences.append(SymbolOccurrence(name: n.text, span: n.span, isDefinition: false))
        }
        occurrences.sort { $0.span < $1.span }
    }

    mutating func visit(_ s: Statement, context: String, uses: inout [Name]) {
        let declares = context == "" || context == "dimension" || context == "skillset"
        // `value NAME N` inside a dimension or skill set sets a value declared at the top level.
        let category: SymbolCategory? = declares && !(context != "" && s.keyword.text == "value") ? RuleIndex.declaring[s.keyword.text]
            : (context == "band" && s.keyword.text == "case" ? .bandCase : nil)
        for (k, arg) in s.args.enumerated() {
            if k == 0, let category, case .name(let n) = arg {
                if definitions[n.text] == nil {
                    definitions[n.text] = SymbolDefinition(name: n.text, category: category, span: n.span, statementSpan: s.span)
                }
                occurrences.append(SymbolOccurrence(name: n.text, span: n.span, isDefinition: true))
            } else {
                RuleIndex.names(in: arg, into: &uses)
            }
        }
        let inner = Schema.context(of: s.keyword.text, in: context)
        for c in s.block ?? [] { visit(c, context: inner, uses: &uses) }
    }

    static func names(in arg: Arg, into out: inout [Name]) {
        switch arg {
        case .name(let n): out.append(n)
        case .names(let ns): out += ns
        case .requirements(let es): out += es.map(\.item)
        case .serves(let es): out += es.map(\.item)
        case .expr(let e), .compare(_, let e): names(in: e, into: &out)
        case .fields(let fs): for f in fs { names(in: f.expr, into: &out) }
        default: break
        }
    }

    /// Names an expression reads (not member fields). Bounded: the parser
    /// caps expression height.
    static func names(in e: Expr, into out: inout [Name]) {
        switch e.kind {
        case .name(let n): out.append(Name(text: n, span: e.span))
        case .member(let b, _), .unary(_, let b): names(in: b, into: &out)
        case .binary(_, let a, let b), .first(let a, let b): names(in: a, into: &out); names(in: b, into: &out)
        case .ifThen(let a, let b, let c): for x in [a, b, c] { names(in: x, into: &out) }
        case .call(let fn, let args):
            out.append(fn)   // a score family read by call (`readiness(dim1)`); functions are not declared, so they drop out
            for x in args { names(in: x, into: &out) }
        case .list(let args): for x in args { names(in: x, into: &out) }
        case .query(let s, let f, let o):
            names(in: s, into: &out)
            if let f { names(in: f, into: &out) }
            for k in o { names(in: k.key, into: &out) }
        default: break
        }
    }

    /// The occurrence under a byte offset of a file (its end counts, so a cursor just after a name finds it).
    public func occurrence(file: Int, offset: Int) -> SymbolOccurrence? {
        occurrences.first { $0.span.file == file && $0.span.start <= offset && offset <= $0.span.end }
    }

    /// Every occurrence of a name, definition first when asked for.
    public func references(to name: String, includeDefinition: Bool = true) -> [SourceSpan] {
        occurrences.filter { $0.name == name && (includeDefinition || !$0.isDefinition) }.map(\.span)
    }

    /// Declared names of one category, sorted.
    public func names(of category: SymbolCategory) -> [String] {
        definitions.values.filter { $0.category == category }.map(\.name).sorted()
    }
}
