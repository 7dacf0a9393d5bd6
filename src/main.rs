//! The `actioneer` command: serve, migrate, create API keys.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use actioneer::clock::{Clock, SystemClock};
use actioneer::config::{Config, LogFormat};
use actioneer::db::Db;
use actioneer::service;

#[derive(Parser)]
#[command(
    name = "actioneer",
    version,
    about = "A self-hostable server for user actions, compatible with FusionAuth's User Actions APIs."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server (the default). Configured by ACTIONEER_* environment variables.
    Serve {
        /// Seed the Pied Piper demo data (actions, reasons, 200 users, two months of history)
        /// into an empty database first.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage API keys.
    #[command(name = "api-key", subcommand)]
    ApiKey(ApiKeyCommand),
    /// Tools for translators: check locale files, add a language, export and import data
    /// translations.
    #[command(subcommand)]
    Locales(LocalesCommand),
}

#[derive(Subcommand)]
enum LocalesCommand {
    /// Compare every locale with en: syntax errors, missing and extra messages, variables,
    /// plural categories (errors: non-zero exit), values identical to English (warnings).
    Check {
        #[arg(long, default_value = "locales")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Create <dir>/<lang>/ with every file and message of en, marked for translation.
    Add {
        lang: String,
        #[arg(long, default_value = "locales")]
        dir: PathBuf,
    },
    /// Write the data translations (action, option, reason names; email templates) to one
    /// .ftl file per language. Uses ACTIONEER_DATABASE_URL.
    Export {
        #[arg(long, default_value = "translations")]
        dir: PathBuf,
    },
    /// Read data translations back from the .ftl files of `export`; nothing changes unless
    /// every file is valid. Uses ACTIONEER_DATABASE_URL.
    Import {
        #[arg(long, default_value = "translations")]
        dir: PathBuf,
        /// Report what would change without changing it.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum ApiKeyCommand {
    /// Create an API key and print it once.
    Create {
        /// Limit the key to this tenant.
        #[arg(long)]
        tenant: Option<uuid::Uuid>,
        /// A note on what the key is for.
        #[arg(long)]
        description: Option<String>,
    },
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ACTIONEER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

fn main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let config = Config::from_env().map_err(anyhow::Error::msg)?;
    init_logging(config.log_format);
    let command = cli.command.unwrap_or(Command::Serve { demo: false });
    if let Command::Locales(command) = command {
        return locales(&config, command);
    }
    run(config, command).map(|()| ExitCode::SUCCESS)
}

fn run(config: Config, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Locales(_) => Ok(()),
        Command::Serve { demo } => {
            actix_web::rt::System::new().block_on(actioneer::server::serve(config, demo))
        }
        Command::Migrate => {
            Db::connect(&config.database_url, 1)?;
            println!("Migrations applied.");
            Ok(())
        }
        Command::ApiKey(ApiKeyCommand::Create {
            tenant,
            description,
        }) => {
            let db = Db::connect(&config.database_url, 1)?;
            let mut conn = db.write()?;
            let now = SystemClock.now();
            service::tenants::ensure_default(&mut conn, now).map_err(|e| anyhow::anyhow!("{e}"))?;
            let new = service::api_keys::NewKey {
                tenant_id: tenant,
                description,
                ..Default::default()
            };
            let (record, raw) =
                service::api_keys::create(&mut conn, now, new).map_err(|e| match e {
                    service::ServiceError::Invalid(errors) => {
                        anyhow::anyhow!("{}", errors.messages())
                    }
                    other => anyhow::anyhow!("{other}"),
                })?;
            println!("{raw}");
            eprintln!("API key {} created; it is shown only this once.", record.id);
            Ok(())
        }
    }
}

fn locales(config: &Config, command: LocalesCommand) -> anyhow::Result<ExitCode> {
    use actioneer::i18n::{add, check};
    match command {
        LocalesCommand::Check { dir, format } => {
            let sources = check::read_dir(&dir)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", dir.display()))?;
            let report = check::check(&sources);
            match format {
                ReportFormat::Text => print!("{}", report.text()),
                ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
            }
            Ok(if report.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        LocalesCommand::Add { lang, dir } => {
            let (lang, files) = add::add_locale(&dir, &lang)?;
            println!(
                "Created {} with {} file(s); translate the values marked TODO, then run \
                 `actioneer locales check`.",
                dir.join(&lang).display(),
                files.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        LocalesCommand::Export { dir } => {
            export(config, &dir)?;
            Ok(ExitCode::SUCCESS)
        }
        LocalesCommand::Import { dir, dry_run } => import(config, &dir, dry_run),
    }
}

fn export(config: &Config, dir: &Path) -> anyhow::Result<()> {
    use actioneer::service::translations as tr;
    let db = Db::connect(&config.database_url, 1)?;
    let mut conn = db.read()?;
    let items = tr::items(&mut conn).map_err(|e| anyhow::anyhow!("{e}"))?;
    let ui: Vec<&str> = actioneer::i18n::catalog::EMBEDDED
        .iter()
        .map(|(l, _)| *l)
        .collect();
    std::fs::create_dir_all(dir)?;
    for lang in tr::languages(&items, &ui) {
        let path = dir.join(format!("{lang}.ftl"));
        std::fs::write(&path, tr::export_file(&items, &lang))?;
        let (done, total) = tr::progress(&items, &lang);
        println!("{}: {done} of {total} translated", path.display());
    }
    Ok(())
}

fn import(config: &Config, dir: &Path, dry_run: bool) -> anyhow::Result<ExitCode> {
    use actioneer::service::translations as tr;
    let db = Db::connect(&config.database_url, 1)?;
    let mut conn = db.write()?;
    let items = tr::items(&mut conn).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    let mut origin = std::collections::BTreeMap::new();
    for path in &files {
        let lang = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path)?;
        origin.insert(lang.clone(), path.display().to_string());
        match tr::read_file(&items, &lang, &text) {
            Ok(mut c) => changes.append(&mut c),
            Err(mut e) => problems.append(&mut e),
        }
    }
    let outcome = if problems.is_empty() {
        tr::apply(&mut conn, SystemClock.now(), &changes, dry_run)
            .map_err(|e| anyhow::anyhow!("{e}"))?
    } else {
        Err(problems)
    };
    match outcome {
        Ok(applied) => {
            for a in &applied {
                let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
                println!(
                    "{} [{}]: {:?} -> {:?}",
                    a.key,
                    a.lang,
                    show(&a.before),
                    show(&a.after)
                );
            }
            let verb = if dry_run { "would change" } else { "changed" };
            println!("{} translation(s) {verb}.", applied.len());
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for e in &errors {
                let file = origin.get(&e.lang).cloned().unwrap_or_default();
                eprintln!("{file}:{}: {} {}", e.line, e.key, e.problem.describe());
            }
            eprintln!("{} problem(s); nothing was changed.", errors.len());
            Ok(ExitCode::FAILURE)
        }
    }
}
