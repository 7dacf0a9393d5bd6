//! The `actioneer` command: serve, migrate, create API keys.

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

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::from_env().map_err(anyhow::Error::msg)?;
    init_logging(config.log_format);
    match cli.command.unwrap_or(Command::Serve { demo: false }) {
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
                    service::ServiceError::Invalid(errors) => anyhow::anyhow!(
                        "{}",
                        errors
                            .field_errors
                            .values()
                            .flatten()
                            .map(|e| e.message.clone())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    other => anyhow::anyhow!("{other}"),
                })?;
            println!("{raw}");
            eprintln!("API key {} created; it is shown only this once.", record.id);
            Ok(())
        }
    }
}
