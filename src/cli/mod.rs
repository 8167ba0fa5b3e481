//! Command-line contract (scripts depend on it): every command has `--help`; `--json` gives
//! machine output; errors go to stderr with exit code 1; usage errors exit 2.

mod audit;
mod calendar;
mod case;
mod case_server;
mod catalogue;
mod complaint;
mod console;
mod guide;
pub mod inert;
mod outbox;
mod paper;
mod rating;
mod records;
mod roster;
mod server;
mod ticket;
mod violation;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use frontdesk::client::{Client, ConnectOptions};
use frontdesk::datadir::{DataDir, LoadError};
use frontdesk::protocol::{Request, Response, ServerReq};

#[derive(Parser)]
#[command(
    name = "frontdesk",
    version,
    about = "Front-desk console of a convenience-service centre (便民服务中心)",
    long_about = "Front-desk console of a convenience-service centre (便民服务中心).\n\n\
        The centre's data lives in a data directory (--data). Until it holds a centre of its \
        own, the built-in demo centre is used: the street centre of seed 000 with its catalogue.",
    after_help = "Dates are written YYYY-MM-DD. Every period is counted in working days, the \
        acceptance day not counted."
)]
struct Cli {
    /// The centre's data directory [default: $FRONTDESK_DATA, else $XDG_DATA_HOME/frontdesk,
    /// else ~/.local/share/frontdesk]
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,

    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    json: bool,

    /// Start the server's clock at this moment (RFC 3339; without an offset, Asia/Shanghai)
    #[arg(long, global = true, value_name = "DATETIME", value_parser = frontdesk::server::clock::parse_now)]
    now: Option<chrono::NaiveDateTime>,

    /// Demo centre only: act as this staff member, e.g. D01 the director or S01 the supervisor
    /// [default: C01, the clerk 周春英] (the codes are in the README)
    #[arg(long = "as", global = true, value_name = "CODE")]
    act_as: Option<String>,

    /// Sign in with this staff code and a PIN (shared accounts): the PIN is read from
    /// $FRONTDESK_PIN, or from the first line of standard input
    #[arg(long, global = true, value_name = "CODE", conflicts_with = "act_as")]
    code: Option<String>,

    /// Console: language of the screens, zh (default) or en
    #[arg(long, global = true, value_name = "zh|en", default_value = "zh", value_parser = parse_lang)]
    lang: frontdesk::tui::text::Lang,

    /// Console: no colours; urgency shows by marks and bold or reverse (also when $NO_COLOR is set)
    #[arg(long, global = true)]
    mono: bool,

    /// Console: ASCII borders, for CJK terminals where box characters are double width
    #[arg(long, global = true)]
    ascii: bool,

    /// Console: a keymap file overriding single keys [default: ~/.config/frontdesk/keys.toml if present]
    #[arg(long, global = true, value_name = "FILE")]
    keys: Option<PathBuf>,

    /// Console: how long after an Esc the rest of a key's escape sequence may arrive, in
    /// milliseconds; after it an Esc is just Esc. Raise it on very slow links
    #[arg(long, global = true, value_name = "MS", default_value_t = frontdesk::tui::input::DEFAULT_ESCAPE_TIME.as_millis() as u64, value_parser = clap::value_parser!(u64).range(1..=2000))]
    escape_time: u64,

    /// Without a command, the console opens
    #[command(subcommand)]
    command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<frontdesk::tui::text::Lang, String> {
    frontdesk::tui::text::Lang::parse(s)
        .ok_or_else(|| format!("`{s}` is not a language; use zh or en"))
}

#[derive(Subcommand)]
enum Command {
    /// Working-day calendar (工作日): official holidays and make-up working days
    #[command(subcommand)]
    Calendar(calendar::CalendarCmd),
    /// The service-item catalogue (事项目录): search it, check a catalogue file
    #[command(subcommand)]
    Catalogue(catalogue::CatalogueCmd),
    /// Cases (办件): open and handle them through the server, or preview an intake
    #[command(subcommand)]
    Case(case::CaseCmd),
    /// An item's public service guide (办事指南): materials, procedure, both time limits, fee,
    /// result, window and complaint phone, printed 80 columns wide as published
    #[command(
        long_about = "An item's public service guide (办事指南, RULES §12), as the \
        server composes it from the centre's catalogue and centre file: name and code, kind, \
        basis, conditions, prerequisites, the materials with copies, pages and requirements, \
        the procedure, the statutory and the committed time limit, special procedures whose \
        time is not counted, fee standard and basis, result, the window with its place and \
        phone, hours and the complaint phone. A section the catalogue has no data for is left \
        out.\n\n\
        Printed in Chinese, 80 columns wide (a Chinese character counts two); --json prints the \
        document's typed blocks. An unknown code is refused; find codes with `frontdesk \
        catalogue search`."
    )]
    Guide(guide::GuideArgs),
    /// The centre file (windows, staff, A/B posts, rotas, hours, settings)
    #[command(subcommand)]
    Centre(catalogue::CentreCmd),
    /// Set up a real centre in the data directory from its centre and catalogue files, or the
    /// demo centre with --demo
    #[command(
        long_about = "Set up a real centre in the data directory from its centre and \
        catalogue files (checked first; a demo's store is kept aside), or the demo centre.\n\n\
        --demo morning writes the demo centre with a morning of activity dated from --now (or \
        the present): what the console shows on first use anyway. --demo empty writes the demo \
        centre with an empty hall: no visitors, cases or requests, for tests and rehearsals. \
        Either needs a data directory without a store, and no server running."
    )]
    Init {
        /// The centre file (format in the README)
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present_any = ["demo", "new_store"],
            conflicts_with = "demo"
        )]
        centre: Option<PathBuf>,
        /// The catalogue file (format in the README)
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present_any = ["demo", "new_store"],
            conflicts_with = "demo"
        )]
        catalogue: Option<PathBuf>,
        /// Set up the demo centre instead: with the morning's activity, or empty
        #[arg(long, value_name = "morning|empty", value_parser = server::parse_demo)]
        demo: Option<frontdesk::server::demo::DemoStart>,
        /// Start a new, empty store on purpose where the store is missing or empty (recorded
        /// as store.new, naming where the old one had reached); the data directory's owner only
        #[arg(long, conflicts_with_all = ["centre", "catalogue", "demo"])]
        new_store: bool,
    },
    /// PINs for signing in on shared accounts
    #[command(subcommand)]
    Pin(frontdesk::protocol::PinReq),
    /// Replace the store by a backup, after checking it; the server must be stopped
    Restore {
        /// The backup file
        file: PathBuf,
    },
    /// Run the server in the foreground: it owns the store and serves every console
    Serve,
    #[command(flatten)]
    Server(frontdesk::protocol::ServerReq),
    /// The visitor queue: take, call, recall, no-show, transfer, list
    #[command(subcommand)]
    Ticket(frontdesk::protocol::TicketReq),
    /// Enquiries (咨询) in person or by phone, with the first-asked person
    #[command(subcommand)]
    Enquiry(frontdesk::protocol::EnquiryReq),
    /// Leave (请销假): request, urgent, approve, refuse, withdraw, cancel on return, list
    #[command(subcommand)]
    Leave(frontdesk::protocol::LeaveReq),
    /// Extension requests: ask (those handling a case), approve or refuse (leaders, the director)
    #[command(subcommand)]
    Extension(frontdesk::protocol::ExtensionReq),
    /// What waits for your decision: extension requests and leave.
    /// Lines: extension<TAB>ID<TAB>CASE<TAB>DAYS<TAB>BY<TAB>REASON or leave<TAB>ID<TAB>WHO<TAB>FROM<TAB>TO<TAB>REASON
    Approvals,
    /// The leader on duty's log (值班记录)
    #[command(subcommand)]
    Duty(frontdesk::protocol::DutyReq),
    /// Cover (顶岗) for a window whose A and B posts are both away: assign, list
    #[command(subcommand)]
    Cover(frontdesk::protocol::CoverReq),
    /// The outbox of SMS to applicants (a completed case's message): list it, retry a failed one
    #[command(subcommand)]
    Outbox(frontdesk::protocol::OutboxReq),
    /// The complaint register (投诉; the director, leaders and supervisors): open, list, show,
    /// extend, reply
    #[command(subcommand)]
    Complaint(frontdesk::protocol::ComplaintReq),
    /// Violations and ledgers (责任追究): list, and the director's confirm or dismiss; record
    #[command(subcommand)]
    Violation(frontdesk::protocol::ViolationReq),
    /// Ratings (好差评) and the rectification each 差评 opens: record, list, answer, appeal,
    /// decide
    #[command(subcommand)]
    Rating(frontdesk::protocol::RatingReq),
    /// The monthly return visits (回访; leaders, the director, supervisors): draw, record, list
    #[command(subcommand)]
    Visit(frontdesk::protocol::VisitReq),
    /// The audit trail: verify its hash chain, or show its history
    #[command(subcommand)]
    Audit(frontdesk::protocol::AuditReq),
    /// Print the console's key bindings in force: ACTION<TAB>KEYS
    Keys,
    /// Who is on duty on a date: the duty leader after swaps, the cleaning rota and each window's A/B posts
    #[command(long_about = "Who is on duty on a date.\n\n\
        Prints tab-separated lines:\n  \
        day<TAB>DATE<TAB>workday|rest[<TAB>holiday or make-up day name]\n  \
        duty<TAB>LEADER[<TAB>LEADER]    (by the last digit of the day of the month, after swaps)\n  \
        swap<TAB>PLANNED<TAB>ON DUTY    (one line per approved duty swap of the day; none when none)\n  \
        cleaning[<TAB>NAME]...          (no names on rest days or days without a rota)\n  \
        window<TAB>NAME<TAB>A<TAB>B     (one line per window)\n  \
        cover<TAB>WINDOW<TAB>NAME<TAB>FROM<TAB>TO  (顶岗 assigned that day while both posts are away)")]
    Roster(roster::RosterArgs),
}

/// What went wrong, and how the process should end.
pub enum Failure {
    /// A runtime error: printed on stderr, exit 1.
    Error(String),
    /// An error with a code that scripts can match (the server's refusal, no server …):
    /// printed on stderr, as a JSON object with `--json`; exit 1.
    Coded { code: &'static str, message: String },
    /// A runtime error of several lines (a file's problems, one a line): each line printed
    /// on stderr on its own, the first after `error: `; exit 1.
    Lines(Vec<String>),
    /// Already reported on stdout (validation problems): exit 1.
    Reported,
}

impl From<frontdesk::client::ClientError> for Failure {
    fn from(e: frontdesk::client::ClientError) -> Self {
        use frontdesk::client::ClientError as E;
        use frontdesk::protocol::FaultKind;
        let code = match &e {
            E::NoServer { .. } => "no_server",
            E::NotOwner { .. } => "not_owner",
            E::StartFailed(_) => "start_failed",
            E::NotAnswering { .. } => "not_answering",
            E::Impostor { .. } => "impostor",
            E::Refused(_) => "sign_in_refused",
            E::Fault(f) => match f.kind {
                FaultKind::Refused => "refused",
                FaultKind::Invalid => "invalid",
                FaultKind::Internal => "internal",
            },
            E::Server(_) => "server",
            E::Frame(_) => "connection",
            E::Io { .. } => "io",
        };
        Failure::Coded {
            code,
            message: e.to_string(),
        }
    }
}

impl Failure {
    /// Prints the failure on stderr: `error: …`, or with `--json` one object
    /// `{"error": {"code": …, "message": …}}`. The message may quote stored or user-given text,
    /// so it is escaped (`inert`): it stays one line, with no control reaching the terminal.
    fn report(&self, json: bool) {
        let (code, lines) = match self {
            Failure::Reported => return,
            Failure::Error(m) => ("error", vec![m.as_str()]),
            Failure::Lines(lines) => ("error", lines.iter().map(String::as_str).collect()),
            Failure::Coded { code, message } => (*code, vec![message.as_str()]),
        };
        if json {
            let message = lines.join("\n");
            let object = serde_json::json!({ "error": { "code": code, "message": message } });
            eprintln!("{}", inert::json(object.to_string()));
        } else {
            let mut text = String::from("error: ");
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(&inert::escape(line));
            }
            eprintln!("{text}");
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Problems(p) => Failure::Lines(p.lines()),
            other => Failure::Error(other.to_string()),
        }
    }
}

/// Parses a `YYYY-MM-DD` date argument.
pub use frontdesk::protocol::args::date as parse_date;

/// Collects output and writes it at once; a closed pipe (`| head`) is not an error. Nothing
/// reaches it raw: a line is a row of fields, a message, JSON or the applicant's paper, each
/// made inert (`inert`) on the way in.
#[derive(Default)]
pub struct Out {
    text: String,
}

impl Out {
    fn push_line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    /// One tab-separated line: each field escaped, so its tabs and newlines cannot add fields
    /// or lines.
    pub fn row<S: std::fmt::Display>(&mut self, fields: impl IntoIterator<Item = S>) {
        self.push_line(&inert::row(fields));
    }

    /// One line of fields of different types: `out.fields(&[&id, &name])`.
    pub fn fields(&mut self, fields: &[&dyn std::fmt::Display]) {
        self.row(fields);
    }

    /// A message for a person (a summary, what was done): one line, escaped whole.
    pub fn text(&mut self, s: impl AsRef<str>) {
        self.push_line(&inert::escape(s.as_ref()));
    }

    /// A line of the applicant's paper: its controls stripped, no escapes.
    pub fn paper(&mut self, s: impl AsRef<str>) {
        self.push_line(&inert::strip(s.as_ref()));
    }

    /// One compact JSON object a line (NDJSON).
    pub fn json_line(&mut self, v: &serde_json::Value) {
        self.push_line(&inert::json(v.to_string()));
    }

    /// A list of numbered records as JSON objects of one shape: each record's fields with its
    /// number under `id_key`.
    pub fn json_numbered<T: serde::Serialize>(&mut self, id_key: &str, items: &[(u64, T)]) {
        let objects: Vec<serde_json::Value> = items
            .iter()
            .map(|(id, item)| {
                let mut v = serde_json::json!(item);
                if let Some(map) = v.as_object_mut() {
                    map.insert(id_key.to_string(), serde_json::json!(id));
                }
                v
            })
            .collect();
        self.json(&serde_json::Value::Array(objects));
    }

    pub fn json(&mut self, v: &serde_json::Value) {
        let s =
            serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        self.push_line(&inert::json(s));
    }

    fn flush(self) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout
            .write_all(self.text.as_bytes())
            .and_then(|_| stdout.flush());
    }
}

pub struct Ctx {
    pub json: bool,
    pub data: Option<PathBuf>,
    pub now: Option<chrono::NaiveDateTime>,
    act_as: Option<String>,
    code: Option<String>,
}

/// A secret from an environment variable, else the first line of standard input; never from
/// the command line, where other users could read it in the process list.
pub fn read_secret(var: &str, what: &str) -> Result<String, Failure> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v.trim().to_string());
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Failure::Error(format!("cannot read the {what} from standard input: {e}")))?;
    if line.trim().is_empty() {
        return Err(Failure::Error(format!(
            "no {what}: set ${var} or give it on standard input"
        )));
    }
    Ok(line.trim().to_string())
}

impl Ctx {
    /// The data directory; on first use, the demo centre is written there (silently: stderr
    /// carries only what the command's contract says).
    pub fn data_dir(&self) -> Result<DataDir, Failure> {
        let data = DataDir::resolve(self.data.clone())?;
        data.ensure_initialised()?;
        Ok(data)
    }

    /// How to connect: who to act as, the clock, the PIN.
    pub fn connect_options(&self) -> Result<ConnectOptions, Failure> {
        let pin = match &self.code {
            Some(code) => Some(frontdesk::protocol::PinSignIn {
                code: code.clone(),
                pin: read_secret("FRONTDESK_PIN", "PIN")?,
            }),
            None => None,
        };
        Ok(ConnectOptions {
            act_as: self.act_as.clone(),
            now: self.now,
            autostart: true,
            pin,
            // Headless commands speak English; the console sets its own language.
            lang: frontdesk::lang::Lang::En,
        })
    }

    /// Connects to the data directory's server, starting it if none answers.
    pub fn connect(&self) -> Result<Client, Failure> {
        let opts = self.connect_options()?;
        let client = Client::connect(&self.data_dir()?, &opts).map_err(Failure::from)?;
        if let Some(w) = &client.clock_warning {
            warn(w);
        }
        Ok(client)
    }
}

/// Sends one request, turning a refusal into the command's error. A list comes whole: page
/// after page is fetched.
pub fn ask(client: &mut Client, request: Request) -> Result<Response, Failure> {
    client.request_all(request).map_err(Failure::from)
}

/// A warning on stderr; escaped, as it may quote stored or user-given text.
pub fn warn(msg: impl AsRef<str>) {
    eprintln!("warning: {}", inert::escape(msg.as_ref()));
}

/// A usage error (or `--help`, `--version`) as clap prints it. An error may quote an argument,
/// so when one holds a control character the arguments are parsed again escaped (`inert`),
/// and the error of that parse is printed: the same error, quoting them visibly.
fn usage_error(e: clap::Error) -> ExitCode {
    let code = |e: &clap::Error| ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let hostile =
        |a: &std::ffi::OsString| a.to_str().is_some_and(|s| s.chars().any(inert::is_unsafe));
    if e.use_stderr() && args.iter().any(hostile) {
        let escaped = args.iter().map(|a| match a.to_str() {
            Some(s) => std::ffi::OsString::from(inert::escape(s).into_owned()),
            None => a.clone(),
        });
        if let Err(again) = Cli::try_parse_from(escaped) {
            let _ = again.print();
            return code(&e);
        }
        // Parsed once escaped: print the first error plain, line by line escaped.
        let mut stderr = std::io::stderr().lock();
        for line in e.render().to_string().lines() {
            let _ = writeln!(stderr, "{}", inert::escape(line));
        }
        return code(&e);
    }
    let _ = e.print();
    code(&e)
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let ctx = Ctx {
        json: cli.json,
        data: cli.data,
        now: cli.now,
        act_as: cli.act_as,
        code: cli.code,
    };
    let mut out = Out::default();
    let console = console::Options {
        lang: cli.lang,
        mono: cli.mono || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        ascii: cli.ascii,
        keys: cli.keys,
        escape_time: std::time::Duration::from_millis(cli.escape_time),
    };
    let Some(command) = cli.command else {
        let result = console::run(&ctx, &console);
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(f) => {
                f.report(false);
                ExitCode::FAILURE
            }
        };
    };
    let result = match command {
        Command::Keys => console::keys(&console, &mut out),
        Command::Calendar(cmd) => calendar::run(&ctx, cmd, &mut out),
        Command::Catalogue(cmd) => catalogue::run(&ctx, cmd, &mut out),
        Command::Case(cmd) => case::run(&ctx, cmd, &mut out),
        Command::Centre(cmd) => catalogue::run_centre(&ctx, cmd, &mut out),
        Command::Roster(args) => roster::run(&ctx, args, &mut out),
        Command::Guide(args) => guide::run(&ctx, args, &mut out),
        Command::Init {
            new_store: true, ..
        } => server::new_store(&ctx, &mut out),
        Command::Init {
            centre,
            catalogue,
            demo,
            ..
        } => match (demo, centre, catalogue) {
            (Some(start), _, _) => server::init_demo(&ctx, start, &mut out),
            (None, Some(centre), Some(catalogue)) => {
                server::init(&ctx, &centre, &catalogue, &mut out)
            }
            // clap requires both files without --demo.
            _ => Err(Failure::Error(
                "give --centre FILE and --catalogue FILE, or --demo morning|empty".into(),
            )),
        },
        Command::Server(ServerReq::Backup { file }) => server::backup(&ctx, &file, &mut out),
        Command::Server(ServerReq::Stop) => server::stop(&ctx, &mut out),
        Command::Pin(cmd) => server::pin(&ctx, cmd, &mut out),
        Command::Restore { file } => server::restore(&ctx, &file, &mut out),
        Command::Serve => server::serve(&ctx),
        Command::Ticket(cmd) => ticket::run(&ctx, cmd, &mut out),
        Command::Audit(cmd) => audit::run(&ctx, cmd, &mut out),
        Command::Outbox(cmd) => outbox::run(&ctx, cmd, &mut out),
        Command::Complaint(cmd) => complaint::run(&ctx, cmd, &mut out),
        Command::Violation(cmd) => violation::run(&ctx, cmd, &mut out),
        Command::Rating(cmd) => rating::run(&ctx, Request::Rating(cmd), &mut out),
        Command::Visit(cmd) => rating::run(&ctx, Request::Visit(cmd), &mut out),
        Command::Enquiry(cmd) => records::run(&ctx, Request::Enquiry(cmd), &mut out),
        Command::Leave(cmd) => records::run(&ctx, Request::Leave(cmd), &mut out),
        Command::Duty(cmd) => records::run(&ctx, Request::Duty(cmd), &mut out),
        Command::Cover(cmd) => records::run(&ctx, Request::Cover(cmd), &mut out),
        Command::Extension(cmd) => records::run(&ctx, Request::Extension(cmd), &mut out),
        Command::Approvals => records::approvals(&ctx, &mut out),
    };
    out.flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            f.report(ctx.json);
            ExitCode::FAILURE
        }
    }
}
