import Testing
@testable import ThaksaCore

/// `progress` scores: what they may use, and that nothing else may use the BEFORE round.
@Suite struct ProgressCheckerTests {
    static let base = """
    kind ability "ความสามารถ"
    scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
    item A1 ability "ก"
    phase early "ระยะเริ่มแรก"
    group S "บริการ" { phase early { require A1 } }
    score readiness = 100 * count(required where held) / max(count(required), 1)
    list gaps = required where answered and not held

    """

    @Test func progressScoresCheck() {
        let text = ProgressCheckerTests.base + """
        progress had = count(plan_before) >= 2
        progress ok = had and all(plan_before, outcome = as_planned)
        progress moved = group_before != group and assessed_before
        progress closed = count(required where held and answered_before and not held_before and not in_plan_before)
        progress change = if assessed_before then readiness - previous(readiness) else 0
        progress a1 = A1.outcome in [continue, revise] or A1.held_before or A1.answer_before > 0 or A1.answered_before
        target t "ท" { measure share(people where had, ok) goal >= 80 }
        target u "อ" { measure share(people, readiness > 50) goal >= 80 }
        """
        #expect(codes(text) == [])
        let rs = compile(text)
        #expect(rs.progress.map(\.entity.id) == ["had", "ok", "moved", "closed", "change", "a1"])
        #expect(rs.progressOrder.first == 0 && rs.progressOrder.count == 6)
        #expect(rs.targets.map(\.twoRound) == [true, false])
        #expect(rs.progress[4].type == .number && rs.progress[1].type == .bool)
    }

    @Test func beforeRoundOutsideProgressIsC022() {
        for use in ["score s = previous(readiness)", "score s = count(plan_before)", "score s = assessed_before",
                    "list l = required where held_before", "score s = A1.outcome = as_planned", "score s = group_before = S"] {
            #expect(codes(ProgressCheckerTests.base + use + "\n").contains("C022"), "\(use)")
        }
        // A one-round score or IDP pick cannot read a progress score either.
        #expect(codes(ProgressCheckerTests.base + "progress p = 1\nscore s = p + 1\n") == ["C022"])
        #expect(codes(ProgressCheckerTests.base + "progress p = true\nidp { pick required where p }\n") == ["C022"])
    }

    @Test func progressMistakes() {
        #expect(codes(ProgressCheckerTests.base + "progress a = b\nprogress b = a\n").contains("C005"))
        #expect(codes(ProgressCheckerTests.base + "progress p = previous(gaps)\n") == ["C014"])
        #expect(codes(ProgressCheckerTests.base + "progress p = previous(readiness, 1)\n") == ["C011"])
        #expect(codes(ProgressCheckerTests.base + "progress p = required\n") == ["C004"])
        #expect(codes(ProgressCheckerTests.base + "progress p = outcome\n") == ["C002"])   // a field, only on items
        #expect(codes(ProgressCheckerTests.base + "progress readiness = 1\n") == ["C001"])
    }

    /// A declared name wins over the built-in outcome words (documented in docs/language.md).
    @Test func declaredNamesWin() {
        let text = ProgressCheckerTests.base.replacingOccurrences(of: "item A1 ability \"ก\"", with: "item A1 ability \"ก\"\nitem revise ability \"ปรับ\"")
            + "score s = revise.answered\n"
        #expect(codes(text) == [])
    }
}
