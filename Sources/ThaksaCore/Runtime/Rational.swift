/// An exact number: a reduced fraction of two 64-bit integers. Arithmetic is exact and checked:
/// an operation that would overflow returns nil (reported as a rule error), never a wrong value.
/// Rounding happens only where the rules ask for it (`round(x, n)`, half away from zero).
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let num: Int64
    public let den: Int64   // always > 0, gcd(num, den) == 1

    public init(_ n: Int64) { num = n; den = 1 }
    public init(_ n: Int) { num = Int64(n); den = 1 }

    /// nil when den is zero or the reduced fraction does not fit.
    public init?(_ n: Int64, _ d: Int64) {
        guard d != 0 else { return nil }
        var n = n, d = d
        if d < 0 {
            guard n != .min, d != .min else { return nil }
            n = -n; d = -d
        }
        let g = Rational.gcd(n.magnitude, d.magnitude)
        num = n / Int64(g)
        den = d / Int64(g)
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)
    public static let hundred = Rational(100)

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var a = a, b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    public var isInteger: Bool { den == 1 }

    public static func + (a: Rational, b: Rational) -> Rational? {
        if a.den == 1 && b.den == 1 {
            let (s, o) = a.num.addingReportingOverflow(b.num)
            return o ? nil : Rational(s)
        }
        let g = Int64(gcd(UInt64(a.den), UInt64(b.den)))
        let (l, o1) = (a.den / g).multipliedReportingOverflow(by: b.den)
        let (x, o2) = a.num.multipliedReportingOverflow(by: l / a.den)
        let (y, o3) = b.num.multipliedReportingOverflow(by: l / b.den)
        let (s, o4) = x.addingReportingOverflow(y)
        if o1 || o2 || o3 || o4 { return nil }
        return Rational(s, l)
    }

    public static prefix func - (a: Rational) -> Rational? {
        a.num == .min ? nil : Rational(unchecked: -a.num, a.den)
    }

    public static func - (a: Rational, b: Rational) -> Rational? {
        guard let nb = -b else { return nil }
        return a + nb
    }

    public static func * (a: Rational, b: Rational) -> Rational? {
        if a.den == 1 && b.den == 1 {
            let (p, o) = a.num.multipliedReportingOverflow(by: b.num)
            return o ? nil : Rational(p)
        }
        // Cross-reduce first so intermediate products stay small.
        let g1 = Int64(gcd(a.num.magnitude, UInt64(b.den))), g2 = Int64(gcd(b.num.magnitude, UInt64(a.den)))
        let (n, o1) = (a.num / g1).multipliedReportingOverflow(by: b.num / g2)
        let (d, o2) = (a.den / g2).multipliedReportingOverflow(by: b.den / g1)
        if o1 || o2 { return nil }
        return Rational(n, d)
    }

    /// nil on division by zero or overflow; callers tell the two apart by checking `b == 0`.
    public static func / (a: Rational, b: Rational) -> Rational? {
        guard b.num != 0, b.num != .min else { return nil }
        return a * Rational(unchecked: b.num < 0 ? -b.den : b.den, Int64(b.num.magnitude))
    }

    private init(unchecked n: Int64, _ d: Int64) { num = n; den = d }

    public static func < (a: Rational, b: Rational) -> Bool {
        if a.den == b.den { return a.num < b.num }
        // Compare a.num * b.den with b.num * a.den in 128 bits.
        let l = a.num.multipliedFullWidth(by: b.den), r = b.num.multipliedFullWidth(by: a.den)
        return (l.high, l.low) < (r.high, r.low)
    }

    /// Rounded to `places` decimal places, halves away from zero (1.25 → 1.3, -1.25 → -1.3).
    public func rounded(places: Int) -> Rational? {
        guard places >= 0, places <= 15 else { return nil }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        guard let scaled = self * Rational(scale) else { return nil }
        let q = scaled.num / scaled.den, r = scaled.num % scaled.den
        var n = q
        if r.magnitude * 2 >= UInt64(scaled.den) { n += scaled.num < 0 ? -1 : 1 }
        return Rational(n, scale)
    }

    public func floor() -> Rational {
        let q = num / den
        return Rational(num < 0 && num % den != 0 ? q - 1 : q)
    }

    public func ceil() -> Rational {
        let q = num / den
        return Rational(num > 0 && num % den != 0 ? q + 1 : q)
    }

    func timesTenPlus(_ digit: Int64) -> Rational? {
        let (m, o1) = num.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.addingReportingOverflow(digit)
        return o1 || o2 ? nil : Rational(s)
    }

    func dividedByPowerOfTen(_ n: Int) -> Rational? {
        var d: Int64 = 1
        for _ in 0..<n {
            let (x, o) = d.multipliedReportingOverflow(by: 10)
            if o { return nil }
            d = x
        }
        return Rational(num, d)
    }

    /// Parses "12", "-3.50", "๗๐", "1_000" (as written in input files and rules).
    public init?(parsing text: some StringProtocol) {
        var s = Substring(text).trimmingSpaces()
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        guard !s.isEmpty else { return nil }
        var value = Rational(0)
        var scale = 0, sawDot = false, digits = 0
        for ch in s.unicodeScalars {
            var d: Int64?
            if ch >= "0" && ch <= "9" { d = Int64(ch.value - 48) }
            else if ch.value >= 0x0E50 && ch.value <= 0x0E59 { d = Int64(ch.value - 0x0E50) }
            if let d {
                guard let v = value.timesTenPlus(d) else { return nil }
                value = v
                digits += 1
                if sawDot { scale += 1 }
            } else if ch == ".", !sawDot { sawDot = true }
            else if ch == "_" || ch == ",", !sawDot, digits > 0 { continue }
            else { return nil }
        }
        guard digits > 0, let v = value.dividedByPowerOfTen(scale) else { return nil }
        self = negative ? Rational(unchecked: -v.num, v.den) : v
    }

    /// Exact decimal text when the fraction terminates; otherwise rounded half up to 10 places.
    public var description: String {
        var d = den
        while d % 2 == 0 { d /= 2 }
        while d % 5 == 0 { d /= 5 }
        if d != 1 {
            guard let r = rounded(places: 10) else { return String(Double(num) / Double(den)) }
            return r.description
        }
        let negative = num < 0
        let mag = num.magnitude
        let intPart = mag / UInt64(den)
        var rem = mag % UInt64(den)
        var out = (negative ? "-" : "") + String(intPart)
        if rem != 0 {
            out += "."
            // rem × 10 can exceed 64 bits when den > 1.8e18: a full-width product and division
            // (the digit is < 10, so it fits); at most 63 digits, as den is 2^a × 5^b.
            while rem != 0 {
                let (digit, next) = UInt64(den).dividingFullWidth(rem.multipliedFullWidth(by: 10))
                out += String(digit)
                rem = next
            }
        }
        return out
    }

    /// Fixed number of decimals (for tables): 77.8 with places 1 → "77.8", 80 → "80.0".
    public func formatted(places: Int) -> String {
        guard let r = rounded(places: places) else { return description }
        var s = r.description
        if places > 0 {
            if !s.contains(".") { s += "." }
            let decimals = s.count - 1 - (s.firstIndex(of: ".").map { s.distance(from: s.startIndex, to: $0) } ?? 0)
            s += String(repeating: "0", count: max(0, places - decimals))
        }
        return s
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}

extension Rational {
    /// `a op b` for the arithmetic operators, used where rules are analysed before any person is
    /// evaluated (constant band thresholds): nil on overflow, division by zero or another operator.
    static func arithmetic(_ op: BinaryOp, _ a: Rational, _ b: Rational) -> Rational? {
        switch op {
        case .add: return a + b
        case .sub: return a - b
        case .mul: return a * b
        case .div: return b == .zero ? nil : a / b
        default: return nil
        }
    }
}
