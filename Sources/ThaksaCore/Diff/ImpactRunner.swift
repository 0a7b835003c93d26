import Dispatch
import Foundation

/// Applies both rule sets to the same people in one pass over the inputs: each row is read once,
/// mapped with each rule set's own header mapping, evaluated under both and compared. Batches are
/// processed on all cores; the tally is made in input order, so the report does not depend on threads.
public struct ImpactRunner: Sendable {
    let old: RuleSet
    let new: RuleSet
    let comparison: PersonComparison
    let threads: Int
    let batchSize = 1024

    public init(old: RuleSet, new: RuleSet, changes: [RuleChange], threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.old = old
        self.new = new
        comparison = PersonComparison(old: old, new: new, changes: changes)
        self.threads = max(1, threads)
    }

    /// One rule set's reading of the inputs.
    struct Side: Sendable {
        let mapper: AssessmentMapper
        let fast: FastRecordReader
        let evaluator: Evaluator
        init(_ rules: RuleSet) {
            mapper = AssessmentMapper(rules: rules)
            fast = FastRecordReader(rules: rules)
            evaluator = Evaluator(rules: rules)
        }

        func evaluate(_ mapped: Result<Assessment, InputErrors>, file: String, row: Int) -> Result<(Assessment, PersonResult), InputError> {
            switch mapped {
            case .failure(let e): return .failure(e.items.first ?? InputError(file: file, row: row, en: "invalid row", th: "แถวไม่ถูกต้อง"))
            case .success(let a):
                do { return .success((a, try evaluator.evaluate(a))) } catch {
                    return .failure(InputError(file: file, row: row, en: error.message(.en), th: error.message(.th)))
                }
            }
        }
    }

    enum Raw: Sendable {
        case csv(CSVReader.Record)
        case json(Int, ArraySlice<UInt8>)
    }

    enum Row: Sendable {
        case blank
        case done(old: Result<(Assessment, PersonResult), InputError>, new: Result<(Assessment, PersonResult), InputError>,
                  delta: PersonComparison.Delta?)
    }

    public func run(inputs: [(path: String, display: String)]) -> Result<Impact, InputError> {
        let sides = (Side(old), Side(new))
        var impact = Impact()
        impact.touched = comparison.tests.map { $0 == nil ? nil : Impact.Examples() }
        var tallies = (TargetTally(rules: old), TargetTally(rules: new))
        var seen = Set<String>()
        for input in inputs {
            var csv: TableReader?
            var lines: LineReader?
            var plans: (Result<AssessmentMapper.Plan, InputErrors>, Result<AssessmentMapper.Plan, InputErrors>)?
            do {
                if ScoreRunner.isJSONLines(input.path) { lines = try LineReader(path: input.path) } else {
                    var reader = try TableReader(path: input.path, display: input.display)
                    switch reader.next() {
                    case .success(let header)?:
                        plans = (sides.0.mapper.plan(header: header.fields, file: input.display),
                                 sides.1.mapper.plan(header: header.fields, file: input.display))
                    case .failure(let e)?: return .failure(e)
                    case nil: return .failure(InputError(file: input.display, row: 0, en: "the file is empty", th: "ไฟล์ว่าง"))
                    }
                    csv = reader
                }
            } catch let e as InputError {
                return .failure(e)
            } catch {
                return .failure(InputError(file: input.display, row: 0, en: "cannot be read", th: "อ่านไม่ได้"))
            }
            while true {
                var batch: [Raw] = []
                batch.reserveCapacity(batchSize)
                while batch.count < batchSize {
                    if var r = csv {
                        guard let rec = r.next() else { break }
                        csv = r
                        switch rec {
                        case .success(let record): batch.append(.csv(record))
                        case .failure(let e): impact.badBoth.add("\(e.file):\(e.row)")
                        }
                    } else if var l = lines {
                        guard let (n, bytes) = l.next() else { break }
                        lines = l
                        batch.append(.json(n, bytes))
                    }
                }
                if batch.isEmpty { break }
                let rows = process(batch, sides, plans, file: input.display)
                for row in rows { tally(row, into: &impact, &tallies, &seen) }
            }
        }
        impact.targets = targetValues(tallies.0, tallies.1)
        return .success(impact)
    }

    func process(_ batch: [Raw], _ sides: (Side, Side), _ plans: (Result<AssessmentMapper.Plan, InputErrors>, Result<AssessmentMapper.Plan, InputErrors>)?,
                 file: String) -> [Row] {
        let workers = max(1, min(threads, batch.count / 64 + 1))
        if workers == 1 { return batch.map { one($0, sides, plans, file: file) } }
        let out = UnsafeMutableBufferPointer<Row>.allocate(capacity: batch.count)
        out.initialize(repeating: .blank)
        defer { out.deinitialize(); out.deallocate() }
        let chunk = (batch.count + workers - 1) / workers
        nonisolated(unsafe) let target = out
        DispatchQueue.concurrentPerform(iterations: workers) { t in
            let lo = t * chunk, hi = min(batch.count, lo + chunk)
            guard lo < hi else { return }
            for i in lo..<hi { target[i] = one(batch[i], sides, plans, file: file) }
        }
        return Array(out)
    }

    func one(_ raw: Raw, _ sides: (Side, Side), _ plans: (Result<AssessmentMapper.Plan, InputErrors>, Result<AssessmentMapper.Plan, InputErrors>)?,
             file: String) -> Row {
        let mapped: (Result<Assessment, InputErrors>, Result<Assessment, InputErrors>)
        let row: Int
        switch raw {
        case .csv(let record):
            row = record.row
            guard let plans else { return .blank }
            func map(_ s: Side, _ plan: Result<AssessmentMapper.Plan, InputErrors>) -> Result<Assessment, InputErrors>? {
                switch plan {
                case .success(let p): return s.mapper.map(record, plan: p, file: file)
                case .failure(let e): return .failure(e)
                }
            }
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return .blank }
            guard let a = map(sides.0, plans.0), let b = map(sides.1, plans.1) else { return .blank }
            mapped = (a, b)
        case .json(let n, let bytes):
            row = n
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
            let fastA = sides.0.fast.read(bytes), fastB = sides.1.fast.read(bytes)
            var json: Result<JSONValue, InputErrors>?
            if fastA == nil || fastB == nil {
                switch JSONParser.parse(Array(bytes)) {
                case .success(let v): json = .success(v)
                case .failure(let f):
                    let column = String(decoding: bytes.prefix(f.offset), as: UTF8.self).count + 1
                    json = .failure(InputErrors([InputError(file: file, row: n, column: column, en: f.en, th: f.th)]))
                }
            }
            func map(_ s: Side, _ fast: Assessment?) -> Result<Assessment, InputErrors> {
                if let fast { return .success(fast) }
                switch json {
                case .success(let v)?: return s.mapper.map(json: v, row: n, file: file)
                case .failure(let e)?: return .failure(e)
                case nil: return .failure(InputErrors([]))
                }
            }
            mapped = (map(sides.0, fastA), map(sides.1, fastB))
        }
        let a = sides.0.evaluate(mapped.0, file: file, row: row), b = sides.1.evaluate(mapped.1, file: file, row: row)
        var delta: PersonComparison.Delta?
        if case .success(let x) = a, case .success(let y) = b { delta = comparison.compare(x.1, y.1) }
        return .done(old: a, new: b, delta: delta)
    }

    func tally(_ row: Row, into impact: inout Impact, _ tallies: inout (TargetTally, TargetTally), _ seen: inout Set<String>) {
        guard case .done(let a, let b, let delta) = row else { return }
        let assessment: Assessment?
        switch (a, b) {
        case (.success(let x), _): assessment = x.0
        case (_, .success(let y)): assessment = y.0
        default: assessment = nil
        }
        guard let person = assessment else {
            if case .failure(let e) = a { impact.badBoth.add("\(e.file):\(e.row)") }
            return
        }
        guard seen.insert(person.id).inserted else {
            impact.badBoth.add(person.id)
            return
        }
        if case .success(let x) = a { do { try tallies.0.add(x.1) } catch { impact.targetErrors.old += 1 } }
        if case .success(let y) = b { do { try tallies.1.add(y.1) } catch { impact.targetErrors.new += 1 } }
        let group: String
        switch (a, b) {
        case (.success(let x), _): group = old.groups[x.1.group].entity.id
        case (_, .success(let y)): group = new.groups[y.1.group].entity.id
        default: group = "-"
        }
        var kinds: [String] = []
        switch (a, b) {
        case (.failure(let e), .success), (.success, .failure(let e)):
            let side: String
            if case .failure = a { side = "old"; impact.failsOld += 1 } else { side = "new"; impact.failsNew += 1 }
            if impact.failures.count < Impact.keptFailures { impact.failures.append(Impact.Failure(side: side, id: person.id, error: e)) }
            kinds = ["fails_" + side]
            // A position rule added or removed can be what makes the row fail or pass.
            for (k, t) in comparison.tests.enumerated() {
                if case .position(let title)? = t, RuleSet.normalise(person.position) == title { impact.touched[k]?.add(person.id) }
            }
        case (.failure(let e), .failure):
            impact.badBoth.add(person.id.isEmpty ? "\(e.file):\(e.row)" : person.id)
            return
        case (.success, .success(let y)):
            impact.people += 1
            guard let d = delta else { break }
            kinds = PersonComparison.Kinds.all.filter { d.kinds.contains($0.0) }.map(\.1)
            if d.kinds.contains(.group) { impact.groupMoves["\(group) → \(new.groups[y.1.group].entity.id)", default: .init()].add(person.id, causes: d.touched) }
            for m in d.bandMoves {
                let p = comparison.bandPairs[m.pair]
                let from = m.from.map { old.bands[p.old].cases[$0].entity.id } ?? "-"
                let to = m.to.map { new.bands[p.new].cases[$0].entity.id } ?? "-"
                impact.bandMoves[Impact.BandMove(band: new.bands[p.new].entity.id, group: group, from: from, to: to), default: .init()].add(person.id, causes: d.touched)
            }
            for i in d.idpLost { impact.idpLost[i, default: .init()].add(person.id, causes: d.touched) }
            for i in d.idpGained { impact.idpGained[i, default: .init()].add(person.id, causes: d.touched) }
            for t in d.touched { impact.touched[t]?.add(person.id) }
        }
        func count(_ b: inout Impact.Breakdown) {
            b.people += 1
            if !kinds.isEmpty { b.changed += 1 }
            for k in kinds { b.kinds[k, default: 0] += 1 }
        }
        count(&impact.byGroup[group, default: .init()])
        count(&impact.byUnit[person.unit.isEmpty ? "-" : person.unit, default: .init()])
        if !kinds.isEmpty { impact.changed.add(person.id) }
        for k in kinds { impact.kinds[k, default: .init()].add(person.id) }
    }

    func targetValues(_ a: TargetTally, _ b: TargetTally) -> [Impact.TargetValue] {
        let oa = a.outcomes(), ob = b.outcomes()
        let ids = (old.targets.map(\.entity.id) + new.targets.map(\.entity.id)).uniqued()
        return ids.map { id in
            let x = old.targets.firstIndex { $0.entity.id == id }.map { oa[$0] }
            let y = new.targets.firstIndex { $0.entity.id == id }.map { ob[$0] }
            let title = (new.targets.first { $0.entity.id == id } ?? old.targets.first { $0.entity.id == id })?.entity.title ?? LocalizedText(th: id)
            return Impact.TargetValue(id: id, title: title, before: x?.value.map { $0.formatted(places: 1) }, after: y?.value.map { $0.formatted(places: 1) },
                                      metBefore: x?.met, metAfter: y?.met)
        }
    }
}
