import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// The show list knows who the managers are (read with the list): a clerk who is not one is told
/// at `n` that only a manager creates shows, instead of after filling in the form.
final class ManagerKeysTests: XCTestCase {
    func list(managers: [String]?) -> AppState {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))   // operator "boxoffice"
        if let managers { _ = update(&state, .managersLoaded(managers)) }
        _ = update(&state, .showsLoaded([SampleData.show(1, "Demo theatre: The Seagull", seats: 200)]))
        return state
    }

    func hints(_ state: AppState) -> String {
        render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text.split(separator: "\n").last.map(String.init) ?? ""
    }

    func testAClerkWhoIsNotAManagerIsToldAtN() {
        var state = list(managers: ["alice", "carol"])
        XCTAssertFalse(state.mayManage)
        XCTAssertFalse(hints(state).contains("n new show"), hints(state))
        XCTAssertEqual(update(&state, .key(.character("n"))), [])
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message, StatusMessage("Only a manager can create a show; managers: alice, carol.", isError: true))
    }

    func testAManagerOrAnyoneWhileNoneIsNamedGetsTheForm() {
        for managers in [["alice", "boxoffice"], [], nil] as [[String]?] {
            var state = list(managers: managers)
            XCTAssertTrue(state.mayManage, "\(String(describing: managers))")
            XCTAssertTrue(hints(state).contains("n new show"), hints(state))
            _ = update(&state, .key(.character("n")))
            guard case .newShow? = state.prompt else { return XCTFail("no form for \(String(describing: managers))") }
        }
    }
}
