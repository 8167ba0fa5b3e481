//! The console (`frontdesk` with no subcommand): live panes over the server's data, keyboard
//! only. It never opens the database: everything comes through the socket.
//!
//! One event loop: keys (read by our own decoder, with an escape time), the server's replies
//! and change notices, resizes and signals all arrive on one channel ([`drive`]). The loop
//! blocks until something arrives and draws only when what is shown changed, so an idle
//! console writes nothing to its terminal.

pub mod action;
pub mod app;
pub mod backend;
mod case_pane;
pub mod cx;
pub mod data;
mod desk;
pub mod draw;
pub mod drive;
pub mod input;
pub mod intake;
mod intake_view;
pub mod keymap;
pub mod overlay;
mod panes;
mod paper_text;
mod replies;
pub mod sheet;
mod sms_text;
pub mod sync;
pub mod text;
pub mod theme;
mod watch;
mod watch_text;
mod watch_view;

use std::io::Stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;

use crate::client::{Client, ConnectOptions};
use crate::datadir::DataDir;
use backend::LeanBackend;
use cx::Cx;
use drive::{Driver, Event};

/// How the console reads its terminal.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// How long after an Esc the rest of a key's sequence may come (`--escape-time`).
    pub escape_time: Duration,
}

/// Runs the console until the user quits. The terminal is restored on exit, on panic, on
/// SIGTERM and SIGHUP.
pub fn run(
    data: &DataDir,
    opts: &ConnectOptions,
    settings: Settings,
    cx: impl FnOnce(&Client) -> Cx,
) -> Result<(), String> {
    let mut driver = Driver::connect(data, opts, cx).map_err(|e| e.text(opts.lang))?;
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(driver.sender(), Arc::clone(&stop))?;
    // Raw mode, the alternate screen and a panic hook that restores the terminal.
    drop(ratatui::try_init().map_err(|e| format!("cannot open the terminal: {e}"))?);
    let terminal = Terminal::new(LeanBackend::new(std::io::stdout()))
        .map_err(|e| format!("cannot open the terminal: {e}"));
    let result = terminal.and_then(|mut terminal| {
        let keys = driver.sender();
        input::spawn_reader(settings.escape_time, move |i| {
            let event = match i {
                input::Input::Key(k) => Event::Key(k),
                input::Input::Closed => Event::TerminalGone,
            };
            keys.send(event).is_ok()
        })
        .map_err(|e| format!("cannot read the terminal: {e}"))?;
        let done = Arc::new(AtomicBool::new(false));
        watchdog(Arc::clone(&stop), Arc::clone(&done));
        let result = event_loop(&mut terminal, &mut driver, data, opts);
        done.store(true, Ordering::SeqCst);
        result
    });
    let _ = ratatui::try_restore();
    result
}

/// SIGTERM and SIGHUP end the loop like quitting, so the terminal is restored; SIGWINCH is a
/// resize.
fn watch_signals(tx: std::sync::mpsc::Sender<Event>, stop: Arc<AtomicBool>) -> Result<(), String> {
    use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGWINCH])
        .map_err(|e| format!("cannot watch signals: {e}"))?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let event = if signal == SIGWINCH {
                Event::Resize
            } else {
                stop.store(true, Ordering::SeqCst);
                Event::Stop
            };
            if tx.send(event).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Ends the process if the event loop cannot: when the terminal has gone (a dropped SSH link
/// can leave reads returning nothing forever) or a signal asked us to stop and the loop has not
/// finished within a second.
fn watchdog(stop: Arc<AtomicBool>, done: Arc<AtomicBool>) {
    use std::io::IsTerminal;
    std::thread::spawn(move || {
        let mut asked: Option<Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(200));
            if done.load(Ordering::SeqCst) {
                return;
            }
            let gone = !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal();
            if stop.load(Ordering::SeqCst) && asked.is_none() {
                asked = Some(Instant::now());
            }
            if gone || asked.is_some_and(|t| t.elapsed() > Duration::from_secs(1)) {
                let _ = ratatui::try_restore();
                std::process::exit(0);
            }
        }
    });
}

fn event_loop(
    terminal: &mut Terminal<LeanBackend<Stdout>>,
    driver: &mut Driver,
    data: &DataDir,
    opts: &ConnectOptions,
) -> Result<(), String> {
    let size = terminal.size().map_err(|e| e.to_string())?;
    driver.app.resize(size.width, size.height);
    driver.start();
    let mut last_try = Instant::now();
    loop {
        if driver.app.dirty {
            if let Ok(size) = terminal.size()
                && (size.width, size.height) != driver.app.size
            {
                driver.app.resize(size.width, size.height);
                driver.pump();
            }
            terminal
                .draw(|f| draw::draw(f, &driver.app))
                .map_err(|e| e.to_string())?;
            driver.app.dirty = false;
        }
        if driver.app.quit || driver.stopped {
            return Ok(());
        }
        // While the server is away, try again every second (starting it if it is ours).
        let wait = (!driver.connected()).then_some(Duration::from_secs(1));
        driver.next(wait);
        if !driver.connected() && !driver.stopped && last_try.elapsed() >= Duration::from_secs(1) {
            last_try = Instant::now();
            driver.reconnect(data, opts);
        }
    }
}
