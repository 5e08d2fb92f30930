//! How the binary starts before any argument is parsed: what `nianbao` with
//! no arguments at all does, and the Windows console set-up.
//!
//! A clerk on Windows starts `nianbao.exe` by double-clicking it in Explorer:
//! Windows opens a console window and passes no arguments. Printing the usage
//! there would flash a window that closes at once, so on Windows no arguments
//! means the checking page (`nianbao serve --open`), with a line in the window
//! saying how to stop it. Elsewhere a bare `nianbao` is typed in a terminal
//! (file managers on Linux and macOS do not give a command-line program a
//! window), so it keeps printing the usage.

/// What to do before (or instead of) parsing the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Parse the arguments as usual.
    Parse,
    /// Start the checking page and open it in the browser.
    ServeAndOpen,
}

/// `args` counts the program name, as `std::env::args_os().len()` does.
pub fn default_action(args: usize, windows: bool) -> Action {
    // 0 happens when a parent passes an empty argv (possible on Unix, not
    // from Explorer); treat it like no arguments.
    if windows && args <= 1 {
        Action::ServeAndOpen
    } else {
        Action::Parse
    }
}

/// Lets Windows consoles show the colours of `nianbao check`.
///
/// Chinese text needs nothing here: Rust's standard library writes to a
/// Windows console with `WriteConsoleW` (UTF-16), whatever the console code
/// page, and writes UTF-8 bytes unchanged to files and pipes. Colours are ANSI
/// escapes, which a Windows 10+ console shows only once the program turns on
/// virtual terminal processing; where that fails (an old console), colours
/// are turned off instead of printing the escapes as text.
pub fn prepare_console() {
    #[cfg(windows)]
    win::enable_colours();
}

#[cfg(windows)]
mod win {
    use std::ffi::c_void;

    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    const STD_ERROR_HANDLE: u32 = -12i32 as u32;
    const ENABLE_VIRTUAL_TERMINAL_PROCESSING: u32 = 0x0004;

    // kernel32 is linked by the standard library on every Windows target.
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetStdHandle(which: u32) -> *mut c_void;
        fn GetConsoleMode(handle: *mut c_void, mode: *mut u32) -> i32;
        fn SetConsoleMode(handle: *mut c_void, mode: u32) -> i32;
    }

    /// Some(true): a console that now shows escapes; Some(false): a console
    /// that cannot; None: not a console (a file or a pipe: nothing to do).
    fn enable(which: u32) -> Option<bool> {
        let mut mode = 0u32;
        // SAFETY: plain Win32 calls on this process's own standard handle;
        // `mode` is a valid, writable u32. A null or invalid handle makes
        // GetConsoleMode fail, which is handled.
        unsafe {
            let handle = GetStdHandle(which);
            if handle.is_null() || GetConsoleMode(handle, &mut mode) == 0 {
                return None;
            }
            if mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
                return Some(true);
            }
            Some(SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0)
        }
    }

    pub fn enable_colours() {
        let out = enable(STD_OUTPUT_HANDLE);
        let err = enable(STD_ERROR_HANDLE);
        if out == Some(false) || err == Some(false) {
            // SAFETY: called first thing in main, before any other thread
            // exists, so nothing reads the environment concurrently.
            unsafe { std::env::set_var("NO_COLOR", "1") };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_with_no_arguments_serves_the_page() {
        assert_eq!(default_action(1, true), Action::ServeAndOpen);
        assert_eq!(default_action(0, true), Action::ServeAndOpen);
    }

    #[test]
    fn any_argument_is_parsed_as_usual() {
        assert_eq!(default_action(2, true), Action::Parse);
        assert_eq!(default_action(3, true), Action::Parse);
        assert_eq!(default_action(2, false), Action::Parse);
    }

    #[test]
    fn elsewhere_no_arguments_keeps_the_usage() {
        assert_eq!(default_action(1, false), Action::Parse);
        assert_eq!(default_action(0, false), Action::Parse);
    }
}
