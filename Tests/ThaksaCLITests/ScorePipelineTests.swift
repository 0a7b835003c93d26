import Foundation
import Testing
@testable import ThaksaCLI
@testable import ThaksaCore
#if canImport(Glibc)
import Glibc
#endif

/// The score pipeline's ordered part and positional writes: whatever the threads and the batch
/// size, the results (placed by offset), the errors and the people reach their callers in input
/// order, the same as one thread with one batch; `AtomicFile` takes writes at offsets from many
/// threads at once and still writes all or nothing.
@Suite struct ScorePipelineTests {
    static let rules = RuleSetLoader.load(ScoreThreadsTests.sample + "/..").ruleSet

    /// What a run hands its callers: the output as placed by offset (a range written twice or a
    /// gap is an error), every `failed` call, every person's id, and the counts.
    struct Seen {
        var output: [UInt8]
        var gapsOrOverlaps: Int
        var failed: [String]
        var people: [String]
        var scored: Int, bad: Int, badFiles: Int
    }

    final class Placed: @unchecked Sendable {
        let lock = NSLock()
        var parts: [(Int, [UInt8])] = []
    }

    static func run(_ inputs: [(path: String, display: String)], threads: Int, batch: Int, format: ResultEncoder.Format = .jsonl,
                    compact: Bool = false) -> Seen {
        var options = ScoreRunner.Options()
        options.threads = threads
        options.batchSize = batch
        options.format = format
        options.compact = compact
        let placed = Placed()
        var failed: [String] = [], people: [String] = []
        let outcome = ScoreRunner(rules: rules, options: options).run(inputs: inputs, output: { bytes, offset in
            placed.lock.withLock { placed.parts.append((offset, Array(bytes))) }
        }, failed: { errors, id in
            failed.append(errors.map { "\($0.file):\($0.row):\($0.column) \($0.en)" }.joined(separator: "; ") + " [\(id ?? "-")]")
        }, person: { people.append($0.id) })
        var output: [UInt8] = [], bad = 0
        for (offset, bytes) in placed.parts.sorted(by: { $0.0 < $1.0 }) {
            if offset != output.count { bad += 1 }
            output.append(contentsOf: bytes)
        }
        return Seen(output: output, gapsOrOverlaps: bad, failed: failed, people: people,
                    scored: outcome.scored, bad: outcome.bad, badFiles: outcome.badFiles)
    }

    /// Two CSV files and a JSON Lines file, with an unusable file between them: bad rows, an id
    /// repeated within a file (row 1300 has row 10's) and across files (the second file's ids
    /// start again from B0), blank lines.
    static func inputs() throws -> [(path: String, display: String)] {
        let csv = try ScoreThreadsTests.population("staff.csv", count: 1400, header: true)
        let json = try ScoreThreadsTests.population("staff.jsonl", count: 300, header: false)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        var second = String(lines[0]) + "\n"
        for (k, line) in lines[1...40].enumerated() { second += (k == 5 ? "\n" : "") + line + "\n" }
        let dir = try ruleFolder(["a.csv": csv, "b.csv": second, "c.jsonl": json, "empty.csv": ""])
        return ["a.csv", "empty.csv", "missing.csv", "b.csv", "c.jsonl"].map { (dir + "/" + $0, $0) }
    }

    @Test("threads 1 to 4 and batch sizes 1 to 256 give the same output, errors and people")
    func sameForEveryThreadsAndBatchSize() throws {
        let inputs = try ScorePipelineTests.inputs()
        let reference = ScorePipelineTests.run(inputs, threads: 1, batch: 256)
        #expect(reference.gapsOrOverlaps == 0)
        #expect(reference.badFiles == 2)
        // In a.csv a row with an extra field and a repeated id; b.csv's 40 ids and c.jsonl's 300 are all a.csv's again.
        #expect(reference.failed.contains { $0.contains("b.csv:2:1 id `B0` is already used in a.csv row 2") }, "\(reference.failed.prefix(8))")
        #expect(reference.failed.contains { $0.contains("a.csv:1302:1 id `B10` is already used in row 12") })
        #expect(reference.scored == 1398)
        #expect(reference.bad == 2 + 2 + 40 + 300)
        #expect(reference.people.count == reference.scored)
        #expect(reference.output.filter { $0 == 0x0A }.count == reference.scored)
        for threads in 1...4 {
            for batch in [1, 3, 64, 256] where !(threads == 1 && batch == 256) {
                let seen = ScorePipelineTests.run(inputs, threads: threads, batch: batch)
                #expect(seen.gapsOrOverlaps == 0, "threads \(threads), batch \(batch)")
                #expect(seen.output == reference.output, "threads \(threads), batch \(batch)")
                #expect(seen.failed == reference.failed, "threads \(threads), batch \(batch)")
                #expect(seen.people == reference.people, "threads \(threads), batch \(batch)")
                #expect(seen.scored == reference.scored && seen.bad == reference.bad && seen.badFiles == reference.badFiles)
            }
        }
    }

    @Test("the header of CSV and compact output sits at offset 0, before every batch", arguments: [false, true])
    func headerFirst(compact: Bool) throws {
        let inputs = Array(try ScorePipelineTests.inputs().prefix(1))
        let one = ScorePipelineTests.run(inputs, threads: 1, batch: 256, format: compact ? .jsonl : .csv, compact: compact)
        let four = ScorePipelineTests.run(inputs, threads: 4, batch: 5, format: compact ? .jsonl : .csv, compact: compact)
        #expect(four.gapsOrOverlaps == 0)
        #expect(four.output == one.output)
        let first = String(decoding: one.output.prefix(40), as: UTF8.self)
        #expect(compact ? first.hasPrefix("{") : first.hasPrefix("\u{FEFF}id") || first.hasPrefix("id"), "\(first)")
    }

    /// Bytes 0..<n in 100 pieces, written from 8 threads in a shuffled order.
    func writeShuffled(_ file: AtomicFile, _ n: Int) -> [UInt8] {
        let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let cuts = [0] + (1..<100).map { $0 * n / 100 } + [n]
        let order = Array(0..<100).shuffled()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for k in stride(from: t, to: 100, by: 8) {
                let piece = order[k]
                bytes[cuts[piece]..<cuts[piece + 1]].withUnsafeBytes { file.write($0, at: cuts[piece]) }
            }
        }
        return bytes
    }

    @Test("positional writes from many threads fill a file and stdout exactly")
    func positionalWrites() throws {
        let dir = try ruleFolder([:])
        let target = dir + "/out.bin"
        let file = try AtomicFile(target: target)
        let expected = writeShuffled(file, 3_000_000)
        try file.commit(stdout: BufferOutput())
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: target))) == expected)
        let out = BufferOutput()
        let piped = try AtomicFile(target: nil)
        let again = writeShuffled(piped, 200_000)
        try piped.commit(stdout: out)
        #expect(out.bytes == again)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.bin"])
    }

    @Test("a positional write that fails mid-run: commit throws, the old file stays, no temporary file")
    func positionalWriteFault() throws {
        let dir = try ruleFolder(["out.bin": "old"])
        let file = try AtomicFile(target: dir + "/out.bin", writer: .failing(after: 1_000_000))
        _ = writeShuffled(file, 3_000_000)
        #expect(throws: OutputError.self) { try file.commit(stdout: BufferOutput()) }
        #expect(try String(contentsOfFile: dir + "/out.bin", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.bin"])
    }

    @Test("a disk that fills up while 4 threads score: exit 3, the old file kept, nothing else left")
    func diskFullWithThreads() throws {
        let dir = try ruleFolder(["in.csv": try ScoreThreadsTests.population("staff.csv", count: 1200, header: true), "out.jsonl": "old\n"])
        let r = Run(["score", "in.csv", "--out", "out.jsonl", "--threads", "4", "--skip-invalid", "--rejects", "rej.csv"], cwd: dir,
                    writer: .failing(after: 400_000))
        #expect(r.code == 3, "\(r.stderr)")
        #expect(r.stderr.contains("no space left on the device"), "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".thaksa-") }.isEmpty)
    }
}
