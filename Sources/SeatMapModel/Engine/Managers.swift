/// Who may do a manager's work: create and delete shows, name managers, and cancel a booking
/// another operator sold (a refund). Operators are named as bookings record them (the OS or SSH
/// login). While no manager is named, everyone may do everything, so a box office that never
/// names one works as before; the first manager can be named by anyone.
///
/// This guards the kiosk, whose clerks have no other way in. Someone with a shell on the
/// database host and its credentials can do anything PostgreSQL lets them.
public struct Managers {
    let database: Database

    public init(database: Database) { self.database = database }

    /// The managers' names, in order.
    public func names() throws -> [String] {
        try database.run("SELECT operator FROM modex_managers ORDER BY operator").rows.map { try $0.string("operator") }
    }

    /// Whether `operatorName` may do a manager's work: it is a manager, or nobody is.
    public func allow(_ operatorName: String) throws -> Bool {
        try database.run("""
            SELECT NOT EXISTS (SELECT 1 FROM modex_managers) OR EXISTS (SELECT 1 FROM modex_managers WHERE operator = $1) AS allowed
            """, [.text(operatorName)]).single().bool("allowed")
    }

    /// Throws `.notAllowed` unless `operatorName` may do a manager's work; `action` says what
    /// was refused ("create a show").
    public func require(_ operatorName: String, to action: String) throws {
        guard try !allow(operatorName) else { return }
        throw BookingError.notAllowed("Only a manager can \(action), and \(operatorName) is not one; "
            + "managers: \(try names().joined(separator: ", "))")
    }

    /// Names `name` a manager; `by` must be one, unless none is named yet. Naming one twice
    /// changes nothing.
    public func add(_ rawName: String, by operatorName: String) throws {
        let name = try InputValidation.operatorName(rawName)
        try require(operatorName, to: "name managers")
        try database.run("INSERT INTO modex_managers (operator, named_by) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                         [.text(name), .text(operatorName)])
    }

    /// Stops `name` being a manager; `by` must be one. Returns false if `name` was not one.
    @discardableResult
    public func remove(_ rawName: String, by operatorName: String) throws -> Bool {
        let name = try InputValidation.operatorName(rawName)
        try require(operatorName, to: "name managers")
        return try database.run("DELETE FROM modex_managers WHERE operator = $1 RETURNING operator", [.text(name)]).first != nil
    }
}
