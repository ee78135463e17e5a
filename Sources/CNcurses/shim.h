/* SwiftPM does not rebuild when this header alone changes: touch its callers
   (Sources/ModexTUI/TUI/TerminalSession.swift, NcursesBackend.swift) after editing it. */
#ifndef MODEX_CNCURSES_SHIM_H
#define MODEX_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <fcntl.h>
#include <execinfo.h>
#include <sys/ioctl.h>

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
/* Bytes waiting to be read on `fd` (FIONREAD; ioctl is variadic, which Swift cannot call);
   -1 if it cannot be asked. */
static inline int modex_pending_input_bytes(int fd) {
    int n = 0;
    return ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}
static inline int modex_is_utf8_locale(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Restoring the terminal when modex crashes: a Swift trap (SIGILL on x86_64, SIGTRAP on arm64),
   SIGSEGV, SIGBUS, SIGFPE or SIGABRT. The handler makes only async-signal-safe calls: tcsetattr
   with the settings saved before curses started, and write of the terminfo strings that leave
   curses mode (captured once curses has started), of a sentence, and of the stack to the log
   file (backtrace_symbols_fd). Then the process dies of the signal. Swift's own backtracer
   gets the signal only when SWIFT_BACKTRACE asks for it (`chain`): its interactive mode can
   start a debugger, which a kiosk must never offer a clerk.
   Swift emits these inline functions into the file that calls them but not file-level static
   variables, so the state lives in one function-local static; only TerminalSession.swift
   calls these. */
struct modex_crash_state {
    struct termios saved_termios;
    int have_saved_termios;
    char leave_curses[512];
    size_t leave_curses_length;
    int chain;
    int log_fd;
    struct sigaction previous[6];
    char stack[65536];
};

static inline struct modex_crash_state *modex_crash_state(void) {
    static struct modex_crash_state state = { .log_fd = -1 };
    return &state;
}

static inline int modex_crash_signal(size_t i) {
    static const int signals[6] = { SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGABRT };
    return signals[i];
}

/* Before curses changes the terminal. */
static inline void modex_save_terminal(void) {
    struct modex_crash_state *state = modex_crash_state();
    state->have_saved_termios = tcgetattr(0, &state->saved_termios) == 0;
}

static inline void modex_append_leave_curses(const char *s) {
    struct modex_crash_state *state = modex_crash_state();
    if (s == NULL || s == (char *)-1) return;
    size_t n = strlen(s);
    if (state->leave_curses_length + n >= sizeof state->leave_curses) return;
    memcpy(state->leave_curses + state->leave_curses_length, s, n);
    state->leave_curses_length += n;
}

static inline void modex_write_all(int fd, const char *text, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, text, length);
        if (n <= 0) return;
        text += n;
        length -= (size_t)n;
    }
}

static inline void modex_crash_handler(int sig, siginfo_t *info, void *context) {
    struct modex_crash_state *state = modex_crash_state();
    if (state->have_saved_termios) tcsetattr(0, TCSANOW, &state->saved_termios);
    modex_write_all(1, state->leave_curses, state->leave_curses_length);
    static const char message[] = "\r\nmodex stopped on an internal error; the terminal was restored.\r\n";
    modex_write_all(2, message, sizeof message - 1);
    if (state->log_fd >= 0) {
        char line[] = "modex crashed on signal   ; stack:\n";
        char *digits = strchr(line, ';') - 2;
        digits[0] = (char)('0' + sig / 10 % 10);
        digits[1] = (char)('0' + sig % 10);
        modex_write_all(state->log_fd, line, sizeof line - 1);
        void *frames[64];
        backtrace_symbols_fd(frames, backtrace(frames, 64), state->log_fd);
    }
    /* The handler that was there before (Swift's backtracer) is called from here, not left to
       a re-raised signal: it returns once it has printed, and for a signal that another process
       sent with kill() the program would then carry on, drawing on a terminal no longer in
       curses mode. It is called as the kernel would call it: with the signal unblocked if it
       asked for SA_NODEFER (Swift's reads memory for the backtrace and catches its own faults,
       and a fault while the signal is blocked kills the process at once). */
    struct sigaction die;
    memset(&die, 0, sizeof die);
    die.sa_handler = SIG_DFL;
    sigaction(sig, &die, NULL);
    for (size_t i = 0; i < 6 && state->chain; i++) {
        if (modex_crash_signal(i) != sig) continue;
        struct sigaction *previous = &state->previous[i];
        if (previous->sa_flags & SA_NODEFER) {
            sigset_t unblock;
            sigemptyset(&unblock);
            sigaddset(&unblock, sig);
            pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
        }
        if (previous->sa_flags & SA_SIGINFO) {
            if (previous->sa_sigaction != NULL) previous->sa_sigaction(sig, info, context);
        } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
            previous->sa_handler(sig);
        }
    }
    sigaction(sig, &die, NULL);
    raise(sig);   /* now, or when this handler returns if the signal is blocked: the end */
}

/* Once curses has started (the strings come from the terminal's terminfo entry). `chain`: let
   the handler that was there before have the signal; `log_path`: where the stack goes (NULL:
   nowhere). */
static inline void modex_install_crash_handlers(int chain, const char *log_path) {
    struct modex_crash_state *state = modex_crash_state();
    state->chain = chain;
    state->leave_curses_length = 0;
    modex_append_leave_curses(tigetstr("sgr0"));
    modex_append_leave_curses(tigetstr("cnorm"));
    modex_append_leave_curses(tigetstr("rmkx"));
    const char *mouse = tigetstr("kmous");
    if (mouse != NULL && mouse != (char *)-1) modex_append_leave_curses("\033[?1000l\033[?1002l\033[?1003l\033[?1006l");
    modex_append_leave_curses(tigetstr("rmcup"));
    if (state->log_fd < 0 && log_path != NULL) state->log_fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    void *frame[1];
    (void)backtrace(frame, 1);   /* loads what backtrace needs now, not in the handler */
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = state->stack;
    stack.ss_size = sizeof state->stack;
    sigaltstack(&stack, NULL);   /* so a stack overflow can still be handled */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = modex_crash_handler;
    action.sa_flags = SA_ONSTACK | SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < 6; i++) sigaction(modex_crash_signal(i), &action, &state->previous[i]);
}

/* After curses has ended normally: the handlers that were there before come back. */
static inline void modex_remove_crash_handlers(void) {
    struct modex_crash_state *state = modex_crash_state();
    for (size_t i = 0; i < 6; i++) sigaction(modex_crash_signal(i), &state->previous[i], NULL);
}
#endif
