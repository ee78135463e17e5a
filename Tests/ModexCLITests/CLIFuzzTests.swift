import Foundation
import ModexTestSupport
import XCTest

/// Random and malformed command lines, run through the real `modex` as a script would run
/// them: every run must end with a documented exit status, and a failing one must say why on
/// stderr (and with `--json`, in an error envelope on stdout), never with a crash or exit 1
/// ("anything else"). Half the lines are random words
/// after a command; half follow a command's own shape with some values made wrong, so they
/// reach the database. Seeded, so a failure repeats; the counts are printed.
final class CLIFuzzTests: XCTestCase {
    static let documented: Set<Int32> = [0, 3, 4, 64, 77]

    /// Values of one kind: a right one, mostly, and sometimes a wrong one of any kind.
    struct Values {
        let right: [String]
        static let wrong = ["", " ", "0", "-1", "-0", "0.5", "nan", "inf", "1e308", "99999999999999999999", "9223372036854775807",
                            "Z99", "a1", "A1-B2", "é", "🎭", "\u{7}", "'; DROP TABLE seats; --", "x@y.z\n", "/etc/passwd", "/tmp",
                            "--json", "-h", "--", "2026-02-30", "2030-13-01T19:30", "not-an-email", "bitcoin", "-3.00"]

        func pick(_ rng: inout SeededGenerator) -> String {
            Int.random(in: 0..<4, using: &rng) == 0 ? Self.wrong.randomElement(using: &rng)! : right.randomElement(using: &rng)!
        }
    }

    /// One command line of some command's shape: its words, with values drawn from `value`.
    /// `show` is the show to sell; `spare`, one to delete (the fuzz may cancel every sale of
    /// `show`, and a show without sales may be deleted).
    static func shaped(_ rng: inout SeededGenerator, show: String, spare: String) -> [String] {
        let shows = Values(right: [show, show, "999"]), bookings = Values(right: ["1", "2", "3", "4", "5", "6", "424242"])
        let labels = Values(right: ["A1", "A2", "A3", "B4", "B5", "N1-AA12"]), emails = Values(right: ["fan@example.com", "a@b.co"])
        let pays = Values(right: ["cash", "card"])
        func v(_ values: Values) -> String { values.pick(&rng) }
        func maybe(_ words: @autoclosure () -> [String]) -> [String] { Bool.random(using: &rng) ? words() : [] }
        switch Int.random(in: 0..<13, using: &rng) {
        case 0, 12: return ["hold", v(shows), v(labels)] + maybe([v(labels)]) + maybe(["--email", v(emails)])
            + maybe(["--hold-seconds", v(Values(right: ["60", "120", "3600"]))]) + maybe(["--max-seats", v(Values(right: ["1", "10"]))])
            + maybe(["--request-id", v(Values(right: ["order-1", "order-2"]))]) + maybe(["--json"])
        case 1: return ["confirm", v(bookings), "--email", v(emails)] + maybe(["--paid", v(pays)]) + maybe(["--json"])
        case 2: return ["release", v(bookings)] + maybe(["--json"])
        case 3: return ["cancel", v(bookings)] + maybe(["--seats", v(labels)]) + maybe(["--json"])
        case 4: return ["paid", v(bookings), v(pays)] + maybe(["--json"])
        case 5: return ["booking", v(bookings)] + maybe(["--json"])
        case 6: return ["bookings", v(shows)] + maybe(["--email", v(Values(right: ["fan", "example"]))]) + maybe(["--json"])
        case 7: return ["sales"] + maybe(["--date", v(Values(right: ["today", "yesterday", "2026-11-26"]))]) + maybe(["--json"])
        case 8: return ["seats", v(shows)] + maybe(["--json"])
        case 9: return ["show", "create", "--name", v(Values(right: ["Gala", "Matinée 🎭"])),
                        "--starts", v(Values(right: ["2030-01-01T19:30", "2030-06-30 14:00"])),
                        "--rows", v(Values(right: ["1", "3", "26"])), "--seats-per-row", v(Values(right: ["1", "5", "40"]))]
            + maybe(["--price", v(Values(right: ["12.50", "0", "99.99"]))]) + maybe(["--json"])
        case 10: return ["show", "delete", v(Values(right: ["999", spare]))] + maybe(["--json"])
        default: return ["manager", Bool.random(using: &rng) ? "list" : "remove", v(Values(right: ["nobody"]))]
        }
    }

    static let commands: [[String]] = [
        ["hold"], ["confirm"], ["release"], ["cancel"], ["paid"], ["booking"], ["bookings"], ["sales"], ["seats"], ["shows"],
        ["show", "create"], ["show", "delete"], ["manager", "list"], ["expire"], ["check"],
    ]

    /// A `modex add` line, right or wrong. Drawn from a generator of its own, so that the
    /// lines above stay the sequence they were before `add` existed.
    static func addLine(_ rng: inout SeededGenerator) -> [String] {
        let bookings = Values(right: ["1", "2", "3", "4", "5", "6", "424242"])
        let labels = Values(right: ["A1", "A2", "A3", "B1", "B4", "B5", "N1-AA12"])
        func v(_ values: Values) -> String { values.pick(&rng) }
        return ["add", v(bookings), v(labels)] + (Bool.random(using: &rng) ? [v(labels)] : [])
            + (Bool.random(using: &rng) ? ["--max-seats", v(Values(right: ["1", "10"]))] : []) + (Bool.random(using: &rng) ? ["--json"] : [])
    }

    func testRandomCommandLinesEndWithADocumentedStatusAndAReason() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let show = String(try cli.createShow(name: "Fuzz", rows: 2, seatsPerRow: 5))
        let spare = String(try cli.createShow(name: "Spare", rows: 1, seatsPerRow: 2))
        let sale = try cli.run(["hold", show, "B1", "--json"]).object()["booking_id"] as? Int
        XCTAssertEqual(try cli.run(["confirm", String(try XCTUnwrap(sale)), "--email", "first@example.com"]).status, 0)
        var rng = SeededGenerator(seed: 20_261_126)
        var byStatus: [Int32: Int] = [:]
        let cases = Int(ProcessInfo.processInfo.environment["CLI_FUZZ_CASES"] ?? "") ?? 400
        var addRng = SeededGenerator(seed: 20_261_127)
        var lines = 0
        for i in 0..<cases {
            let arguments = i % 2 == 0
                ? Self.shaped(&rng, show: show, spare: spare)
                : Self.commands.randomElement(using: &rng)! + (0..<Int.random(in: 0...5, using: &rng)).map { _ in Values.wrong.randomElement(using: &rng)! }
            // Every eighth line is followed by a `modex add` line, from its own generator.
            for arguments in [arguments] + (i % 8 == 7 ? [Self.addLine(&addRng)] : []) {
                lines += 1
                let run = try cli.run(arguments)
                byStatus[run.status, default: 0] += 1
                let line = "modex \(arguments.map(\.debugDescription).joined(separator: " "))"
                XCTAssertTrue(Self.documented.contains(run.status), "\(line): exit \(run.status): \(run.stderr)")
                XCTAssertFalse((run.stdout + run.stderr).contains("Fatal error"), "\(line): \(run.stderr)")
                if run.status != 0 {
                    XCTAssertFalse(run.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(line): exit \(run.status) said nothing")
                }
                // With --json (an option, so before any "--"), stdout is one JSON document; a failure's
                // is the error envelope, with the exit status in it.
                let options = arguments.prefix { $0 != "--" }
                if options.contains("--json"), !options.contains("-h") {
                    let json = try? run.json()
                    XCTAssertNotNil(json, "\(line): exit \(run.status), stdout is not JSON: \(run.stdout)")
                    if run.status != 0, let json {
                        let error = (json as? [String: Any])?["error"] as? [String: Any]
                        XCTAssertEqual(error?["exit_code"] as? Int, Int(run.status), "\(line): \(run.stdout)")
                        XCTAssertFalse((error?["message"] as? String ?? "").isEmpty, "\(line): \(run.stdout)")
                    }
                }
            }
        }
        XCTAssertEqual(byStatus.values.reduce(0, +), lines)
        for status: Int32 in [0, 4, 64] {
            XCTAssertGreaterThan(byStatus[status] ?? 0, cases / 50, "the lines should reach exit \(status) too: \(byStatus)")
        }
        XCTAssertGreaterThan(byStatus[3] ?? 0, 0, "some holds should find their seats taken: \(byStatus)")
        print("CLI fuzz: \(lines) command lines (\(lines - cases) of them modex add), by exit status: "
            + byStatus.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        let check = try cli.run(["check"])
        XCTAssertEqual(check.status, 0, "the invariants hold after it all: \(check.stdout)")
    }
}
