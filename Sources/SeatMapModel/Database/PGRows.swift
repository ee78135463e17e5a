import CPQ
import Foundation

/// The rows of a finished statement, copied out of libpq's result so they are a plain value.
public struct PGRows: Sendable {
    public let columns: [String]
    public let rows: [PGRow]
    /// Rows changed by an INSERT/UPDATE/DELETE.
    public let affectedRows: Int

    init(_ result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        let names = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        columns = names
        rows = (0..<Int(PQntuples(result))).map { r in
            PGRow(index: index, values: (0..<columnCount).map { c in
                PQgetisnull(result, Int32(r), Int32(c)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(r), Int32(c)))
            })
        }
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public var first: PGRow? { rows.first }

    /// The first row of a statement that always returns one; a missing row is an internal error.
    public func single() throws -> PGRow {
        guard let row = rows.first else { throw BookingError.internalFailure("the database returned no row where one was expected") }
        return row
    }
}

/// One row; fields are read by column name and decoded into Swift types.
public struct PGRow: Sendable {
    let index: [String: Int]
    let values: [String?]

    public func text(_ column: String) -> String? {
        guard let i = index[column] else { return nil }
        return values[i]
    }

    public func string(_ column: String) throws -> String {
        guard let v = text(column) else { throw BookingError.internalFailure("column \(column) is missing or NULL") }
        return v
    }

    public func int(_ column: String) throws -> Int64 {
        guard let v = Int64(try string(column)) else { throw BookingError.internalFailure("column \(column) is not an integer") }
        return v
    }

    public func optionalInt(_ column: String) -> Int64? { text(column).flatMap { Int64($0) } }

    public func double(_ column: String) throws -> Double {
        guard let v = Double(try string(column)) else { throw BookingError.internalFailure("column \(column) is not a number") }
        return v
    }

    public func bool(_ column: String) throws -> Bool { try string(column) == "t" }

    /// Reads a column selected as `extract(epoch from ...)`.
    public func date(_ column: String) throws -> Date { Date(timeIntervalSince1970: try double(column)) }

    public func optionalDate(_ column: String) -> Date? { text(column).flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) }

    /// Reads a one-dimensional text[] column of simple (unquoted or quoted) elements.
    public func textArray(_ column: String) throws -> [String] {
        PGArrayText.parse(try string(column))
    }
}

enum PGArrayText {
    /// Parses PostgreSQL's text form of a one-dimensional array: `{a,"b c",NULL}`.
    static func parse(_ text: String) -> [String] {
        guard text.count >= 2 else { return [] }
        let body = text.dropFirst().dropLast()
        if body.isEmpty { return [] }
        var items: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for ch in body {
            if escaped { current.append(ch); escaped = false; continue }
            switch ch {
            case "\\" where quoted: escaped = true
            case "\"": quoted.toggle()
            case "," where !quoted: items.append(current); current = ""
            default: current.append(ch)
            }
        }
        items.append(current)
        return items
    }
}
