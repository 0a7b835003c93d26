import ThaksaCore

/// The `--help` of the older commands in Thai, shown when the language is Thai (`--lang th`, or
/// THAKSA_LANG/LANG). The English texts stay beside each command; options are the same.
enum HelpThai {
    static let texts: [String: String] = [
        "score": """
        วิธีใช้: thaksa score INPUT... [--rules DIR] [--format jsonl|csv|text] [--compact] [--out FILE]
                              [--skip-invalid [--rejects FILE]] [--threads N] [--lang th|en] [--digits thai|arabic]

        ประเมินผลแบบประเมินตนเอง (CSV จาก Excel หรือ Google Forms หรือ JSON Lines) ตามชุดกฎ: ของแต่ละคน
        กลุ่มภารกิจและเหตุผล รายการที่ต้องมี จุดที่ต้องพัฒนา รายการที่ยังไม่ได้ตอบ คะแนน ระดับ และร่างแผน IDP
        ตามลำดับในไฟล์ ไม่ระบุ --rules ใช้ชุดกฎ OCSC/BMA ที่มากับโปรแกรม

        ตัวเลือก:
          --rules DIR        โฟลเดอร์ชุดกฎ
          --format F         jsonl (ค่าเริ่มต้น สำหรับโปรแกรมอื่น ดู docs/results.md), csv (เปิดใน Excel), text (อ่าน)
          --compact          jsonl แบบย่อ: มีแต่รหัสและตัวเลข ชื่อรายการต่าง ๆ อยู่ในระเบียนหัวบรรทัดแรกครั้งเดียว
          --out FILE         เขียนผลลงไฟล์ (ทั้งไฟล์หรือไม่เขียนเลย) ไม่ระบุ = แสดงบนจอ
          --skip-invalid     ประเมินเฉพาะแถวที่ถูกต้อง แถวที่ผิดเขียนลง --rejects พร้อมเหตุผล
          --rejects FILE     ไฟล์แถวที่ผิด (ค่าเริ่มต้น: FILE.rejects.csv ข้าง --out)
          --threads N        จำนวนเธรด (ผลเหมือนกันทุกค่า)
          --lang th|en       ภาษาของข้อความและผลแบบ text/csv
          --digits thai|arabic  เลขไทยหรือเลขอารบิกในผลแบบ csv และ text

        แถวที่ผิด (กลุ่มหรือตำแหน่งที่ไม่รู้จัก คำตอบผิด รหัสซ้ำหรือไม่มี CSV เสีย) แจ้งเป็น ไฟล์ แถว คอลัมน์
        ถ้าไม่ใส่ --skip-invalid และมีแถวผิด จะไม่เขียนผลใด ๆ
        รหัสออก: 0 สำเร็จ, 1 มีแถวผิดหรือกฎผิด, 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้

        """,
        "summary": """
        วิธีใช้: thaksa summary INPUT... [--rules DIR] [--format text|json] [--out FILE] [--skip-invalid]
                                [--lang th|en] [--digits thai|arabic]

        ภาพรวมขององค์กร: ตามกลุ่มภารกิจและตามหน่วยงาน จำนวนคน ร้อยละของแต่ละคะแนนแบบใช่/ไม่ใช่ (เช่น
        ประเมินตนเองครบ) ร้อยละที่มี IDP ค่าเฉลี่ยของคะแนน จำนวนคนในแต่ละระดับ จุดที่ต้องพัฒนาที่พบบ่อย
        แล้วเป้าหมายแต่ละข้อของชุดกฎกับผลที่วัดได้และบรรลุหรือไม่ (รายงาน HTML: thaksa report)
        รหัสออก: 0 สำเร็จ, 1 มีแถวผิดหรือกฎผิด, 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้

        """,
        "progress": """
        วิธีใช้: thaksa progress BEFORE AFTER [--outcomes FILE] [--rules DIR] [--format jsonl|csv|text]
                                [--out FILE] [--summary] [--lang th|en]
               thaksa summary AFTER --before BEFORE [--outcomes FILE] [--rules DIR] [--format text|json] [--out FILE]

        เทียบการประเมินสองรอบ (เช่น ปีงบประมาณ ๒๕๖๔ และ ๒๕๖๕) รายคน (รหัส `id` เดียวกัน): จุดที่ต้องพัฒนาที่ปิดได้
        ที่เกิดใหม่ และที่ยังเหลือ คะแนนแต่ละตัวก่อน หลัง และที่เปลี่ยน ระดับและกลุ่มภารกิจก่อนและหลัง แผนที่ตกลงกัน
        ในรอบ BEFORE (คอลัมน์ `plan` ไม่มีใช้ร่าง IDP) กับผลการพัฒนา IDP2 ของแต่ละรายการจาก --outcomes
        และคะแนน `progress` ของชุดกฎ เรียงตามลำดับใน AFTER แล้วตามด้วยคนที่มีเฉพาะใน BEFORE (ดู docs/results.md)

        ตัวเลือก:
          --outcomes FILE    ผลการพัฒนา IDP2 เป็น CSV หรือ JSON Lines: id, item, outcome (เป็นไปตามแผน,
                             ไม่เป็นไปตามแผน, ให้ดำเนินการพัฒนาต่อ, ปรับแผนการพัฒนาใหม่ หรือ as_planned,
                             not_as_planned, continue, revise) และ note, suggestion ถ้ามี
          --rules DIR        โฟลเดอร์ชุดกฎ (ค่าเริ่มต้น: rules/ocsc-bma ที่มากับโปรแกรม)
          --format F         jsonl (ค่าเริ่มต้น), csv หรือ text; กับ --summary: text (ค่าเริ่มต้น) หรือ json
          --summary          ตามกลุ่มภารกิจและหน่วยงาน: ร้อยละของคนที่ปิดจุดที่ต้องพัฒนาได้อย่างน้อยหนึ่งรายการ
                             ค่าเฉลี่ยที่เปลี่ยนของแต่ละคะแนน การเลื่อนระดับ และเป้าหมายที่ต้องใช้สองรอบ (๔.๒)
          --out FILE         เขียนผลลงไฟล์ (ทั้งไฟล์หรือไม่เขียนเลย) ไม่ระบุ = แสดงบนจอ
          --lang th|en       ภาษาของข้อความและผลแบบ text

        รหัสออก: 0 สำเร็จ, 1 มีแถวผิด รอบไม่ตรงกัน หรือกฎผิด, 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้

        """,
        "lsp": """
        วิธีใช้: thaksa lsp

        เริ่มตัวช่วยแก้ไขกฎ (language server) ผ่าน stdin และ stdout (Language Server Protocol) โปรแกรมแก้ไข
        เป็นผู้เริ่มเอง ดู docs/editors.md: แจ้งข้อผิดพลาดขณะพิมพ์ คำอธิบายเมื่อชี้ (hover) ไปยังที่ประกาศ
        หาที่ใช้ เติมคำอัตโนมัติ โครงร่างไฟล์ จัดรูปแบบ (เหมือน `thaksa fmt`) เปลี่ยนชื่อ และการแก้ด่วน จากตัวตรวจ
        เดียวกับ `thaksa check` ข้อความเป็นภาษาตาม initializationOptions.lang ("th" หรือ "en") หรือภาษาของ
        โปรแกรมแก้ไข หรือ THAKSA_LANG/LANG ไม่เขียนไฟล์ใด ๆ เอง

        """,
        "diff": """
        วิธีใช้: thaksa diff OLD NEW [--population INPUT...] [--format text|json|markdown|github]
                           [--lang th|en] [--fail-on-impact N] [--threads N]
               thaksa diff --git REV DIR [--population INPUT...] [...]

        เทียบชุดกฎสองชุดตามความหมาย ไม่ใช่ตามตัวอักษร (การจัดรูปแบบด้วย `thaksa fmt` หรือหมายเหตุไม่นับว่าเปลี่ยน):
        รายการ รายการที่ต้องมีของแต่ละกลุ่มและระยะ ตำแหน่ง หลักสูตร วิธีการและสัดส่วน สูตรคะแนน เกณฑ์ระดับ
        นโยบาย IDP และเป้าหมาย แต่ละข้อบอกไฟล์และบรรทัดทั้งใน OLD และ NEW
        ใส่ --population เพื่อประเมินคนกลุ่มเดียวกันด้วยกฎทั้งสองชุด แล้วรายงานว่าใครเปลี่ยนกลุ่ม รายการที่ต้องมี
        จุดที่ต้องพัฒนา ระดับ รายการใน IDP หรือคะแนน ตามกลุ่มภารกิจและหน่วยงาน ต่อการเปลี่ยนแต่ละข้อ
        ค่าเป้าหมายก่อนและหลัง และคนที่ใช้ได้กับกฎชุดเดียว

        ตัวเลือก:
          --git REV          เอา OLD จากรุ่น REV ใน git ของโฟลเดอร์ DIR (เช่น origin/main)
          --population F     ไฟล์แบบประเมิน (CSV หรือ JSON Lines) ใส่หลายไฟล์ต่อท้าย NEW ได้
          --format F         text (ค่าเริ่มต้น), json, markdown (ความเห็นใน pull request), github (หมายเหตุบรรทัด)
          --fail-on-impact N รหัสออก 1 เมื่อมีคนได้รับผลกระทบมากกว่า N คน
          --threads N        จำนวนเธรด (ผลเหมือนกันทุกค่า)
          --lang th|en       ภาษาของรายงาน

        รหัสออก: 0 สำเร็จ, 1 กฎผิดหรือเกิน --fail-on-impact, 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้

        """,
        "check": """
        วิธีใช้: thaksa check [PATH...] [--format text|json] [--lang th|en] [--color auto|always|never]

        ตรวจชุดกฎ: ไวยากรณ์ ชื่อ ชนิด การอ้างอิงวน ระดับ PATH เป็นโฟลเดอร์ชุดกฎ ไฟล์ .thaksa ไฟล์เดียว
        หรือโฟลเดอร์ที่มีหลายชุดกฎ (เช่น rules/) ไม่ระบุ = ชุดกฎ OCSC/BMA ที่มากับโปรแกรม

        ตัวเลือก:
          --format text|json   text: ข้อผิดพลาดทาง stderr สรุปทาง stdout (ค่าเริ่มต้น); json: ทุกรายการเป็น JSON
          --lang th|en         ภาษาของข้อความ
          --color WHEN         ใส่สี: auto (เฉพาะบนจอและไม่มี NO_COLOR), always, never

        รหัสออก: 0 ไม่มีข้อผิดพลาด (มีคำเตือนได้), 1 พบข้อผิดพลาด, 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้

        """,
        "explain": """
        วิธีใช้: thaksa explain INPUT --id ID [--rules DIR] [--format text|json] [--lang th|en]

        อธิบายผลของคนหนึ่งจากไฟล์แบบประเมิน: ทำไมอยู่กลุ่มนี้ ทำไมต้องมีแต่ละรายการและตอบอะไร จุดที่ต้องพัฒนา
        คะแนนแต่ละตัว (ชื่อ ค่า สูตรในกฎ และตัวเลขที่ใช้) ระดับ และรายการ IDP แต่ละข้อพร้อมหลักสูตรและวิธีการ
        ทุกขั้นบอกบรรทัดในไฟล์กฎที่ตัดสิน เขียนสำหรับผู้รับการพัฒนาและผู้บังคับบัญชา

        ตัวเลือก:
          --id ID            รหัสของผู้นั้น (ต้องระบุ)
          --rules DIR        โฟลเดอร์ชุดกฎ
          --format text|json text (ค่าเริ่มต้น) หรือ JSON สำหรับโปรแกรมอื่น
          --lang th|en       ภาษา

        รหัสออก: 0 สำเร็จ, 1 แถวของผู้นั้นผิดหรือไม่พบ, 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้

        """,
        "test": """
        วิธีใช้: thaksa test [RULESET...] [--format text|json|junit] [--coverage] [--coverage-min N]
                             [--update] [--lang th|en]

        รันไฟล์ทดสอบของชุดกฎ (tests/*.csv ในโฟลเดอร์ชุดกฎ): แต่ละแถวเป็นคนหนึ่ง มีคอลัมน์ case และคอลัมน์
        ผลที่คาดไว้ expect_group, expect_gaps, expect_band, expect_idp, expect_<คะแนน> ฯลฯ ช่องว่างไม่ตรวจ
        ไม่ระบุ RULESET = ชุดกฎ OCSC/BMA ที่มากับโปรแกรม

        ตัวเลือก:
          --format F         text (ค่าเริ่มต้น), json หรือ junit (สำหรับระบบ CI)
          --coverage         รายงานว่าการทดสอบครอบคลุมกฎบรรทัดใดบ้าง
          --coverage-min N   ไม่ผ่านถ้าความครอบคลุมต่ำกว่า N เปอร์เซ็นต์
          --update           เขียนผลจริงลงคอลัมน์ที่คาดไว้ (ตรวจความต่างก่อนบันทึก)
          --lang th|en       ภาษาของข้อความ

        รหัสออก: 0 ผ่านทั้งหมด, 1 มีกรณีไม่ผ่าน (หรือความครอบคลุมต่ำกว่าเกณฑ์), 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้

        """,
        "lint": """
        วิธีใช้: thaksa lint [PATH...] [--format text|json|github] [--lang th|en] [--strict]
                             [--show-suppressed] [--color auto|always|never] [--list-rules]

        ตรวจชุดกฎแบบ check แล้วหากฎที่ถูกไวยากรณ์แต่น่าจะผิด: รายการที่ไม่ได้ใช้ หลักสูตรที่ไม่พัฒนาอะไร
        สมรรถนะที่ต้องมีแต่ไม่มีหลักสูตร รายการของกลุ่มที่ไม่ตรงกับเครื่องหมายกลุ่มเป้าหมาย เกณฑ์ระดับที่เรียงผิด
        สัดส่วนที่รวมไม่ได้ ๑๐๐ ชื่อซ้ำ ตำแหน่งที่กำกวม ยอมรับข้อสังเกตได้ด้วยบรรทัด
          # lint-ignore L005: เหตุผล
        ไว้เหนือบรรทัดนั้น

        ตัวเลือก:
          --format F         text (ค่าเริ่มต้น), json หรือ github
          --strict           คำเตือนก็ให้รหัสออก 1
          --show-suppressed  แสดงข้อสังเกตที่ยอมรับแล้วพร้อมเหตุผล
          --list-rules       แสดงรายการกฎของ lint
          --lang th|en       ภาษาของข้อความ

        รหัสออก: 0 ไม่มีข้อผิดพลาด, 1 มีข้อผิดพลาด (หรือคำเตือนเมื่อใช้ --strict), 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้

        """,
        "fmt": """
        วิธีใช้: thaksa fmt [PATH...] [--check | --write] [--lang th|en] [--color auto|always|never]

        จัดรูปแบบไฟล์กฎให้เป็นแบบเดียวกัน: คำสั่งละบรรทัด ย่อหน้า ๒ ช่องต่อระดับ คงหมายเหตุไว้ที่เดิม
        PATH เป็นไฟล์ .thaksa หรือโฟลเดอร์ ไม่ระบุ = rules/ ในโฟลเดอร์ปัจจุบัน

        ตัวเลือก:
          (ไม่ใส่)      แสดงข้อความที่จัดแล้วของไฟล์เดียว
          --check       แสดงความต่างของไฟล์ที่ยังไม่ได้จัด และรหัสออก 1 ถ้ามี
          --write       เขียนทับไฟล์ที่ยังไม่ได้จัด
          --lang th|en  ภาษาของข้อความ

        รหัสออก: 0 จัดแล้ว, 1 ยังไม่ได้จัด (--check) หรือไวยากรณ์ผิด, 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้

        """,
    ]

    /// Thai help for `command` when the command line or the environment asks for Thai.
    static func text(_ command: String, _ args: [String], _ environment: [String: String]) -> String? {
        var lang = Language.fromEnvironment(environment)
        for (i, a) in args.enumerated() {
            if a == "--lang", i + 1 < args.count { lang = args[i + 1] == "th" ? .th : .en }
            if a.hasPrefix("--lang=") { lang = a.hasSuffix("=th") ? .th : .en }
        }
        guard lang == .th else { return nil }
        if command == "forms" { return FormsCommand.help(.th) }
        if command == "report" { return ReportCommand.help(.th) }
        return texts[command]
    }
}
