//! Sending a queued email over SMTP with lettre: the tenant's server, else the server-wide one.

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};
use serde::Deserialize;

use crate::domain::tenant::EmailConfiguration;

#[derive(Debug, Deserialize)]
struct Address {
    address: String,
    display: Option<String>,
}

/// The stored email (the `Email` object, as queued).
#[derive(Debug, Deserialize)]
struct QueuedEmail {
    from: Address,
    to: Vec<Address>,
    subject: String,
    text: String,
    html: String,
}

/// How a send ended: transient failures are retried, permanent ones are not.
#[derive(Debug, PartialEq, Eq)]
pub enum SendError {
    Transient(String),
    Permanent(String),
}

/// Header text without control characters: CR, LF, NUL and the rest become spaces, so a name
/// can neither add a header line nor make lettre fail (it panics on CR and LF in a name).
fn header_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

fn mailbox(a: &Address) -> Result<Mailbox, SendError> {
    let email = a.address.parse().map_err(|e| {
        SendError::Permanent(format!("invalid address {}: {e}", a.address.escape_debug()))
    })?;
    let name = a
        .display
        .as_deref()
        .map(header_text)
        .filter(|n| !n.is_empty());
    Ok(Mailbox::new(name, email))
}

/// Builds the transport: the tenant's `emailConfiguration` when it has a host, else the URL.
fn transport(
    tenant: &EmailConfiguration,
    server_url: Option<&str>,
) -> Result<SmtpTransport, SendError> {
    if let Some(host) = &tenant.host {
        let port = tenant
            .port
            .and_then(|p| u16::try_from(p).ok())
            .unwrap_or(25);
        let tls = |host: &str| {
            TlsParameters::new(host.to_string())
                .map_err(|e| SendError::Permanent(format!("TLS setup: {e}")))
        };
        let mut builder = SmtpTransport::builder_dangerous(host).port(port);
        builder = match tenant.security.as_deref() {
            Some("SSL") => builder.tls(Tls::Wrapper(tls(host)?)),
            Some("TLS") => builder.tls(Tls::Required(tls(host)?)),
            _ => builder,
        };
        if let (Some(user), Some(password)) = (&tenant.username, &tenant.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        return Ok(builder
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build());
    }
    let url =
        server_url.ok_or_else(|| SendError::Transient("no SMTP server is configured".into()))?;
    SmtpTransport::from_url(url)
        .map(|b| b.timeout(Some(std::time::Duration::from_secs(30))).build())
        .map_err(|e| SendError::Permanent(format!("invalid ACTIONEER_SMTP_URL: {e}")))
}

/// Sends the queued email (`payload` JSON): a `multipart/alternative` of text and HTML.
pub fn send(
    payload: &str,
    tenant: &EmailConfiguration,
    server_url: Option<&str>,
) -> Result<(), SendError> {
    let email: QueuedEmail = serde_json::from_str(payload)
        .map_err(|e| SendError::Permanent(format!("corrupt queued email: {e}")))?;
    let mut builder = Message::builder()
        .from(mailbox(&email.from)?)
        .subject(header_text(&email.subject));
    for to in &email.to {
        builder = builder.to(mailbox(to)?);
    }
    let message = builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(email.text),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(email.html),
                ),
        )
        .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))?;
    let transport = transport(tenant, server_url)?;
    transport.send(&message).map(|_| ()).map_err(|e| {
        if e.is_permanent() {
            SendError::Permanent(e.to_string())
        } else {
            SendError::Transient(e.to_string())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(display: &str) -> Address {
        Address {
            address: "eve@example.com".into(),
            display: Some(display.into()),
        }
    }

    /// The From header as lettre writes it.
    fn from_header(a: &Address) -> String {
        let message = Message::builder()
            .from(mailbox(a).unwrap())
            .to("x@example.com".parse().unwrap())
            .body(String::from("hi"))
            .unwrap();
        let text = String::from_utf8(message.formatted()).unwrap();
        text.lines()
            .find(|l| l.starts_with("From:"))
            .unwrap()
            .to_string()
    }

    #[test]
    fn names_with_line_breaks_and_nul_make_one_header_line() {
        let attack = address("Eve\r\nBcc: e@evil.example");
        assert_eq!(
            mailbox(&attack).unwrap().name.as_deref(),
            Some("Eve  Bcc: e@evil.example")
        );
        let header = from_header(&attack);
        assert!(header.ends_with(" <eve@example.com>"), "{header}");
        assert!(!header.contains('\r') && !header.contains('\n'));
        assert_eq!(
            from_header(&address("Eve\0\u{7f}\u{85}")),
            "From: Eve <eve@example.com>"
        );
    }

    #[test]
    fn a_name_of_control_characters_only_is_no_name() {
        assert_eq!(from_header(&address("\r\n\t")), "From: eve@example.com");
    }

    #[test]
    fn a_bad_address_is_an_error() {
        let bad = Address {
            address: "eve@example.com\r\nBcc: e@evil.example".into(),
            display: None,
        };
        assert!(matches!(mailbox(&bad), Err(SendError::Permanent(_))));
    }
}
