/// Input, decoded by the backend from ncurses key codes.
public enum Key: Equatable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab
    case controlC
    /// Ctrl-U: clears the text of a prompt.
    case clearField
    /// A mouse click at a screen cell.
    case click(x: Int, y: Int)
}
