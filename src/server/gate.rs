//! Who gets a connection: at most [`PER_UID`] at once from one unix user (the owner, whose
//! `stop` and administration must always get through, is not counted), and spare descriptors
//! kept back so that when descriptors run out the owner is still answered. Together with the
//! hello's one deadline (`conn.rs`), a crowd of slow or idle clients cannot lock everyone out.

use std::collections::HashMap;
use std::fs::File;
use std::os::unix::net::{UnixListener, UnixStream};
use std::sync::{Arc, Mutex};

/// Connections one unix user may hold at once. A shared account runs one console a window and
/// a few commands; this is far above that and far below the descriptors a server has.
pub const PER_UID: usize = 64;

/// What the accept loop hands a connection: it counts against its uid while it lives. Every
/// descriptor it will need is taken at the door, while the spares are free, so the owner's
/// connection admitted when descriptors ran out is never starved of one afterwards.
pub struct Admitted {
    pub stream: UnixStream,
    /// Its clones: to read from, to close it from the list of subscribers, and for the accept
    /// loop to close it at the server's stop.
    pub reader: UnixStream,
    pub subscriber: UnixStream,
    pub closer: Option<UnixStream>,
    pub uid: u32,
    _seat: Option<Seat>,
}

impl Admitted {
    fn new(
        stream: UnixStream,
        uid: u32,
        seat: Option<Seat>,
    ) -> Result<Admitted, (UnixStream, Turned)> {
        let clones = (stream.try_clone(), stream.try_clone(), stream.try_clone());
        let (Ok(reader), Ok(subscriber), Ok(closer)) = clones else {
            return Err((stream, Turned::NoDescriptors { uid }));
        };
        Ok(Admitted {
            stream,
            reader,
            subscriber,
            closer: Some(closer),
            uid,
            _seat: seat,
        })
    }

    /// What keeps its place counted until dropped.
    pub fn held(&mut self) -> Held {
        Held {
            _seat: self._seat.take(),
        }
    }
}

/// A connection's place, counted against its uid until dropped.
pub struct Held {
    _seat: Option<Seat>,
}

/// One connection counted against a uid, given back when dropped.
struct Seat {
    uid: u32,
    counts: Arc<Mutex<HashMap<u32, usize>>>,
}

impl Drop for Seat {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = counts.get_mut(&self.uid) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.uid);
            }
        }
    }
}

/// Why a connection was turned away at the door.
#[derive(Debug, PartialEq, Eq)]
pub enum Turned {
    /// Its uid holds [`PER_UID`] connections already.
    Crowded { uid: u32 },
    /// Descriptors ran out and it is not the owner.
    NoDescriptors { uid: u32 },
    /// Descriptors ran out so far that even the owner's connection, with the spares let go,
    /// could not be served.
    Starved,
}

impl Turned {
    /// The message the client is given before the connection is closed.
    pub fn message(&self) -> String {
        match self {
            Turned::Crowded { uid } => format!(
                "uid {uid} already holds {PER_UID} connections to this server; close consoles \
                 or commands you no longer use, then try again"
            ),
            Turned::NoDescriptors { uid } => format!(
                "the server has no file descriptors left, so only its owner is answered now \
                 (uid {uid} is not); try again shortly, or ask the administrator to raise the \
                 server's descriptor limit (LimitNOFILE)"
            ),
            Turned::Starved => "the server has no file descriptors left, even the ones it keeps \
                 back for its owner; try again shortly; if it lasts, send the server \
                 SIGTERM (it still closes its store cleanly) and raise its descriptor limit \
                 (LimitNOFILE)"
                .to_string(),
        }
    }
}

pub struct Gate {
    owner: Option<u32>,
    counts: Arc<Mutex<HashMap<u32, usize>>>,
    /// Kept open, and let go when descriptors run out: enough for the owner's connection to be
    /// served (its stream, its clones for reading, writing and closing, the reply's work).
    spare: Vec<File>,
}

/// How many descriptors the gate keeps back for the owner.
const SPARE: usize = 16;

fn peer_uid(stream: &UnixStream) -> u32 {
    rustix::net::sockopt::socket_peercred(stream).map_or(u32::MAX, |c| c.uid.as_raw())
}

/// Tops the spares up to [`SPARE`] with what descriptors are free. It only adds: were the
/// spares replaced instead, a server short of descriptors would open none and drop those it
/// held, and the owner would find nothing kept back.
fn top_up(spare: &mut Vec<File>) {
    while spare.len() < SPARE {
        match File::open("/dev/null") {
            Ok(f) => spare.push(f),
            Err(_) => break,
        }
    }
}

impl Gate {
    pub fn new(owner: Option<u32>) -> Gate {
        raise_descriptor_limit();
        let mut spare = Vec::with_capacity(SPARE);
        top_up(&mut spare);
        Gate {
            owner,
            counts: Arc::default(),
            spare,
        }
    }

    /// Admits a connection from `uid`, or says why not.
    pub fn admit(&mut self, stream: UnixStream) -> Result<Admitted, (UnixStream, Turned)> {
        top_up(&mut self.spare);
        let uid = peer_uid(&stream);
        if Some(uid) == self.owner {
            // Accepted with the last descriptor: the spares make room for its clones.
            return Admitted::new(stream, uid, None).or_else(|(stream, _)| {
                self.spare.clear();
                Admitted::new(stream, uid, None).map_err(|(stream, _)| (stream, Turned::Starved))
            });
        }
        let seat = {
            let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
            let n = counts.entry(uid).or_default();
            if *n >= PER_UID {
                return Err((stream, Turned::Crowded { uid }));
            }
            *n += 1;
            Seat {
                uid,
                counts: Arc::clone(&self.counts),
            }
        };
        Admitted::new(stream, uid, Some(seat))
    }

    /// When `accept` failed for want of descriptors: lets the spares go, takes the connection
    /// waiting, and keeps it only if it is the owner's (the spares stay free for it, and are
    /// taken back at the next connection admitted). Returns it, or `None`.
    pub fn out_of_descriptors(
        &mut self,
        listener: &UnixListener,
    ) -> Option<Result<Admitted, (UnixStream, Turned)>> {
        self.spare.clear();
        let taken = listener.accept().ok().map(|(stream, _)| {
            let uid = peer_uid(&stream);
            if Some(uid) == self.owner {
                Admitted::new(stream, uid, None).map_err(|(stream, _)| (stream, Turned::Starved))
            } else {
                Err((stream, Turned::NoDescriptors { uid }))
            }
        });
        if matches!(taken, Some(Err(_))) {
            top_up(&mut self.spare);
        }
        taken
    }
}

/// Whether an error of `accept` means the process or the system has no descriptors left.
pub fn out_of_descriptors(e: &std::io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(code) if code == rustix::io::Errno::MFILE.raw_os_error()
            || code == rustix::io::Errno::NFILE.raw_os_error()
    )
}

/// Raises the soft limit on open files to the hard one: the default soft limit (often 1,024)
/// is what a crowd of clients would exhaust first.
fn raise_descriptor_limit() {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if limit.current < limit.maximum {
        let raised = rustix::process::Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        };
        if let Err(e) = setrlimit(Resource::Nofile, raised) {
            eprintln!("frontdesk: cannot raise the open-file limit ({e}); it stays as it is");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> u32 {
        rustix::process::getuid().as_raw()
    }

    #[test]
    fn one_uid_holds_at_most_its_share_of_connections_and_gets_them_back_when_they_close() {
        let mut gate = Gate::new(None);
        let mut held = Vec::new();
        let mut ends = Vec::new();
        for _ in 0..PER_UID {
            let (a, b) = UnixStream::pair().unwrap();
            held.push(gate.admit(a).map_err(|(_, t)| t).unwrap());
            ends.push(b);
        }
        let (a, _b) = UnixStream::pair().unwrap();
        let Err((_, turned)) = gate.admit(a) else {
            panic!("one too many was admitted")
        };
        assert_eq!(turned, Turned::Crowded { uid: me() });
        assert!(turned.message().contains("close consoles"));
        held.pop();
        let (a, _c) = UnixStream::pair().unwrap();
        assert!(
            gate.admit(a).is_ok(),
            "a closed connection gives its seat back"
        );
    }

    #[test]
    fn the_owner_is_never_turned_away_for_a_crowd() {
        let mut gate = Gate::new(Some(me()));
        let held: Vec<_> = (0..PER_UID + 8)
            .map(|_| {
                let (a, b) = UnixStream::pair().unwrap();
                (gate.admit(a).map_err(|(_, t)| t).unwrap(), b)
            })
            .collect();
        assert_eq!(held.len(), PER_UID + 8);
    }

    #[test]
    fn topping_up_the_spares_keeps_those_already_held() {
        use std::os::fd::AsRawFd;
        let mut spare: Vec<File> = (0..3).map(|_| File::open("/dev/null").unwrap()).collect();
        let held: Vec<i32> = spare.iter().map(|f| f.as_raw_fd()).collect();
        top_up(&mut spare);
        assert_eq!(spare.len(), SPARE);
        let kept: Vec<i32> = spare.iter().take(3).map(|f| f.as_raw_fd()).collect();
        assert_eq!(kept, held, "the spares held were let go and opened anew");
    }
}
