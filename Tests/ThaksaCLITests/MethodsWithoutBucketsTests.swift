import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// Rule sets without the 70:20:10 model: methods without buckets, or no methods, courses or
/// quarters at all. Outputs list what there is and print no bare `C1_1: ; C2_1: ` labels.
@Suite struct MethodsWithoutBucketsTests {
    static let framework = """
    kind ability "ความสามารถ" en "ability"
    scale have "มี/ไม่มี" {
      level 0 "ไม่มี" accepts "no"
      level 1 "มี" accepts "yes"
    }
    item C1_1 ability "การค้นหาข้อมูล" en "Browsing and searching data"
    item C2_1 ability "การสื่อสารผ่านดิจิทัล" en "Interacting through digital technologies"
    group all "ทุกคน" en "everyone" {
      require C1_1, C2_1
    }
    idp {
      items 1 to 3
      pick required where answered and not held
    }

    """
    static let people = "id,name,group,C1_1,C2_1\nP1,ก,all,no,no\nP2,ข,all,yes,no\n"

    /// Methods without buckets, one track of courses, no quarters.
    static let withMethods = framework + """
    method self_study "ศึกษาด้วยตนเอง" en "Self-study"
    method workshop "การประชุมเชิงปฏิบัติการ" en "Workshop"
    track all_staff "เส้นทางเดียว" en "one track" {
      groups all
      course "1" "ค้นหาข้อมูลอย่างมีวิจารณญาณ" en "Searching critically" {
        methods self_study, workshop
        serves C1_1
      }
      course "2" "การสื่อสารออนไลน์" en "Communicating online" {
        methods self_study
        serves C2_1
      }
    }
    """

    func run(_ rules: String, _ args: [String]) throws -> Run {
        let dir = try ruleFolder(["rules.thaksa": rules, "people.csv": MethodsWithoutBucketsTests.people])
        return Run(args + ["--rules", "."], env: ["LANG": "C"], cwd: dir)
    }

    func rows(_ r: Run) -> [String] { r.stdout.split(separator: "\r\n").map(String.init) }

    @Test func methodsWithoutBucketsCheckAndScore() throws {
        let csv = try run(MethodsWithoutBucketsTests.withMethods, ["score", "people.csv", "--format", "csv"])
        #expect(csv.code == 0, Comment(rawValue: csv.stderr))
        let p1 = try #require(rows(csv).first { $0.hasPrefix("P1,") })
        #expect(p1.hasSuffix(",C1_1: 1 Searching critically; C2_1: 2 Communicating online,\"C1_1: Self-study, Workshop; C2_1: Self-study\","),
                Comment(rawValue: p1))
        let json = try run(MethodsWithoutBucketsTests.withMethods, ["score", "people.csv"])
        #expect(json.stdout.contains("\"methods\":[\"self_study\",\"workshop\"],\"methods_by_bucket\":{},\"quarter\":null"))
    }

    @Test func withoutMethodsCoursesOrQuartersTheColumnsAreEmpty() throws {
        let r = try run(MethodsWithoutBucketsTests.framework, ["score", "people.csv", "--format", "csv"])
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let p1 = try #require(rows(r).first { $0.hasPrefix("P1,") })
        // IDP items are listed; courses, methods and quarters are empty, not "C1_1: ; C2_1: ".
        #expect(p1.hasSuffix(",C1_1 Browsing and searching data; C2_1 Interacting through digital technologies,,,"), Comment(rawValue: p1))
        let text = try run(MethodsWithoutBucketsTests.framework, ["score", "people.csv", "--format", "text"])
        #expect(!text.stdout.contains("methods"))
        #expect(!text.stdout.contains("course "))
    }

    /// The IDP1 form: one "methods" column (๓) when there are methods but no buckets; none without methods.
    @Test func formHasOneMethodColumnWithoutBuckets() throws {
        let dir = try ruleFolder(["rules.thaksa": MethodsWithoutBucketsTests.withMethods, "people.csv": MethodsWithoutBucketsTests.people])
        let r = Run(["forms", "people.csv", "--rules", ".", "--id", "P1", "--lang", "en", "--out", dir + "/f.html"], env: ["LANG": "C"], cwd: dir)
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let html = try String(contentsOfFile: dir + "/f.html", encoding: .utf8)
        #expect(html.components(separatedBy: "<col class=\"c-method\">").count == 2)
        #expect(html.contains("<th rowspan=\"2\">(3) Development methods</th>"))
        #expect(html.contains("<td class=\"method\">Self-study, Workshop</td>"))

        let bare = try ruleFolder(["rules.thaksa": MethodsWithoutBucketsTests.framework, "people.csv": MethodsWithoutBucketsTests.people])
        let r2 = Run(["forms", "people.csv", "--rules", ".", "--id", "P1", "--lang", "en", "--out", bare + "/f.html"], env: ["LANG": "C"], cwd: bare)
        #expect(r2.code == 0, Comment(rawValue: r2.stderr))
        let html2 = try String(contentsOfFile: bare + "/f.html", encoding: .utf8)
        #expect(!html2.contains("<col class=\"c-method\">"))
        #expect(!html2.contains("Development methods"))
    }

    @Test func onePerBucketNeedsBuckets() throws {
        let rules = MethodsWithoutBucketsTests.withMethods.replacingOccurrences(
            of: "pick required where answered and not held", with: "pick required where answered and not held\n  methods one per bucket")
        let dir = try ruleFolder(["rules.thaksa": rules])
        let r = Run(["check", dir], env: ["LANG": "C"])
        #expect(r.code == 1)
        #expect(r.stdout.contains("C014") || r.stderr.contains("C014"))
    }
}
