import Dispatch
import Foundation

/// Applies a compiled rule set to assessment files. The main thread reads rows in batches (their
/// bytes copied out, unsplit); each worker splits, maps, evaluates and encodes a whole batch into
/// finished output bytes; the main thread checks ids and hands the bytes on in input order.
/// Memory holds a few batches per worker plus the summary and the ids seen, however many rows.
public final class ScoreRunner: Sendable {
    public struct Options: Sendable {
        public var format: ResultEncoder.Format = .jsonl
        /// `--compact`: JSON Lines in the lean form, after a header record.
        public var compact = false
        public var lang: Language = .en
        public var digits: Digits = .arabic
        public var threads = ProcessInfo.processInfo.activeProcessorCount
        /// Rows per batch: small enough that the batches in flight stay a few MiB (a full JSON
        /// Lines result is about 6 KB), large enough that handing them over costs little.
        public var batchSize = 256
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

    /// One row as read: where its bytes are in its batch's `input`, a worksheet row, or an error.
    enum Raw: Sendable {
        case csv(row: Int, Range<Int>)
        case json(row: Int, Range<Int>)
        case record(CSVReader.Record)
        case failure(InputError)
    }

    enum Processed: Sendable {
        case blank
        /// id, the result (kept only when the summary needs it), where its bytes end in `output`
        case ok(String, PersonResult?, end: Int)
        case bad([InputError])
    }

    /// Rows read on the main thread, processed by one worker into finished output bytes, emitted
    /// in input order by the main thread, then reused (its buffers keep their capacity).
    final class Batch: @unchecked Sendable {
        var raws: [Raw] = []
        var input: [UInt8] = []
        var processed: [Processed] = []
        var output = ByteWriter(capacity: 1 << 16)
        /// Signalled once per use, when `processed` and `output` are complete.
        let done = DispatchSemaphore(value: 0)

        func reset() {
            raws.removeAll(keepingCapacity: true)
            input.removeAll(keepingCapacity: true)
            processed.removeAll(keepingCapacity: true)
            output.removeAll()
        }
    }

    /// A worker thread (a serial queue) and its reusable buffers: fields, repeated cell strings,
    /// and the evaluator's.
    final class Worker: @unchecked Sendable {
        let queue = DispatchQueue(label: "thaksa.score.worker")
        var fields = CSVFields()
        var mapping = MappingScratch()
        var scratch = Evaluator.Scratch()
        /// The result each person is evaluated into (its arrays reused from person to person).
        var result = PersonResult()
    }

    /// What a batch's rows need besides their bytes.
    struct Source: Sendable {
        var file: String
        var plan: AssessmentMapper.Plan?
        var splitter: CSVSplitter?
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
    public func run(inputs: [(path: String, display: String)], output: (UnsafeRawBufferPointer) -> Void,
                    failed: ([InputError], String?) -> Void, person: (PersonResult) -> Void = { _ in }) -> Outcome {
        var outcome = Outcome(summary: OrganisationSummary(rules: rules))
        // Duplicate ids, with a global row number (each file's rows follow the previous file's).
        var ids = FingerprintTable()
        var fileIndex = -1
        var rowBase: [UInt32] = []      // per file: the global number of its row 0
        var nextBase: UInt32 = 0
        let threads = max(1, options.threads)
        let workers = (0..<threads).map { _ in Worker() }
        var spare: [Batch] = []
        if options.format == .csv { Array(encoder.csvHeader.utf8).withUnsafeBytes(output) }
        if options.format == .jsonl, options.compact, options.encode { encoder.compactHeader.withUnsafeBytes(output) }
        for input in inputs {
            fileIndex += 1
            rowBase.append(nextBase)
            let isJSON = ScoreRunner.isJSONLines(input.path)
            var source = Source(file: input.display)
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
                    case .success(let p): source.plan = p
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
                source.splitter = reader.splitter
                csv = reader
            }
            // The ordered pass over a processed batch: duplicate ids, output, summary, errors.
            func emit(_ batch: Batch) {
                var from = 0, written = 0   // output bytes: start of this row's, start of the unwritten
                func flush(upTo end: Int) {
                    guard end > written else { return }
                    batch.output.withBytes(written..<end, output)
                    written = end
                }
                for (k, p) in batch.processed.enumerated() {
                    switch p {
                    case .blank: continue
                    case .bad(let errors):
                        outcome.bad += 1
                        failed(errors, nil)
                    case .ok(let id, let result, let end):
                        defer { from = end }
                        let row = ScoreRunner.row(of: batch.raws[k])
                        nextBase = max(nextBase, rowBase[fileIndex] &+ UInt32(clamping: row) &+ 1)
                        var key = id
                        if let first = key.withUTF8({ ids.insert(UnsafeRawBufferPointer($0), row: rowBase[fileIndex] &+ UInt32(clamping: row)) }) {
                            flush(upTo: from)
                            written = end
                            outcome.bad += 1
                            let firstFileIndex = rowBase.lastIndex { $0 <= first } ?? 0
                            let firstFile = inputs[firstFileIndex].display, firstRow = Int(first - rowBase[firstFileIndex])
                            let at = firstFile == input.display ? "row \(firstRow)" : "\(firstFile) row \(firstRow)"
                            let atTH = firstFile == input.display ? "แถว \(firstRow)" : "\(firstFile) แถว \(firstRow)"
                            failed([InputError(file: input.display, row: row, column: source.plan?.roles.firstIndex(of: .id).map { $0 + 1 } ?? 0,
                                               columnName: "id", en: "id `\(id)` is already used in \(at)",
                                               th: "รหัส `\(id)` ซ้ำกับ\(atTH)")], id)
                            continue
                        }
                        outcome.scored += 1
                        if let result { outcome.summary.add(result); person(result) }
                    }
                }
                flush(upTo: batch.output.count)
            }
            // One batch per worker at a time, handed out in turn; the main thread reads the next
            // batches meanwhile and emits finished ones in input order. With one thread, the main
            // thread does it all.
            var pending: [Batch] = []
            var turn = 0
            while true {
                let batch = spare.popLast() ?? Batch()
                batch.reset()
                read(into: batch, csv: &csv, lines: &lines, file: input.display)
                if batch.raws.isEmpty { spare.append(batch); break }
                if threads == 1 {
                    process(batch, source: source, worker: workers[0])
                    emit(batch)
                    spare.append(batch)
                    continue
                }
                let worker = workers[turn % threads], fixed = source
                turn += 1
                worker.queue.async { self.process(batch, source: fixed, worker: worker); batch.done.signal() }
                pending.append(batch)
                if pending.count > threads {
                    let oldest = pending.removeFirst()
                    oldest.done.wait()
                    emit(oldest)
                    spare.append(oldest)
                }
            }
            for batch in pending {
                batch.done.wait()
                emit(batch)
                spare.append(batch)
            }
        }
        return outcome
    }

    /// Reads up to `batchSize` rows (or about 1 MiB of them) into `batch`, copying their bytes
    /// out of the reader's buffer.
    func read(into batch: Batch, csv: inout TableReader?, lines: inout LineReader?, file: String) {
        func full() -> Bool { batch.raws.count >= options.batchSize || batch.input.count >= 1 << 20 }
        if var r = csv {
            csv = nil   // the reader's buffer stays uniquely referenced while it refills
            defer { csv = r }
            while !full(), let next = r.nextRow() {
                switch next {
                case .success(.bytes(let row, let bytes)):
                    let start = batch.input.count
                    batch.input.append(contentsOf: bytes)
                    batch.raws.append(.csv(row: row, start..<batch.input.count))
                case .success(.record(let record)): batch.raws.append(.record(record))
                case .failure(let e): batch.raws.append(.failure(e))
                }
            }
        } else if var l = lines {
            lines = nil
            defer { lines = l }
            while !full(), let (n, bytes) = l.next() {
                if l.tooLong {
                    batch.raws.append(.failure(InputError(file: file, row: n, en: "the line is longer than \(InputLimits.recordBytes) bytes",
                                                          th: "บรรทัดยาวเกิน \(InputLimits.recordBytes) ไบต์")))
                } else {
                    let start = batch.input.count
                    batch.input.append(contentsOf: bytes)
                    batch.raws.append(.json(row: n, start..<batch.input.count))
                }
            }
        }
    }

    static func row(of raw: Raw) -> Int {
        switch raw {
        case .csv(let row, _), .json(let row, _): return row
        case .record(let r): return r.row
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

    func process(_ batch: Batch, source: Source, worker: Worker) {
        for raw in batch.raws { batch.processed.append(one(raw, batch, source: source, worker: worker)) }
    }

    func one(_ raw: Raw, _ batch: Batch, source: Source, worker: Worker) -> Processed {
        let mapped: Result<Assessment, InputErrors>
        let row: Int, file = source.file, plan = source.plan
        switch raw {
        case .failure(let e): return .bad([e])
        case .csv(let n, let range):
            row = n
            guard let plan, let splitter = source.splitter else { return .blank }
            if let e = splitter.split(batch.input[range], row: n, into: &worker.fields) { return .bad([e]) }
            guard let m = mapper.map(fields: worker.fields, row: n, plan: plan, file: file, scratch: &worker.mapping) else { return .blank }
            mapped = m
        case .record(let record):
            row = record.row
            guard let plan, let m = mapper.map(record, plan: plan, file: file) else { return .blank }
            mapped = m
        case .json(let n, let range):
            row = n
            let bytes = batch.input[range]
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
            if let a = fast.read(bytes, scratch: &worker.mapping) { mapped = .success(a); break }
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
                try evaluator.evaluate(a, into: &worker.result, scratch: &worker.scratch)
                let r = worker.result
                switch options.format {
                case _ where !options.encode: break
                case .jsonl: encoder.jsonLine(r, name: a.name, into: &batch.output)
                case .csv: batch.output.utf8(encoder.csvRow(r, name: a.name))
                case .text: batch.output.utf8(encoder.text(r, name: a.name))
                }
                return .ok(r.id, options.summarise ? r : nil, end: batch.output.count)
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
