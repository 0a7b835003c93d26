import Dispatch
import Foundation

/// Applies a compiled rule set to assessment files: reads them in batches, maps, evaluates and
/// encodes each batch on all cores, then hands the results on in input order. Memory holds one
/// batch plus the summary, however many rows there are.
public final class ScoreRunner: Sendable {
    public struct Options: Sendable {
        public var format: ResultEncoder.Format = .jsonl
        /// `--compact`: JSON Lines in the lean form, after a header record.
        public var compact = false
        public var lang: Language = .en
        public var digits: Digits = .arabic
        public var threads = ProcessInfo.processInfo.activeProcessorCount
        /// Rows per batch: small enough that the batches in flight stay a few MiB.
        public var batchSize = 512
        /// Tally the organisation summary (for `summary`); `score` alone does not need it.
        public var summarise = true
        /// Encode each person's result (`summary` alone does not need them).
        public var encode = true
        /// `--encoding`: nil detects it from the file.
        public var encoding: TextEncoding?
        /// `--sheet`: nil reads a workbook's first sheet.
        public var sheet: String?
        /// `--column HEADER=TARGET`
        public var columns: [String: String] = [:]
        /// `--allow-unmapped`: unknown columns and too few item columns are not errors.
        public var allowUnmapped = false
        public init() {}
    }

    public struct Outcome: Sendable {
        public var scored = 0
        public var bad = 0
        /// Of `bad`: files that could not be read at all (unreadable, empty, or a header error).
        public var badFiles = 0
        public var summary: OrganisationSummary
    }

    enum Raw: Sendable {
        case csv(CSVReader.Record)
        case json(Int, ArraySlice<UInt8>)
        case failure(InputError)
    }

    /// A batch being processed off the main thread; `done` is signalled when `result` is set.
    final class BatchJob: @unchecked Sendable {
        let batch: [Raw]
        var result: [Processed] = []
        let done = DispatchSemaphore(value: 0)
        init(_ batch: [Raw]) { self.batch = batch }
    }

    enum Processed: Sendable {
        case blank
        /// id, the result (kept only when the summary needs it), encoded output
        case ok(String, PersonResult?, [UInt8])
        case bad([InputError])
    }

    let rules: RuleSet
    let options: Options
    let mapper: AssessmentMapper
    let fast: FastRecordReader
    let evaluator: Evaluator
    let encoder: ResultEncoder

    public init(rules: RuleSet, options: Options) {
        self.rules = rules
        self.options = options
        mapper = AssessmentMapper(rules: rules, overrides: options.columns, allowUnmapped: options.allowUnmapped)
        fast = FastRecordReader(rules: rules)
        evaluator = Evaluator(rules: rules)
        encoder = ResultEncoder(rules: rules, lang: options.lang, digits: options.digits, compact: options.compact)
    }

    /// `output` receives encoded results in input order (only for rows without errors), a batch at
    /// a time; `failed` receives every bad row's errors, in input order; `person` receives each
    /// scored person's result in input order when `summarise` is on.
    public func run(inputs: [(path: String, display: String)], output: ([UInt8]) -> Void,
                    failed: ([InputError], String?) -> Void, person: (PersonResult) -> Void = { _ in }) -> Outcome {
        var outcome = Outcome(summary: OrganisationSummary(rules: rules))
        // Duplicate ids: fingerprints with a global row number (each file's rows follow the
        // previous file's), sized from the inputs' bytes (a row is rarely under 320 bytes).
        let totalBytes = inputs.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        var ids = FingerprintTable(expected: totalBytes / 320)
        var fileIndex = -1
        var rowBase: [UInt32] = []      // per file: the global number of its row 0
        var nextBase: UInt32 = 0
        if options.format == .csv { output(Array(encoder.csvHeader.utf8)) }
        if options.format == .jsonl, options.compact, options.encode { output(encoder.compactHeader) }
        for input in inputs {
            fileIndex += 1
            rowBase.append(nextBase)
            let isJSON = ScoreRunner.isJSONLines(input.path)
            var plan: AssessmentMapper.Plan?
            var csv: TableReader?
            var lines: LineReader?
            do throws(InputError) {
                if isJSON {
                    do { lines = try LineReader(path: input.path) } catch { throw InputError(file: input.display, row: 0, en: "cannot be read", th: "อ่านไม่ได้") }
                } else { csv = try TableReader(path: input.path, display: input.display, encoding: options.encoding, sheet: options.sheet) }
            } catch {
                failed([error], nil)
                outcome.bad += 1
                outcome.badFiles += 1
                continue
            }
            if var reader = csv {
                switch reader.next() {
                case .success(let header)?:
                    switch mapper.plan(header: header.fields, file: input.display) {
                    case .success(let p): plan = p
                    case .failure(let e):
                        failed(e.items, nil)
                        outcome.bad += 1
                        outcome.badFiles += 1
                        continue
                    }
                case .failure(let e)?:
                    failed([e], nil)
                    outcome.bad += 1
                    outcome.badFiles += 1
                    continue
                case nil:
                    failed([InputError(file: input.display, row: 0, en: "the file is empty", th: "ไฟล์ว่าง")], nil)
                    outcome.bad += 1
                    outcome.badFiles += 1
                    continue
                }
                csv = reader
            }
            // The ordered pass over a processed batch: duplicate ids, output, summary, errors.
            func emit(_ batch: [Raw], _ processed: [Processed]) {
                var out: [UInt8] = []
                defer { if !out.isEmpty { output(out) } }
                for (k, p) in processed.enumerated() {
                    switch p {
                    case .blank: continue
                    case .bad(let errors):
                        outcome.bad += 1
                        failed(errors, nil)
                    case .ok(let id, let result, let encoded):
                        let row = ScoreRunner.row(of: batch[k])
                        nextBase = max(nextBase, rowBase[fileIndex] &+ UInt32(clamping: row) &+ 1)
                        if let first = ids.insert(ScoreRunner.fingerprint(id), row: rowBase[fileIndex] &+ UInt32(clamping: row)) {
                            outcome.bad += 1
                            let firstFileIndex = rowBase.lastIndex { $0 <= first } ?? 0
                            let firstFile = inputs[firstFileIndex].display, firstRow = Int(first - rowBase[firstFileIndex])
                            let at = firstFile == input.display ? "row \(firstRow)" : "\(firstFile) row \(firstRow)"
                            let atTH = firstFile == input.display ? "แถว \(firstRow)" : "\(firstFile) แถว \(firstRow)"
                            failed([InputError(file: input.display, row: row, column: plan?.roles.firstIndex(of: .id).map { $0 + 1 } ?? 0,
                                               columnName: "id", en: "id `\(id)` is already used in \(at)",
                                               th: "รหัส `\(id)` ซ้ำกับ\(atTH)")], id)
                            continue
                        }
                        outcome.scored += 1
                        if let result { outcome.summary.add(result); person(result) }
                        out.append(contentsOf: encoded)
                    }
                }
            }
            // With more than one thread, batch N is processed while batch N+1 is read and batch N-1
            // is written; results still come out in input order.
            var inFlight: BatchJob?
            while true {
                var batch: [Raw] = []
                batch.reserveCapacity(options.batchSize)
                while batch.count < options.batchSize {
                    if var r = csv {
                        guard let rec = r.next() else { csv = r; break }
                        csv = r
                        switch rec {
                        case .success(let record): batch.append(.csv(record))
                        case .failure(let e): batch.append(.failure(e))
                        }
                    } else if var l = lines {
                        guard let (n, bytes) = l.next() else { lines = l; break }
                        lines = l
                        if l.tooLong {
                            batch.append(.failure(InputError(file: input.display, row: n, en: "the line is longer than \(InputLimits.recordBytes) bytes",
                                                             th: "บรรทัดยาวเกิน \(InputLimits.recordBytes) ไบต์")))
                        } else { batch.append(.json(n, bytes)) }
                    }
                }
                if batch.isEmpty { break }
                if options.threads == 1 {
                    emit(batch, process(batch, plan: plan, file: input.display))
                    continue
                }
                let job = BatchJob(batch)
                let file = input.display, fixedPlan = plan
                DispatchQueue.global().async { job.result = self.process(job.batch, plan: fixedPlan, file: file); job.done.signal() }
                if let previous = inFlight {
                    previous.done.wait()
                    emit(previous.batch, previous.result)
                }
                inFlight = job
            }
            if let last = inFlight {
                last.done.wait()
                emit(last.batch, last.result)
            }
        }
        return outcome
    }

    static func row(of raw: Raw) -> Int {
        switch raw {
        case .csv(let r): return r.row
        case .json(let n, _): return n
        case .failure(let e): return e.row
        }
    }

    /// JSON Lines by extension (.jsonl, .ndjson, .json), else by a first `{`.
    static func isJSONLines(_ path: String) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return true }
        if lower.hasSuffix(".csv") { return false }
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = h.readData(ofLength: 64)
        return head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }.first == UInt8(ascii: "{")
    }

    /// 64-bit FNV-1a of an id: duplicate ids are found without keeping every id's text.
    static func fingerprint(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    func process(_ batch: [Raw], plan: AssessmentMapper.Plan?, file: String) -> [Processed] {
        let threads = max(1, min(options.threads, batch.count / 64 + 1))
        if threads == 1 { return batch.map { one($0, plan: plan, file: file) } }
        let out = UnsafeMutableBufferPointer<Processed>.allocate(capacity: batch.count)
        out.initialize(repeating: .blank)
        defer { out.deinitialize(); out.deallocate() }
        let chunk = (batch.count + threads - 1) / threads
        nonisolated(unsafe) let target = out
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let lo = t * chunk, hi = min(batch.count, lo + chunk)
            guard lo < hi else { return }
            for i in lo..<hi { target[i] = one(batch[i], plan: plan, file: file) }
        }
        return Array(out)
    }

    func one(_ raw: Raw, plan: AssessmentMapper.Plan?, file: String) -> Processed {
        let mapped: Result<Assessment, InputErrors>
        var row = 0
        switch raw {
        case .failure(let e): return .bad([e])
        case .csv(let record):
            row = record.row
            guard let plan, let m = mapper.map(record, plan: plan, file: file) else { return .blank }
            mapped = m
        case .json(let n, let bytes):
            row = n
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
            if let a = fast.read(bytes) { mapped = .success(a); break }
            switch JSONParser.parse(Array(bytes)) {
            case .failure(let f):
                let column = String(decoding: bytes.prefix(f.offset), as: UTF8.self).count + 1
                return .bad([InputError(file: file, row: n, column: column, en: f.en, th: f.th)])
            case .success(let json):
                mapped = mapper.map(json: json, row: n, file: file)
            }
        }
        switch mapped {
        case .failure(let e): return .bad(e.items)
        case .success(let a):
            do {
                let r = try evaluator.evaluate(a)
                let bytes: [UInt8]
                switch options.format {
                case _ where !options.encode: bytes = []
                case .jsonl: bytes = encoder.jsonLine(r, name: a.name)
                case .csv: bytes = Array(encoder.csvRow(r, name: a.name).utf8)
                case .text: bytes = Array(encoder.text(r, name: a.name).utf8)
                }
                return .ok(r.id, options.summarise ? r : nil, bytes)
            } catch {
                let column: String
                switch error.kind {
                case _ where error.field != nil: column = error.field ?? ""
                case .noGroup: column = "position"
                case .unknownGroup: column = "group"
                case .unknownItem, .adjustmentNotAllowed: column = "add/waive"
                default: column = "rules"
                }
                let index = plan?.roles.firstIndex { role in
                    switch role {
                    case .position: return column == "position"
                    case .group: return column == "group"
                    case .workload: return column == "workload"
                    default: return false
                    }
                }
                var e = InputError(file: file, row: row, column: index.map { $0 + 1 } ?? 0, columnName: column,
                                   en: error.message(.en), th: error.message(.th))
                if error.span != .none { e.en += " (a rule error)"; e.th += " (ข้อผิดพลาดในกฎ)" }
                return .bad([e])
            }
        }
    }
}
