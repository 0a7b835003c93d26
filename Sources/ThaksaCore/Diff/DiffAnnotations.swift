/// GitHub Actions workflow commands: one `::notice` per changed definition, on its line in NEW
/// (or OLD for a removal), and one summary notice. Values are escaped as the runner expects, so a
/// title or id cannot end the command or start another one.
public enum DiffAnnotations {
    public static func render(_ r: DiffReport, lang: Language) -> String {
        var out = ""
        for (k, c) in r.changes.enumerated() {
            var message = r.describe(c, lang)
            if let i = r.impact, k < i.touched.count {
                message += i.touched[k].map { lang == .th ? "; มีผลต่อ \($0.count) คน" : "; touches \($0.count) \(DiffTextRenderer.people($0.count))" }
                    ?? (lang == .th ? "; จำนวนคนที่ได้รับผล: ระบุแยกไม่ได้" : "; people touched: not attributable")
            }
            var props: [String] = []
            if let at = c.new ?? c.old { props = ["file=" + property(at.file), "line=\(at.line)"] }
            props.append("title=" + property("thaksa diff: " + c.subject.rawValue + " " + c.key))
            out += "::notice " + props.joined(separator: ",") + "::" + data(message) + "\n"
        }
        if let i = r.impact {
            let total = i.people + i.failsOld + i.failsNew
            let text = lang == .th ? "เปรียบเทียบ \(total) คน เปลี่ยน \(i.changed.count) คน (\(DiffReport.percent(i.changed.count, total)))"
                                   : "\(total) people compared; \(i.changed.count) change (\(DiffReport.percent(i.changed.count, total)))"
            out += "::notice title=" + property("thaksa diff") + "::" + data(text) + "\n"
        }
        return out
    }

    /// A command's message: `%`, CR and LF escaped (the runner's own escaping).
    static func data(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out += u.value < 0x20 || u.value == 0x7F ? " " : String(u)
            }
        }
        return out
    }

    /// A property value: also `:` and `,`, which would end it.
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
