import Testing
@testable import ThaksaCore

@Suite struct CheckerTests {
    @Test func everyNameIsResolvedToAnIndex() {
        let rs = compile(miniRules)
        #expect(rs.items.map(\.entity.id) == ["DLit100", "DLit200", "DLit300", "KB1", "KB2"])
        #expect(rs.items[0].skillset == 0 && rs.items[0].dimension == 0)
        #expect(rs.groups[0].phases[0]!.map(\.item) == [0, 1, 3])
        #expect(rs.trackOf(group: 1) == 0)
        #expect(rs.tracks[0].coursesByItem[0] == [0, 1])
        #expect(rs.positionsByTitle["นักวิชาการเงินและบัญชี"] == [0, 1])
        #expect(rs.evaluationOrder.count == rs.computed.count)
    }

    @Test func duplicatesAndUndefinedWithSuggestions() {
        let loaded = RuleSetLoader.load(files: [("t.thaksa", miniRules + "\nkind ability \"ซ้ำ\"\nscore x = count(required where kind = abilty)\n")])
        let d = loaded.diagnostics.sorted
        #expect(d.map(\.code) == [.duplicateName, .undefinedName])
        #expect(d[1].suggestion == "ability")
    }

    @Test func typeErrors() {
        #expect(codes(miniRules + "\nscore bad = unit + 1\n") == ["C004"])
        #expect(codes(miniRules + "\nscore bad = if held then 1 else 0\n") == ["C002"])
        #expect(codes(miniRules + "\nscore bad = count(required where kind = A)\n") == ["C004"])
        #expect(codes(miniRules + "\nlist bad = gap_count\n") == ["C017"])
    }

    @Test func levelFromTheWrongScale() {
        let levels = """
        kind ability "ความสามารถ"
        scale proficiency "ระดับ" { level 0 "ยังไม่มี" level 1 "พื้นฐาน" level 2 "ปานกลาง" level 3 "ชำนาญ" expect 2 default }
        scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
        item DG100 ability "ปฏิบัติตามกฎหมาย"
        item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล" { scale have }
        phase early "ระยะเริ่มแรก"
        group M "ผู้อำนวยการ" { phase early { require DG100 level "ชำนาญ", DLit100 level 2 } }
        """
        #expect(codes(levels) == ["C008"])
        let rs = RuleSetLoader.load(files: [("t", levels)]).ruleSet
        #expect(rs.groups[0].phases[0]![0].level == 3)
        #expect(rs.scales[0].expect == 2)
    }

    @Test func cyclesBetweenScoresAreRejected() {
        let d = RuleSetLoader.load(files: [("t", miniRules + "\nscore a = b + 1\nscore b = c\nscore c = a\n")]).diagnostics.sorted
        #expect(d.map(\.code) == [.cycle])
        #expect(d[0].args[1] == "a → b → c → a")
    }

    @Test func unreachableAndGappedBands() {
        let bands = miniRules + """

        band b2 on readiness { case top "สูง" when >= 50 case mid "กลาง" when >= 80 case low "ต่ำ" when < 40 }
        """
        let d = RuleSetLoader.load(files: [("t", bands)]).diagnostics.sorted
        #expect(d.map(\.code) == [.bandGap, .unreachableBand])
        #expect(d[0].message(.en) == "band `b2` gives no case for values from 40 to under 50")
        #expect(d[0].message(.th) == "แถบ `b2` ไม่มีระดับสำหรับค่า ตั้งแต่ 40 ถึงต่ำกว่า 50")
        #expect(d[0].severity == .warning)
    }

    @Test func peopleOnlyInTargets() {
        #expect(codes(miniRules + "\nscore s = count(people)\n") == ["C020"])
    }

    @Test func unknownTopicInServes() {
        #expect(codes(miniRules.replacingOccurrences(of: "serves DLit100 }", with: "serves DLit100 topic \"9.9\" }")) == ["C018"])
    }
}

@Suite struct TargetTests {
    @Test func sharesAreMeasuredPersonByPerson() throws {
        let rules = compile(miniRules)
        let e = Evaluator(rules: rules)
        var tally = TargetTally(rules: rules)
        for (i, answered) in [true, true, true, false, true].enumerated() {
            var a = Assessment(id: "P\(i)")
            a.group = "S"
            if answered { for code in ["DLit100", "KB1", "KB2"] { a.answers[rules.itemColumns[code]!] = 1 } }
            try tally.add(e.evaluate(a))
        }
        let o = tally.outcomes()[0]
        #expect(o.value == Rational(80))
        #expect(o.met == true)
        #expect(TargetTally(rules: rules).outcomes()[0].value == nil)   // no people: no measure
    }
}

final class RecordingTracer: Tracer {
    var events: [String] = []
    func group(_ group: Int, reason: GroupReason, position: Int?) { events.append("group \(group) \(reason)") }
    func computed(_ slot: Int, _ value: Value) { events.append("computed \(slot)") }
    func band(_ band: Int, case: Int?) { events.append("band \(band) \(String(describing: `case`))") }
    func idp(_ entry: IDPEntry) { events.append("idp \(entry.requirement)") }
}

@Suite struct TraceTests {
    @Test func tracerSeesEveryDecisionInOrder() throws {
        let rules = compile(miniRules)
        var a = Assessment(id: "P1")
        a.group = "A"
        let t = RecordingTracer()
        _ = try Evaluator(rules: rules).evaluate(a, tracer: t)
        #expect(t.events.first == "group 0 column")
        #expect(t.events.filter { $0.hasPrefix("computed") }.count == rules.computed.count)
        #expect(t.events.contains("band 0 Optional(2)"))
    }
}

/// A person's band in targets: with several bands a case names its band; a case of another band,
/// or a bare `band` that cannot be resolved, is an error (never a comparison that is silently false).
@Suite struct BandReferenceTests {
    static let rules = miniRules + """

    score knows = count(required where kind = knowledge and held)
    band first_band on readiness {
      case high "สูง" when >= 50
      case low "ต่ำ" otherwise
    }
    band second_band on knows {
      case many "มาก" when >= 2
      case few "น้อย" otherwise
    }

    """

    func target(_ measure: String) -> String {
        BandReferenceTests.rules + "target t \"t\" {\n  measure \(measure)\n  goal >= 50\n}\n"
    }

    func messages(_ text: String) -> [String] {
        RuleSetLoader.load(files: [("test.thaksa", text)]).diagnostics.sorted.map { $0.message(.en) }
    }

    @Test func casesNameTheirBand() {
        #expect(codes(target("share(people, band = many)")) == [])
        #expect(codes(target("share(people, second_band = many)")) == [])
        #expect(codes(target("share(people, band in [high, low])")) == [])
        #expect(codes(target("share(people, second_band in [many, few])")) == [])
    }

    @Test func aCaseOfAnotherBandIsAnError() {
        let m = messages(target("share(people, first_band = many)"))
        #expect(m.count == 1)
        #expect(m.first?.contains("`many` is a case of band `second_band`, not of band `first_band`") == true)
        #expect(codes(target("share(people, band in [high, many])")) == ["C014"])
    }

    @Test func aBandOutsidePeopleSaysWhereItCanBeUsed() {
        let m = messages(target("if second_band = many then 100 else 0"))
        #expect(m.count == 1)
        #expect(m.first?.contains("`second_band` is a band") == true)
    }
}

/// Phases are optional: without any, `require` sits in the group (one implicit phase, nothing upcoming).
@Suite struct OptionalPhaseTests {
    static let base = """
    kind ability "ความสามารถ"
    scale have "มี/ไม่มี" {
      level 0 "ไม่มี" accepts "no"
      level 1 "มี" accepts "yes"
    }
    item A1 ability "หนึ่ง"
    item A2 ability "สอง"

    """

    @Test func requireDirectlyInAGroup() throws {
        let rs = compile(OptionalPhaseTests.base + "group S \"บริการ\" {\n  require A1, A2\n}\ngroup T \"เทคโนโลยี\" {\n  require A2\n}\n")
        #expect(rs.phases.count == 1 && rs.effectivePhase == 0 && rs.nextPhase == nil)
        #expect(rs.groups[0].phases[0]?.map(\.item) == [0, 1])
        #expect(rs.groups[1].phases[0]?.map(\.item) == [1])
        let evaluator = Evaluator(rules: rs)
        var a = Assessment(id: "P1")
        a.group = "S"
        a.answers = Answers(count: 2)
        a.answers[0] = 1
        a.answers[1] = 0
        let r = try evaluator.evaluate(a)
        #expect(r.required.map(\.item) == [0, 1])
        #expect(r.requirements.count == r.requiredCount)   // nothing upcoming
    }

    @Test func withPhasesDeclaredRequireBelongsInAPhase() {
        let text = OptionalPhaseTests.base + "phase early \"ระยะ\"\ngroup S \"บริการ\" {\n  require A1\n}\n"
        #expect(codes(text) == ["C014"])
        let m = RuleSetLoader.load(files: [("t", text)]).diagnostics.sorted.first?.message(.en) ?? ""
        #expect(m.contains("write `require` inside `phase NAME { }`"))
        #expect(codes(OptionalPhaseTests.base + "group S \"บริการ\" {\n  require A1, A1\n}\n") == ["C015"])
    }
}
