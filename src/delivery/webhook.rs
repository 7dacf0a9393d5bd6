//! One delivery attempt of a webhook event over HTTP (§9.3, §9.6).

use std::collections::HashMap;
use std::time::Duration;

use base64::Engine;

use super::signing;
use super::worker::Failure;
use crate::domain::signing_key::SigningKey;
use crate::domain::webhook::Webhook;

/// HTTP clients by (connect, read) timeout; each keeps its connections alive between attempts.
#[derive(Default)]
pub struct Agents(HashMap<(i32, i32), ureq::Agent>);

impl Agents {
    fn get(&mut self, connect_ms: i32, read_ms: i32) -> &ureq::Agent {
        let millis = |ms: i32| Duration::from_millis(u64::try_from(ms.max(1)).unwrap_or(1));
        self.0.entry((connect_ms, read_ms)).or_insert_with(|| {
            ureq::AgentBuilder::new()
                .timeout_connect(millis(connect_ms))
                .timeout_read(millis(read_ms))
                .redirects(0)
                .build()
        })
    }
}

/// POSTs the stored body with the webhook's current URL, headers, credentials and keys.
/// `Ok(status)` for a 2xx answer; 410 is a permanent failure; redirects are not followed.
pub fn post(
    agents: &mut Agents,
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
        Ok(response) if (200..300).contains(&response.status()) => Ok(Some(response.status())),
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
