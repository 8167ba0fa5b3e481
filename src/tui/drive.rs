//! One channel carries everything the console reacts to: keys, the server's replies and change
//! notices (the server's clock sends one each minute), resizes and signals. The driver blocks
//! on it, hands each event to the app, sends what the app asks for, and says when to draw. The
//! real terminal's loop (`mod.rs`) and the in-process tests both drive the console through it.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use ratatui::crossterm::event::KeyEvent;

use crate::client::{Client, ClientError, ConnectOptions, Live};
use crate::datadir::DataDir;
use crate::protocol::ServerMsg;

use super::app::App;
use super::cx::Cx;

/// Something the console reacts to.
#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    /// A message on connection `conn`, or `None` when it closed.
    Server {
        conn: u64,
        msg: Option<Box<ServerMsg>>,
    },
    /// The terminal changed size.
    Resize,
    /// SIGTERM (a shutdown, `kill`) or SIGHUP (a dropped SSH link): end, restoring the terminal.
    Stop,
    /// The terminal is gone (reads end): end.
    TerminalGone,
}

pub struct Driver {
    pub app: App,
    live: Option<Live>,
    /// Which connection is current: messages of an earlier one are passed over.
    conn: u64,
    tx: Sender<Event>,
    rx: Receiver<Event>,
    /// Set by `Stop` and `TerminalGone`.
    pub stopped: bool,
}

impl Driver {
    /// Connects and signs in; `cx` makes what the console knows of its user from the sign-in.
    pub fn connect(
        data: &DataDir,
        opts: &ConnectOptions,
        cx: impl FnOnce(&Client) -> Cx,
    ) -> Result<Driver, ClientError> {
        let client = Client::connect(data, opts)?;
        let app = App::new(cx(&client));
        let (tx, rx) = channel();
        let live = Some(live(client, 0, tx.clone())?);
        Ok(Driver {
            app,
            live,
            conn: 0,
            tx,
            rx,
            stopped: false,
        })
    }

    /// Where keys, resizes and signals are sent from their threads.
    pub fn sender(&self) -> Sender<Event> {
        self.tx.clone()
    }

    pub fn connected(&self) -> bool {
        self.live.is_some()
    }

    /// Waits for the next event, at most `wait` (forever when `None`), then takes every event
    /// already queued behind it, so a burst of keys or notices is drawn once. Returns false
    /// when the wait ran out with nothing.
    pub fn next(&mut self, wait: Option<Duration>) -> bool {
        let first = match wait {
            None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(w) => self.rx.recv_timeout(w),
        };
        match first {
            Ok(e) => self.handle(e),
            Err(RecvTimeoutError::Timeout) => return false,
            Err(RecvTimeoutError::Disconnected) => {
                self.stopped = true;
                return false;
            }
        }
        while let Ok(e) = self.rx.try_recv() {
            self.handle(e);
        }
        self.pump();
        true
    }

    pub fn handle(&mut self, event: Event) {
        match event {
            Event::Key(k) => self.app.key(k),
            Event::Server { conn, msg } if conn == self.conn => match msg {
                Some(msg) => self.app.server(*msg),
                None => {
                    self.live = None;
                    self.app.lost();
                }
            },
            Event::Server { .. } => {}
            Event::Resize => self.app.dirty = true,
            Event::Stop | Event::TerminalGone => self.stopped = true,
        }
    }

    /// Sends what the app asked for.
    pub fn pump(&mut self) {
        let Some(live) = &mut self.live else {
            self.app.take_outbox();
            return;
        };
        for out in self.app.take_outbox() {
            match live.send(out.request) {
                Ok(id) => self.app.sent(id, out.purpose),
                Err(_) => {
                    self.live = None;
                    self.app.lost();
                    return;
                }
            }
        }
    }

    /// Tries to connect again (starting the server if it is ours); reads the whole screen.
    /// A server stopped on purpose is not started again: the console says who stopped it and
    /// waits for someone to start one.
    pub fn reconnect(&mut self, data: &DataDir, opts: &ConnectOptions) -> bool {
        let stopped = data.stopped_by();
        let opts = ConnectOptions {
            autostart: opts.autostart && stopped.is_none(),
            ..opts.clone()
        };
        let Ok(client) = Client::connect(data, &opts) else {
            if let Some(who) = stopped {
                self.app.stopped_by(&who);
            }
            return false;
        };
        let Ok(l) = live(client, self.conn + 1, self.tx.clone()) else {
            return false;
        };
        self.conn += 1;
        self.live = Some(l);
        self.app.reconnected();
        self.pump();
        true
    }

    /// Starts: reads the whole screen.
    pub fn start(&mut self) {
        self.app.start();
        self.pump();
    }
}

fn live(client: Client, conn: u64, tx: Sender<Event>) -> Result<Live, ClientError> {
    client.into_live(move |msg| {
        let msg = msg.map(Box::new);
        tx.send(Event::Server { conn, msg }).is_ok()
    })
}
