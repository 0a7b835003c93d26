import Foundation
import Testing
@testable import ThaksaLSP
import ThaksaCore

/// The TextMate grammar (grammar/thaksa.tmLanguage.json): every regex compiles (with
/// NSRegularExpression: ICU syntax, which shares with Oniguruma everything the grammar uses:
/// classes, look-around, alternation), and the rules match what they name, keywords taken from
/// the parser's Schema.
@Suite struct GrammarTests {
    static let path = repositoryRoot + "/grammar/thaksa.tmLanguage.json"

    func grammar() throws -> JSONValue {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: GrammarTests.path)))
        return try JSONParser.parse(bytes).get()
    }

    /// Every `match`, `begin` and `end` regex, with the JSON path it sits at.
    func regexes(_ v: JSONValue, _ at: String = "") -> [(String, String)] {
        switch v {
        case .object(let fields):
            return fields.flatMap { key, value -> [(String, String)] in
                if ["match", "begin", "end"].contains(key), let s = value.stringValue { return [(at + "/" + key, s)] }
                return regexes(value, at + "/" + key)
            }
        case .array(let items): return items.enumerated().flatMap { regexes($1, at + "/\($0)") }
        default: return []
        }
    }

    func rule(_ g: JSONValue, _ name: String, _ index: Int? = nil) throws -> NSRegularExpression {
        var r = try #require(g["repository"]?[name])
        if let index { r = try #require(r["patterns"]?.arrayValue?[index]) }
        return try NSRegularExpression(pattern: try #require(r["match"]?.stringValue))
    }

    func matches(_ re: NSRegularExpression, _ text: String) -> [String] {
        re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    @Test func everyRegexCompiles() throws {
        let all = regexes(try grammar())
        #expect(all.count > 15)
        for (at, pattern) in all {
            #expect((try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])) != nil, "\(at): \(pattern)")
        }
        // The VS Code extension uses this very file.
        let linked = try String(contentsOfFile: repositoryRoot + "/grammar/vscode/syntaxes/thaksa.tmLanguage.json", encoding: .utf8)
        #expect(linked == (try String(contentsOfFile: GrammarTests.path, encoding: .utf8)))
    }

    /// Every keyword the parser accepts anywhere is highlighted as a declaration or property keyword.
    @Test func keywordsComeFromTheSchema() throws {
        let g = try grammar()
        let declaration = try rule(g, "keyword", 0), property = try rule(g, "keyword", 1)
        var keywords = Set<String>(), contexts = [""], seen = Set<String>()
        while let context = contexts.popLast() {
            guard seen.insert(context).inserted else { continue }
            for k in Schema.allowed(in: context) {
                keywords.insert(k)
                if Schema.shape(k, in: context)?.children != nil { contexts.append(Schema.context(of: k, in: context)) }
            }
        }
        #expect(keywords.count > 40)
        for k in keywords.sorted() {
            #expect(matches(declaration, k) == [k] || matches(property, k) == [k], "keyword \(k)")
        }
        #expect(matches(declaration, "groups") != ["group"])
        #expect(matches(declaration, "กgroup").isEmpty)
    }

    @Test func numbersItemCodesStringsAndComments() throws {
        let g = try grammar()
        let number = try rule(g, "number"), code = try rule(g, "item-code")
        #expect(matches(number, "split ๗๐ 30 weight 1_000.5 ๐.๕") == ["๗๐", "30", "1_000.5", "๐.๕"])
        #expect(matches(number, "DLit100 X01").isEmpty)
        #expect(matches(code, "require DLit100, KB1, X01 level 2") == ["DLit100", "KB1", "X01"])
        #expect(matches(code, "ทักษะDLit100").isEmpty)
        let comment = try rule(g, "comment", 1)
        #expect(matches(comment, "require A  # ทักษะ \"x\"") == ["# ทักษะ \"x\""])
        let escape = try NSRegularExpression(pattern: try #require(g["repository"]?["string"]?["patterns"]?.arrayValue?.first?["match"]?.stringValue))
        #expect(matches(escape, #""น้ำ \"ใจ\" \\ \n""#) == [#"\""#, #"\""#, #"\\"#, #"\n"#])
        let call = try rule(g, "function-call")
        #expect(matches(call, "round(100 * count(required), 1)") == ["round", "count"])
    }
}
