import Testing
@testable import ThaksaCore

/// Declared numbers (`value`): parsing and formatting, resolution order, per-group band
/// thresholds and their analysis, and the errors for names and numbers that cannot be resolved.
@Suite struct NamedValueTests {
    /// Two areas with a skill set, an item outside both, two profiles.
    static let base = """
    kind c "สมรรถนะ"
    scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
    value w "น้ำหนัก" en "weight" default 1
    dimension D1 "ด้านหนึ่ง" {
      value w 5
      skillset SS "ชุดทักษะ" {
        item A c "เอ"
        item B c "บี"
      }
      item E c "อี"
    }
    dimension D2 "ด้านสอง" { item F c "เอฟ" }
    item X c "เอ็กซ์"
    """

    func weights(_ rules: String, group: String) throws -> [String: String] {
        let rs = compile(rules)
        let g = try #require(rs.groupByID[group])
        var out: [String: String] = [:]
        for (i, item) in rs.items.enumerated() { out[item.entity.id] = rs.values[0].resolve(group: g, item: item, index: i)?.0.description }
        return out
    }

    @Test func mostSpecificSettingWins() throws {
        let rules = Self.base + """

        group G "กลุ่ม" {
          value w 2
          value w 3 for SS
          value w 4 for B
        }
        group H "อีกกลุ่ม" { }
        """
        // G: B its own for-item 4; A the group's for-skill-set 3; E the dimension's own 5;
        // F and X nothing set on them: the group's own 2.
        #expect(try weights(rules, group: "G") == ["A": "3", "B": "4", "E": "5", "F": "2", "X": "2"])
        // H sets nothing: the dimension's own 5, else the default 1.
        #expect(try weights(rules, group: "H") == ["A": "5", "B": "5", "E": "5", "F": "1", "X": "1"])
    }

    @Test func itemOwnBeatsSkillSetAndDimensionButNotTheGroupsSettingForTheArea() throws {
        let rules = Self.base.replacingOccurrences(of: "item A c \"เอ\"", with: "item A c \"เอ\" { value w 7 }") + """

        group G "กลุ่ม" { value w 9 for D1 }
        group H "อีกกลุ่ม" { }
        """
        #expect(try weights(rules, group: "G")["A"] == "9")
        #expect(try weights(rules, group: "H")["A"] == "7")
    }

    @Test func evaluatedPerRequirementPerGroupAndAsRequireWeight() throws {
        let rules = compile(Self.base + """

        value pass "เกณฑ์" default 80
        group G "กลุ่ม" {
          value w 3 for D2
          value pass 60
          require A, F weight w, X
        }
        score total = sum(required, w)
        score held_w = sum(required where held, w)
        score my_pass = pass
        score weights = sum(required, weight)
        score item_w = sum(items where code = "F", w)
        band b on held_w {
          case top "สูง" when >= pass / 10
          case low "ต่ำ" otherwise
        }
        """)
        var a = Assessment(id: "P")
        a.group = "G"
        a.answers[try #require(rules.itemColumns["F"])] = 1
        let r = try Evaluator(rules: rules).evaluate(a)
        func score(_ n: String) -> Rational { r.values[rules.computed.firstIndex { $0.entity.id == n }!].number }
        #expect(score("total") == Rational(5 + 3 + 1))        // A: D1's own 5, F: G for D2 3, X: default 1
        #expect(score("held_w") == Rational(3))
        #expect(score("my_pass") == Rational(60))
        #expect(score("weights") == Rational(1 + 3 + 1))      // `weight w` resolved for G and F
        #expect(score("item_w") == Rational(3))
        #expect(r.bands[0] == 1)                               // 3 < 60 / 10
    }

    @Test func formatKeepsTheSyntax() throws {
        let text = """
        value w "น้ำหนัก" en "weight" default 1.5
        value t "เกณฑ์"
        dimension D "ด้าน" {
          value w 2
        }
        group G "กลุ่ม" {
          value w 3 for D, X
          value t 70
          require X weight w
        }

        """
        guard case .formatted(let out) = Formatter.format(text) else { Issue.record("not formatted"); return }
        #expect(out == text)
        // a messy layout comes back canonical
        let messy = text.replacingOccurrences(of: "value w 3 for D, X", with: "value  w 3  for D ,X")
        guard case .formatted(let again) = Formatter.format(messy) else { Issue.record("not formatted"); return }
        #expect(again == text)
    }

    @Test func errorsAreLocatedAndNamed() {
        let g = Self.base + "\ngroup G \"กลุ่ม\" { require A }\n"
        // unknown value, unknown part, part of the wrong kind, set twice
        #expect(codes(g + "group H \"h\" { value ww 1 }") == ["C002"])
        #expect(codes(g + "group H \"h\" { value w 1 for D3 }") == ["C002"])
        #expect(codes(g + "group H \"h\" { value w 1 for G }") == ["C003"])
        #expect(codes(g + "group H \"h\" { value w 1 for A value w 2 for A }") == ["C013"])
        #expect(codes(g + "group H \"h\" { value w 1 value w 2 }") == ["C013"])
        // `for` outside a group, a value named like a field, a value where there is no person
        #expect(codes(g.replacingOccurrences(of: "value w 5", with: "value w 5 for A")) == ["C014"])
        #expect(codes(g + "value held \"h\" default 1") == ["C014"])
        #expect(codes(g + "score s = 1\ntarget t \"t\" { goal >= w }") == ["C014"])
        #expect(codes(g + "position \"p\" group G when w > 1") == ["C014"])
        // a number needed and none found: no default and nothing set for X
        let noDefault = g.replacingOccurrences(of: "default 1", with: "")
        #expect(codes(noDefault + "score s = sum(items, w)") == ["C014"])
        #expect(codes(noDefault + "score s = w") == ["C014"])
        #expect(codes(noDefault.replacingOccurrences(of: "require A", with: "require X weight w")) == ["C014"])
        #expect(codes(noDefault.replacingOccurrences(of: "require A", with: "require A weight w")) == [])   // D1's own 5
        #expect(codes(noDefault) == [])   // declared, never read: nothing to resolve
    }

    @Test func perGroupThresholdsAreAnalysedForEveryGroup() throws {
        let rules = """
        value ready_at "เกณฑ์" default 80
        group A "ก" { value ready_at 40 }
        group B "ข" { }
        score s = 1
        band b on s {
          case ready "พร้อม" when >= ready_at
          case mid "กลาง" when >= 50
          case low "ต่ำ" otherwise
        }
        """
        let d = RuleSetLoader.load(files: [("t", rules)]).diagnostics.sorted
        #expect(d.map(\.code) == [.unreachableBand])
        #expect(d.first?.message(.en) == "band case `mid` can never be chosen for group `A` (its thresholds: `ready` >= 40, `mid` >= 50)")
        #expect(d.first?.message(.th) == "ระดับ `mid` ไม่มีทางถูกเลือก สำหรับกลุ่ม `A` (เกณฑ์ของกลุ่มนี้: `ready` >= 40, `mid` >= 50)")
        // Fine for every group: nothing reported.
        #expect(codes(rules.replacingOccurrences(of: "value ready_at 40", with: "value ready_at 60")) == [])
        // A gap in one group's thresholds is a warning naming the group.
        let gap = RuleSetLoader.load(files: [("t", rules.replacingOccurrences(of: "case low \"ต่ำ\" otherwise", with: "")
            .replacingOccurrences(of: "value ready_at 40", with: "value ready_at 60"))]).diagnostics.sorted
        #expect(gap.map(\.code) == [.bandGap])
        #expect(gap.first?.message(.en) == "band `b` gives no case for values below 50 for group `A` (its thresholds: `ready` >= 60, `mid` >= 50)")
    }

    @Test func editorIndexKnowsDeclarationAndSettings() throws {
        let text = Self.base + "\ngroup G \"กลุ่ม\" { value w 3 for D2 }\nscore s = w\n"
        let loaded = RuleSetLoader.load(files: [("t.thaksa", text)])
        let index = RuleIndex(files: loaded.files)
        let def = try #require(index.definitions["w"])
        #expect(def.category == .value)
        // the declaration, D1's setting, G's setting and the score's use
        #expect(index.references(to: "w").count == 4)
        let hover = try #require(SymbolDescription(ruleSet: loaded.ruleSet, lang: .en).describe(def))
        #expect(hover.contains("default: 1"))
        #expect(hover.contains("set in 2 places"))
    }

    @Test func diffListsChangedSettingsAndDefaults() {
        let old = Self.base + "\ngroup G \"กลุ่ม\" { value w 3 for D2 }\n"
        let new = old.replacingOccurrences(of: "value w 3 for D2", with: "value w 4 for D2").replacingOccurrences(of: "default 1", with: "default 2")
        let changes = RuleSetDiffer.diff(old: RuleSetLoader.load(files: [("t.thaksa", old)]), new: RuleSetLoader.load(files: [("t.thaksa", new)]))
        #expect(changes.map { "\($0.subject.rawValue) \($0.key) \($0.aspect ?? "") \($0.before ?? "") → \($0.after ?? "")" } == [
            "value w default 1 → 2",
            "value w settings D1 5; G for D2 3 → D1 5; G for D2 4",
        ])
    }

    @Test func aPartReadByNameUsesThePersonsGroup() throws {
        let text = Self.base + """

        group G "กลุ่ม" { value w 3 for D2  value w 6 for SS  require A }
        group H "อีกกลุ่ม" { require A }
        score d1 = D1.w
        score d2 = D2.w
        score ss = SS.w
        score b = B.w
        target t "t" { measure sum(people, D2.w) goal >= 1 }
        """
        let rules = compile(text)
        func scores(_ group: String) throws -> [String] {
            var a = Assessment(id: "P")
            a.group = group
            let r = try Evaluator(rules: rules).evaluate(a)
            return ["d1", "d2", "ss", "b"].map { n in r.values[rules.computed.firstIndex { $0.entity.id == n }!].number.description }
        }
        // D1: its own 5; D2: G's 3, else the default; SS: G's 6, else its dimension's own 5; B as a requirement of it
        #expect(try scores("G") == ["5", "3", "6", "6"])
        #expect(try scores("H") == ["5", "1", "5", "5"])
        // not a named part, and no number without a default
        #expect(codes(text + "\nscore bad = sum(required, dimension.w)") == ["C014"])
        let noDefault = text.replacingOccurrences(of: "default 1", with: "")
        #expect(codes(noDefault) == ["C014"])   // D2.w for group H
        #expect(RuleSetLoader.load(files: [("t", noDefault)]).diagnostics.sorted.first?.message(.en)
                == "value `w` has no number for dimension `D2` in group `H`: nothing sets it there or on the group, and the value has no `default`")
    }
}
