//! One delivery attempt of a webhook event over HTTP.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine;

use super::signing;
use super::worker::Failure;
use crate::domain::signing_key::SigningKey;
use crate::domain::webhook::Webhook;

/// HTTP clients by (connect, read) timeout, shared by the delivery threads; each keeps its
/// connections alive between attempts.
#[derive(Default)]
pub struct Agents(Mutex<HashMap<(i32, i32), ureq::Agent>>);

impl Agents {
    fn get(&self, connect_ms: i32, read_ms: i32) -> ureq::Agent {
        let millis = |ms: i32| Duration::from_millis(u64::try_from(ms.max(1)).unwrap_or(1));
        let mut agents = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        agents
            .entry((connect_ms, read_ms))
            .or_insert_with(|| {
                ureq::AgentBuilder::new()
                    .timeout_connect(millis(connect_ms))
                    .timeout_read(millis(read_ms))
                    .redirects(0)
                    .build()
            })
            .clone()
    }
}

/// The most of an answer's body that is read (and discarded) so its connection can be reused.
const DRAINED_BODY_BYTES: u64 = 64 * 1024;

/// POSTs the stored body with the webhook's current URL, headers, credentials and keys.
/// `Ok(status)` for a 2xx answer; 410 is a permanent failure; redirects are not followed.
pub fn post(
    agents: &Agents,
    hook: &Webhook,
    key: Option<&SigningKey>,
    event_id: &str,
    body: &[u8],
    now_secs: i64,
) -> Result<Option<u16>, Failure> {
    let spec = &hook.spec;
    let agent = agents.get(spec.connect_timeout, spec.read_timeout);
    let mut request = agent
        .post(&spec.url)
        .set("Content-Type", "application/json");
    for (name, value) in &spec.headers {
        request = request.set(name, value);
    }
    if let Some(user) = &spec.http_authentication_username {
        let password = spec.http_authentication_password.as_deref().unwrap_or("");
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        request = request.set("Authorization", &format!("Basic {token}"));
    }
    if spec.signature_configuration.enabled {
        let key =
            key.ok_or_else(|| Failure::transient(None, "the signing key was not found".into()))?;
        let jwt =
            signing::fusionauth_signature_jwt(body, key.algorithm.as_str(), &key.kid, &key.secret)
                .map_err(|e| Failure::transient(None, e))?;
        request = request.set("X-FusionAuth-Signature-JWT", &jwt);
    }
    let signature = signing::standard_webhook_signature(event_id, now_secs, body, &hook.secret)
        .map_err(|e| Failure::transient(None, e))?;
    request = request
        .set("webhook-id", event_id)
        .set("webhook-timestamp", &now_secs.to_string())
        .set("webhook-signature", &signature);
    match request.send_bytes(body) {
        Ok(response) if (200..300).contains(&response.status()) => {
            let status = response.status();
            // ureq pools the connection again only once the body has been read to its end.
            let _ = std::io::copy(
                &mut response.into_reader().take(DRAINED_BODY_BYTES),
                &mut std::io::sink(),
            );
            Ok(Some(status))
        }
        Ok(response) => Err(Failure::transient(
            Some(response.status()),
            format!("HTTP {}", response.status()),
        )),
        Err(ureq::Error::Status(410, _)) => {
            Err(Failure::permanent(Some(410), "HTTP 410 Gone".into()))
        }
        Err(ureq::Error::Status(code, _)) => {
            Err(Failure::transient(Some(code), format!("HTTP {code}")))
        }
        Err(ureq::Error::Transport(t)) => Err(Failure::transient(None, t.to_string())),
    }
}
