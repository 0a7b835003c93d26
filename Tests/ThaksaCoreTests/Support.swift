import Testing
@testable import ThaksaCore

/// Loads rule text held in memory and fails the test, with the rendered diagnostics, on any error.
func compile(_ text: String, file: String = "test.thaksa") -> RuleSet {
    let loaded = RuleSetLoader.load(files: [(file, text)])
    if loaded.diagnostics.hasErrors {
        Issue.record(Comment(rawValue: DiagnosticRenderer(sources: loaded.sources).text(loaded.diagnostics.sorted)))
    }
    return loaded.ruleSet
}

/// The codes of every diagnostic for a rule text, in printed order.
func codes(_ text: String) -> [String] {
    RuleSetLoader.load(files: [("test.thaksa", text)]).diagnostics.sorted.map(\.code.rawValue)
}

/// A small framework in the shape of the OCSC one, used by evaluator tests.
let miniRules = """
ruleset mini "ชุดทดสอบ"
kind ability "ความสามารถ"
kind knowledge "ความรู้"
scale have "มี/ไม่มี" {
  level 0 "ไม่มี" accepts "no", "0"
  level 1 "มี" accepts "yes", "1", "✓"
}
dimension D1 "รู้เท่าทันและใช้เทคโนโลยีเป็น" {
  skillset DLit "ความเข้าใจและใช้เทคโนโลยีดิจิทัล" {
    item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล"
    item DLit200 ability "ใช้งานเครื่องมือดิจิทัล"
    item DLit300 ability "ใช้ดิจิทัลเพื่อการทำงานร่วมกัน"
  }
}
item KB1 knowledge "เทคนิคการใช้เทคโนโลยีดิจิทัล"
item KB2 knowledge "ความรู้ด้านความปลอดภัย"
phase early "ระยะเริ่มแรก"
phase develop "ระยะกำลังพัฒนา"
programme { current early next develop split 70 30 }
group A "วิชาการ" { track t1 phase early { require DLit100, DLit200, KB1 } phase develop { require DLit300 } }
group S "บริการ" { track t1 phase early { require DLit100, KB1, KB2 } }
position "นักวิชาการเงินและบัญชี" group S when unit starts with "สำนักงานเขต"
position "นักวิชาการเงินและบัญชี" group A
assignment { order column, workload, career_path, position supervisor add, waive }
bucket b70 "เรียนรู้จากการปฏิบัติ" share 70
bucket b20 "เรียนรู้จากผู้อื่น" share 20
method self_learning "เรียนรู้ด้วยตนเอง" bucket b70
method coaching "การสอนงาน" bucket b20
quarter Q1 "ไตรมาส ๑" months 10 to 12
quarter Q2 "ไตรมาส ๒" months 1 to 3
track t1 "เส้นทางทดสอบ" {
  groups A, S
  course "1.1" "การใช้งานคอมพิวเตอร์" { methods self_learning serves DLit100 }
  course "1.2" "การสอนงานดิจิทัล" { methods coaching, self_learning serves DLit100, KB1 }
}
list gaps = required where answered and not held order by kind, rank
score gap_count = count(gaps)
score readiness = if count(required) = 0 then 100 else round(100 * count(required where held) / count(required), 1)
score assessed = all(required, answered)
band readiness_band on readiness {
  case ready "พร้อม" when >= 80
  case developing "กำลังพัฒนา" when >= 50
  case beginner "เริ่มต้น" otherwise
}
idp { items 1 to 2 pick gaps pick upcoming courses 1 methods all schedule Q1, Q2 }
target assessed_share "ประเมินตนเองแล้ว" { measure share(people, assessed) goal >= 80 }
"""
