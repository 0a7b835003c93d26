import ThaksaCore

/// One line on what each keyword of the language declares or sets, in Thai and English.
enum KeywordDocs {
    /// Keyed by keyword, or `context/keyword` where a keyword means something else inside a block.
    static let lines: [String: (th: String, en: String)] = [
        "ruleset": ("ชุดกฎ: รหัสและชื่อของชุดกฎนี้", "the rule set: its id and title"),
        "include": ("รวมไฟล์กฎอีกไฟล์หนึ่งในโฟลเดอร์เดียวกัน", "include another rule file of the same folder"),
        "kind": ("ประเภทของรายการทักษะ เช่น ความสามารถ ความรู้", "a kind of item, e.g. ability or knowledge"),
        "scale": ("มาตรวัดระดับ: ระดับที่ตอบได้และระดับที่คาดหวัง", "a rating scale: its levels and the expected level"),
        "item/scale": ("มาตรวัดที่รายการนี้ใช้", "the scale this item is rated on"),
        "dimension": ("มิติของกรอบสมรรถนะ รวมชุดทักษะและรายการ", "a dimension of the framework, holding skill sets and items"),
        "skillset": ("ชุดทักษะ รวมรายการทักษะ", "a skill set, holding items"),
        "item": ("รายการทักษะ: รหัส ประเภท และชื่อ", "an item (competency): code, kind and title"),
        "phase": ("ระยะของการพัฒนา เช่น ระยะเริ่มแรก", "a phase of the programme, e.g. early"),
        "group/phase": ("รายการที่กลุ่มนี้ต้องมีในระยะนี้", "what this group requires in this phase"),
        "programme": ("ระยะปัจจุบัน ระยะถัดไป และสัดส่วนคะแนน", "the current and next phase and their score split"),
        "group": ("กลุ่มภารกิจ: บทบาท เส้นทางการพัฒนา และรายการที่ต้องมี", "a mission group: role, track and required items"),
        "position": ("ตำแหน่งที่จัดเข้ากลุ่ม", "a position title and the group it belongs to"),
        "assignment": ("ลำดับการจัดคนเข้ากลุ่ม", "how people are assigned to groups"),
        "bucket": ("กลุ่มวิธีพัฒนาและสัดส่วน (เช่น 70:20:10)", "a bucket of learning methods and its share (e.g. 70:20:10)"),
        "method": ("วิธีพัฒนาและกลุ่มที่สังกัด", "a learning method and its bucket"),
        "quarter": ("ไตรมาสและเดือนที่ครอบคลุม", "a quarter and its months"),
        "track": ("เส้นทางการพัฒนา: กลุ่มและหลักสูตร", "a development track: its groups and courses"),
        "group/track": ("เส้นทางการพัฒนาของกลุ่มนี้", "this group's development track"),
        "list": ("รายการที่คำนวณจากคำถาม", "a computed list (a query)"),
        "score": ("คะแนนที่คำนวณจากนิพจน์", "a computed score (an expression)"),
        "band": ("การแบ่งช่วงของคะแนน", "bands over a score"),
        "idp": ("แผนพัฒนารายบุคคล: เลือกรายการ หลักสูตร วิธี และไตรมาส", "the individual development plan: items, courses, methods, schedule"),
        "target": ("เป้าหมายขององค์กรและวิธีวัด", "an organisation target and how it is measured"),
        "progress": ("คะแนนความก้าวหน้าระหว่างสองรอบการประเมิน", "a progress score between two assessment rounds"),
        "version": ("รุ่นของชุดกฎ", "the rule set's version"),
        "note": ("หมายเหตุ", "a note"),
        "level": ("ระดับหนึ่งของมาตรวัด", "one level of the scale"),
        "expect": ("ระดับที่คาดหวังของมาตรวัด", "the level expected by default"),
        "default": ("มาตรวัดที่ใช้เมื่อรายการไม่ระบุ", "the scale used when an item names none"),
        "column": ("หัวคอลัมน์ในข้อมูลที่หมายถึงรายการนี้", "input column headers that mean this item"),
        "topic": ("หัวข้อย่อยของรายการ", "a sub-topic of the item"),
        "scope": ("ขอบเขตของหัวข้อย่อย", "the scope of the sub-topic"),
        "audience": ("กลุ่มที่หัวข้อย่อยนี้ใช้", "the groups this sub-topic is for"),
        "years": ("ปีที่ระยะนี้ครอบคลุม", "the years this phase covers"),
        "from": ("ปีที่ระยะนี้เริ่ม", "the year this phase starts"),
        "current": ("ระยะปัจจุบัน", "the current phase"),
        "next": ("ระยะถัดไป", "the next phase"),
        "split": ("สัดส่วนคะแนนระยะปัจจุบันกับระยะถัดไป", "the score split between the current and next phase"),
        "role": ("บทบาทที่คาดหวัง", "the expected role"),
        "require": ("รายการที่ต้องมี (ระดับและน้ำหนักถ้ากำหนด)", "required items (with level and weight if given)"),
        "order": ("ลำดับขั้นการจัดเข้ากลุ่ม", "the order of assignment steps"),
        "supervisor": ("สิ่งที่ผู้บังคับบัญชาปรับได้", "what a supervisor may adjust"),
        "groups": ("กลุ่มที่ใช้เส้นทางนี้", "the groups on this track"),
        "course": ("หลักสูตร: รหัส ชื่อ วิธี และรายการที่พัฒนา", "a course: id, title, methods and the items it serves"),
        "source": ("แหล่งที่มาของหลักสูตร", "where the course comes from"),
        "methods": ("วิธีพัฒนา", "learning methods"),
        "serves": ("รายการที่หลักสูตรนี้พัฒนา", "the items this course serves"),
        "case": ("ช่วงหนึ่งของการแบ่งช่วง", "one band case and its condition"),
        "items": ("จำนวนรายการในแผน (ต่ำสุดถึงสูงสุด)", "how many items a plan holds (min to max)"),
        "pick": ("วิธีเลือกรายการเข้าแผน", "how items are picked for the plan"),
        "courses": ("จำนวนหลักสูตรต่อรายการ", "courses per item"),
        "schedule": ("ไตรมาสที่จัดแผน", "the quarters the plan is scheduled over"),
        "measure": ("สิ่งที่วัดสำหรับเป้าหมาย", "what the target measures"),
        "goal": ("ค่าเป้าหมาย", "the goal value"),
        "year": ("ปีของเป้าหมาย", "the target's year"),
<<<<<<< HEAD
        "input": ("รูปแบบคำตอบที่ไฟล์ข้อมูลใช้ได้", "how input files may write the answers"),
        "answers": ("คำตอบ: คอลัมน์ของแต่ละรายการ (columns) หรือรายการ มี/ไม่มี (lists)", "answers: a column per item (columns) or has / has_not lists (lists)"),
        "combined": ("ให้บุคคลหนึ่งอยู่หลายกลุ่มได้ (003 L1301-1304)", "a person may have several groups (003 L1301-1304)"),
        "approval": ("คอลัมน์ผู้เห็นชอบการกำหนดหลายกลุ่ม", "the column naming who approved several groups"),
=======
        "section": ("หมวดของตารางหลักสูตร: หลักสูตรที่ตามมาอยู่ในหมวดนี้ และชุดทักษะของหมวด", "a heading row of the course table: the courses after it belong to it; its skill sets"),
>>>>>>> issue-12-learning
    ]

    static func describe(_ keyword: String, context: String, _ lang: Language) -> String? {
        let key = context + "/" + keyword
        guard let line = lines[key] ?? lines[keyword] else { return nil }
        return "`\(keyword)` — " + (lang == .th ? line.th : line.en)
    }
}
