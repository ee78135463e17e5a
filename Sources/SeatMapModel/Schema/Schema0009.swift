/// The box office's managers, by operator name (the OS or SSH login). While none is named,
/// everyone may do everything, as before; once one is, only managers create and delete shows,
/// name other managers, and cancel bookings other operators sold (see `Managers`).
enum Schema0009 {
    static let managers = """
    CREATE TABLE modex_managers (
        operator  text PRIMARY KEY CHECK (char_length(operator) BETWEEN 1 AND 64),
        named_by  text NOT NULL,
        named_at  timestamptz NOT NULL DEFAULT now()
    );
    """
}
