/// Every user-facing lint text, in English and Thai: for each rule its one-line summary and its
/// documented fix (shown by `thaksa lint --list-rules`), and for each finding its message and help
/// line. A finding's text is looked up by key: the rule id (`L004`) or the rule id and a variant
/// (`L005.marked`). Same style as `Messages`: lowercase start, no final period, names in backticks.
public enum LintMessages {
    struct RuleText {
        let summaryEN: String
        let summaryTH: String
        let fixEN: String
        let fixTH: String
    }

    struct Entry {
        let en: String
        let th: String
        var helpEN: String? = nil
        var helpTH: String? = nil
    }

    static let rules: [String: RuleText] = [
        "L000": RuleText(
            summaryEN: "a `# lint-ignore` comment without a reason, or naming no rule that can be suppressed",
            summaryTH: "ความเห็น `# lint-ignore` ที่ไม่ระบุเหตุผล หรือไม่ได้ระบุกฎที่ระงับได้",
            fixEN: "write `# lint-ignore L005: reason` (the reason after a colon) with an id from `thaksa lint --list-rules`",
            fixTH: "เขียน `# lint-ignore L005: เหตุผล` (เหตุผลอยู่หลังเครื่องหมายทวิภาค) โดยใช้รหัสจาก `thaksa lint --list-rules`"),
        "L001": RuleText(
            summaryEN: "an item that no group requires (in any phase), no course serves and no expression names",
            summaryTH: "รายการประเมินที่ไม่มีกลุ่มใดกำหนดให้ต้องมี (ทุกระยะ) ไม่มีหลักสูตรใดพัฒนา และไม่มีนิพจน์ใดอ้างถึง",
            fixEN: "require it in a group's phase block or link a course to it with `serves`; otherwise remove it",
            fixTH: "กำหนดในบล็อกระยะของกลุ่ม หรือเชื่อมหลักสูตรด้วย `serves` มิฉะนั้นให้ลบออก"),
        "L002": RuleText(
            summaryEN: "a list that no score, list, band, IDP or target uses (scores are results in themselves: unused scores are not reported)",
            summaryTH: "รายการคำนวณ (list) ที่ไม่มีคะแนน รายการคำนวณ แถบระดับ IDP หรือเป้าหมายใดใช้ (คะแนนเป็นผลลัพธ์ในตัวเอง จึงไม่รายงานคะแนนที่ไม่ถูกใช้)",
            fixEN: "use it, e.g. `count(LIST)` in a score or `pick LIST` in the IDP, or remove it",
            fixTH: "นำไปใช้ เช่น `count(LIST)` ในคะแนน หรือ `pick LIST` ใน IDP หรือลบออก"),
        "L003": RuleText(
            summaryEN: "a course with no `serves`, which the IDP can never propose",
            summaryTH: "หลักสูตรที่ไม่มี `serves` ซึ่ง IDP จะไม่เสนอเลย",
            fixEN: "add `serves ITEM` (optionally `topic \"N.N\"`) for the items the course develops",
            fixTH: "เพิ่ม `serves รายการ` (ระบุ `topic \"N.N\"` ได้) สำหรับรายการที่หลักสูตรพัฒนา"),
        "L004": RuleText(
            summaryEN: "a competency (an item in a dimension or skill set) that a group requires in the current phase, with no course in the group's track",
            summaryTH: "ความสามารถ (รายการในมิติหรือชุดทักษะ) ที่กลุ่มต้องมีในระยะปัจจุบัน แต่เส้นทางการพัฒนาของกลุ่มไม่มีหลักสูตรสำหรับความสามารถนั้น",
            fixEN: "link a course of the track to it with `serves`, or suppress with the source lines showing the catalogue has none",
            fixTH: "เชื่อมหลักสูตรในเส้นทางด้วย `serves` หรือระงับพร้อมอ้างบรรทัดในเอกสารต้นทางที่แสดงว่าไม่มีหลักสูตร"),
        "L005": RuleText(
            summaryEN: "a group's requirement list and the audience marks of an item's sub-topics disagree (either direction, current phase)",
            summaryTH: "ข้อกำหนดของกลุ่มกับกลุ่มเป้าหมาย (audience) ของหัวข้อย่อยไม่ตรงกัน (ทั้งสองทาง ในระยะปัจจุบัน)",
            fixEN: "make them agree (add the requirement or the audience mark, or remove the other); if the source disagrees with itself, suppress with the source lines of both sides",
            fixTH: "ทำให้ตรงกัน (เพิ่มข้อกำหนดหรือ audience หรือลบอีกฝั่ง) หากเอกสารต้นทางขัดกันเอง ให้ระงับพร้อมอ้างบรรทัดของทั้งสองฝั่ง"),
        "L006": RuleText(
            summaryEN: "a course whose `serves` items no group of its track requires (current or next phase)",
            summaryTH: "หลักสูตรที่รายการใน `serves` ไม่มีกลุ่มใดในเส้นทางกำหนดให้ต้องมี (ระยะปัจจุบันหรือระยะถัดไป)",
            fixEN: "link it to an item the track's groups require, or move it to the track that needs it",
            fixTH: "เชื่อมกับรายการที่กลุ่มในเส้นทางต้องมี หรือย้ายไปยังเส้นทางที่ต้องการ"),
        "L007": RuleText(
            summaryEN: "band thresholds out of order: `>=`/`>` thresholds that do not go down, or `<=`/`<` thresholds that do not go up, from case to case",
            summaryTH: "เกณฑ์ของแถบระดับเรียงผิด: เกณฑ์ `>=`/`>` ที่ไม่ลดลง หรือเกณฑ์ `<=`/`<` ที่ไม่เพิ่มขึ้น จากระดับหนึ่งไปอีกระดับ",
            fixEN: "cases are tried top to bottom: put the highest `>=` threshold first (the lowest `<=` first)",
            fixTH: "ระบบตรวจระดับจากบนลงล่าง: ให้เกณฑ์ `>=` สูงสุดอยู่ก่อน (เกณฑ์ `<=` ต่ำสุดอยู่ก่อน)"),
        "L008": RuleText(
            summaryEN: "an IDP minimum item count larger than the number of requirements of some group in the current phase",
            summaryTH: "จำนวนรายการขั้นต่ำของ IDP มากกว่าจำนวนข้อกำหนดของบางกลุ่มในระยะปัจจุบัน",
            fixEN: "lower the minimum in `items MIN to MAX`, or add requirements to the group",
            fixTH: "ลดค่าขั้นต่ำใน `items MIN to MAX` หรือเพิ่มข้อกำหนดให้กลุ่ม"),
        "L009": RuleText(
            summaryEN: "70:20:10 bucket shares that do not add up to 100",
            summaryTH: "สัดส่วนการเรียนรู้ 70:20:10 ที่รวมกันไม่เท่ากับ 100",
            fixEN: "make the `share` values of the buckets add up to 100",
            fixTH: "ปรับค่า `share` ของทุกสัดส่วนให้รวมกันได้ 100"),
        "L010": RuleText(
            summaryEN: "a programme `split` (current : next phase) that does not add up to 100",
            summaryTH: "สัดส่วน `split` ของระยะปัจจุบันต่อระยะถัดไปที่รวมกันไม่เท่ากับ 100",
            fixEN: "write the two shares so that they add up to 100, e.g. `split 70 30`",
            fixTH: "เขียนสัดส่วนทั้งสองให้รวมกันได้ 100 เช่น `split 70 30`"),
        "L011": RuleText(
            summaryEN: "two items with the same title, or titles that differ only in spaces or punctuation",
            summaryTH: "รายการประเมินสองรายการที่มีชื่อเดียวกัน หรือชื่อที่ต่างกันเพียงช่องว่างหรือเครื่องหมายวรรคตอน",
            fixEN: "give each item its own title, or merge the two items",
            fixTH: "ตั้งชื่อรายการให้ไม่ซ้ำกัน หรือรวมเป็นรายการเดียว"),
        "L012": RuleText(
            summaryEN: "two courses of one track with the same title, or titles that differ only in spaces or punctuation",
            summaryTH: "หลักสูตรสองหลักสูตรในเส้นทางเดียวกันที่มีชื่อเดียวกัน หรือชื่อที่ต่างกันเพียงช่องว่างหรือเครื่องหมายวรรคตอน",
            fixEN: "merge the rows, or tell the courses apart in their titles",
            fixTH: "รวมเป็นแถวเดียว หรือทำให้ชื่อหลักสูตรแยกจากกันได้"),
        "L013": RuleText(
            summaryEN: "a position title declared more than once without `when` conditions that tell the declarations apart",
            summaryTH: "ชื่อตำแหน่งที่ประกาศมากกว่าหนึ่งครั้งโดยไม่มีเงื่อนไข `when` ที่แยกกันได้",
            fixEN: "give each declaration a `when` condition that excludes the others (e.g. on `unit`), or remove the extra one",
            fixTH: "ใส่เงื่อนไข `when` ที่ไม่ทับกัน (เช่น ตาม `unit`) ให้แต่ละบรรทัด หรือลบบรรทัดที่เกิน"),
        "L014": RuleText(
            summaryEN: "a `# lint-ignore` comment that matches no finding",
            summaryTH: "ความเห็น `# lint-ignore` ที่ไม่ตรงกับข้อสังเกตใด",
            fixEN: "remove it, or put it on the line just above the finding (or at the end of the finding's line)",
            fixTH: "ลบออก หรือวางไว้บรรทัดก่อนหน้าข้อสังเกต (หรือท้ายบรรทัดของข้อสังเกต)"),
        "L015": RuleText(
            summaryEN: "phases whose years overlap, or that are not declared in the order of their years",
            summaryTH: "ระยะที่ปีซ้อนทับกัน หรือไม่ได้ประกาศเรียงตามลำดับปี",
            fixEN: "declare the phases in time order, each starting the year after the one before it ends",
            fixTH: "ประกาศระยะเรียงตามเวลา โดยแต่ละระยะเริ่มในปีถัดจากปีสุดท้ายของระยะก่อนหน้า"),
        "L016": RuleText(
            summaryEN: "two quarters that share a month",
            summaryTH: "ไตรมาสสองไตรมาสที่มีเดือนซ้ำกัน",
            fixEN: "give each quarter its own three months (`months 10 to 12`, `months 1 to 3`, ...)",
            fixTH: "กำหนดเดือนของแต่ละไตรมาสไม่ให้ซ้ำกัน (`months 10 to 12`, `months 1 to 3`, ...)"),
        "L017": RuleText(
            summaryEN: "position titles of different groups that differ only in spaces",
            summaryTH: "ชื่อตำแหน่งของกลุ่มต่างกันที่ต่างกันเพียงการเว้นวรรค",
            fixEN: "write the title as the position list spells it, once, with a `when` condition if it belongs to two groups",
            fixTH: "เขียนชื่อตำแหน่งตามบัญชีตำแหน่งเพียงครั้งเดียว และใส่เงื่อนไข `when` หากอยู่ได้สองกลุ่ม"),
        "L018": RuleText(
            summaryEN: "a basic item (one every other group requires) missing from one group's requirements",
            summaryTH: "รายการพื้นฐาน (ที่ทุกกลุ่มอื่นกำหนด) ขาดหายไปจากข้อกำหนดของกลุ่มหนึ่ง",
            fixEN: "add the item back to the group's `require` line, or suppress with the source's reason",
            fixTH: "เพิ่มรายการกลับเข้าในบรรทัด `require` ของกลุ่ม หรือระงับพร้อมเหตุผลจากเอกสารต้นทาง"),
        "L019": RuleText(
            summaryEN: "a track whose `groups` lists a group that names another `track`",
            summaryTH: "เส้นทางที่ `groups` ระบุกลุ่มซึ่งกำหนด `track` เป็นเส้นทางอื่น",
            fixEN: "make the group's `track` and the track's `groups` name each other",
            fixTH: "แก้ให้ `track` ของกลุ่มและ `groups` ของเส้นทางตรงกัน"),
        "L020": RuleText(
            summaryEN: "a target goal outside 0-100 (goals are percentages)",
            summaryTH: "ค่าเป้าหมายที่อยู่นอกช่วง 0-100 (เป้าหมายเป็นร้อยละ)",
            fixEN: "write the goal as a percentage from 0 to 100",
            fixTH: "เขียนค่าเป้าหมายเป็นร้อยละ 0 ถึง 100"),
        "L021": RuleText(
            summaryEN: "a target year that falls in no phase's years",
            summaryTH: "ปีของเป้าหมายที่ไม่อยู่ในช่วงปีของระยะใด",
            fixEN: "correct the year (Buddhist era, e.g. 2565), or the phases' `years`",
            fixTH: "แก้ปี (พ.ศ. เช่น 2565) หรือแก้ `years` ของระยะ"),
        "L022": RuleText(
            summaryEN: "a course that serves an ability outside the skill sets or dimensions of its course-table `section` (หมวด)",
            summaryTH: "หลักสูตรที่เชื่อม (`serves`) กับความสามารถนอกชุดทักษะหรือมิติของหมวด (`section`) ในตารางหลักสูตรที่หลักสูตรนั้นอยู่",
            fixEN: "link the course to an item of its section's skill sets or dimensions (or to a knowledge, experience or attribute item), or move it under the right `section`",
            fixTH: "เชื่อมหลักสูตรกับรายการของชุดทักษะหรือมิติในหมวดนั้น (หรือรายการด้านความรู้ ประสบการณ์ หรือคุณลักษณะ) หรือย้ายหลักสูตรไปไว้ใต้ `section` ที่ถูกต้อง"),
        "L023": RuleText(
            summaryEN: "a learning method in another 70:20:10 bucket than the one the model puts it in (coaching in 20, classroom training in 10, on-the-job learning in 70, ...)",
            summaryTH: "วิธีการพัฒนาที่อยู่ในสัดส่วน ๗๐ : ๒๐ : ๑๐ คนละส่วนกับที่รูปแบบการเรียนรู้กำหนด (การสอนงานอยู่ใน ๒๐ การฝึกอบรมในห้องเรียนอยู่ใน ๑๐ การเรียนรู้จากการปฏิบัติงานอยู่ใน ๗๐ ...)",
            fixEN: "put the method in the bucket of its part of the model; if the source really puts it elsewhere, keep it and write `# lint-ignore L023: reason` with the source's line",
            fixTH: "ย้ายวิธีการพัฒนาไปไว้ใน bucket ของส่วนที่ถูกต้อง หากเอกสารต้นทางจัดไว้ต่างออกไปจริง ให้คงไว้และเขียน `# lint-ignore L023: เหตุผล` พร้อมบรรทัดในเอกสารต้นทาง"),
        "L024": RuleText(
            summaryEN: "a position title declared for two groups with `when unit starts with` prefixes where the earlier prefix begins the later one, so the later declaration never applies",
            summaryTH: "ชื่อตำแหน่งที่ประกาศให้สองกลุ่มด้วยเงื่อนไข `when unit starts with` โดยคำขึ้นต้นของบรรทัดแรกเป็นส่วนต้นของคำขึ้นต้นของบรรทัดหลัง บรรทัดหลังจึงไม่มีทางถูกใช้",
            fixEN: "declare the longer (more specific) prefix first, or make the conditions exclude each other",
            fixTH: "ประกาศบรรทัดที่มีคำขึ้นต้นยาวกว่า (เจาะจงกว่า) ก่อน หรือเขียนเงื่อนไขไม่ให้ทับกัน"),
    ]

    static let findings: [String: Entry] = [
        "L000.noReason": Entry(
            en: "`lint-ignore {0}` gives no reason", th: "`lint-ignore {0}` ไม่ได้ระบุเหตุผล",
            helpEN: "write the reason after a colon: `# lint-ignore {0}: why the finding is accepted`",
            helpTH: "เขียนเหตุผลหลังเครื่องหมายทวิภาค: `# lint-ignore {0}: เหตุผลที่ยอมรับข้อสังเกตนี้`"),
        "L000.unknownRule": Entry(
            en: "`{0}` is not a lint rule", th: "`{0}` ไม่ใช่กฎของ lint",
            helpEN: "rules that can be suppressed: {1}", helpTH: "กฎที่ระงับได้: {1}"),
        "L000.notSuppressible": Entry(
            en: "{0} findings cannot be suppressed", th: "ข้อสังเกต {0} ระงับไม่ได้",
            helpEN: "correct or remove the `lint-ignore` comment itself", helpTH: "แก้ไขหรือลบความเห็น `lint-ignore` นั้นเอง"),
        "L000.noRule": Entry(
            en: "`lint-ignore` names no rule", th: "`lint-ignore` ไม่ได้ระบุกฎ",
            helpEN: "write `# lint-ignore L005: reason`", helpTH: "เขียน `# lint-ignore L005: เหตุผล`"),
        "L001": Entry(
            en: "item `{0}` is required by no group and served by no course",
            th: "รายการ `{0}` ไม่มีกลุ่มใดกำหนดให้ต้องมี และไม่มีหลักสูตรใดพัฒนา"),
        "L002": Entry(
            en: "list `{0}` is used by no score, list, band, IDP or target",
            th: "รายการคำนวณ `{0}` ไม่ถูกใช้ในคะแนน รายการคำนวณ แถบระดับ IDP หรือเป้าหมายใด"),
        "L003": Entry(
            en: "course \"{0}\" of track `{1}` serves no item",
            th: "หลักสูตร \"{0}\" ของเส้นทาง `{1}` ไม่ได้พัฒนารายการใด"),
        "L004": Entry(
            en: "group `{1}` requires competency `{0}`, but its track `{2}` has no course for it",
            th: "กลุ่ม `{1}` ต้องมีความสามารถ `{0}` แต่เส้นทาง `{2}` ของกลุ่มไม่มีหลักสูตรสำหรับความสามารถนี้",
            helpEN: "add `serves {0}` to a course of track `{2}`, or suppress with the source lines showing the catalogue has none",
            helpTH: "เพิ่ม `serves {0}` ให้หลักสูตรในเส้นทาง `{2}` หรือระงับพร้อมอ้างบรรทัดในเอกสารต้นทางที่แสดงว่าไม่มีหลักสูตร"),
        "L004.noTrack": Entry(
            en: "group `{0}` requires competencies ({1}) but has no development track",
            th: "กลุ่ม `{0}` มีความสามารถที่ต้องมี ({1}) แต่ไม่มีเส้นทางการพัฒนา",
            helpEN: "add `track NAME` to the group, or name the group in a track's `groups`",
            helpTH: "เพิ่ม `track ชื่อ` ในกลุ่ม หรือระบุกลุ่มใน `groups` ของเส้นทาง"),
        "L005.marked": Entry(
            en: "`{0}` has sub-topics marked for group `{2}` ({1}), but group `{2}` does not require `{0}` in phase `{3}`",
            th: "`{0}` มีหัวข้อย่อยที่ระบุกลุ่ม `{2}` ({1}) แต่กลุ่ม `{2}` ไม่ได้กำหนดให้ต้องมี `{0}` ในระยะ `{3}`",
            helpEN: "add `{0}` to group `{2}`'s requirements or remove `{2}` from the audience; if the source disagrees with itself, suppress with the source lines of both sides",
            helpTH: "เพิ่ม `{0}` ในข้อกำหนดของกลุ่ม `{2}` หรือลบ `{2}` ออกจาก audience หากเอกสารต้นทางขัดกันเอง ให้ระงับพร้อมอ้างบรรทัดของทั้งสองฝั่ง"),
        "L005.listed": Entry(
            en: "group `{1}` requires `{0}` in phase `{3}`, but none of its sub-topics ({2}) is marked for `{1}`",
            th: "กลุ่ม `{1}` ต้องมี `{0}` ในระยะ `{3}` แต่ไม่มีหัวข้อย่อยใดของ `{0}` ({2}) ระบุกลุ่ม `{1}`",
            helpEN: "add `{1}` to the `audience` of the sub-topics that apply, or drop the requirement; if the source disagrees with itself, suppress with the source lines of both sides",
            helpTH: "เพิ่ม `{1}` ใน `audience` ของหัวข้อย่อยที่เกี่ยวข้อง หรือลบข้อกำหนดนี้ หากเอกสารต้นทางขัดกันเอง ให้ระงับพร้อมอ้างบรรทัดของทั้งสองฝั่ง"),
        "L006": Entry(
            en: "course \"{0}\" of track `{1}` serves only items that none of the track's groups ({3}) requires: {2}",
            th: "หลักสูตร \"{0}\" ของเส้นทาง `{1}` พัฒนาเฉพาะรายการที่ไม่มีกลุ่มใดในเส้นทาง ({3}) ต้องมี: {2}"),
        "L007.descending": Entry(
            en: "band `{0}`: case `{1}` (`{2}`) comes after case `{3}` (`{4}`), but its threshold is not lower",
            th: "แถบ `{0}`: ระดับ `{1}` (`{2}`) อยู่หลังระดับ `{3}` (`{4}`) แต่เกณฑ์ไม่ต่ำกว่า"),
        "L007.ascending": Entry(
            en: "band `{0}`: case `{1}` (`{2}`) comes after case `{3}` (`{4}`), but its threshold is not higher",
            th: "แถบ `{0}`: ระดับ `{1}` (`{2}`) อยู่หลังระดับ `{3}` (`{4}`) แต่เกณฑ์ไม่สูงกว่า"),
        "L008": Entry(
            en: "the IDP asks for at least {0} items, but group `{1}` has only {2} required item(s) in phase `{3}`",
            th: "IDP กำหนดอย่างน้อย {0} รายการ แต่กลุ่ม `{1}` มีข้อกำหนดเพียง {2} รายการในระยะ `{3}`"),
        "L009": Entry(
            en: "the bucket shares add up to {0}, not 100 ({1})",
            th: "สัดส่วนการเรียนรู้รวมกันได้ {0} ไม่ใช่ 100 ({1})"),
        "L010": Entry(
            en: "the programme split {0} : {1} adds up to {2}, not 100",
            th: "สัดส่วนระยะปัจจุบันต่อระยะถัดไป {0} : {1} รวมกันได้ {2} ไม่ใช่ 100"),
        "L011": Entry(
            en: "item `{0}` has the same title as item `{1}`",
            th: "รายการ `{0}` มีชื่อเดียวกับรายการ `{1}`"),
        "L011.near": Entry(
            en: "item `{0}` has nearly the same title as item `{1}`: they differ only in spaces or punctuation",
            th: "รายการ `{0}` มีชื่อเกือบเหมือนรายการ `{1}`: ต่างกันเพียงช่องว่างหรือเครื่องหมายวรรคตอน"),
        "L012": Entry(
            en: "course \"{0}\" of track `{2}` has the same title as course \"{1}\"",
            th: "หลักสูตร \"{0}\" ของเส้นทาง `{2}` มีชื่อเดียวกับหลักสูตร \"{1}\""),
        "L012.near": Entry(
            en: "course \"{0}\" of track `{2}` has nearly the same title as course \"{1}\": they differ only in spaces or punctuation",
            th: "หลักสูตร \"{0}\" ของเส้นทาง `{2}` มีชื่อเกือบเหมือนหลักสูตร \"{1}\": ต่างกันเพียงช่องว่างหรือเครื่องหมายวรรคตอน"),
        "L013.unconditional": Entry(
            en: "position \"{0}\" is declared for groups `{1}` and `{2}`, and neither declaration has a `when` condition",
            th: "ตำแหน่ง \"{0}\" ถูกกำหนดให้ทั้งกลุ่ม `{1}` และ `{2}` โดยไม่มีเงื่อนไข `when` ทั้งคู่"),
        "L013.sameCondition": Entry(
            en: "position \"{0}\" is declared for groups `{1}` and `{2}` with the same `when` condition",
            th: "ตำแหน่ง \"{0}\" ถูกกำหนดให้ทั้งกลุ่ม `{1}` และ `{2}` ด้วยเงื่อนไข `when` เดียวกัน"),
        "L013.shadowed": Entry(
            en: "position \"{0}\" for group `{2}` is never used: the declaration for group `{1}` above it has no `when` condition",
            th: "ตำแหน่ง \"{0}\" ของกลุ่ม `{2}` ไม่มีทางถูกใช้ เพราะบรรทัดของกลุ่ม `{1}` ก่อนหน้าไม่มีเงื่อนไข `when`"),
        "L013.twice": Entry(
            en: "position \"{0}\" is declared twice for group `{1}`",
            th: "ตำแหน่ง \"{0}\" ถูกกำหนดให้กลุ่ม `{1}` ซ้ำ"),
        "L015.order": Entry(
            en: "phase `{0}` ({1}) is declared after phase `{2}` ({3}) but starts before it",
            th: "ระยะ `{0}` ({1}) ประกาศหลังระยะ `{2}` ({3}) แต่เริ่มก่อน"),
        "L015.overlap": Entry(
            en: "the years of phase `{0}` ({1}) overlap those of phase `{2}` ({3})",
            th: "ปีของระยะ `{0}` ({1}) ซ้อนทับกับปีของระยะ `{2}` ({3})"),
        "L016": Entry(
            en: "quarter `{0}` shares month(s) {2} with quarter `{1}`",
            th: "ไตรมาส `{0}` มีเดือน {2} ซ้ำกับไตรมาส `{1}`"),
        "L017": Entry(
            en: "position \"{0}\" (group `{1}`) differs from position \"{2}\" (group `{3}`) only in spaces",
            th: "ตำแหน่ง \"{0}\" (กลุ่ม `{1}`) ต่างจากตำแหน่ง \"{2}\" (กลุ่ม `{3}`) เพียงการเว้นวรรค"),
        "L018": Entry(
            en: "group `{1}` does not require `{0}`, which the {2} other groups all require in phase `{3}`",
            th: "กลุ่ม `{1}` ไม่ได้กำหนด `{0}` ซึ่งอีก {2} กลุ่มกำหนดไว้ทั้งหมดในระยะ `{3}`"),
        "L019": Entry(
            en: "track `{0}` lists group `{1}` in `groups`, but group `{1}` names track `{2}`",
            th: "เส้นทาง `{0}` ระบุกลุ่ม `{1}` ใน `groups` แต่กลุ่ม `{1}` ระบุเส้นทาง `{2}`"),
        "L020": Entry(
            en: "target `{0}` has goal {1}, outside 0-100",
            th: "เป้าหมาย `{0}` มีค่าเป้าหมาย {1} อยู่นอกช่วง 0-100"),
        "L021": Entry(
            en: "target `{0}` is for year {1}, which is in no phase ({2})",
            th: "เป้าหมาย `{0}` เป็นของปี {1} ซึ่งไม่อยู่ในระยะใด ({2})"),
        "L022": Entry(
            en: "course \"{0}\" of track `{1}` serves `{2}` of `{3}`, but it is listed under section \"{4}\", which is for {5}",
            th: "หลักสูตร \"{0}\" ของเส้นทาง `{1}` เชื่อมกับ `{2}` ของ `{3}` แต่อยู่ในหมวด \"{4}\" ซึ่งเป็นหมวดของ {5}"),
        "L022.none": Entry(
            en: "course \"{0}\" of track `{1}` serves `{2}` of `{3}`, but section \"{4}\" names no skill set or dimension: its courses serve only items outside the framework's skill sets and dimensions (such as knowledge, experience or attributes)",
            th: "หลักสูตร \"{0}\" ของเส้นทาง `{1}` เชื่อมกับ `{2}` ของ `{3}` แต่หมวด \"{4}\" ไม่ได้ระบุชุดทักษะหรือมิติ หลักสูตรในหมวดนี้จึงพัฒนาได้เฉพาะรายการที่อยู่นอกชุดทักษะและมิติของกรอบ (เช่น ความรู้ ประสบการณ์ หรือคุณลักษณะ)"),
        "L023": Entry(
            en: "method `{0}` is in bucket `{1}` (share {2}), but \"{3}\" is a method of the {4} part of the 70:20:10 model (bucket `{5}`)",
            th: "วิธีการพัฒนา `{0}` อยู่ใน bucket `{1}` (สัดส่วน {2}) แต่ \"{3}\" เป็นวิธีของส่วน {4} ในรูปแบบ ๗๐ : ๒๐ : ๑๐ (bucket `{5}`)"),
        "L024": Entry(
            en: "position \"{0}\" for group `{1}` when the unit starts with \"{2}\" never applies: the declaration for group `{3}` above it takes every unit that starts with \"{4}\"",
            th: "ตำแหน่ง \"{0}\" ของกลุ่ม `{1}` เมื่อหน่วยงานขึ้นต้นด้วย \"{2}\" ไม่มีทางถูกใช้ เพราะบรรทัดของกลุ่ม `{3}` ก่อนหน้ารับทุกหน่วยงานที่ขึ้นต้นด้วย \"{4}\" ไปแล้ว"),
        "L014": Entry(
            en: "`lint-ignore {0}` matches no finding on line {1}",
            th: "`lint-ignore {0}` ไม่ตรงกับข้อสังเกตใดในบรรทัด {1}"),
        "L014.noTarget": Entry(
            en: "`lint-ignore {0}` is not on or above a line of rules",
            th: "`lint-ignore {0}` ไม่ได้อยู่บนหรือเหนือบรรทัดกฎ"),
    ]

    public static func summary(_ rule: String, _ lang: Language) -> String {
        guard let r = rules[rule] else { return rule }
        return lang == .th ? r.summaryTH : r.summaryEN
    }

    public static func fix(_ rule: String, _ lang: Language) -> String {
        guard let r = rules[rule] else { return "" }
        return lang == .th ? r.fixTH : r.fixEN
    }

    static func message(_ key: String, _ lang: Language, _ args: [String]) -> String {
        guard let e = findings[key] else { return key }
        return Messages.fill(lang == .th ? e.th : e.en, args, lang)
    }

    /// The finding's own help line, else the rule's documented fix.
    static func help(_ key: String, _ rule: String, _ lang: Language, _ args: [String]) -> String {
        if let e = findings[key], let h = lang == .th ? e.helpTH : e.helpEN { return Messages.fill(h, args, lang) }
        return fix(rule, lang)
    }

    /// Words of the lint output around the findings.
    static func word(_ en: String, _ lang: Language) -> String {
        guard lang == .th else { return en }
        return [
            "warning": "คำเตือน", "error": "ข้อผิดพลาด", "note": "หมายเหตุ", "help": "คำแนะนำ", "see": "ดูที่",
            "suppressed": "ระงับไว้", "reason": "เหตุผล", "fix": "วิธีแก้",
        ][en] ?? en
    }
}
