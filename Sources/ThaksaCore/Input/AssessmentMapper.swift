/// Turns input rows (CSV records under a header, or JSON objects) into `Assessment`s, checking
/// every value against the rule set. A row either maps whole or yields all of its errors.
public struct AssessmentMapper: Sendable {
    public enum Role: Sendable, Hashable {
        case id, name, position, unit, group, careerPath, add, waive
        /// A column the rules read with `input("...")`.
        case extra(String)
        /// Lists of items answered "have" / "have not" (at the scale's expected / lowest level).
        case has, hasNot
        /// Who approved a combined group assignment (`assignment { … approval column "…" }`).
        case approvedBy
        case workload(Int)      // group index
        case item(Int)          // item index
        case ignored
    }

    public let rules: RuleSet
    public let headers: HeaderMatcher
    /// `--column HEADER=TARGET`: normalised header → target (a person field, an item, `ignore`).
    public let overrides: [String: String]
    /// The user said that unmapped columns and too few item columns are fine (`--allow-unmapped`).
    public let allowUnmapped: Bool
    /// How the rule set lets files write answers (`input { answers … }`).
    let forms: Set<AnswerForm>
    /// Per scale: its answers by the bytes of a cell (`map(fields:...)`).
    let answerTables: AnswerTable
    /// The group codes' bytes, by group index (a cell that is exactly one maps without a string).
    let groupCodes: [[UInt8]]
    /// The item codes by their bytes, and per item whether `set` knows its code in an add/waive list.
    let itemCodes: ItemCodes
    let listable: [Bool]
    /// Per item: its scale's index in `answerTables`, or -1 when it has none.
    let itemScales: [Int]

    public init(rules: RuleSet, overrides: [String: String] = [:], allowUnmapped: Bool = false) {
        self.rules = rules
        headers = HeaderMatcher(rules: rules)
        // The rule set's `column ... is ...` first; the command line's `--column` wins over it.
        var o: [String: String] = [:]
        for (k, v) in rules.columnTargets { o[HeaderMatcher.normalise(k)] = v }
        for h in rules.approvalColumns { o[HeaderMatcher.normalise(h)] = "approved_by" }
        for (k, v) in overrides { o[HeaderMatcher.normalise(k)] = v }
        self.overrides = o
        self.allowUnmapped = allowUnmapped
        forms = rules.answerForms
        answerTables = AnswerTable(scales: rules.scales.map { scale in
            (scale.accepted.keys.sorted(), { AssessmentMapper.answerLevel($0, scale: scale) })
        })
        groupCodes = rules.groups.map { Array($0.entity.id.utf8) }
        itemCodes = ItemCodes(rules.items.map(\.entity.id))
        listable = rules.items.map { rules.itemColumns[$0.entity.id] != nil }
        itemScales = rules.items.map { $0.scale >= 0 && $0.scale < rules.scales.count ? $0.scale : -1 }
    }

    /// The item a column header or answer key names: exactly as declared, else loosely.
    func item(named header: String) -> Int? { headers.item(named: header) }

    // MARK: CSV

    public struct Plan: Sendable {
        public var roles: [Role]
        public var headers: [String]
        /// How each column was matched (for `--show-columns`).
        public var how: [HeaderMatcher.How]
        /// Items some group requires in the current phase that no column maps to.
        public var missing: [Int]
        /// Per column, what `map(fields:)` does with a cell (`Cell`), worked out by `plan(header:file:)`.
        var cells: [Int] = []
    }

    /// What `map(fields:)` does with a column's cells: an item's index (≥ 0) for an answer through
    /// its scale's `AnswerTable`, or one of these.
    enum Cell {
        static let ignored = -1, id = -2, name = -3, position = -4, unit = -5
        /// Through `set`, skipped when empty (where `set` would set nothing, or the empty string a field starts as).
        static let general = -6
        /// Through `set`, even when empty (an input column keeps its empty value).
        static let always = -7
        /// Group codes: one code as written goes straight in, anything else through `set`.
        static let group = -8, careerPath = -9
        /// Lists of item codes: ASCII codes of items go straight in, anything else through `set`.
        static let add = -10, waive = -11
        /// A workload share of group g is `workload - g`: a whole number up to 100 goes straight in.
        static let workload = -1000
    }

    func cells(_ roles: [Role]) -> [Int] {
        roles.map { role in
            switch role {
            case .ignored: return Cell.ignored
            case .id: return Cell.id
            case .name: return Cell.name
            case .position: return Cell.position
            case .unit: return Cell.unit
            case .extra: return Cell.always
            case .group: return Cell.group
            case .careerPath: return Cell.careerPath
            case .add: return Cell.add
            case .waive: return Cell.waive
            case .workload(let g): return Cell.workload - g
            case .item(let item) where itemScales[item] >= 0: return item
            default: return Cell.general
            }
        }
    }

    /// The smallest number of items any group requires in the current phase (0 when none does).
    var fewestRequired: Int {
        guard let phase = rules.effectivePhase else { return 0 }
        return rules.groups.compactMap { g in g.phases[phase].map { Set($0.map(\.item)).count } }.filter { $0 > 0 }.min() ?? 0
    }

    /// The role of one header, and how it was found.
    func role(of raw: String) -> (Role, HeaderMatcher.How, error: (en: String, th: String)?) {
        let h = HeaderMatcher.normalise(raw)
        if let target = overrides[h] {
            if let r = role(target: target) { return (r, .override, nil) }
            return (.ignored, .override, ("`--column` maps this column to `\(target)`, which is not an item, a person field or `ignore`",
                                          "`--column` กำหนดให้คอลัมน์นี้เป็น `\(target)` ซึ่งไม่ใช่รายการ ข้อมูลบุคคล หรือ `ignore`"))
        }
        if let r = HeaderMatcher.person(h) { return (r, .person, nil) }
        if let (item, how) = headers.item(header: raw) { return (.item(item), how, nil) }
        if rules.inputColumns.contains(h) { return (.extra(h), .input, nil) }
        if let g = workloadGroup(h) {
            if let gi = rules.groupByID[g] { return (.workload(gi), .workload, nil) }
            return (.ignored, .workload, ("unknown group `\(g)` in a workload column; the rule set has \(groupList)",
                                          "ไม่รู้จักกลุ่ม `\(g)` ในคอลัมน์สัดส่วนงาน ชุดกฎมีกลุ่ม \(groupList)"))
        }
        // A round's own columns (fiscal year, agreed plan) are read by `thaksa progress`.
        if HeaderMatcher.isMetadata(h) || RoundReader.isRoundColumn(h) { return (.ignored, .metadata, nil) }
        if h.isEmpty { return (.ignored, .blank, nil) }
        return (.ignored, .unknown, nil)
    }

    /// A `--column` target: `ignore`, a person field, `workload_X`, an input column or an item.
    func role(target: String) -> Role? {
        let t = HeaderMatcher.normalise(target)
        if t == "ignore" || t == "ละเว้น" { return .ignored }
        if t == "approved_by", rules.combination != nil { return .approvedBy }
        if let r = HeaderMatcher.person(t) { return r }
        if let g = workloadGroup(t), let gi = rules.groupByID[g] { return .workload(gi) }
        if rules.inputColumns.contains(t) { return .extra(t) }
        return headers.item(header: target).map { .item($0.0) }
    }

    public func plan(header: [String], file: String) -> Result<Plan, InputErrors> {
        var (plan, errors) = planWithErrors(header: header, file: file)
        plan.cells = cells(plan.roles)
        return errors.isEmpty ? .success(plan) : .failure(InputErrors(errors))
    }

    /// The plan (roles of the columns that could be read) and every problem of the header.
    public func planWithErrors(header: [String], file: String) -> (Plan, [InputError]) {
        var roles: [Role] = []
        var how: [HeaderMatcher.How] = []
        var unknown: [(Int, String)] = []
        var errors: [InputError] = []
        var seen: [Role: Int] = [:]
        for (k, raw) in header.enumerated() {
            let (role, found, problem) = self.role(of: raw)
            if let problem {
                errors.append(InputError(file: file, row: 1, column: k + 1, columnName: raw, en: problem.en, th: problem.th))
            }
            if found == .unknown { unknown.append((k, raw)) }
            if role != .ignored {
                if let prior = seen[role] {
                    errors.append(InputError(file: file, row: 1, column: k + 1, columnName: raw,
                                             en: "this column means the same as column \(prior + 1) (`\(header[prior])`)",
                                             th: "คอลัมน์นี้ซ้ำกับคอลัมน์ \(prior + 1) (`\(header[prior])`)"))
                }
                seen[role] = k
            }
            roles.append(role)
            how.append(found)
        }
        if seen[.id] == nil {
            errors.append(InputError(file: file, row: 1, en: "there is no `id` column (or รหัส, รหัสพนักงาน, เลขประจำตัว)",
                                     th: "ไม่มีคอลัมน์ `id` (หรือ รหัส, รหัสพนักงาน, เลขประจำตัว)"))
        }
        var mapped = Set<Int>()
        for case .item(let i) in roles { mapped.insert(i) }
        errors += refusedForms(roles, header, file: file)
        if !allowUnmapped {
            if let (first, _) = unknown.first {
                let names = unknown.map { "`\($0.1)`" }
                errors.append(InputError(file: file, row: 1, column: first + 1,
                    en: "\(unknown.count) column\(unknown.count == 1 ? "" : "s") match\(unknown.count == 1 ? "es" : "") no item or person field: "
                        + InputLimits.list(names, .en) + ". Rename them to item codes or titles, map them with `--column HEADER=ITEM` "
                        + "(or `HEADER=ignore`), or give `--allow-unmapped` to ignore them",
                    th: "\(unknown.count) คอลัมน์ไม่ตรงกับรายการหรือข้อมูลบุคคลใด: " + InputLimits.list(names, .th)
                        + " ให้เปลี่ยนหัวคอลัมน์เป็นรหัสหรือชื่อรายการ กำหนดด้วย `--column หัวคอลัมน์=รายการ` (หรือ `หัวคอลัมน์=ignore`) "
                        + "หรือใช้ `--allow-unmapped` เพื่อข้ามคอลัมน์เหล่านี้"))
            }
            let fewest = fewestRequired
            // `has` / `has_not` lists carry answers too (or are refused above).
            if mapped.count < fewest && seen[.has] == nil && seen[.hasNot] == nil {
                errors.append(InputError(file: file, row: 1,
                    en: "only \(mapped.count) column\(mapped.count == 1 ? "" : "s") map to items, but every group requires at least \(fewest): "
                        + "the answers would all count as missing. Name the answer columns by item code or title, or give `--allow-unmapped`",
                    th: "มีเพียง \(mapped.count) คอลัมน์ที่ตรงกับรายการ แต่ทุกกลุ่มกำหนดอย่างน้อย \(fewest) รายการ "
                        + "คำตอบทั้งหมดจะถือว่าไม่ได้ตอบ ให้ตั้งหัวคอลัมน์คำตอบเป็นรหัสหรือชื่อรายการ หรือใช้ `--allow-unmapped`"))
            }
        }
        var missing: [Int] = []
        if let phase = rules.effectivePhase {
            var required = Set<Int>()
            for g in rules.groups { for r in g.phases[phase] ?? [] { required.insert(r.item) } }
            missing = required.subtracting(mapped).sorted()
        }
        return (Plan(roles: roles, headers: header, how: how, missing: missing), errors)
    }

    /// Answer columns of a form the rule set does not accept (`input { answers … }`): an error each,
    /// never silently ignored or mapped to a guessed level.
    func refusedForms(_ roles: [Role], _ header: [String], file: String) -> [InputError] {
        var errors: [InputError] = []
        for (k, role) in roles.enumerated() where (role == .has || role == .hasNot) && !forms.contains(.lists) {
            errors.append(InputError(file: file, row: 1, column: k + 1, columnName: header[k],
                en: "this column lists items answered \"\(role == .has ? "have" : "have not")\", but " + AnswerForm.why(rules, .en),
                th: "คอลัมน์นี้เป็นรายการที่ตอบว่า \"\(role == .has ? "มี" : "ไม่มี")\" แต่" + AnswerForm.why(rules, .th)))
        }
        if !forms.contains(.columns), let k = roles.firstIndex(where: { if case .item = $0 { return true } else { return false } }) {
            errors.append(InputError(file: file, row: 1, column: k + 1, columnName: header[k],
                en: "this column answers item `\(ColumnReport.name(roles[k], rules))`, but " + AnswerForm.why(rules, .en, refusing: .columns),
                th: "คอลัมน์นี้เป็นคำตอบของรายการ `\(ColumnReport.name(roles[k], rules))` แต่" + AnswerForm.why(rules, .th, refusing: .columns)))
        }
        return errors
    }

    func workloadGroup(_ h: String) -> String? {
        for prefix in ["workload_", "สัดส่วนงาน_"] where h.hasPrefix(prefix) {
            let code = String(h.dropFirst(prefix.count))
            // Group ids are matched case-insensitively in headers (they were lowercased).
            return rules.groupByID.keys.first { $0.lowercased() == code } ?? code
        }
        return nil
    }

    var groupList: String { rules.groups.map(\.entity.id).joined(separator: ", ") }

    public func map(_ record: CSVReader.Record, plan: Plan, file: String) -> Result<Assessment, InputErrors>? {
        if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }   // blank row
        var a = Assessment(id: "")
        var errors: [InputError] = []
        if record.fields.count > plan.roles.count {
            errors.append(InputError(file: file, row: record.row, column: plan.roles.count + 1,
                                     en: "the row has \(record.fields.count) fields but the header has \(plan.roles.count)",
                                     th: "แถวนี้มี \(record.fields.count) ช่อง แต่หัวตารางมี \(plan.roles.count) ช่อง"))
        }
        for (k, role) in plan.roles.enumerated() where k < record.fields.count {
            let v = record.fields[k]
            set(&a, role, .string(v), at: Place(file: file, row: record.row, column: k + 1, name: plan.headers[k]), &errors)
        }
        return finish(a, row: record.row, plan: plan, file: file, errors)
    }

    /// `finish` for a row of a table read with `plan`: the columns its row checks point at.
    func finish(_ a: Assessment, row: Int, plan: Plan, file: String, _ errors: [InputError]) -> Result<Assessment, InputErrors>? {
        let workloadColumn = plan.roles.firstIndex { if case .workload = $0 { return true } else { return false } }
        let approval = plan.roles.firstIndex(of: .approvedBy) ?? plan.roles.firstIndex(of: .group)
        return finish(a, Place(file: file, row: row, column: 0, name: nil), idColumn: plan.roles.firstIndex(of: .id).map { $0 + 1 },
                      workloadColumn: workloadColumn.map { $0 + 1 }, approvalColumn: approval.map { ($0 + 1, plan.headers[$0]) }, errors)
    }

    /// Maps a CSV record split by `CSVSplitter`, with the same result and errors as
    /// `map(_:plan:file:)`: answer cells by their bytes through the scales' `AnswerTable` (what it
    /// does not know goes the general way), ignored and empty columns skipped, the person's
    /// fields made straight from their bytes (positions and units reused through the scratch's
    /// strings), a group or career path that is one code as written and a whole-number workload
    /// share taken from their bytes, other cells as strings through `set`. The answers are written
    /// into the scratch's array of the previous row when the caller has let go of that row.
    public func map(fields: CSVFields, row: Int, plan: Plan, file: String, scratch: inout MappingScratch) -> Result<Assessment, InputErrors>? {
        if AssessmentMapper.isBlank(fields) { return nil }
        var a = Assessment(id: "")
        a.answers = scratch.answers(items: rules.items.count)
        var errors: [InputError] = []
        if fields.count > plan.roles.count {
            errors.append(InputError(file: file, row: row, column: plan.roles.count + 1,
                                     en: "the row has \(fields.count) fields but the header has \(plan.roles.count)",
                                     th: "แถวนี้มี \(fields.count) ช่อง แต่หัวตารางมี \(plan.roles.count) ช่อง"))
        }
        let cells = plan.cells.count == plan.roles.count ? plan.cells : self.cells(plan.roles)
        // The answers are written here, and handed back to `a` around a call of `set`.
        var levels = a.answers.levels
        a.answers.levels = []
        let columns = min(fields.count, cells.count)
        fields.bytes.withUnsafeBufferPointer { p in
            fields.starts.withUnsafeBufferPointer { starts in
                fields.ends.withUnsafeBufferPointer { ends in
                    for k in 0..<columns {
                        let r = starts[k]..<ends[k], cell = cells[k]
                        switch cell {
                        case 0...:
                            if r.isEmpty { continue }
                            let level = answerTables.level(scale: itemScales[cell], p, r)
                            if level >= 0 { levels[cell] = level; continue }
                        case Cell.ignored: continue
                        case Cell.always: break
                        case _ where r.isEmpty: continue
                        case Cell.id: a.id = AssessmentMapper.text(p[r]); continue
                        case Cell.name: a.name = AssessmentMapper.text(p[r]); continue
                        case Cell.position: a.position = scratch.strings.string(p[r], make: AssessmentMapper.text); continue
                        case Cell.unit: a.unit = scratch.strings.string(p[r], make: AssessmentMapper.text); continue
                        case Cell.group: if let g = group(p[r]) { a.group = rules.groups[g].entity.id; continue }
                        case Cell.careerPath: if let g = group(p[r]) { a.careerPath = rules.groups[g].entity.id; continue }
                        case Cell.add: if listed(p[r], into: &a.add) { continue }
                        case Cell.waive: if listed(p[r], into: &a.waive) { continue }
                        case ...Cell.workload:
                            if let share = AssessmentMapper.share(p[r]) {
                                if share > 0 { a.workload.append((rules.groups[Cell.workload - cell].entity.id, Rational(share))) }
                                continue
                            }
                        default: break
                        }
                        swap(&levels, &a.answers.levels)
                        set(&a, plan.roles[k], .string(fields.string(k)), at: Place(file: file, row: row, column: k + 1, name: plan.headers[k]), &errors)
                        swap(&levels, &a.answers.levels)
                    }
                }
            }
        }
        a.answers.levels = levels
        scratch.answers = levels   // for the next row, once the caller has let go of this one
        // Nothing for `finish` to add or check: a row with an id, no combined groups, no shares.
        if errors.isEmpty && !a.id.isEmpty && a.combinedWith.isEmpty && a.workload.isEmpty { return .success(a) }
        return finish(a, row: row, plan: plan, file: file, errors)
    }

    public func map(fields: CSVFields, row: Int, plan: Plan, file: String) -> Result<Assessment, InputErrors>? {
        var scratch = MappingScratch(slots: 1)
        return map(fields: fields, row: row, plan: plan, file: file, scratch: &scratch)
    }

    /// The group whose code the cell is, byte for byte (what `set` finds for a cell of one known code).
    func group(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        groupCodes.firstIndex { $0.elementsEqual(cell) }
    }

    /// Appends the item codes an add/waive cell lists, as `set` reads them (split at `;`, `,` and
    /// spaces), when the cell is ASCII and every code is an item's own; false (and nothing
    /// appended) for any other cell, left to `set`.
    func listed(_ cell: Slice<UnsafeBufferPointer<UInt8>>, into list: inout [String]) -> Bool {
        func separator(_ b: UInt8) -> Bool { b == 0x3B || b == 0x2C || b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        // The first pass checks every code, the second appends them.
        for appending in [false, true] {
            var i = cell.startIndex
            while i < cell.endIndex {
                if separator(cell.base[i]) { i += 1; continue }
                var j = i
                while j < cell.endIndex && !separator(cell.base[j]) {
                    if cell.base[j] >= 0x80 { return false }
                    j += 1
                }
                guard let item = itemCodes.item(cell.base[i..<j]), listable[item] else { return false }
                if appending { list.append(rules.items[item].entity.id) }
                i = j
            }
        }
        return true
    }

    /// A workload share written as a whole number from 0 to 100 in Arabic or Thai digits, with or
    /// without `%` (what `set` reads as that number); nil for anything else, left to `set`.
    static func share(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var i = cell.startIndex, end = cell.endIndex, value = 0, digits = 0
        if end > i && cell.base[end - 1] == UInt8(ascii: "%") { end -= 1 }
        while i < end && digits < 3 {
            let b = cell.base[i]
            if b >= 0x30 && b <= 0x39 {
                value = value * 10 + Int(b - 0x30)
                i += 1
            } else if b == 0xE0 && i + 3 <= end && cell.base[i + 1] == 0xB9 && cell.base[i + 2] >= 0x90 && cell.base[i + 2] <= 0x99 {
                value = value * 10 + Int(cell.base[i + 2] - 0x90)   // ๐ to ๙: U+0E50 to U+0E59
                i += 3
            } else {
                return nil
            }
            digits += 1
        }
        return i == end && digits > 0 && value <= 100 ? value : nil
    }

    /// A cell's text as `set` keeps it (`trimmed`), made from its bytes.
    static func text(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        let s = String(decoding: cell, as: UTF8.self)
        return mayHaveSpace(cell) ? trimmed(s) : s
    }

    /// Whether the first or last character of a cell may be one `trimmed` removes: those are ASCII
    /// (up to the space) or start with the byte C2, E1, E2, E3 or EF, never E0 (Thai).
    static func mayHaveSpace(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard cell.endIndex > cell.startIndex else { return false }
        var last = cell.endIndex - 1
        while last > cell.startIndex && cell.base[last] & 0xC0 == 0x80 { last -= 1 }
        func space(_ b: UInt8) -> Bool { b <= 0x20 || b == 0xC2 || (b >= 0xE1 && b <= 0xE3) || b == 0xEF }
        return space(cell.base[cell.startIndex]) || space(cell.base[last])
    }

    /// Every field empty or spaces and tabs (as `trimmingCharacters(in: .whitespaces)` sees it).
    static func isBlank(_ fields: CSVFields) -> Bool {
        for k in 0..<fields.count {
            var ascii = true
            for b in fields.bytes[fields.range(k)] where b != 0x20 && b != 0x09 {
                if b < 0x80 { return false }
                ascii = false
            }
            if !ascii && !fields.string(k).trimmingCharacters(in: .whitespaces).isEmpty { return false }
        }
        return true
    }

    // MARK: JSON

    public func map(json: JSONValue, row: Int, file: String) -> Result<Assessment, InputErrors> {
        var a = Assessment(id: "")
        var errors: [InputError] = []
        guard case .object(let fields) = json else {
            return .failure(InputErrors([InputError(file: file, row: row, en: "each line must be a JSON object `{...}`", th: "แต่ละบรรทัดต้องเป็นออบเจกต์ JSON `{...}`")]))
        }
        for (key, value) in fields {
            let place = Place(file: file, row: row, column: 0, name: key)
            switch key {
            case "has" where !value.isObject:   // a list of items answered "have"
                if forms.contains(.lists) { set(&a, .has, value, at: place, &errors) }
                else { errors.append(place.error("lists items answered \"have\", but " + AnswerForm.why(rules, .en),
                                                 "เป็นรายการที่ตอบว่า \"มี\" แต่" + AnswerForm.why(rules, .th))) }
            case "answers", "has":
                guard forms.contains(.columns) else {
                    errors.append(place.error("answers items one by one, but " + AnswerForm.why(rules, .en, refusing: .columns),
                                              "เป็นคำตอบรายข้อ แต่" + AnswerForm.why(rules, .th, refusing: .columns)))
                    continue
                }
                guard case .object(let answers) = value else { errors.append(place.error("must be an object of item codes", "ต้องเป็นออบเจกต์ของรหัสรายการ")); continue }
                for (code, v) in answers {
                    let p = Place(file: file, row: row, column: 0, name: "\(key).\(code)")
                    guard let item = item(named: code) else {
                        errors.append(p.error("unknown item `\(code)`", "ไม่รู้จักรายการ `\(code)`"))
                        continue
                    }
                    if a.answers[item] != nil {
                        errors.append(p.error("`\(code)` is answered twice", "`\(code)` ถูกตอบซ้ำ"))
                        continue
                    }
                    set(&a, .item(item), v, at: p, &errors)
                }
            case "workload":
                guard case .object(let shares) = value else { errors.append(place.error("must be an object of group shares", "ต้องเป็นออบเจกต์ของสัดส่วนแต่ละกลุ่ม")); continue }
                for (g, v) in shares {
                    let p = Place(file: file, row: row, column: 0, name: "workload.\(g)")
                    guard let gi = rules.groupByID[g] else {
                        errors.append(p.error("unknown group `\(g)`; the rule set has \(groupList)", "ไม่รู้จักกลุ่ม `\(g)` ชุดกฎมีกลุ่ม \(groupList)"))
                        continue
                    }
                    set(&a, .workload(gi), v, at: p, &errors)
                }
            default:
                let h = HeaderMatcher.normalise(key)
                if (h == "approved_by" || overrides[h] == "approved_by"), rules.combination != nil { set(&a, .approvedBy, value, at: place, &errors) }
                else if let role = HeaderMatcher.person(h) {
                    if role == .has || role == .hasNot, !forms.contains(.lists) {
                        errors.append(place.error("lists items answered \"have\" or \"have not\", but " + AnswerForm.why(rules, .en),
                                                  "เป็นรายการที่ตอบว่า \"มี\" หรือ \"ไม่มี\" แต่" + AnswerForm.why(rules, .th)))
                    } else { set(&a, role, value, at: place, &errors) }
                }
                else if rules.inputColumns.contains(h) { set(&a, .extra(h), value, at: place, &errors) }
                // Other keys (e.g. an e-mail from the exporting system) are ignored.
            }
        }
        return finish(a, Place(file: file, row: row, column: 0, name: nil), idColumn: nil,
                      approvalColumn: (0, rules.approvalColumns.first ?? "approved_by"), errors) ?? .failure(InputErrors([]))
    }

    // MARK: values

    struct Place {
        var file: String
        var row: Int
        var column: Int
        var name: String?
        func error(_ en: String, _ th: String) -> InputError {
            InputError(file: file, row: row, column: column, columnName: name, en: en, th: th)
        }
    }

    func text(_ v: JSONValue) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        default: return nil
        }
    }

    func list(_ v: JSONValue) -> [String]? {
        if case .array(let items) = v { return items.compactMap(text) }
        // ASCII (item codes): the same split by bytes, without making Characters.
        if let s = text(v), s.utf8.allSatisfy({ $0 < 0x80 }) {
            return s.utf8.split(whereSeparator: { $0 == 0x3B || $0 == 0x2C || $0 == 0x20 || (0x09...0x0D).contains($0) })
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return text(v).map { s in s.split(whereSeparator: { $0 == ";" || $0 == "," || $0.isWhitespace }).map(String.init) }
    }

    func set(_ a: inout Assessment, _ role: Role, _ value: JSONValue, at p: Place, _ errors: inout [InputError]) {
        // Fast path for answers, the bulk of every row: a word the scale accepts exactly as written.
        if case .item(let item) = role {
            let accepted = rules.scales[rules.items[item].scale].accepted
            switch value {
            case .bool(let b): if let level = accepted[b ? "true" : "false"] { a.answers[item] = level; return }
            case .string(let s): if let level = accepted[s] { a.answers[item] = level; return }
            default: break
            }
        }
        guard let raw = text(value) ?? ([.add, .waive, .has, .hasNot].contains(role) ? "" : nil) else {
            errors.append(p.error("must be text or a number", "ต้องเป็นข้อความหรือตัวเลข"))
            return
        }
        let s = AssessmentMapper.trimmed(raw)
        switch role {
        case .ignored: break
        case .extra(let key): a.extra[key] = s
        case .id: a.id = s
        case .name: a.name = s
        case .position: a.position = s
        case .unit: a.unit = s
        case .group:
            guard !s.isEmpty else { return }
            let codes = AssessmentMapper.groupCodes(s)
            for code in codes where rules.groupByID[code] == nil {
                errors.append(p.error("unknown group `\(code)`; the rule set has \(groupList)", "ไม่รู้จักกลุ่ม `\(code)` ชุดกฎมีกลุ่ม \(groupList)"))
            }
            if codes.count > 1 {
                if rules.combination == nil {
                    errors.append(p.error("`\(s)` names \(codes.count) groups, but this rule set gives each person one group "
                                          + "(a rule set allows an approved combined assignment with `assignment { combined union  approval column \"…\" }`)",
                                          "`\(s)` ระบุ \(codes.count) กลุ่ม แต่ชุดกฎนี้กำหนดกลุ่มเดียวต่อคน "
                                          + "(ชุดกฎที่ยอมให้กำหนดหลายกลุ่มโดยได้รับความเห็นชอบ ใช้ `assignment { combined union  approval column \"…\" }`)"))
                } else if Set(codes).count < codes.count {
                    errors.append(p.error("`\(s)` names a group twice", "`\(s)` ระบุกลุ่มซ้ำ"))
                }
            }
            a.group = codes.first
            a.combinedWith = Array(codes.dropFirst())
        case .approvedBy: a.approvedBy = s
        case .careerPath:
            guard !s.isEmpty else { return }
            if rules.groupByID[s] == nil {
                errors.append(p.error("unknown group `\(s)`; the rule set has \(groupList)", "ไม่รู้จักกลุ่ม `\(s)` ชุดกฎมีกลุ่ม \(groupList)"))
            }
            a.careerPath = s
        case .add, .waive:
            for code in list(value) ?? [] {
                guard rules.itemColumns[code] != nil else {
                    errors.append(p.error("unknown item `\(code)`", "ไม่รู้จักรายการ `\(code)`"))
                    continue
                }
                if role == .add { a.add.append(code) } else { a.waive.append(code) }
            }
        case .has, .hasNot:
            for code in list(value) ?? [] {
                guard let item = item(named: code) else {
                    errors.append(p.error("unknown item `\(code)`", "ไม่รู้จักรายการ `\(code)`"))
                    continue
                }
                let scale = rules.scales[rules.items[item].scale]
                if a.answers[item] != nil {
                    errors.append(p.error("`\(code)` is answered twice", "`\(code)` ถูกตอบซ้ำ"))
                }
                a.answers[item] = role == .has ? scale.expect : (scale.levels.first?.value ?? 0)
            }
        case .workload(let g):
            guard !s.isEmpty else { return }
            let digits = s.hasSuffix("%") ? String(s.dropLast()) : s
            guard let share = Rational(parsing: digits), share >= .zero, share <= .hundred else {
                errors.append(p.error("`\(s)` is not a workload share (a number from 0 to 100)", "`\(s)` ไม่ใช่สัดส่วนงาน (ตัวเลข 0 ถึง 100)"))
                return
            }
            if share > .zero { a.workload.append((rules.groups[g].entity.id, share)) }
        case .item(let item):
            guard !s.isEmpty else { return }
            let scale = rules.scales[rules.items[item].scale]
            let key = Assessments.normaliseAnswer(s)
            if let level = scale.accepted[key] { a.answers[item] = level; return }
            let words = scale.levels.flatMap { l in [l.title.th] + l.accepts }
            var seen = Set<String>()
            let expected = words.filter { seen.insert($0).inserted }.joined(separator: ", ")
            errors.append(p.error("`\(s)` is not an answer for `\(rules.items[item].entity.id)`; expected one of: \(expected)",
                                  "`\(s)` ไม่ใช่คำตอบของ `\(rules.items[item].entity.id)` ใช้ได้: \(expected)"))
        }
    }

    /// `A, S` or `A+S`: the groups written in one `group` cell.
    static func groupCodes(_ s: String) -> [String] {
        // One code (the usual cell): `s` comes trimmed from `set`, so there is nothing to trim.
        if !s.unicodeScalars.contains(where: { $0 == "," || $0 == "+" || $0 == "＋" || $0 == "、" || $0.properties.isWhitespace }) { return s.isEmpty ? [] : [s] }
        return s.split(whereSeparator: { $0 == "," || $0 == "+" || $0 == "＋" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The level a text answer means on `scale`, as `set` finds it: the word as written, else
    /// trimmed and normalised (case, SARA AM, Thai digits); nil when the scale does not accept it.
    static func answerLevel(_ raw: String, scale: ScaleDef) -> Int? {
        if let level = scale.accepted[raw] { return level }
        let s = trimmed(raw)
        guard !s.isEmpty else { return nil }
        return scale.accepted[Assessments.normaliseAnswer(s)]
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation when neither end is
    /// a space (the usual cell): the set below holds every character Foundation trims, and more.
    static func trimmed(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
        func space(_ c: Unicode.Scalar) -> Bool {
            switch c.value {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
            default: return false
            }
        }
        if !space(first) && !space(last) { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func finish(_ a: Assessment, _ p: Place, idColumn: Int?, workloadColumn: Int? = nil, approvalColumn: (Int, String)? = nil,
                _ errors: [InputError]) -> Result<Assessment, InputErrors>? {
        var errors = errors
        // A combined assignment stands only with its approval (the approver column the rule set names).
        if !a.combinedWith.isEmpty, a.approvedBy.isEmpty, rules.combination != nil {
            let groups = ([a.group ?? ""] + a.combinedWith).joined(separator: " + ")
            let header = rules.approvalColumns.first ?? "approved_by"
            errors.append(InputError(file: p.file, row: p.row, column: approvalColumn?.0 ?? 0, columnName: approvalColumn?.1 ?? header,
                en: "groups \(groups) are combined for this person, which this rule set allows only with an approval, "
                    + "but the approver column `\(header)` is empty",
                th: "บุคคลนี้กำหนดหลายกลุ่ม (\(groups)) ซึ่งชุดกฎนี้ยอมให้ทำได้เมื่อได้รับความเห็นชอบเท่านั้น "
                    + "แต่คอลัมน์ผู้เห็นชอบ `\(header)` ว่าง"))
        }
        if a.id.isEmpty {
            errors.insert(InputError(file: p.file, row: p.row, column: idColumn ?? 0, columnName: "id",
                                     en: "the id is missing", th: "ไม่มีรหัส (id)"), at: 0)
        }
        // Shares of one person's work: given at all, they must add up to 100.
        if !a.workload.isEmpty, !errors.contains(where: { $0.columnName?.hasPrefix("workload") == true }) {
            let sum = a.workload.reduce(Rational.zero as Rational?) { s, w in s.flatMap { $0 + w.share } }.map(\.description) ?? "?"
            if sum != "100" {
                errors.append(InputError(file: p.file, row: p.row, column: workloadColumn ?? 0, columnName: "workload",
                                         en: "the workload shares add up to \(sum), not 100",
                                         th: "สัดส่วนงานรวมกันได้ \(sum) ไม่ใช่ 100"))
            }
        }
        return errors.isEmpty ? .success(a) : .failure(InputErrors(errors))
    }
}

import Foundation
