import Foundation
import Logging
import SeatMapModel
import SeatPickerUI

/// The full-screen seat picker: the input loop that feeds `update`, draws `render` and hands
/// effects to the database threads. It never waits on the database.
struct SeatPickerApp {
    let connect: @Sendable () throws -> Database
    let policy: HoldPolicy
    let log: Logger
    /// How long the database may take over a request before the clerk is told it is waiting.
    static let slowAnswerNotice: TimeInterval = 2

    /// Runs until the user quits or the terminal goes away; returns the exit status.
    func run() throws -> Int32 {
        let terminal = try TerminalSession()
        defer { terminal.close() }
        let backend = NcursesBackend(options: terminal.options)
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: connect, policy: policy, inbox: inbox, log: log)
        let watcher = ChangeWatcher(connect: connect, inbox: inbox, log: log)
        defer { worker.stop(); watcher.stop() }
        worker.start()
        watcher.start()

        var state = AppState(operatorName: policy.operatorName, now: Date(), size: terminal.size)
        state.holdPolicy = policy
        var drawn: CellGrid?
        var lastTick = Date()
        var emptyReads = 0
        var dirty = true
        var drawnSecond = 0.0
        // Renders when something happened, or when the clock passed a whole second (countdowns
        // and lapsing holds), not on every tick: an idle arena map then costs one render a second.
        func redraw() {
            let second = state.databaseNow.timeIntervalSince1970.rounded(.down)
            guard dirty || second != drawnSecond else { return }
            dirty = false
            drawnSecond = second
            let grid = render(state, options: terminal.options)
            if grid != drawn { backend.draw(grid); drawn = grid }
        }
        // Holds being released as the picker quits: it waits a moment for them (`Effect.quit`).
        var releasingOnQuit = false
        func apply(_ msg: Msg) {
            if case .tick = msg {} else { dirty = true }
            for effect in update(&state, msg) {
                if state.quitting, case .release = effect { releasingOnQuit = true }
                switch effect {
                case .quit: break
                case .watch(let show):
                    var cursor: ChangeCursor?
                    if case .seats(let map) = state.screen { cursor = map.changeCursor }
                    watcher.watch(show: show, from: cursor)
                default: worker.submit(effect)
                }
            }
        }
        apply(.tick(Date()))
        worker.submit(.loadShows)
        redraw()
        log.info("seat picker started for \(policy.operatorName)")
        if let unknown = terminal.unknownType {
            log.warning("TERM=\(unknown) is unknown on this host (install ncurses-term); drawing for \(terminal.terminalType)")
        }

        var exitStatus: Int32 = 0
        while !state.quitting {
            let sig = TerminalSession.pendingSignal.load(ordering: .relaxed)
            if sig == SIGINT || sig == SIGTERM || sig == SIGQUIT {
                // Asked to stop (Ctrl-C, kill, a host shutting down): as Ctrl-C, which gives
                // back this terminal's holds first.
                if sig != SIGINT { log.info("signal \(sig): leaving") }
                apply(.key(.controlC))
                exitStatus = sig == SIGINT ? 0 : 128 + sig
                break
            }
            if sig != 0 {
                // The terminal is gone (a dropped SSH session): leave at once; holds run out.
                log.info("signal \(sig): leaving")
                return 128 + sig
            }
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, 100)
            if ready < 0 && errno != EINTR { return 1 }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                log.info("terminal hung up: leaving")
                return 129
            }
            // Read even when poll() saw nothing: a resize arrives as a signal, and ncurses
            // turns it into KEY_RESIZE on the next read.
            var gotInput = false
            while case let input = backend.read(), input != .none {
                gotInput = true
                switch input {
                case .key(let key): apply(.key(key))
                case .resize: apply(.resize(terminal.size))
                case .repaint:
                    TerminalSession.recheckSize()
                    backend.clearOnNextDraw()
                    drawn = nil
                    dirty = true
                case .ignored, .none: break
                }
                if state.quitting { break }
            }
            if fds[0].revents & Int16(POLLIN) != 0 && !gotInput {
                // Readable, nothing to read, and still readable with no byte waiting, three
                // times in a row: end of file (a dropped SSH session).
                emptyReads = TerminalSession.inputHasEnded() ? emptyReads + 1 : 0
                if emptyReads >= 3 {
                    log.info("end of input: leaving")
                    return 129
                }
            } else {
                emptyReads = 0
            }
            let answers = inbox.drain()
            for msg in answers { apply(msg) }
            let now = Date()
            // A new hold's countdown is drawn with the current time, not the last tick's (up
            // to 0.3 s old, which made a fresh 2-minute hold read 2:01).
            if !answers.isEmpty || now.timeIntervalSince(lastTick) >= 0.2 {
                lastTick = now
                apply(.tick(now))
                let slowSince = worker.waitingSince.flatMap { now.timeIntervalSince($0) >= Self.slowAnswerNotice ? $0 : nil }
                if slowSince != state.databaseSlowSince { apply(.databaseSlow(since: slowSince)) }
            }
            redraw()
        }
        if releasingOnQuit {
            // The screen says what it waits for; a database that does not answer in time
            // leaves the holds to run out. Under 2 s, the grace `su` gives a child it sent
            // SIGTERM before SIGKILL, which would leave the terminal unrestored.
            redraw()
            if !worker.finish(within: 1.5) { log.warning("quitting before the database released this terminal's holds") }
        }
        log.info("seat picker closed")
        return exitStatus
    }
}
