//! The two signatures on every webhook delivery attempt: pure functions of the body.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::domain::webhook::SECRET_PREFIX;

/// `X-FusionAuth-Signature-JWT`: a JWS over `{"request_body_sha256": …}`, keyed with
/// the UTF-8 bytes of the HMAC key's secret string, with `kid` in the header.
pub fn fusionauth_signature_jwt(
    body: &[u8],
    algorithm: &str,
    kid: &str,
    secret: &str,
) -> Result<String, String> {
    let alg = match algorithm {
        "HS256" => jsonwebtoken::Algorithm::HS256,
        "HS384" => jsonwebtoken::Algorithm::HS384,
        "HS512" => jsonwebtoken::Algorithm::HS512,
        other => return Err(format!("unsupported signing algorithm {other}")),
    };
    let mut header = jsonwebtoken::Header::new(alg);
    header.kid = Some(kid.to_string());
    let claims = serde_json::json!({
        "request_body_sha256": STANDARD.encode(Sha256::digest(body)),
    });
    jsonwebtoken::encode(
        &header,
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .map_err(|e| format!("cannot sign the webhook body: {e}"))
}

/// `webhook-signature` (Standard Webhooks): `v1,` + base64 of HMAC-SHA256 over
/// `<id>.<timestamp>.<body>`, keyed with the base64-decoded part of `whsec_…`.
pub fn standard_webhook_signature(
    event_id: &str,
    timestamp_secs: i64,
    body: &[u8],
    secret: &str,
) -> Result<String, String> {
    let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
    let key = STANDARD
        .decode(encoded)
        .map_err(|e| format!("the webhook secret is not base64: {e}"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key)
        .map_err(|e| format!("unusable webhook secret: {e}"))?;
    mac.update(event_id.as_bytes());
    mac.update(b".");
    mac.update(timestamp_secs.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Claims {
        request_body_sha256: String,
    }

    const BODY: &[u8] = br#"{"event":{"type":"user.action"}}"#;

    #[test]
    fn jwt_verifies_with_the_secret_string_and_carries_the_body_hash() {
        let secret = "c2VjcmV0LXN0cmluZy1hcy1yZXR1cm5lZC1ieS1nZW5lcmF0ZQ==";
        for (name, alg) in [
            ("HS256", jsonwebtoken::Algorithm::HS256),
            ("HS384", jsonwebtoken::Algorithm::HS384),
            ("HS512", jsonwebtoken::Algorithm::HS512),
        ] {
            let token = fusionauth_signature_jwt(BODY, name, "kid-1", secret).unwrap();
            let header = jsonwebtoken::decode_header(&token).unwrap();
            assert_eq!(header.alg, alg);
            assert_eq!(header.kid.as_deref(), Some("kid-1"));
            assert_eq!(header.typ.as_deref(), Some("JWT"));
            let mut validation = jsonwebtoken::Validation::new(alg);
            validation.required_spec_claims.clear();
            validation.validate_exp = false;
            let data = jsonwebtoken::decode::<Claims>(
                &token,
                &jsonwebtoken::DecodingKey::from_secret(secret.as_bytes()),
                &validation,
            )
            .unwrap();
            // SHA-256 of BODY, computed outside Rust: `printf '%s' BODY | sha256sum | xxd -r -p | base64`.
            assert_eq!(
                data.claims.request_body_sha256,
                "fLsxFFZgKcmXmTQnrpInsTUYD+FI3CqKrBlBNDRnuX4="
            );
            // Another secret must not verify.
            assert!(jsonwebtoken::decode::<Claims>(
                &token,
                &jsonwebtoken::DecodingKey::from_secret(b"other"),
                &validation,
            )
            .is_err());
        }
    }

    #[test]
    fn jwt_refuses_non_hmac_algorithms() {
        assert!(fusionauth_signature_jwt(BODY, "RS256", "k", "s").is_err());
    }

    #[test]
    fn standard_webhook_signature_matches_an_independent_hmac() {
        let key = [7u8; 32];
        let secret = format!("whsec_{}", STANDARD.encode(key));
        let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        let ts = 1_614_265_330;
        let body = br#"{"test": 2432232314}"#;
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(format!("{id}.{ts}.").as_bytes());
        mac.update(body);
        let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
        assert_eq!(
            standard_webhook_signature(id, ts, body, &secret).unwrap(),
            expected
        );
    }

    /// The published test vector of the Standard Webhooks specification's reference libraries.
    #[test]
    fn standard_webhook_signature_matches_the_reference_vector() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let sig = standard_webhook_signature(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            br#"{"test": 2432232314}"#,
            secret,
        )
        .unwrap();
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn standard_webhook_signature_refuses_a_secret_that_is_not_base64() {
        assert!(standard_webhook_signature("id", 1, b"", "whsec_!!!").is_err());
    }
}
