//! The console (`frontdesk` with no subcommand): four live panes over the server's data,
//! keyboard only. It never opens the database: everything comes through the socket.

pub mod app;
pub mod backend;
pub mod draw;
pub mod input;
pub mod intake;
mod intake_view;
pub mod keymap;
pub mod overlays;
pub mod prompt;
pub mod text;
pub mod theme;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::client::{Client, ClientError, ConnectOptions, Live};
use crate::datadir::DataDir;
use crate::protocol::{Request, Response, ViewReq};
use app::{App, Note};
use keymap::Key;
use text::T;

/// Re-queries everything the panes show.
pub fn refresh(live: &mut Live, app: &mut App) -> Result<(), ClientError> {
    let asked = app.selected_case_id();
    let (queue, cases, approvals) = app.windows();
    let request = Request::View(ViewReq::Screen {
        case: asked,
        queue,
        cases,
        approvals,
    });
    let Response::Screen(screen) = live.request(request)? else {
        return Ok(());
    };
    let screen = *screen;
    app.data.tickets = screen.tickets.rows;
    app.data.cases = screen.cases.rows;
    app.data.today = Some(screen.today);
    app.data.approvals = screen.approvals.rows;
    app.clamp();
    match screen.case {
        Some(Ok((case, history))) => {
            app.data.case = Some(case);
            app.data.history = history;
        }
        // A case number that does not exist (typed to find it): say so, keep going.
        Some(Err(why)) => {
            app.pinned_case = None;
            app.on_refusal(why);
            app.data.case = None;
            app.data.history = Vec::new();
        }
        None => {
            app.data.case = None;
            app.data.history = Vec::new();
        }
    }
    // A list moved under its selection (a case closed, say): show the rows and the case
    // selected now.
    if !app.rows_held() {
        return refresh(live, app);
    }
    match app.selected_case_id() {
        selected if selected == asked => Ok(()),
        Some(_) => refresh(live, app),
        None => {
            app.data.case = None;
            app.data.history = Vec::new();
            Ok(())
        }
    }
}

/// Sends what an action asked for, and any follow-up its answer asks for. The screen refreshes
/// when the server announces the change, as it does for every console.
fn perform(live: &mut Live, app: &mut App, request: Request) -> Result<(), ClientError> {
    let mut next = Some(request);
    while let Some(request) = next.take() {
        match live.request(request) {
            Ok(response) => next = app.on_response(response),
            Err(ClientError::Fault(f)) => app.on_refusal(f.message),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Runs the console until the user quits. The terminal is restored on exit and on panic.
pub fn run(
    data: &DataDir,
    opts: &ConnectOptions,
    mut app_for: impl FnMut(&Client) -> App,
) -> Result<(), String> {
    let told = |e: ClientError| e.text(opts.lang);
    let client = Client::connect(data, opts).map_err(told)?;
    let mut app = app_for(&client);
    let mut live = client.into_live().map_err(told)?;
    refresh(&mut live, &mut app).map_err(told)?;
    // SIGTERM (a shutdown, `kill`) and SIGHUP (a dropped SSH link) end the loop like quitting,
    // so the terminal is restored.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| format!("cannot watch signals: {e}"))?;
    }
    let mut terminal = ratatui::try_init().map_err(|e| format!("cannot open the terminal: {e}"))?;
    let done = Arc::new(AtomicBool::new(false));
    watchdog(Arc::clone(&stop), Arc::clone(&done));
    let result = event_loop(&mut terminal, &mut live, &mut app, data, opts, &stop);
    let _ = ratatui::try_restore();
    done.store(true, Ordering::SeqCst);
    result
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
    terminal: &mut ratatui::DefaultTerminal,
    live: &mut Live,
    app: &mut App,
    data: &DataDir,
    opts: &ConnectOptions,
    stop: &AtomicBool,
) -> Result<(), String> {
    let mut last_try = Instant::now();
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        if let Ok(size) = terminal.size() {
            app.view_rows = usize::from(size.height);
        }
        terminal
            .draw(|f| draw::draw(f, app))
            .map_err(|e| e.to_string())?;
        if event::poll(Duration::from_millis(100)).map_err(|e| e.to_string())? {
            match event::read().map_err(|e| e.to_string())? {
                Event::Key(k) if k.kind == KeyEventKind::Press => {
                    let plain = !k
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                    let request = match k.code {
                        KeyCode::Char(c) if app.typing() && plain => app.type_char(c),
                        KeyCode::Backspace if app.typing() => app.backspace(),
                        _ => Key::from_event(k)
                            .and_then(|key| app.keymap.action(key))
                            .and_then(|a| app.update(a)),
                    };
                    if let Some(request) = request
                        && app.connected
                        && perform(live, app, request).is_err()
                    {
                        app.connected = false;
                    }
                }
                _ => {}
            }
        }
        if app.quit {
            return Ok(());
        }
        if app.connected {
            let wanted = std::mem::take(&mut app.want_refresh);
            match live.take_changed() {
                Ok(changed) if changed || wanted => {
                    if refresh(live, app).is_err() {
                        app.connected = false;
                    }
                }
                Ok(_) => {}
                Err(_) => app.connected = false,
            }
        } else if last_try.elapsed() > Duration::from_secs(1) {
            // The server went away: try again every second, starting it if it is ours.
            last_try = Instant::now();
            if let Ok(client) = Client::connect(data, opts)
                && let Ok(mut l) = client.into_live()
                && refresh(&mut l, app).is_ok()
            {
                *live = l;
                app.connected = true;
                app.note = Some(Note {
                    text: app.t(T::Reconnected).to_string(),
                    error: false,
                });
            }
        }
    }
}
