import Foundation
import Testing
@testable import ThaksaCLI

/// `thaksa score` with the shipped rules on a few thousand rows (the sample rows cycled with new
/// ids, as bench/gen_staff.py makes them), some of them bad: the results and the rejects are the
/// same bytes for 1, 2 and 4 threads, in CSV and in JSON Lines.
@Suite struct ScoreThreadsTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("rules/ocsc-bma/sample").path

    /// The sample's lines after the header, cycled to `count`, each with the id `B<n>`; rows
    /// 700, 1300 and 1900 are bad (an extra field or an unknown group, the id of row 10 again, a stray quote).
    static func population(_ file: String, count: Int, header: Bool) throws -> String {
        let lines = try String(contentsOfFile: sample + "/" + file, encoding: .utf8).split(separator: "\n").map(String.init)
        let body = header ? Array(lines.dropFirst()) : lines
        var out = header ? lines[0] + "\n" : ""
        for k in 0..<count {
            var line = body[k % body.count]
            let id = k == 1300 ? "B10" : "B\(k)"
            line = line.replacingOccurrences(of: #"BMA-\d{4}"#, with: id, options: .regularExpression)
            if k == 700 { line = header ? line + ",extra" : line.replacingOccurrences(of: #""B700""#, with: #""B700", "group": "ZZ""#) }
            if k == 1900 { line = line.replacingOccurrences(of: "B1900", with: header ? "B1900\"x" : "B1900\\u0022x\"") }
            out += line + "\n"
        }
        return out
    }

    @Test(arguments: ["staff.csv", "staff.jsonl"])
    func sameBytesForOneTwoAndFourThreads(file: String) throws {
        let csv = file.hasSuffix(".csv")
        let dir = try ruleFolder(["in." + (csv ? "csv" : "jsonl"): try ScoreThreadsTests.population(file, count: 2100, header: csv)])
        var outputs: [[UInt8]] = []
        var rejects: [[UInt8]] = []
        for threads in ["1", "2", "4"] {
            let run = Run(["score", "in." + (csv ? "csv" : "jsonl"), "--threads", threads, "--skip-invalid", "--out", "out-\(threads)",
                           "--rejects", "rejects-\(threads)"], cwd: dir)
            #expect(run.code == 0, "\(run.stderr)")
            outputs.append(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/out-" + threads))))
            rejects.append(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/rejects-" + threads))))
            #expect(run.stderr.contains("rejected 3"), "\(run.stderr)")
        }
        #expect(outputs[0].filter { $0 == 0x0A }.count == 2097)
        #expect(outputs[1] == outputs[0])
        #expect(outputs[2] == outputs[0])
        #expect(rejects[1] == rejects[0])
        #expect(rejects[2] == rejects[0])
        let text = String(decoding: rejects[0], as: UTF8.self)
        #expect(text.contains(csv ? ",1302," : ",1301,") && text.contains("`B10` is already used in row \(csv ? 12 : 11)"), "\(text)")
    }
}
