import Foundation

/// Reads a venue layout file named by a manager, with a reason they understand when it cannot.
public enum LayoutFile {
    /// The largest file read: a 100,000-seat layout takes well under a megabyte.
    public static let maximumBytes = 10_000_000

    /// The venue plan in the layout file at `path`. A leading `~` is the home directory (the
    /// picker's form gets no shell expansion); a relative path is taken from the working
    /// directory, which the message names when there is no such file.
    public static func plan(atPath path: String) throws -> VenuePlan {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        let expanded = NSString(string: trimmed).expandingTildeInPath
        let manager = FileManager.default
        guard let attributes = try? manager.attributesOfItem(atPath: expanded) else {
            let place = expanded.hasPrefix("/") ? "" : " in \(manager.currentDirectoryPath)"
            throw BookingError.invalidInput("There is no layout file \(trimmed)\(place)")
        }
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?:
            throw BookingError.invalidInput("\(trimmed) is a folder, not a layout file")
        case .typeRegular?:
            break
        default:
            throw BookingError.invalidInput("\(trimmed) is not a regular file, so not a layout file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumBytes else {
            throw BookingError.invalidInput("\(trimmed) is \(size / 1_000_000) MB; a layout file is at most \(maximumBytes / 1_000_000) MB")
        }
        guard let data = manager.contents(atPath: expanded) else {
            throw BookingError.invalidInput("Cannot read the layout file \(trimmed): this user may not read it")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BookingError.invalidInput("The layout file \(trimmed) is not UTF-8 text")
        }
        return try LayoutParser.parse(text)
    }
}
