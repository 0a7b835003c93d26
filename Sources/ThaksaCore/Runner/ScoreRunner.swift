import Dispatch
import Foundation

/// Applies a compiled rule set to assessment files. Every worker thread repeats the same round:
/// it reads the next batch of rows (their bytes copied out, unsplit; one worker reads at a time),
/// splits, maps, evaluates and encodes it into finished output bytes, then the batch joins the
/// ordered part: in input order, whichever worker finished a batch whose predecessors are done
/// checks its ids, reports its bad rows, tallies the summary and reserves where its bytes go in
/// the output; the bytes are then written at that offset outside the ordered part, so writes of
/// different batches overlap and no thread waits for a dedicated reader or writer. Memory holds
/// two batches per worker plus the summary and the ids seen, however many rows.
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

    /// Where the encoded results go: `bytes` belong at byte `offset` of the output. Called from
    /// any worker thread, several at a time, for disjoint ranges that together fill the output
    /// from 0 without gaps.
    public typealias Output = @Sendable (_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Void

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

    /// Rows of one file read by a worker, processed by it into finished output bytes, put in
    /// order, written, then reused (its buffers keep their capacity).
    final class Batch: @unchecked Sendable {
        /// Its place in the input order, and its file's index in `inputs`.
        var sequence = 0, file = 0
        var source = Source(file: "")
        /// Set instead of rows when the file cannot be used at all.
        var fileErrors: [InputError]?
        var raws: [Raw] = []
        var input: [UInt8] = []
        var processed: [Processed] = []
        /// Per row: its id's hash (computed in parallel, for the ordered duplicate check), or 0.
        var hashes: [UInt64] = []
        var output = ByteWriter(capacity: 1 << 16)
        /// The parts of `output` to write (a duplicate's bytes are left out) and where they go.
        var kept: [Range<Int>] = []
        var offset = 0

        func reset() {
            fileErrors = nil
            raws.removeAll(keepingCapacity: true)
            input.removeAll(keepingCapacity: true)
            processed.removeAll(keepingCapacity: true)
            hashes.removeAll(keepingCapacity: true)
            output.removeAll()
            kept.removeAll(keepingCapacity: true)
        }
    }

    /// A worker's reusable buffers: fields, repeated cell strings, and the evaluator's.
    final class Worker: @unchecked Sendable {
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

    /// The file being read and how far: used by one worker at a time, under `Pipeline.reading`.
    struct ReadState {
        var file = -1
        var csv: TableReader?
        var lines: LineReader?
        var source = Source(file: "")
        var sequence = 0
    }

    /// The ordered part's state: touched only by the one worker that holds the emitting turn.
    struct EmitState {
        var outcome: Outcome
        /// Duplicate ids, with a global row number (each file's rows follow the previous file's).
        var ids = FingerprintTable(hash: ScoreRunner.idHash)
        var rowBase: [UInt32] = []      // per file: the global number of its row 0
        var nextBase: UInt32 = 0
        /// Output bytes reserved so far.
        var offset = 0
    }

    /// What the workers share. `reading` guards `read`; `lock` guards the spare batches, the
    /// finished ones waiting for their turn, and who is emitting.
    final class Pipeline: @unchecked Sendable {
        let reading = NSLock()
        var read = ReadState()
        let lock = NSLock()
        var spare: [Batch]
        let spares: DispatchSemaphore
        var finished: [Int: Batch] = [:]
        var nextToEmit = 0
        var emitting = false
        var emit: EmitState

        init(batches: Int, emit: EmitState) {
            spare = (0..<batches).map { _ in Batch() }
            spares = DispatchSemaphore(value: batches)
            self.emit = emit
        }
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

    /// `output` receives encoded results (only for rows without errors) at their place in input
    /// order, from any worker; `failed` receives every bad row's errors, in input order; `person`
    /// receives each scored person's result in input order when `summarise` is on. `failed` and
    /// `person` are called by one thread at a time (not always the same one).
    public func run(inputs: [(path: String, display: String)], output: Output,
                    failed: ([InputError], String?) -> Void, person: (PersonResult) -> Void = { _ in }) -> Outcome {
        var header: [UInt8] = []
        if options.format == .csv { header = Array(encoder.csvHeader.utf8) }
        if options.format == .jsonl, options.compact, options.encode { header = encoder.compactHeader }
        if !header.isEmpty { header.withUnsafeBytes { output($0, 0) } }
        let threads = max(1, options.threads)
        // Two batches per worker: one being processed while another waits for its turn.
        let pipeline = Pipeline(batches: threads == 1 ? 1 : 2 * threads,
                                emit: EmitState(outcome: Outcome(summary: OrganisationSummary(rules: rules)), offset: header.count))
        let workers = (0..<threads).map { _ in Worker() }
        withoutActuallyEscaping(failed) { failed in
            withoutActuallyEscaping(person) { person in
                nonisolated(unsafe) let failed = failed, person = person
                if threads == 1 {
                    work(pipeline, workers[0], inputs: inputs, output: output, failed: failed, person: person)
                } else {
                    DispatchQueue.concurrentPerform(iterations: threads) { t in
                        work(pipeline, workers[t], inputs: inputs, output: output, failed: failed, person: person)
                    }
                }
            }
        }
        return pipeline.emit.outcome
    }

    /// One worker's rounds: read a batch, process it, put it in order (emitting it and any
    /// finished successors if its turn has come), write what was emitted; until the input ends.
    func work(_ pipeline: Pipeline, _ worker: Worker, inputs: [(path: String, display: String)], output: Output,
              failed: ([InputError], String?) -> Void, person: (PersonResult) -> Void) {
        while true {
            pipeline.spares.wait()
            let batch = pipeline.lock.withLock { pipeline.spare.removeLast() }
            let more = pipeline.reading.withLock { next(into: batch, &pipeline.read, inputs: inputs) }
            guard more else {
                pipeline.lock.withLock { pipeline.spare.append(batch) }
                pipeline.spares.signal()
                return
            }
            if batch.fileErrors == nil { process(batch, source: batch.source, worker: worker) }
            // Into the ordered part: the worker that finds the next batch in order emits it and
            // every finished batch after it; others leave theirs for it.
            var emitted: [Batch] = []
            pipeline.lock.lock()
            pipeline.finished[batch.sequence] = batch
            if !pipeline.emitting {
                pipeline.emitting = true
                while let b = pipeline.finished.removeValue(forKey: pipeline.nextToEmit) {
                    pipeline.lock.unlock()
                    emit(b, &pipeline.emit, inputs: inputs, failed: failed, person: person)
                    emitted.append(b)
                    pipeline.lock.lock()
                    pipeline.nextToEmit += 1
                }
                pipeline.emitting = false
            }
            pipeline.lock.unlock()
            for b in emitted {
                var at = b.offset
                for part in b.kept {
                    b.output.withBytes(part) { output($0, at) }
                    at += part.count
                }
                b.reset()
                pipeline.lock.withLock { pipeline.spare.append(b) }
                pipeline.spares.signal()
            }
        }
    }

    /// The next batch of rows in input order (of one file), or a file's errors when it cannot be
    /// used; false at the end of the input.
    func next(into batch: Batch, _ r: inout ReadState, inputs: [(path: String, display: String)]) -> Bool {
        batch.reset()
        func take() -> Bool {
            batch.sequence = r.sequence
            batch.file = r.file
            batch.source = r.source
            r.sequence += 1
            return true
        }
        func fail(_ errors: [InputError]) -> Bool {
            batch.fileErrors = errors
            r.csv = nil
            r.lines = nil
            return take()
        }
        while true {
            if r.csv != nil || r.lines != nil {
                read(into: batch, csv: &r.csv, lines: &r.lines, file: r.source.file)
                if !batch.raws.isEmpty { return take() }
                r.csv = nil
                r.lines = nil
            }
            r.file += 1
            guard r.file < inputs.count else { return false }
            let input = inputs[r.file]
            r.source = Source(file: input.display)
            if ScoreRunner.isJSONLines(input.path) {
                guard let lines = try? LineReader(path: input.path) else {
                    return fail([InputError(file: input.display, row: 0, en: "cannot be read", th: "อ่านไม่ได้")])
                }
                r.lines = lines
                continue
            }
            var reader: TableReader
            do throws(InputError) {
                reader = try TableReader(path: input.path, display: input.display, encoding: options.encoding, sheet: options.sheet)
            } catch { return fail([error]) }
            switch reader.next() {
            case .success(let header)?:
                switch mapper.plan(header: header.fields, file: input.display) {
                case .success(let p): r.source.plan = p
                case .failure(let e): return fail(e.items)
                }
            case .failure(let e)?: return fail([e])
            case nil: return fail([InputError(file: input.display, row: 0, en: "the file is empty", th: "ไฟล์ว่าง")])
            }
            r.source.splitter = reader.splitter
            r.csv = reader
        }
    }

    /// The ordered pass over a processed batch: duplicate ids, summary, errors, and where its
    /// output bytes go.
    func emit(_ batch: Batch, _ s: inout EmitState, inputs: [(path: String, display: String)],
              failed: ([InputError], String?) -> Void, person: (PersonResult) -> Void) {
        if let errors = batch.fileErrors {
            failed(errors, nil)
            s.outcome.bad += 1
            s.outcome.badFiles += 1
            return
        }
        while s.rowBase.count <= batch.file { s.rowBase.append(s.nextBase) }
        let display = inputs[batch.file].display, base = s.rowBase[batch.file]
        var from = 0, unkept = 0   // output bytes: start of this row's, start of those not yet kept
        for (k, p) in batch.processed.enumerated() {
            switch p {
            case .blank: continue
            case .bad(let errors):
                s.outcome.bad += 1
                failed(errors, nil)
            case .ok(let id, let result, let end):
                defer { from = end }
                let row = ScoreRunner.row(of: batch.raws[k])
                s.nextBase = max(s.nextBase, base &+ UInt32(clamping: row) &+ 1)
                var key = id
                if let first = key.withUTF8({ s.ids.insert(UnsafeRawBufferPointer($0), hashed: batch.hashes[k], row: base &+ UInt32(clamping: row)) }) {
                    if from > unkept { batch.kept.append(unkept..<from) }
                    unkept = end
                    s.outcome.bad += 1
                    let firstFileIndex = s.rowBase.lastIndex { $0 <= first } ?? 0
                    let firstFile = inputs[firstFileIndex].display, firstRow = Int(first - s.rowBase[firstFileIndex])
                    let at = firstFile == display ? "row \(firstRow)" : "\(firstFile) row \(firstRow)"
                    let atTH = firstFile == display ? "แถว \(firstRow)" : "\(firstFile) แถว \(firstRow)"
                    failed([InputError(file: display, row: row, column: batch.source.plan?.roles.firstIndex(of: .id).map { $0 + 1 } ?? 0,
                                       columnName: "id", en: "id `\(id)` is already used in \(at)",
                                       th: "รหัส `\(id)` ซ้ำกับ\(atTH)")], id)
                    continue
                }
                s.outcome.scored += 1
                if let result { s.outcome.summary.add(result); person(result) }
            }
        }
        if batch.output.count > unkept { batch.kept.append(unkept..<batch.output.count) }
        batch.offset = s.offset
        for part in batch.kept { s.offset += part.count }
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

    /// The hash of the duplicate-id table, which the workers also compute for it: one definition,
    /// so the two can never differ (a different hash would let duplicates through unnoticed).
    static let idHash: FingerprintTable.Hash = FingerprintTable.fnv

    /// Each row's result and output bytes, and its id's hash for the ordered duplicate check.
    func process(_ batch: Batch, source: Source, worker: Worker) {
        for raw in batch.raws {
            let p = one(raw, batch, source: source, worker: worker)
            var hash: UInt64 = 0
            if case .ok(var id, _, _) = p { hash = id.withUTF8 { ScoreRunner.idHash(UnsafeRawBufferPointer($0)) } }
            batch.hashes.append(hash)
            batch.processed.append(p)
        }
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
