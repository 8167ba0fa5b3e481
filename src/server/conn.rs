//! One connection: the hello, sign-in, then requests until the client leaves. Replies and
//! change notices go through a bounded queue drained by a writer thread, so a slow or stuck
//! client never blocks the server or the other clients: when its queue is full it is dropped.

use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use crate::domain::centre::Staff;
use crate::domain::limits::audit_code;
use crate::lang::Lang;
use crate::protocol::{
    ClientMsg, Fault, FaultKind, FrameError, Outcome, PROTOCOL_VERSION, PinSignIn, ServerMsg,
    StaffInfo, encode_frame, read_frame, write_frame,
};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Outcome as Done, Target};

use super::Shared;
use super::auth::sign_in;
use super::commands::dispatch;
use super::gate::Admitted;
use super::session::Session;

/// How long a client may take to say hello, all of it.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one write to a client may block before the client is given up.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);
/// Messages queued for one client before it counts as stuck.
const OUTBOX: usize = 256;

/// A stream read against one deadline for everything read through it: each read waits at most
/// what is left, so a client trickling one byte at a time cannot stretch the hello.
struct Deadline<'a> {
    stream: &'a UnixStream,
    until: Instant,
}

impl std::io::Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the hello took too long",
            ));
        }
        self.stream.set_read_timeout(Some(left))?;
        (&*self.stream).read(buf).map_err(|e| match e.kind() {
            // What a socket's read timeout gives on unix.
            std::io::ErrorKind::WouldBlock => {
                std::io::Error::new(std::io::ErrorKind::TimedOut, "the hello took too long")
            }
            _ => e,
        })
    }
}

/// Reads the client's first message, all of it within `within`.
fn read_hello(stream: &UnixStream, within: Duration) -> Result<ClientMsg, FrameError> {
    let mut reader = Deadline {
        stream,
        until: Instant::now() + within,
    };
    read_frame::<ClientMsg>(&mut reader)
}

/// A message encoded once, to be written to one client or to all.
pub type Frame = Arc<Vec<u8>>;

/// The frame of a reply. A reply too large for a frame is never dropped in silence: the server
/// logs it, and the client is told what failed.
fn reply_frame(session: &Session, id: u64, outcome: Outcome) -> Frame {
    let reply = ServerMsg::Reply { id, outcome };
    match encode_frame(&reply) {
        Ok(bytes) => Arc::new(bytes),
        Err(e) => {
            eprintln!(
                "frontdesk: the reply to request {id} of {} could not be sent: {e}",
                session.staff.code
            );
            let message = session.lang.pick(
                format!("the server could not send its reply ({e}); nothing more was done, and the server's log says so"),
                format!("服务器无法发送答复（{e}）；已记入服务器日志"),
            );
            let told = ServerMsg::Reply {
                id,
                outcome: Outcome::Err(Fault {
                    kind: FaultKind::Internal,
                    message,
                    refusal: None,
                }),
            };
            // A fault is a few hundred bytes; it always fits.
            Arc::new(encode_frame(&told).unwrap_or_default())
        }
    }
}

/// Signs in by a hello: its fields within their limits, its protocol the server's, then who it
/// is. Returns, with the outcome, the staff code it tried as the audit trail keeps it: cut and
/// escaped, since a refused peer's text is not to be trusted (`domain::limits::audit_code`).
fn sign_in_by_hello(
    shared: &Shared,
    uid: u32,
    hello: ClientMsg,
) -> (Vec<Target>, Result<Staff, Refusal>) {
    let checked = hello.check_hello_limits();
    let ClientMsg::Hello {
        protocol,
        version,
        act_as,
        pin,
        ..
    } = hello
    else {
        return (Vec::new(), Err(Refusal::Misrouted("a request".into())));
    };
    let pin = pin.map(|p| PinSignIn {
        code: audit_code(&p.code),
        pin: p.pin,
    });
    let tried: Vec<Target> = pin
        .iter()
        .map(|p| Target::Staff {
            code: p.code.clone(),
        })
        .collect();
    if let Err(over) = checked {
        return (tried, Err(Refusal::Limit(over)));
    }
    if protocol != PROTOCOL_VERSION {
        let why = Refusal::OtherProtocol {
            client: audit_code(&version),
            client_protocol: protocol,
            server: env!("CARGO_PKG_VERSION").to_string(),
            server_protocol: PROTOCOL_VERSION,
        };
        return (tried, Err(why));
    }
    let act_as = act_as.as_deref().map(audit_code);
    (tried, sign_in(shared, uid, act_as.as_deref(), pin))
}

/// Stops the server when the connection ends having met a disk fault, however it ended: at
/// sign-in as after a request, the store refuses everything until it is opened afresh.
struct FaultWatch<'a>(&'a Shared);

impl Drop for FaultWatch<'_> {
    fn drop(&mut self) {
        self.0.stop_if_disk_fault();
    }
}

pub fn handle(shared: Arc<Shared>, admitted: Admitted) {
    let _watch = FaultWatch(&shared);
    let mut admitted = admitted;
    // Held until the connection ends: it counts against its uid while it lives.
    let _held = admitted.held();
    let Admitted {
        stream: mut writer,
        mut reader,
        subscriber: closer,
        uid,
        ..
    } = admitted;
    let _ = writer.set_write_timeout(Some(WRITE_TIMEOUT));
    let refuse = |writer: &mut UnixStream, message: String| {
        let _ = write_frame(writer, &ServerMsg::Refused { message });
    };
    let hello = match read_hello(&reader, HELLO_TIMEOUT) {
        Ok(hello @ ClientMsg::Hello { .. }) => hello,
        Ok(ClientMsg::Request { .. }) => {
            refuse(
                &mut writer,
                "say hello first: the first message must be a hello with the protocol version"
                    .into(),
            );
            return;
        }
        Err(e) => {
            let _ = write_frame(
                &mut writer,
                &ServerMsg::Error {
                    message: e.to_string(),
                },
            );
            return;
        }
    };
    shared.record_held_back(false);
    let lang = match &hello {
        ClientMsg::Hello { lang, .. } => *lang,
        ClientMsg::Request { .. } => Lang::default(),
    };
    let now = Instant::now();
    // A uid refused too often waits, unchecked and not recorded one by one (`throttle`).
    if let Err(why) = shared.throttle.check(uid, now, shared.clock.now()) {
        refuse(&mut writer, why.text(lang));
        return;
    }
    let owner = shared.owner_uid == Some(uid)
        && matches!(
            &hello,
            ClientMsg::Hello {
                act_as: None,
                pin: None,
                ..
            }
        );
    let (tried, signed_in) = sign_in_by_hello(&shared, uid, hello);
    let staff = match signed_in {
        Ok(s) => s,
        Err(why) => {
            if let Some(held_back) = shared.throttle.refused(uid, now) {
                shared.record_refused_sign_in(uid, Vec::new(), held_back);
            }
            shared.record_refused_sign_in(uid, tried, why.clone());
            refuse(&mut writer, why.text(lang));
            return;
        }
    };
    let session = Session {
        staff,
        uid,
        lang,
        owner,
    };
    if let Err(e) = shared.store.record(
        &session.who(),
        shared.clock.now(),
        "sign-in",
        vec![Target::Staff {
            code: session.staff.code.clone(),
        }],
        Done::Ok,
        Data::None,
    ) {
        refuse(&mut writer, e.to_string());
        return;
    }
    let welcome = ServerMsg::Welcome {
        protocol: PROTOCOL_VERSION,
        version: env!("CARGO_PKG_VERSION").to_string(),
        staff: StaffInfo::of(&shared.centre, &session.staff),
        now: shared.clock.now(),
        demo: shared.demo,
    };
    if write_frame(&mut writer, &welcome).is_err() {
        return;
    }
    let _ = reader.set_read_timeout(None);

    let (tx, rx) = sync_channel::<Frame>(OUTBOX);
    let writer_thread = std::thread::spawn(move || {
        use std::io::Write;
        for frame in rx {
            if writer
                .write_all(&frame)
                .and_then(|()| writer.flush())
                .is_err()
            {
                break;
            }
        }
        let _ = writer.shutdown(Shutdown::Both);
    });
    let send = |msg: &ServerMsg| match encode_frame(msg) {
        Ok(bytes) => tx.send(Arc::new(bytes)).is_ok(),
        Err(_) => false,
    };
    // Told of changes once it shows a screen (a console), never as a command that only asks.
    let mut closer = Some(closer);
    let mut subscribed = None;

    let mut stop_after = false;
    loop {
        match read_frame::<ClientMsg>(&mut reader) {
            Ok(ClientMsg::Request { id: rid, request }) => {
                if request.shows_a_screen()
                    && let Some(closer) = closer.take()
                {
                    subscribed = Some(shared.subscribe(tx.clone(), closer));
                }
                let done = dispatch(&shared, &session, request);
                if tx.send(reply_frame(&session, rid, done.outcome)).is_err() {
                    break;
                }
                // Told first; then the server starts again to recover.
                if shared.store.disk_fault() {
                    stop_after = true;
                    break;
                }
                if !done.changed.is_empty() {
                    shared.broadcast(&done.changed);
                }
                if done.stop {
                    stop_after = true;
                    break;
                }
            }
            Ok(ClientMsg::Hello { .. }) => {
                send(&ServerMsg::Error {
                    message: "hello was already said on this connection".into(),
                });
            }
            Err(FrameError::Malformed(m)) => {
                send(&ServerMsg::Error {
                    message: format!("a frame is not a valid message ({m}); nothing was done"),
                });
            }
            Err(FrameError::TooLarge(n)) => {
                send(&ServerMsg::Error {
                    message: FrameError::TooLarge(n).to_string() + "; the connection is closed",
                });
                break;
            }
            Err(FrameError::Closed | FrameError::Io(_)) => break,
        }
    }
    if let Some(id) = subscribed {
        shared.unsubscribe(id);
    }
    drop(tx);
    let _ = writer_thread.join();
    // Only now, with the reply written, may the server go.
    if stop_after {
        shared.stop_if_disk_fault();
        shared.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::centre::{Role, Staff};
    use crate::protocol::{MAX_FRAME, Response};

    #[test]
    fn the_whole_hello_has_one_deadline_however_slowly_its_bytes_trickle_in() {
        let (server_end, mut client) = UnixStream::pair().unwrap();
        // A frame of 100 bytes announced, then one byte every 20 ms: each read is quick, but
        // the whole would take two seconds.
        let trickle = std::thread::spawn(move || {
            use std::io::Write;
            let _ = client.write_all(&100u32.to_be_bytes());
            for _ in 0..100 {
                if client.write_all(b" ").is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let read = read_hello(&server_end, Duration::from_millis(200));
        assert!(
            matches!(&read, Err(FrameError::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut),
            "{read:?}"
        );
        drop(server_end);
        trickle.join().unwrap();
    }

    #[test]
    fn a_reply_too_large_for_a_frame_becomes_an_error_the_client_reads() {
        let session = Session {
            staff: Staff {
                code: "C01".into(),
                name: "周春英".into(),
                role: Role::Clerk,
                duty_digits: vec![],
                uid: None,
            },
            uid: 1000,
            lang: crate::lang::Lang::En,
            owner: false,
        };
        let huge = (0..MAX_FRAME / 16)
            .map(|i| (format!("X-{i}"), "事项".into(), "窗口".into()))
            .collect();
        let frame = reply_frame(&session, 7, Outcome::Ok(Response::Items(huge)));
        assert!(frame.len() < 1024, "{} bytes", frame.len());
        match read_frame::<ServerMsg>(&mut frame.as_slice()).unwrap() {
            ServerMsg::Reply {
                id: 7,
                outcome: Outcome::Err(f),
            } => {
                assert_eq!(f.kind, FaultKind::Internal);
                assert!(
                    f.message.contains("could not send its reply"),
                    "{}",
                    f.message
                );
            }
            other => panic!("{other:?}"),
        }
        // A reply that fits goes as it is.
        let small = reply_frame(&session, 8, Outcome::Ok(Response::Pong));
        assert!(matches!(
            read_frame::<ServerMsg>(&mut small.as_slice()).unwrap(),
            ServerMsg::Reply {
                id: 8,
                outcome: Outcome::Ok(Response::Pong)
            }
        ));
    }
}
