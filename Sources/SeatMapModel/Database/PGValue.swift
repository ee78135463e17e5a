import Foundation

/// A statement parameter. Values travel as text in a separate protocol field, never
/// spliced into SQL.
public enum PGValue: Sendable, Equatable {
    case text(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case textArray([String])
    case intArray([Int64])

    var pgText: String {
        switch self {
        case .text(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "t" : "f"
        case .textArray(let items): return "{" + items.map(Self.quoteArrayElement).joined(separator: ",") + "}"
        case .intArray(let items): return "{" + items.map(String.init).joined(separator: ",") + "}"
        }
    }

    private static func quoteArrayElement(_ s: String) -> String {
        var out = "\""
        for ch in s {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }
}

extension PGValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
}
