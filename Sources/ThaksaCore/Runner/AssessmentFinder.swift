/// Finds one person's row in an input file (CSV or JSON Lines) by id, reading it in order.
public enum AssessmentFinder {
    public enum Outcome {
        case found(Assessment, row: Int)
        case invalid([InputError])
        case notFound
        case unreadable
    }

    public static func find(id: String, path: String, display: String, rules: RuleSet, options: ScoreRunner.Options = .init()) -> Outcome {
        let mapper = AssessmentMapper(rules: rules, overrides: options.columns, allowUnmapped: options.allowUnmapped)
        if ScoreRunner.isJSONLines(path) {
            guard var lines = try? LineReader(path: path) else { return .unreadable }
            while let (n, bytes) = lines.next() {
                guard case .success(let json) = JSONParser.parse(Array(bytes)),
                      case .object(let fields) = json,
                      fields.contains(where: { $0.0 == "id" && $0.1 == .string(id) }) else { continue }
                switch mapper.map(json: json, row: n, file: display) {
                case .success(let a): return .found(a, row: n)
                case .failure(let e): return .invalid(e.items)
                }
            }
            return .notFound
        }
        guard var reader = try? TableReader(path: path, display: display, encoding: options.encoding, sheet: options.sheet),
              case .success(let header)? = reader.next() else { return .unreadable }
        let plan: AssessmentMapper.Plan
        switch mapper.plan(header: header.fields, file: display) {
        case .success(let p): plan = p
        case .failure(let e): return .invalid(e.items)
        }
        guard let idColumn = plan.roles.firstIndex(of: .id) else { return .notFound }
        while let next = reader.next() {
            guard case .success(let record) = next, idColumn < record.fields.count,
                  record.fields[idColumn].trimmingCharacters(in: .whitespaces) == id else { continue }
            switch mapper.map(record, plan: plan, file: display) {
            case .success(let a)?: return .found(a, row: record.row)
            case .failure(let e)?: return .invalid(e.items)
            case nil: continue
            }
        }
        return .notFound
    }
}

import Foundation
