//! `frontdesk` with no subcommand: the console; and `frontdesk keys`.

use std::path::PathBuf;

use frontdesk::client::ConnectOptions;
use frontdesk::datadir::read_text;
use frontdesk::tui::cx::Cx;
use frontdesk::tui::keymap::{Context, Keymap};
use frontdesk::tui::text::{Lang, action_text};
use frontdesk::tui::theme::Theme;

use super::{Ctx, Failure, Out};

pub struct Options {
    pub lang: Lang,
    pub mono: bool,
    pub ascii: bool,
    pub keys: Option<PathBuf>,
    pub escape_time: std::time::Duration,
}

/// The keymap in force: the default, then the user's file (`--keys`, or
/// `~/.config/frontdesk/keys.toml` when it exists).
fn keymap(opts: &Options) -> Result<Keymap, Failure> {
    let user = opts.keys.clone().or_else(|| {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
        let p = base.join("frontdesk/keys.toml");
        p.is_file().then_some(p)
    });
    let text = match &user {
        Some(p) => Some((p.display().to_string(), read_text(p)?)),
        None => None,
    };
    let overrides: Vec<(&str, &str)> = text.iter().map(|(f, t)| (f.as_str(), t.as_str())).collect();
    Keymap::load(&overrides).map_err(|p| {
        let head = "the keymap has problems:".to_string();
        Failure::Lines(std::iter::once(head).chain(p.lines()).collect())
    })
}

pub fn keys(opts: &Options, out: &mut Out) -> Result<(), Failure> {
    let map = keymap(opts)?;
    for c in Context::ALL {
        for a in c.actions() {
            out.fields(&[
                &c.name(),
                &a.name(),
                &map.label(c, *a),
                &action_text(*a, opts.lang),
            ]);
        }
    }
    Ok(())
}

pub fn run(ctx: &Ctx, opts: &Options) -> Result<(), Failure> {
    let keymap = keymap(opts)?;
    let data = ctx.data_dir()?;
    let connect = ConnectOptions {
        lang: opts.lang,
        ..ctx.connect_options()?
    };
    let theme = Theme {
        mono: opts.mono,
        ascii: opts.ascii,
    };
    let settings = frontdesk::tui::Settings {
        escape_time: opts.escape_time,
    };
    frontdesk::tui::run(&data, &connect, settings, |client| {
        Cx::new(client.staff.clone(), client.demo, opts.lang, theme, keymap)
    })
    .map_err(Failure::Error)
}
