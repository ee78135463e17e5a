import Foundation
import SeatMapModel

/// One bench thread's event loop over its terminals, as each of pgbench's threads runs its
/// clients: it starts each idle terminal's next hold when due, waits (`ppoll`) for whichever
/// connection answers first, and hands each answer to its terminal. A thread per terminal
/// (`--threads` equal to `--clients`) cost the machine about three times pgbench's share of
/// the CPU, most of it the kernel switching between 32 threads (see docs/BENCHMARKS.md).
enum TerminalLoop {
    /// Runs `terminals` until `deadline` (uptime nanoseconds), and returns once each has
    /// finished the booking it was in the middle of.
    static func run(_ terminals: [BenchTerminal], until deadline: UInt64) {
        var waiting: [BenchTerminal] = []
        var sockets: [pollfd] = []
        while true {
            let now = BenchTerminal.now
            var wake = UInt64.max
            waiting.removeAll(keepingCapacity: true)
            sockets.removeAll(keepingCapacity: true)
            for terminal in terminals {
                terminal.advance(now: now, deadline: deadline)
                if let at = terminal.wakeAt { wake = min(wake, at) }
                if let socket = terminal.waitingSocket {
                    waiting.append(terminal)
                    sockets.append(pollfd(fd: socket, events: Int16(POLLIN), revents: 0))
                }
            }
            if waiting.isEmpty, terminals.allSatisfy(\.isFinished) { return }
            // Until the next paced hold is due; at most 100 ms, to notice an overdue answer.
            let wait = min(wake > now ? wake - now : 0, 100_000_000)
            PGConnection.waitForReadable(&sockets, nanoseconds: wait)
            for (index, socket) in sockets.enumerated() where socket.revents != 0 {
                waiting[index].readAnswer()
            }
            let later = BenchTerminal.now
            for terminal in waiting { terminal.giveUpIfOverdue(now: later) }
        }
    }
}
