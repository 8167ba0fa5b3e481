//! `frontdesk serve` and `frontdesk stop`.

use std::os::unix::net::UnixStream;

use frontdesk::protocol::Request;
use frontdesk::server::{ServeOptions, serve as run_server};

use super::{Ctx, Failure, Out, ask};

pub fn serve(ctx: &Ctx) -> Result<(), Failure> {
    let data = ctx.data_dir()?;
    run_server(&data, ServeOptions { now: ctx.now }).map_err(|e| Failure::Error(e.to_string()))
}

pub fn stop(ctx: &Ctx, out: &mut Out) -> Result<(), Failure> {
    let data = ctx.data_dir()?;
    if UnixStream::connect(data.socket_path()).is_err() {
        out.line(format!("no server is running for {}", data.path.display()));
        return Ok(());
    }
    let mut client = ctx.connect()?;
    ask(&mut client, Request::Stop)?;
    // Wait until the server has let go of its socket, so a new one can start at once.
    for _ in 0..200 {
        if UnixStream::connect(data.socket_path()).is_err() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    out.line(format!("stopped the server for {}", data.path.display()));
    Ok(())
}
