#ifndef MODEX_CNCURSES_SHIM_H
#define MODEX_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>

/* Macros and C globals that Swift cannot import directly (see PLATFORM-NOTES.md). */
static inline WINDOW *modex_stdscr(void) { return stdscr; }
static inline int modex_lines(void) { return LINES; }
static inline int modex_cols(void) { return COLS; }
static inline int modex_colors(void) { return COLORS; }
static inline attr_t modex_a_bold(void) { return A_BOLD; }
static inline attr_t modex_a_reverse(void) { return A_REVERSE; }
static inline attr_t modex_a_underline(void) { return A_UNDERLINE; }
static inline attr_t modex_a_dim(void) { return A_DIM; }
static inline attr_t modex_a_normal(void) { return A_NORMAL; }
static inline attr_t modex_color_pair(int pair) { return COLOR_PAIR(pair); }
static inline mmask_t modex_button1_mask(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
static inline int modex_set_attributes(attr_t attrs) { return wattrset(stdscr, (int)attrs); }
/* newterm on the process's own stdout/stdin (C globals Swift 6 will not touch); NULL for a
   terminal type this host has no terminfo entry for, where initscr would exit. */
static inline SCREEN *modex_newterm(const char *type) { return newterm(type, stdout, stdin); }
/* Whether the current terminal type can move the cursor (has `cup`); `dumb` cannot. */
static inline int modex_can_move_cursor(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
static inline int modex_is_utf8_locale(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
#endif
