import Foundation
import SeatPickerUI
import Synchronization

/// Messages from the database threads to the input loop. Posting also writes a byte to a
/// pipe, so the loop's `poll()` wakes at once instead of at its next timeout.
final class Inbox: Sendable {
    private let messages = Mutex<[Msg]>([])
    let wakeFD: Int32
    private let postFD: Int32

    init() {
        var fds: [Int32] = [0, 0]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        for fd in fds where fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        wakeFD = fds[0]
        postFD = fds[1]
    }

    deinit {
        close(wakeFD)
        close(postFD)
    }

    func post(_ msg: Msg) {
        messages.withLock { $0.append(msg) }
        var byte: UInt8 = 1
        _ = write(postFD, &byte, 1)
    }

    /// Everything posted so far, oldest first.
    func drain() -> [Msg] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(wakeFD, &buffer, buffer.count) > 0 {}
        return messages.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}
