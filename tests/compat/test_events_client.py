"""Webhooks, email templates and HMAC keys through the official FusionAuth Python client.

Covers the `user.action` event, webhooks (with their `secret` and the Standard Webhooks
headers), emails, and the webhook, email template and key APIs. Each test runs against SQLite and PostgreSQL
(see conftest.py).
"""

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PASSWORD = "middle-out!"


# ---------------------------------------------------------------------------------------------
# helpers (the same conventions as test_client.py)


def now_ms():
    return int(time.time() * 1000)


def uniq(prefix):
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def describe(resp):
    return f"status {resp.status}, body {resp.response.text[:2000]!r}"


def ok(resp):
    """Assert a 200 and return the parsed body."""
    assert resp.status == 200, describe(resp)
    assert resp.was_successful()
    return resp.success_response


def ok_empty(resp):
    """Assert a 200 with an empty body (DELETE of a supporting object)."""
    assert resp.status == 200, describe(resp)
    assert resp.success_response is None, describe(resp)
    assert resp.response.content == b"", describe(resp)


def not_found(resp):
    assert resp.status == 404, describe(resp)
    assert resp.error_response is None
    assert resp.response.content == b"", describe(resp)


def check_errors(err, resp=None):
    """Check the FusionAuth error shape and return {field: [codes]}."""
    where = describe(resp) if resp is not None else repr(err)
    assert isinstance(err, dict), where
    assert isinstance(err.get("fieldErrors"), dict), where
    assert isinstance(err.get("generalErrors"), list), where
    out = {}
    for field, errors in err["fieldErrors"].items():
        assert errors, where
        for e in errors:
            assert e["code"] and e["message"], where
        out[field] = [e["code"] for e in errors]
    return out


def field_codes(resp):
    """Assert a 400 with the FusionAuth error shape and return {field: [codes]}."""
    assert resp.status == 400, describe(resp)
    return check_errors(resp.error_response, resp)


def assert_error(resp, field, code):
    codes = field_codes(resp)
    assert code in codes.get(field, []), f"expected {code} on {field}; got {codes}"


def assert_uuid(value):
    assert isinstance(value, str) and str(uuid.UUID(value)) == value, value


def make_user(client, **fields):
    user = {"email": f"{uuid.uuid4().hex[:12]}@example.com", "password": PASSWORD}
    user.update(fields)
    return ok(client.create_user({"user": user}))["user"]


def make_action(client, **fields):
    ua = {"name": uniq("Action")}
    ua.update(fields)
    return ok(client.create_user_action({"userAction": ua}))["userAction"]


def webhook_body(**fields):
    wh = {"url": "https://hooks.example.com/actioneer", "connectTimeout": 1000, "readTimeout": 2000}
    wh.update(fields)
    return {"webhook": wh}


def make_webhook(client, webhook_id=None, **fields):
    return ok(client.create_webhook(webhook_body(**fields), webhook_id))["webhook"]


def template_body(**fields):
    t = {
        "name": uniq("Template"),
        "defaultSubject": "Hello { $firstName }",
        "defaultHtmlTemplate": "<p>{ $action } { $phase ->\n    [cancel] was lifted\n   *[other] is in place\n}</p>",
        "defaultTextTemplate": "{ $action }: { $comment }",
    }
    t.update(fields)
    return {"emailTemplate": t}


def make_template(client, template_id=None, **fields):
    return ok(client.create_email_template(template_body(**fields), template_id))["emailTemplate"]


def make_key(client, key_id=None, algorithm="HS256", **fields):
    key = {"algorithm": algorithm, "name": uniq("Key")}
    key.update(fields)
    return ok(client.generate_key({"key": key}, key_id))["key"]


def assert_webhook_secret(secret):
    assert isinstance(secret, str) and secret.startswith("whsec_"), secret
    assert len(base64.b64decode(secret[len("whsec_"):], validate=True)) == 32


# ---------------------------------------------------------------------------------------------
# Webhooks


def test_webhook_crud(bare_client, default_tenant_id):
    before = now_ms()
    created = make_webhook(
        bare_client,
        description="  Compat hook  ",
        eventsEnabled={"user.action": True, "user.create": False},
        tenantIds=[default_tenant_id],
        headers={"X-Compat": "yes"},
        httpAuthenticationUsername="hook-user",
        httpAuthenticationPassword="hook-password",
        secret="whsec_chosenByTheClient",
        data={"team": "moderation"},
    )
    wid = created["id"]
    assert_uuid(wid)
    assert created["url"] == "https://hooks.example.com/actioneer"
    assert created["connectTimeout"] == 1000 and created["readTimeout"] == 2000
    assert created["eventsEnabled"] == {"user.action": True, "user.create": False}
    assert created["global"] is False
    assert created["tenantIds"] == [default_tenant_id]
    assert created["headers"] == {"X-Compat": "yes"}
    assert created["httpAuthenticationUsername"] == "hook-user"
    assert "httpAuthenticationPassword" not in created
    assert created["data"] == {"team": "moderation"}
    assert_webhook_secret(created["secret"])
    assert created["secret"] != "whsec_chosenByTheClient"
    assert before <= created["insertInstant"] == created["lastUpdateInstant"] <= now_ms()
    try:
        # retrieve, and both ways of listing (retrieve_webhook(None) lists every webhook)
        fetched = ok(bare_client.retrieve_webhook(wid))["webhook"]
        assert fetched == created
        listed = {w["id"]: w for w in ok(bare_client.retrieve_webhooks())["webhooks"]}
        assert listed[wid] == created
        assert "httpAuthenticationPassword" not in listed[wid]
        listed_none = {w["id"]: w for w in ok(bare_client.retrieve_webhook(None))["webhooks"]}
        assert listed_none[wid] == created

        # create with an id; the same id again is a duplicate
        given = str(uuid.uuid4())
        with_id = make_webhook(bare_client, given, **{"global": True})
        assert with_id["id"] == given
        assert with_id["global"] is True and with_id["tenantIds"] == []
        assert with_id.get("eventsEnabled", {}) == {}
        assert_webhook_secret(with_id["secret"])
        assert with_id["secret"] != created["secret"]
        assert_error(bare_client.create_webhook(webhook_body(), given), "webhookId", "[duplicate]webhookId")
        ok_empty(bare_client.delete_webhook(given))
        not_found(bare_client.retrieve_webhook(given))

        # PUT replaces the object, except the secret and the write-only password
        updated = ok(bare_client.update_webhook(wid, webhook_body(
            url="http://hooks.example.com/v2", connectTimeout=500, readTimeout=700,
            eventsEnabled={"user.action": False}, httpAuthenticationUsername="hook-user",
            secret="whsec_ignored")))["webhook"]
        assert updated["id"] == wid
        assert updated["url"] == "http://hooks.example.com/v2"
        assert updated["connectTimeout"] == 500 and updated["readTimeout"] == 700
        assert updated["eventsEnabled"] == {"user.action": False}
        assert updated["tenantIds"] == [] and updated["global"] is False
        assert "description" not in updated
        assert "headers" not in updated or updated["headers"] == {}
        assert "httpAuthenticationPassword" not in updated
        assert updated["secret"] == created["secret"]
        assert updated["insertInstant"] == created["insertInstant"]
        assert updated["lastUpdateInstant"] >= created["lastUpdateInstant"]
        assert ok(bare_client.retrieve_webhook(wid))["webhook"] == updated

        # PATCH merges: only the given values change, a given array is appended
        patched = ok(bare_client.patch_webhook(wid, {"webhook": {
            "description": "patched", "eventsEnabled": {"user.action": True},
            "tenantIds": [default_tenant_id], "secret": "whsec_ignored"}}))["webhook"]
        assert patched["description"] == "patched"
        assert patched["eventsEnabled"] == {"user.action": True}
        assert patched["tenantIds"] == [default_tenant_id]
        assert patched["url"] == "http://hooks.example.com/v2"
        assert patched["connectTimeout"] == 500 and patched["readTimeout"] == 700
        assert patched["secret"] == created["secret"]
        assert "httpAuthenticationPassword" not in patched
        assert patched["insertInstant"] == created["insertInstant"]
        assert ok(bare_client.retrieve_webhook(wid))["webhook"] == patched
        # the result of a PATCH is validated like a PUT
        assert_error(bare_client.patch_webhook(wid, {"webhook": {"url": "not a url"}}),
                     "webhook.url", "[invalid]webhook.url")
        assert_error(bare_client.patch_webhook(wid, {"webhook": {"connectTimeout": 0}}),
                     "webhook.connectTimeout", "[tooSmall]webhook.connectTimeout")
        assert ok(bare_client.retrieve_webhook(wid))["webhook"] == patched
    finally:
        ok_empty(bare_client.delete_webhook(wid))
    not_found(bare_client.retrieve_webhook(wid))
    not_found(bare_client.delete_webhook(wid))
    not_found(bare_client.update_webhook(wid, webhook_body()))
    not_found(bare_client.patch_webhook(wid, {"webhook": {"description": "x"}}))
    assert wid not in [w["id"] for w in ok(bare_client.retrieve_webhooks())["webhooks"]]


def test_webhook_validation(bare_client):
    def err(**fields):
        return bare_client.create_webhook(webhook_body(**fields))

    assert_error(err(url="  "), "webhook.url", "[blank]webhook.url")
    assert_error(bare_client.create_webhook({"webhook": {"connectTimeout": 1, "readTimeout": 1}}),
                 "webhook.url", "[blank]webhook.url")
    for bad in ("not a url", "ftp://hooks.example.com/x", "/relative/path", "http://"):
        assert_error(err(url=bad), "webhook.url", "[invalid]webhook.url")
    assert_error(err(url="https://example.com/" + "a" * 2030), "webhook.url", "[tooLong]webhook.url")

    codes = field_codes(bare_client.create_webhook({"webhook": {"url": "https://example.com/"}}))
    assert "[missing]webhook.connectTimeout" in codes["webhook.connectTimeout"], codes
    assert "[missing]webhook.readTimeout" in codes["webhook.readTimeout"], codes
    assert_error(err(connectTimeout=0), "webhook.connectTimeout", "[tooSmall]webhook.connectTimeout")
    assert_error(err(readTimeout=-5), "webhook.readTimeout", "[tooSmall]webhook.readTimeout")

    assert_error(err(tenantIds=[str(uuid.uuid4())]), "webhook.tenantIds", "[invalid]webhook.tenantIds")
    assert_error(err(headers={"Content-Type": "text/plain"}), "webhook.headers", "[invalid]webhook.headers")
    assert_error(err(headers={"webhook-id": "x"}), "webhook.headers", "[invalid]webhook.headers")
    assert_error(err(headers={"Bad Name": "x"}), "webhook.headers", "[invalid]webhook.headers")
    assert_error(err(headers={"X-Ok": "line\r\nX-Injected: 1"}), "webhook.headers", "[invalid]webhook.headers")

    assert_error(err(signatureConfiguration={"enabled": True}),
                 "webhook.signatureConfiguration.signingKeyId",
                 "[missing]webhook.signatureConfiguration.signingKeyId")
    assert_error(err(signatureConfiguration={"enabled": True, "signingKeyId": str(uuid.uuid4())}),
                 "webhook.signatureConfiguration.signingKeyId",
                 "[invalid]webhook.signatureConfiguration.signingKeyId")
    assert_error(err(sslCertificateKeyId=str(uuid.uuid4())), "webhook.sslCertificateKeyId",
                 "[notAllowed]webhook.sslCertificateKeyId")
    assert_error(err(sslCertificate="-----BEGIN CERTIFICATE-----"), "webhook.sslCertificate",
                 "[notAllowed]webhook.sslCertificate")
    assert_error(err(description="d" * 1025), "webhook.description", "[tooLong]webhook.description")
    assert make_webhook_and_delete(bare_client, description="d" * 1024)

    # all field errors are reported together
    codes = field_codes(bare_client.create_webhook({"webhook": {"url": "nope", "connectTimeout": 0}}))
    assert "[invalid]webhook.url" in codes["webhook.url"], codes
    assert "[tooSmall]webhook.connectTimeout" in codes["webhook.connectTimeout"], codes
    assert "[missing]webhook.readTimeout" in codes["webhook.readTimeout"], codes

    # wrapper and path id
    assert_error(bare_client.create_webhook({}), "webhook", "[missing]webhook")
    assert_error(bare_client.retrieve_webhook("not-a-uuid"), "webhookId", "[invalid]webhookId")
    not_found(bare_client.retrieve_webhook(str(uuid.uuid4())))


def make_webhook_and_delete(client, **fields):
    wh = make_webhook(client, **fields)
    ok_empty(client.delete_webhook(wh["id"]))
    return True


# ---------------------------------------------------------------------------------------------
# Email templates


def test_email_template_crud(bare_client):
    before = now_ms()
    created = make_template(
        bare_client,
        defaultFromName="Moderation",
        fromEmail="moderation@example.com",
        localizedSubjects={"fr": "Bonjour { $firstName }"},
        localizedTextTemplates={"de": "{ $action }: { $reason }"},
        localizedHtmlTemplates={"fr": "<p>{ $action }</p>"},
        localizedFromNames={"fr": "Modération"},
    )
    tid = created["id"]
    assert_uuid(tid)
    assert created["defaultSubject"] == "Hello { $firstName }"
    assert created["defaultTextTemplate"] == "{ $action }: { $comment }"
    assert created["defaultFromName"] == "Moderation"
    assert created["fromEmail"] == "moderation@example.com"
    assert created["localizedSubjects"] == {"fr": "Bonjour { $firstName }"}
    assert created["localizedTextTemplates"] == {"de": "{ $action }: { $reason }"}
    assert created["localizedHtmlTemplates"] == {"fr": "<p>{ $action }</p>"}
    assert created["localizedFromNames"] == {"fr": "Modération"}
    assert before <= created["insertInstant"] == created["lastUpdateInstant"] <= now_ms()
    try:
        assert ok(bare_client.retrieve_email_template(tid))["emailTemplate"] == created
        listed = {t["id"]: t for t in ok(bare_client.retrieve_email_templates())["emailTemplates"]}
        assert listed[tid] == created
        listed_none = {t["id"]: t for t in ok(bare_client.retrieve_email_template(None))["emailTemplates"]}
        assert listed_none[tid] == created

        # create with an id; the same id again is a duplicate
        given = str(uuid.uuid4())
        with_id = make_template(bare_client, given)
        assert with_id["id"] == given
        assert_error(bare_client.create_email_template(template_body(), given),
                     "emailTemplateId", "[duplicate]emailTemplateId")
        ok_empty(bare_client.delete_email_template(given))
        not_found(bare_client.retrieve_email_template(given))

        # PUT replaces the object
        body = template_body(name=created["name"] + " v2", defaultSubject="Update for { $fullName }")
        updated = ok(bare_client.update_email_template(tid, body))["emailTemplate"]
        assert updated["id"] == tid
        assert updated["name"] == created["name"] + " v2"
        assert updated["defaultSubject"] == "Update for { $fullName }"
        for gone in ("defaultFromName", "fromEmail", "localizedSubjects", "localizedTextTemplates",
                     "localizedHtmlTemplates", "localizedFromNames"):
            assert gone not in updated, (gone, updated)
        assert updated["insertInstant"] == created["insertInstant"]
        assert updated["lastUpdateInstant"] >= created["lastUpdateInstant"]
        assert ok(bare_client.retrieve_email_template(tid))["emailTemplate"] == updated

        # PATCH merges
        patched = ok(bare_client.patch_email_template(tid, {"emailTemplate": {
            "defaultTextTemplate": "Patched { $phase }", "localizedSubjects": {"de": "Hallo { $firstName }"}}}
        ))["emailTemplate"]
        assert patched["defaultTextTemplate"] == "Patched { $phase }"
        assert patched["localizedSubjects"] == {"de": "Hallo { $firstName }"}
        assert patched["name"] == updated["name"]
        assert patched["defaultSubject"] == updated["defaultSubject"]
        assert patched["defaultHtmlTemplate"] == updated["defaultHtmlTemplate"]
        assert patched["insertInstant"] == created["insertInstant"]
        assert ok(bare_client.retrieve_email_template(tid))["emailTemplate"] == patched
        # the result of a PATCH is validated like a PUT
        assert_error(bare_client.patch_email_template(tid, {"emailTemplate": {"defaultSubject": "Hi { $firstName"}}),
                     "emailTemplate.defaultSubject", "[invalid]emailTemplate.defaultSubject")
        assert_error(bare_client.update_email_template(tid, template_body(defaultTextTemplate="{ $nope }")),
                     "emailTemplate.defaultTextTemplate", "[invalid]emailTemplate.defaultTextTemplate")
        assert ok(bare_client.retrieve_email_template(tid))["emailTemplate"] == patched
    finally:
        ok_empty(bare_client.delete_email_template(tid))
    not_found(bare_client.retrieve_email_template(tid))
    not_found(bare_client.delete_email_template(tid))
    not_found(bare_client.update_email_template(tid, template_body()))
    not_found(bare_client.patch_email_template(tid, {"emailTemplate": {"name": "x"}}))


def test_email_template_validation(bare_client):
    def err(**fields):
        return bare_client.create_email_template(template_body(**fields))

    codes = field_codes(bare_client.create_email_template({"emailTemplate": {}}))
    for field in ("name", "defaultSubject", "defaultHtmlTemplate", "defaultTextTemplate"):
        assert f"[blank]emailTemplate.{field}" in codes.get(f"emailTemplate.{field}", []), codes
    assert_error(err(name="   "), "emailTemplate.name", "[blank]emailTemplate.name")
    assert_error(err(name="n" * 192), "emailTemplate.name", "[tooLong]emailTemplate.name")
    assert_error(err(defaultSubject="s" * 999), "emailTemplate.defaultSubject", "[tooLong]emailTemplate.defaultSubject")

    # Fluent patterns that do not parse, or use unknown variables or unavailable constructs
    for bad in ("Hello { $firstName", "Hello }", "Hello { -term }", "Hello { NUMBER($x) }", "Hi { $nope }"):
        assert_error(err(defaultSubject=bad), "emailTemplate.defaultSubject", "[invalid]emailTemplate.defaultSubject")
    assert_error(err(defaultHtmlTemplate="<p>{ $firstName </p>"),
                 "emailTemplate.defaultHtmlTemplate", "[invalid]emailTemplate.defaultHtmlTemplate")
    assert_error(err(localizedHtmlTemplates={"fr": "<p>{ $prenom }</p>"}),
                 "emailTemplate.localizedHtmlTemplates", "[invalid]emailTemplate.localizedHtmlTemplates")
    assert_error(err(localizedSubjects={"fr": "Bonjour {"}),
                 "emailTemplate.localizedSubjects", "[invalid]emailTemplate.localizedSubjects")
    assert_error(err(localizedSubjects={"fr": "  "}),
                 "emailTemplate.localizedSubjects", "[blank]emailTemplate.localizedSubjects")
    assert_error(err(fromEmail="not an address"), "emailTemplate.fromEmail", "[invalid]emailTemplate.fromEmail")
    codes = field_codes(err(localizedSubjects={"not a locale!": "x"}))
    assert any(c.startswith("[invalid]") for cs in codes.values() for c in cs), codes

    # escaped braces and select expressions parse
    fine = make_template(bare_client, defaultSubject='Literal {"{"} and {"}"} for { $firstName }',
                         defaultTextTemplate="{ $phase ->\n  [cancel] lifted\n *[other] in place\n}")
    ok_empty(bare_client.delete_email_template(fine["id"]))

    assert_error(bare_client.create_email_template({"emailTemplate": None}), "emailTemplate", "[missing]emailTemplate")
    assert_error(bare_client.retrieve_email_template("nope"), "emailTemplateId", "[invalid]emailTemplateId")


def test_email_template_in_use(client, bare_client):
    template = make_template(bare_client)
    definition = make_action(client, userEmailingEnabled=True, startEmailTemplateId=template["id"])
    assert_error(bare_client.delete_email_template(template["id"]), "emailTemplateId", "[inUse]emailTemplateId")
    assert ok(bare_client.retrieve_email_template(template["id"]))["emailTemplate"] == template
    # a soft-deleted (deactivated) definition still references it
    ok_empty(client.deactivate_user_action(definition["id"]))
    assert_error(bare_client.delete_email_template(template["id"]), "emailTemplateId", "[inUse]emailTemplateId")
    ok_empty(client.delete_user_action(definition["id"]))
    ok_empty(bare_client.delete_email_template(template["id"]))
    not_found(bare_client.retrieve_email_template(template["id"]))


def test_email_template_preview(bare_client):
    template = template_body(
        defaultSubject="Hello { $firstName } { $lastName }",
        defaultTextTemplate="{ $action } / { $reasonCode } / { $duration } / { $phase }",
        defaultHtmlTemplate="<p>{ $fullName } &amp; { $email }</p>",
        localizedSubjects={"fr": "Bonjour { $firstName }"},
    )["emailTemplate"]
    # the template need not be saved
    resp = ok(bare_client.retrieve_email_template_preview({"emailTemplate": template}))
    assert check_errors(resp["errors"]) == {} and resp["errors"]["generalErrors"] == []
    email = resp["email"]
    assert email["subject"] == "Hello Jane Doe"
    assert email["text"] == "Example action / EX / 1 day / start"
    assert email["html"] == "<p>Jane Doe &amp; jane.doe@example.com</p>"

    # locale selects the localized values
    fr = ok(bare_client.retrieve_email_template_preview({"emailTemplate": template, "locale": "fr"}))
    assert fr["email"]["subject"] == "Bonjour Jane"
    assert fr["email"]["text"] == "Example action / EX / 1 jour / start"  # duration in French
    fr_ca = ok(bare_client.retrieve_email_template_preview({"emailTemplate": template, "locale": "fr-CA"}))
    assert fr_ca["email"]["subject"] == "Bonjour Jane"

    # problems are reported inside a 200 answer; the parts that render are returned
    broken = dict(template, defaultSubject="Hello { $firstName", defaultTextTemplate="Hi { $nope }")
    resp = bare_client.retrieve_email_template_preview({"emailTemplate": broken})
    body = ok(resp)
    codes = check_errors(body["errors"], resp)
    assert "[invalid]emailTemplate.defaultSubject" in codes.get("emailTemplate.defaultSubject", []), codes
    assert "[invalid]emailTemplate.defaultTextTemplate" in codes.get("emailTemplate.defaultTextTemplate", []), codes
    assert body["email"]["html"] == email["html"]
    assert "{$nope}" in body["email"].get("text", ""), body

    # a saved template previews the same way
    saved = make_template(bare_client, **{k: v for k, v in template.items() if k != "name"})
    try:
        again = ok(bare_client.retrieve_email_template_preview({"emailTemplate": saved}))
        assert again["email"]["subject"] == "Hello Jane Doe"
    finally:
        ok_empty(bare_client.delete_email_template(saved["id"]))


# ---------------------------------------------------------------------------------------------
# Keys


def test_key_generate_retrieve_delete(bare_client):
    before = now_ms()
    created = make_key(bare_client, name="  " + uniq("Signing") + "  ")
    kid = created["id"]
    assert_uuid(kid)
    assert created["algorithm"] == "HS256"
    assert created["type"] == "HMAC"
    assert created["length"] == 256
    assert created["name"] == created["name"].strip()
    assert isinstance(created["kid"], str) and created["kid"]
    assert len(base64.b64decode(created["secret"], validate=True)) == 32
    assert before <= created["insertInstant"] <= now_ms()
    try:
        # the secret is returned only by generate
        fetched = ok(bare_client.retrieve_key(kid))["key"]
        assert "secret" not in fetched
        assert fetched == {k: v for k, v in created.items() if k != "secret"}
        listed = {k["id"]: k for k in ok(bare_client.retrieve_keys())["keys"]}
        assert listed[kid] == fetched
        assert all("secret" not in k for k in listed.values())

        # with an id, and the other algorithms
        for algorithm, bits in (("HS384", 384), ("HS512", 512)):
            given = str(uuid.uuid4())
            key = make_key(bare_client, given, algorithm)
            assert key["id"] == given and key["algorithm"] == algorithm and key["length"] == bits
            assert len(base64.b64decode(key["secret"], validate=True)) == bits // 8
            assert key["kid"] != created["kid"]
            assert "secret" not in ok(bare_client.retrieve_key(given))["key"]
            assert_error(bare_client.generate_key({"key": {"algorithm": "HS256", "name": uniq("k")}}, given),
                         "keyId", "[duplicate]keyId")
            ok_empty(bare_client.delete_key(given))
            not_found(bare_client.retrieve_key(given))
    finally:
        ok_empty(bare_client.delete_key(kid))
    not_found(bare_client.retrieve_key(kid))
    not_found(bare_client.delete_key(kid))
    assert kid not in [k["id"] for k in ok(bare_client.retrieve_keys())["keys"]]


def test_key_validation(bare_client):
    existing = make_key(bare_client)
    try:
        assert_error(bare_client.generate_key({"key": {"name": uniq("k")}}), "key.algorithm", "[missing]key.algorithm")
        for algorithm in ("RS256", "ES256", "EdDSA", "hs256x"):
            assert_error(bare_client.generate_key({"key": {"algorithm": algorithm, "name": uniq("k")}}),
                         "key.algorithm", "[invalid]key.algorithm")
        assert_error(bare_client.generate_key({"key": {"algorithm": "HS256"}}), "key.name", "[blank]key.name")
        assert_error(bare_client.generate_key({"key": {"algorithm": "HS256", "name": " "}}), "key.name", "[blank]key.name")
        assert_error(bare_client.generate_key({"key": {"algorithm": "HS256", "name": existing["name"].upper()}}),
                     "key.name", "[duplicate]key.name")
        assert_error(bare_client.generate_key({}), "key", "[missing]key")
        assert_error(bare_client.retrieve_key("nope"), "keyId", "[invalid]keyId")
        not_found(bare_client.retrieve_key(str(uuid.uuid4())))
    finally:
        ok_empty(bare_client.delete_key(existing["id"]))


def test_key_in_use_by_webhook(bare_client):
    key = make_key(bare_client, algorithm="HS512")
    wh = make_webhook(bare_client, signatureConfiguration={"enabled": True, "signingKeyId": key["id"]})
    assert wh["signatureConfiguration"] == {"enabled": True, "signingKeyId": key["id"]}
    try:
        assert_error(bare_client.delete_key(key["id"]), "keyId", "[inUse]keyId")
        assert "secret" not in ok(bare_client.retrieve_key(key["id"]))["key"]
    finally:
        ok_empty(bare_client.delete_webhook(wh["id"]))
    ok_empty(bare_client.delete_key(key["id"]))
    not_found(bare_client.retrieve_key(key["id"]))


# ---------------------------------------------------------------------------------------------
# End to end: a webhook receives a `user.action` event


class Receiver:
    """A tiny HTTP receiver on 127.0.0.1 that records every POST."""

    def __init__(self):
        received = self.received = []
        lock = self.lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lock:
                    received.append((dict(self.headers), body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, predicate, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for headers, body in self.received:
                    event = json.loads(body)["event"]
                    if predicate(event):
                        return headers, body, event
            time.sleep(0.1)
        return None

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def b64url_decode(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_webhook_receives_user_action_event(client, bare_client, default_tenant_id):
    receiver = Receiver()
    enabled = {"tenant": {"eventConfiguration": {"events": {
        "user.action": {"enabled": True, "transactionType": "None"}}}}}
    disabled = {"tenant": {"eventConfiguration": {"events": {
        "user.action": {"enabled": False, "transactionType": "None"}}}}}
    key = webhook = None
    try:
        tenant = ok(bare_client.patch_tenant(default_tenant_id, enabled))["tenant"]
        assert tenant["eventConfiguration"]["events"]["user.action"]["enabled"] is True
        key = make_key(bare_client, algorithm="HS256")
        webhook = make_webhook(bare_client, url=receiver.url, connectTimeout=2000, readTimeout=2000,
                               eventsEnabled={"user.action": True}, headers={"X-Compat": "events"},
                               signatureConfiguration={"enabled": True, "signingKeyId": key["id"]},
                               **{"global": True})

        definition = make_action(client, name=uniq("Mute"), temporal=True)
        admin, victim = make_user(client), make_user(client)
        expiry = now_ms() + 3_600_000
        inst = ok(client.action_user({"broadcast": True, "action": {
            "userActionId": definition["id"], "actioneeUserId": victim["id"],
            "actionerUserId": admin["id"], "expiry": expiry, "comment": "compat"}}))["action"]

        got = receiver.wait_for(lambda e: e.get("actionId") == inst["id"], timeout=10.0)
        assert got is not None, f"no user.action event for {inst['id']} within 10 s; got {receiver.received!r}"
        headers, body, event = got
        headers = {k.lower(): v for k, v in headers.items()}
        assert event["type"] == "user.action"
        assert event["phase"] == "start"
        assert event["actionId"] == inst["id"]
        assert event["action"] == definition["name"]
        assert event["actioneeUserId"] == victim["id"]
        assert event["actionerUserId"] == admin["id"]
        assert event["tenantId"] == default_tenant_id
        assert event["expiry"] == expiry
        assert event["comment"] == "compat"
        assert event["applicationIds"] == []
        assert_uuid(event["id"])
        assert headers["content-type"].startswith("application/json")
        assert headers["x-compat"] == "events"

        # Standard Webhooks signature with the webhook's secret
        assert headers["webhook-id"] == event["id"]
        signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
        secret = base64.b64decode(webhook["secret"][len("whsec_"):])
        expected = base64.b64encode(hmac.new(secret, signed, hashlib.sha256).digest()).decode()
        assert f"v1,{expected}" in headers["webhook-signature"].split(" "), headers["webhook-signature"]

        # FusionAuth-compatible JWT signed with the HMAC key's secret
        h, p, s = headers["x-fusionauth-signature-jwt"].split(".")
        assert json.loads(b64url_decode(h)) == {"alg": "HS256", "typ": "JWT", "kid": key["kid"]}
        assert json.loads(b64url_decode(p))["request_body_sha256"] == \
            base64.b64encode(hashlib.sha256(body).digest()).decode()
        mac = hmac.new(key["secret"].encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()
        assert b64url_decode(s) == mac
    finally:
        if webhook is not None:
            ok_empty(bare_client.delete_webhook(webhook["id"]))
        if key is not None:
            ok_empty(bare_client.delete_key(key["id"]))
        ok(bare_client.patch_tenant(default_tenant_id, disabled))
        receiver.stop()
