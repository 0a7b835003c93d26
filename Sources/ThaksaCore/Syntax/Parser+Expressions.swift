/// Expressions, by precedence from loosest to tightest:
/// query (where / order by) < if < or < and < not < comparison < + - < * / < unary - < postfix . < primary
extension Parser {
    /// In a call's first argument a comma ends the `order by` keys (it starts the next argument);
    /// more keys need parentheses: `sum((gaps order by kind, rank), weight)`.
    mutating func query(inCall: Bool = false) throws -> Expr {
        let source = try expr()
        var filter: Expr?
        var order: [OrderKey] = []
        if peek.kind == .kwWhere { advance(); filter = try expr() }
        if peek.kind == .kwOrder {
            advance()
            _ = try expect(.kwBy)
            repeat {
                if !order.isEmpty { advance() }
                let key = try expr()
                var descending = false
                if peek.kind == .kwDescending { advance(); descending = true }
                order.append(OrderKey(key: key, descending: descending))
            } while peek.kind == .comma && !inCall
        }
        guard filter != nil || !order.isEmpty else { return source }
        return Expr(kind: .query(source: source, filter: filter, order: order), span: source.span.to(tokens[i - 1].span))
    }

    /// Rejects an expression tree taller than `maxHeight` (a chain of operators is a tall tree).
    mutating func tall(_ e: Expr) throws -> Expr {
        guard e.height > Parser.maxHeight else { return e }
        diagnostics.add(.nestingTooDeep, e.span, [String(Parser.maxHeight)])
        throw Failure()
    }

    mutating func expr() throws -> Expr {
        try enter(peek.span)
        defer { depth -= 1 }
        if peek.kind == .kwIf {
            let start = advance().span
            let c = try expr()
            _ = try expect(.kwThen)
            let a = try expr()
            _ = try expect(.kwElse)
            let b = try expr()
            return Expr(kind: .ifThen(c, a, b), span: start.to(b.span))
        }
        return try orExpr()
    }

    mutating func orExpr() throws -> Expr {
        var left = try andExpr()
        while peek.kind == .kwOr {
            advance()
            let right = try andExpr()
            left = try tall(Expr(kind: .binary(.or, left, right), span: left.span.to(right.span)))
        }
        return left
    }

    mutating func andExpr() throws -> Expr {
        var left = try notExpr()
        while peek.kind == .kwAnd {
            advance()
            let right = try notExpr()
            left = try tall(Expr(kind: .binary(.and, left, right), span: left.span.to(right.span)))
        }
        return left
    }

    mutating func notExpr() throws -> Expr {
        if peek.kind == .kwNot {
            let start = advance().span
            try enter(start)
            defer { depth -= 1 }
            let e = try notExpr()
            return Expr(kind: .unary(.not, e), span: start.to(e.span))
        }
        return try comparison()
    }

    mutating func comparison() throws -> Expr {
        let left = try additive()
        let ops: [TokenKind: BinaryOp] = [.eq: .eq, .ne: .ne, .lt: .lt, .le: .le, .gt: .gt, .ge: .ge]
        var op: BinaryOp?
        if let o = ops[peek.kind] { op = o; advance() }
        else if peek.kind == .kwIn { op = .in; advance() }
        else if peek.kind == .kwNot, peek(1).kind == .kwIn { op = .notIn; advance(); advance() }
        else if peek.kind == .kwStarts { op = .startsWith; advance(); _ = try expect(.kwWith) }
        else if peek.kind == .kwContains { op = .contains; advance() }
        guard let op else { return left }
        let right = try additive()
        return Expr(kind: .binary(op, left, right), span: left.span.to(right.span))
    }

    mutating func additive() throws -> Expr {
        var left = try term()
        while peek.kind == .plus || peek.kind == .minus {
            let op: BinaryOp = advance().kind == .plus ? .add : .sub
            let right = try term()
            left = try tall(Expr(kind: .binary(op, left, right), span: left.span.to(right.span)))
        }
        return left
    }

    mutating func term() throws -> Expr {
        var left = try unary()
        while peek.kind == .star || peek.kind == .slash {
            let op: BinaryOp = advance().kind == .star ? .mul : .div
            let right = try unary()
            left = try tall(Expr(kind: .binary(op, left, right), span: left.span.to(right.span)))
        }
        return left
    }

    mutating func unary() throws -> Expr {
        if peek.kind == .minus {
            let start = advance().span
            try enter(start)
            defer { depth -= 1 }
            let e = try unary()
            return Expr(kind: .unary(.neg, e), span: start.to(e.span))
        }
        return try postfix()
    }

    mutating func postfix() throws -> Expr {
        var e = try primary()
        while peek.kind == .dot {
            advance()
            let field = try name()
            e = try tall(Expr(kind: .member(e, field), span: e.span.to(field.span)))
        }
        return e
    }

    mutating func primary() throws -> Expr {
        let t = peek
        switch t.kind {
        case .number:
            advance()
            return Expr(kind: .number(t.number ?? .zero), span: t.span)
        case .string:
            advance()
            return Expr(kind: .string(t.text), span: t.span)
        case .kwTrue, .kwFalse:
            advance()
            return Expr(kind: .bool(t.kind == .kwTrue), span: t.span)
        case .ident:
            advance()
            guard peek.kind == .lparen else { return Expr(kind: .name(t.text), span: t.span) }
            advance()
            var args: [Expr] = []
            if peek.kind != .rparen {
                args.append(try query(inCall: true))
                while peek.kind == .comma { advance(); args.append(try expr()) }
            }
            let close = try expect(.rparen)
            return Expr(kind: .call(Name(text: t.text, span: t.span), args), span: t.span.to(close.span))
        case .kwFirst:
            advance()
            try enter(t.span)
            defer { depth -= 1 }
            let n = try additive()
            _ = try expect(.kwOf)
            let q = try query()
            return Expr(kind: .first(n, q), span: t.span.to(q.span))
        case .lbracket:
            advance()
            var items: [Expr] = []
            if peek.kind != .rbracket {
                items.append(try expr())
                while peek.kind == .comma { advance(); items.append(try expr()) }
            }
            let close = try expect(.rbracket)
            return Expr(kind: .list(items), span: t.span.to(close.span))
        case .lparen:
            advance()
            let e = try query()
            let close = try expect(.rparen)
            return Expr(kind: e.kind, span: t.span.to(close.span))
        default:
            try fail("a value (a number, text, a name or `(`)")
        }
    }
}
