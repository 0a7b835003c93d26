/// Charts drawn as inline SVG: horizontal bars (with an optional goal line) and 100% stacked bars.
/// Readable in grey-scale print: series differ by pattern (solid, hatched, dotted, blank), every
/// segment wide enough carries its number, and a legend names the patterns. All text is escaped.
public enum SVGChart {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double?
        /// The value as printed (digits already chosen by the caller).
        public var shown: String
        public init(label: String, value: Double?, shown: String) { self.label = label; self.value = value; self.shown = shown }
    }

    public struct Stack: Sendable {
        public var label: String
        public var counts: [Int]
        public var shown: [String]
        public init(label: String, counts: [Int], shown: [String]) { self.label = label; self.counts = counts; self.shown = shown }
    }

    static let width = 680.0, labelWidth = 250.0, rowHeight = 24.0, barHeight = 16.0
    static var plotWidth: Double { width - labelWidth - 60 }

    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// A label cut to what fits beside the bars; the full text is in its <title> and in the table.
    static func label(_ s: String, x: Double, y: Double) -> String {
        var short = s
        // About 7 px a column at 12 px (Latin capitals are wider): 30 columns fit the label area.
        if s.displayWidth > 30 {
            short = ""
            for c in s { if (short + String(c)).displayWidth > 28 { break }; short.append(c) }
            short += "…"
        }
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"end\" font-size=\"12\"><title>\(HTML.escape(s))</title>\(HTML.escape(short))</text>"
    }

    static func open(_ id: String, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(HTML.escape(id))\" class=\"chart\" role=\"img\" aria-label=\"\(HTML.escape(title))\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\"><title>\(HTML.escape(title))</title>"
    }

    /// Horizontal bars from 0 to `maximum`; `goal` draws a dashed line with its label.
    public static func bars(id: String, title: String, bars: [Bar], maximum: Double, goal: (value: Double, label: String)? = nil) -> String {
        let top = goal == nil ? 6.0 : 22.0
        let height = top + Double(bars.count) * rowHeight + 8
        var s = open(id, height: height, title: title)
        let scale = maximum > 0 ? plotWidth / maximum : 0
        for (k, b) in bars.enumerated() {
            let y = top + Double(k) * rowHeight
            s += label(b.label, x: labelWidth - 6, y: y + barHeight - 3)
            let w = max(0, min(maximum, b.value ?? 0)) * scale
            s += "<rect class=\"bar\" x=\"\(n(labelWidth))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(barHeight))\" fill=\"#333\"/>"
            s += "<text x=\"\(n(labelWidth + w + 4))\" y=\"\(n(y + barHeight - 3))\" font-size=\"12\">\(HTML.escape(b.shown))</text>"
        }
        s += "<line x1=\"\(n(labelWidth))\" y1=\"\(n(top - 2))\" x2=\"\(n(labelWidth))\" y2=\"\(n(height - 6))\" stroke=\"#000\"/>"
        if let goal {
            let x = labelWidth + min(goal.value, maximum) * scale
            s += "<line class=\"goal\" x1=\"\(n(x))\" y1=\"14\" x2=\"\(n(x))\" y2=\"\(n(height - 6))\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
            s += "<text x=\"\(n(x))\" y=\"11\" text-anchor=\"middle\" font-size=\"11\">\(HTML.escape(goal.label))</text>"
        }
        return s + "</svg>"
    }

    /// Fills told apart without colour: solid black, diagonal hatching, dots, then white.
    static func patterns(_ id: String) -> String {
        let p = HTML.escape(id)
        return "<defs>"
            + "<pattern id=\"\(p)-p1\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"#555\"/></pattern>"
            + "<pattern id=\"\(p)-p2\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
            + "<rect width=\"5\" height=\"5\" fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.1\" fill=\"#333\"/></pattern>"
            + "</defs>"
    }

    static func fill(_ id: String, _ series: Int) -> (fill: String, text: String) {
        switch series % 4 {
        case 0: return ("#222", "#fff")
        case 1: return ("url(#\(HTML.escape(id))-p1)", "#000")
        case 2: return ("url(#\(HTML.escape(id))-p2)", "#000")
        default: return ("#fff", "#000")
        }
    }

    /// Each row a bar of 100% split by series (e.g. readiness bands), with a legend above.
    public static func stacked(id: String, title: String, series: [String], rows: [Stack]) -> String {
        let top = 28.0
        let height = top + Double(rows.count) * rowHeight + 6
        var s = open(id, height: height, title: title) + patterns(id)
        var x = labelWidth
        for (k, name) in series.enumerated() {
            let f = fill(id, k)
            s += "<rect x=\"\(n(x))\" y=\"4\" width=\"14\" height=\"14\" fill=\"\(f.fill)\" stroke=\"#000\"/>"
            s += "<text x=\"\(n(x + 18))\" y=\"16\" font-size=\"12\">\(HTML.escape(name))</text>"
            x += 30 + Double(name.displayWidth) * 7
        }
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight
            s += label(row.label, x: labelWidth - 6, y: y + barHeight - 3)
            let total = row.counts.reduce(0, +)
            var x = labelWidth
            for (k, c) in row.counts.enumerated() where c > 0 && total > 0 {
                let w = plotWidth * Double(c) / Double(total)
                let f = fill(id, k)
                s += "<rect class=\"seg\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(barHeight))\" fill=\"\(f.fill)\" stroke=\"#000\" stroke-width=\"0.8\">"
                s += "<title>\(HTML.escape(series[k] + ": " + row.shown[k]))</title></rect>"
                if w >= 22 {
                    let bg = k % 4 == 0 ? "" : "<rect x=\"\(n(x + w / 2 - 9))\" y=\"\(n(y + 2))\" width=\"18\" height=\"12\" fill=\"#fff\"/>"
                    s += bg + "<text x=\"\(n(x + w / 2))\" y=\"\(n(y + barHeight - 4))\" text-anchor=\"middle\" font-size=\"11\" fill=\"\(f.text)\">\(HTML.escape(row.shown[k]))</text>"
                }
                x += w
            }
            if total == 0 { s += "<text x=\"\(n(labelWidth + 4))\" y=\"\(n(y + barHeight - 3))\" font-size=\"12\">-</text>" }
        }
        return s + "</svg>"
    }
}
