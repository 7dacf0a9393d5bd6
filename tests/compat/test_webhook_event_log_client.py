"""FusionAuth's webhook event log through the official Python client.

The event log, one attempt and the search through the client's `retrieve_webhook_event_log`,
`search_webhook_event_logs` and `retrieve_webhook_attempt_log`; replay, Actioneer's own, with plain
HTTP. Runs against SQLite and PostgreSQL (see conftest.py).
"""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

PASSWORD = "middle-out!"


def describe(resp):
    return f"status {resp.status}, body {resp.response.text[:2000]!r}"


def ok(resp):
    assert resp.status == 200, describe(resp)
    return resp.success_response


def eventually(fetch, done, timeout=15.0):
    """Calls fetch() until done(value) holds; returns the last value."""
    deadline = time.monotonic() + timeout
    value = fetch()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(0.1)
        value = fetch()
    assert done(value), value
    return value


class ScriptedReceiver:
    """An HTTP receiver on 127.0.0.1 answering each actionee's events with the statuses scripted
    for that actionee, in turn (the last one repeats); 200 for anyone else."""

    def __init__(self):
        self.lock = threading.Lock()
        self.events = []
        self.scripts = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                event = json.loads(body)["event"]
                with receiver.lock:
                    receiver.events.append(event)
                    script = receiver.scripts.get(event.get("actioneeUserId"), [200])
                    status = script.pop(0) if len(script) > 1 else script[0]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def script(self, user_id, statuses):
        with self.lock:
            self.scripts[user_id] = list(statuses)

    def event_of(self, user_id):
        def first():
            with self.lock:
                return next((e for e in self.events if e.get("actioneeUserId") == user_id), None)

        return eventually(first, lambda e: e is not None)

    def count(self, event_id):
        with self.lock:
            return sum(1 for e in self.events if e["id"] == event_id)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def make_user(client):
    user = {"email": f"{uuid.uuid4().hex[:12]}@example.com", "password": PASSWORD}
    return ok(client.create_user({"user": user}))["user"]["id"]


def check_attempts(client, log):
    """Every attempt in an event log reads the same through retrieve_webhook_attempt_log."""
    for attempt in log["attempts"]:
        one = ok(client.retrieve_webhook_attempt_log(attempt["id"]))["webhookAttemptLog"]
        assert one == attempt
        assert one["webhookEventLogId"] == log["id"]
        assert one["startInstant"] <= one["endInstant"]


def test_webhook_event_log(client, bare_client, server, default_tenant_id):
    receiver = ScriptedReceiver()
    enabled = {"tenant": {"eventConfiguration": {"events": {
        "user.action": {"enabled": True, "transactionType": "None"}}}}}
    disabled = {"tenant": {"eventConfiguration": {"events": {
        "user.action": {"enabled": False, "transactionType": "None"}}}}}
    webhook_id = None
    try:
        ok(bare_client.patch_tenant(default_tenant_id, enabled))
        webhook_id = ok(bare_client.create_webhook({"webhook": {
            "url": receiver.url, "connectTimeout": 2000, "readTimeout": 2000,
            "eventsEnabled": {"user.action": True}, "tenantIds": [default_tenant_id]}}))["webhook"]["id"]
        action_id = ok(client.create_user_action({"userAction": {
            "name": f"Event log {uuid.uuid4().hex[:8]}", "temporal": True}}))["userAction"]["id"]

        # One actionee's event succeeds, one is refused until retried, one is gone for good (410)
        # until replayed.
        succeeding, retrying, gone = make_user(client), make_user(client), make_user(client)
        receiver.script(retrying, [500])
        receiver.script(gone, [410, 200])
        instances = {}
        for user in (succeeding, retrying, gone):
            instances[user] = ok(client.action_user({"broadcast": True, "action": {
                "userActionId": action_id, "actioneeUserId": user, "actionerUserId": user,
                "expiry": int(time.time() * 1000) + 3_600_000}}))["action"]["id"]
        events = {user: receiver.event_of(user) for user in instances}

        def log_of(user):
            return ok(bare_client.retrieve_webhook_event_log(events[user]["id"]))["webhookEventLog"]

        # Succeeded.
        log = eventually(lambda: log_of(succeeding), lambda l: l["eventResult"] == "Succeeded")
        assert log["id"] == events[succeeding]["id"]
        assert log["event"] == events[succeeding]
        assert log["eventType"] == "user.action"
        assert log["linkedObjectId"] == instances[succeeding]
        assert isinstance(log["sequence"], int)
        assert log["successfulAttempts"] == 1 and log["failedAttempts"] == 0
        assert log["webhookIds"] == [webhook_id]
        assert "nextAttemptInstant" not in log
        [attempt] = log["attempts"]
        assert attempt["attemptResult"] == "Success"
        assert attempt["webhookCallResponse"] == {"statusCode": 200}
        assert attempt["webhookId"] == webhook_id
        assert log["lastAttemptInstant"] == attempt["startInstant"]
        check_attempts(bare_client, log)

        # Running: it failed and a retry is due.
        log = eventually(lambda: log_of(retrying), lambda l: len(l["attempts"]) >= 1)
        assert log["eventResult"] == "Running"
        assert log["nextAttemptInstant"] >= log["lastAttemptInstant"]
        assert log["attempts"][0]["attemptResult"] == "Failure"
        assert log["attempts"][0]["webhookCallResponse"]["statusCode"] == 500
        assert log["attempts"][0]["webhookCallResponse"]["exception"]
        assert log["successfulAttempts"] == 0 and log["failedAttempts"] >= 1
        check_attempts(bare_client, log)

        # Failed: 410 Gone stops the retries.
        log = eventually(lambda: log_of(gone), lambda l: l["eventResult"] == "Failed")
        assert "nextAttemptInstant" not in log
        assert log["failedAttempts"] == 1
        assert log["attempts"][0]["webhookCallResponse"]["statusCode"] == 410
        check_attempts(bare_client, log)

        # The search: by result and webhook, by instance, in either order, paged.
        def search(**criteria):
            return ok(bare_client.search_webhook_event_logs({"search": criteria}))

        found = search(webhookId=webhook_id, eventResult="Failed")
        assert [l["id"] for l in found["webhookEventLogs"]] == [events[gone]["id"]]
        assert found["total"] == 1
        found = search(webhookId=webhook_id, eventResult="Running")
        assert [l["id"] for l in found["webhookEventLogs"]] == [events[retrying]["id"]]
        found = search(linkedObjectId=instances[succeeding])
        assert [l["id"] for l in found["webhookEventLogs"]] == [events[succeeding]["id"]]
        assert found["webhookEventLogs"][0]["eventResult"] == "Succeeded"
        in_order = [events[u]["id"] for u in (succeeding, retrying, gone)]
        found = search(webhookId=webhook_id, orderBy="insertInstant ASC")
        assert [l["id"] for l in found["webhookEventLogs"]] == in_order
        found = search(webhookId=webhook_id)
        assert [l["id"] for l in found["webhookEventLogs"]] == in_order[::-1]
        found = search(webhookId=webhook_id, startRow=1, numberOfResults=1)
        assert [l["id"] for l in found["webhookEventLogs"]] == [events[retrying]["id"]]
        assert found["total"] == 3
        found = search(event=gone, eventType="user.action")
        assert [l["id"] for l in found["webhookEventLogs"]] == [events[gone]["id"]]

        # Bad criteria and unknown ids.
        resp = bare_client.search_webhook_event_logs({"search": {"eventResult": "Done"}})
        assert resp.status == 400, describe(resp)
        assert "search.eventResult" in resp.error_response["fieldErrors"]
        assert bare_client.retrieve_webhook_event_log(str(uuid.uuid4())).status == 404
        assert bare_client.retrieve_webhook_attempt_log(str(uuid.uuid4())).status == 404

        # Replay (Actioneer's extension): the failed event goes again, same id, and succeeds.
        replay = requests.post(
            f"{server.base_url}/api/system/webhook-event-log/{events[gone]['id']}/replay",
            headers={"Authorization": server.api_key}, timeout=10)
        assert replay.status_code == 200, replay.text
        assert replay.json()["webhookEventLog"]["eventResult"] == "Running"
        log = eventually(lambda: log_of(gone), lambda l: l["eventResult"] == "Succeeded")
        assert [a["attemptResult"] for a in log["attempts"]] == ["Failure", "Success"]
        assert receiver.count(events[gone]["id"]) == 2
        check_attempts(bare_client, log)
        again = requests.post(
            f"{server.base_url}/api/system/webhook-event-log/{events[gone]['id']}/replay",
            headers={"Authorization": server.api_key}, timeout=10)
        assert again.status_code == 400
        assert "webhookEventLogId" in again.json()["fieldErrors"]
    finally:
        if webhook_id is not None:
            bare_client.delete_webhook(webhook_id)
        ok(bare_client.patch_tenant(default_tenant_id, disabled))
        receiver.stop()
