import Foundation

/// The OS user running Modex; over SSH this is the SSH login. Recorded on every booking.
public enum OperatorIdentity {
    public static var current: String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name {
            return String(cString: name)
        }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid-\(getuid())"
    }
}
