/// Seat and frame glyphs. The five seat looks differ by glyph alone, so they stay distinct
/// without colour (`NO_COLOR`, monochrome terminals).
public struct GlyphSet: Equatable, Sendable {
    public let available: Character
    public let selected: Character
    public let mine: Character
    public let other: Character
    public let booked: Character
    public let horizontal: Character
    public let vertical: Character
    /// Box corners: top left, top right, bottom left, bottom right.
    public let corners: [Character]
    public let ellipsis: String
    public let dot: String
    /// Joins the ends of a range of numbers ("1–20 of 45" shows). Seat ranges are written as
    /// they are typed, `A1..A10`, in every locale (`SeatLabelRange.dash`).
    public let rangeDash: String
    /// Where more of a large map lies out of view: left, right, up, down (the arrow keys that
    /// bring it in).
    public let directions: [String]
    /// Whether the terminal shows only ASCII, so that other characters in names and typed text
    /// are drawn as `?` (see `CellGrid.asciiOnly`).
    public let asciiOnly: Bool

    /// The left and right arrow keys, as a key hint names them: "← →", or "left/right".
    public var leftAndRightKeys: String { asciiOnly ? "\(directions[0])/\(directions[1])" : "\(directions[0]) \(directions[1])" }

    /// For UTF-8 locales.
    public static let unicode = GlyphSet(available: "○", selected: "◉", mine: "◆", other: "▒", booked: "■",
                                         horizontal: "─", vertical: "│", corners: ["┌", "┐", "└", "┘"], ellipsis: "…", dot: "·", rangeDash: "–",
                                         directions: ["←", "→", "↑", "↓"], asciiOnly: false)
    /// For other locales.
    public static let ascii = GlyphSet(available: "o", selected: "*", mine: "H", other: "r", booked: "X",
                                       horizontal: "-", vertical: "|", corners: ["+", "+", "+", "+"], ellipsis: "...", dot: "-", rangeDash: "..",
                                       directions: ["left", "right", "up", "down"], asciiOnly: true)
}

/// How the screen is drawn: glyphs for the locale, and whether colour is used.
public struct RenderOptions: Equatable, Sendable {
    public var glyphs: GlyphSet
    public var colour: Bool
    public init(glyphs: GlyphSet = .unicode, colour: Bool = true) {
        self.glyphs = glyphs
        self.colour = colour
    }
}
