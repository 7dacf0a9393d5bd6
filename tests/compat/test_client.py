"""Drive Actioneer with the official FusionAuth Python client (`fusionauth-client`).

Covers definitions, reasons, actioning, login, tenants, applications, users and API keys, as the
OpenAPI document (`/api/openapi.json`) describes them. Each test runs against SQLite and PostgreSQL (see conftest.py).
"""

import time
import uuid

import pytest
from fusionauth.fusionauth_client import FusionAuthClient

FOREVER = 9223372036854775807
PASSWORD = "middle-out!"


# ---------------------------------------------------------------------------------------------
# helpers


def now_ms():
    return int(time.time() * 1000)


def uniq(prefix):
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def describe(resp):
    return f"status {resp.status}, body {resp.response.text[:2000]!r}"


def ok(resp):
    """Assert a 200 and return the parsed body (None for an empty body)."""
    assert resp.status == 200, describe(resp)
    assert resp.was_successful()
    return resp.success_response


def ok_empty(resp):
    """Assert a 200 with an empty body (DELETE of definitions, reasons, supporting objects)."""
    assert resp.status == 200, describe(resp)
    assert resp.success_response is None, describe(resp)
    assert resp.response.content == b"", describe(resp)


def not_found(resp):
    assert resp.status == 404, describe(resp)
    assert resp.error_response is None
    assert resp.response.content == b"", describe(resp)


def field_codes(resp):
    """Assert a 400 with the FusionAuth error shape and return {field: [codes]}."""
    assert resp.status == 400, describe(resp)
    err = resp.error_response
    assert isinstance(err, dict), describe(resp)
    assert isinstance(err.get("fieldErrors"), dict), describe(resp)
    assert isinstance(err.get("generalErrors"), list), describe(resp)
    out = {}
    for field, errors in err["fieldErrors"].items():
        assert errors, describe(resp)
        for e in errors:
            assert e["code"] and e["message"], describe(resp)
        out[field] = [e["code"] for e in errors]
    return out


def assert_error(resp, field, code):
    codes = field_codes(resp)
    assert code in codes.get(field, []), f"expected {code} on {field}; got {codes}"


def make_user(client, **fields):
    user = {"email": f"{uuid.uuid4().hex[:12]}@example.com", "password": PASSWORD}
    user.update(fields)
    return ok(client.create_user({"user": user}))["user"]


def make_action(client, **fields):
    ua = {"name": uniq("Action")}
    ua.update(fields)
    return ok(client.create_user_action({"userAction": ua}))["userAction"]


def ban(client):
    return make_action(client, name=uniq("Ban"), temporal=True, preventLogin=True)


def apply(client, definition, actionee, actioner, **fields):
    action = {
        "userActionId": definition["id"],
        "actioneeUserId": actionee["id"],
        "actionerUserId": actioner["id"],
    }
    action.update(fields)
    return client.action_user({"broadcast": False, "action": action})


def login(client, login_id, password=PASSWORD, **extra):
    req = {"loginId": login_id, "password": password}
    req.update(extra)
    return client.login(req)


# ---------------------------------------------------------------------------------------------
# User Action definitions


def test_create_and_retrieve_user_action(client):
    before = now_ms()
    ua = make_action(client, name=uniq("Lock"), temporal=True, preventLogin=True,
                     localizedNames={"de": "Sperren", "fr_CA": "Verrouiller", "pt-BR": "Bloquear"})
    assert ua["active"] is True
    assert ua["temporal"] is True and ua["preventLogin"] is True
    assert ua["sendEndEvent"] is True
    assert ua["userEmailingEnabled"] is False and ua["userNotificationsEnabled"] is False
    assert ua["includeEmailInEventJSON"] is False
    assert ua["transactionType"] == "None"
    assert ua["tenantIds"] == [] and ua["options"] == []
    assert ua["localizedNames"] == {"de": "Sperren", "fr_CA": "Verrouiller", "pt-BR": "Bloquear"}
    assert ua["insertInstant"] == ua["lastUpdateInstant"]
    assert before - 5000 <= ua["insertInstant"] <= now_ms() + 5000
    uuid.UUID(ua["id"])
    assert ua["id"] == ua["id"].lower()

    assert ok(client.retrieve_user_action(ua["id"]))["userAction"] == ua
    # the id is accepted in any letter case
    assert ok(client.retrieve_user_action(ua["id"].upper()))["userAction"]["id"] == ua["id"]

    for listing in (client.retrieve_user_actions(), client.retrieve_user_action(None)):
        actions = ok(listing)["userActions"]
        assert ua in actions
        assert all(a["active"] for a in actions)
        names = [a["name"] for a in actions]
        assert names == sorted(names)

    not_found(client.retrieve_user_action(str(uuid.uuid4())))


def test_create_user_action_with_id(client):
    ua_id = str(uuid.uuid4())
    ua = ok(client.create_user_action({"userAction": {"name": uniq("With id")}}, ua_id))["userAction"]
    assert ua["id"] == ua_id
    assert ua["temporal"] is False and ua["preventLogin"] is False
    # a non-temporal definition is created with sendEndEvent false
    assert ua["sendEndEvent"] is False
    assert_error(client.create_user_action({"userAction": {"name": uniq("Other")}}, ua_id),
                 "userActionId", "[duplicate]userActionId")


def test_user_action_validation(client):
    assert_error(client.create_user_action({"userAction": {"name": uniq("x"), "preventLogin": True}}),
                 "userAction.temporal", "[invalid]userAction.temporal")
    assert_error(client.create_user_action({"userAction": {"name": "   "}}),
                 "userAction.name", "[blank]userAction.name")
    assert_error(client.create_user_action({"userAction": {}}), "userAction.name", "[blank]userAction.name")
    assert_error(client.create_user_action({"userAction": {"name": "x" * 192}}),
                 "userAction.name", "[tooLong]userAction.name")
    assert_error(client.create_user_action({}), "userAction", "[missing]userAction")

    taken = make_action(client)
    assert_error(client.create_user_action({"userAction": {"name": taken["name"].upper()}}),
                 "userAction.name", "[duplicate]userAction.name")

    assert_error(client.create_user_action({"userAction": {
        "name": uniq("x"), "temporal": True, "options": [{"name": "a"}]}}),
        "userAction.options", "[notAllowed]userAction.options")
    assert_error(client.create_user_action({"userAction": {"name": uniq("x"), "options": [{"name": " "}]}}),
                 "userAction.options", "[blank]userAction.options")
    assert_error(client.create_user_action({"userAction": {
        "name": uniq("x"), "options": [{"name": "Same"}, {"name": "same"}]}}),
        "userAction.options", "[duplicate]userAction.options")
    assert_error(client.create_user_action({"userAction": {"name": uniq("x"), "localizedNames": {"de": " "}}}),
                 "userAction.localizedNames", "[blank]userAction.localizedNames")
    assert_error(client.create_user_action({"userAction": {"name": uniq("x"), "localizedNames": {"xx-!!": "a"}}}),
                 "userAction.localizedNames", "[invalid]userAction.localizedNames")
    assert_error(client.create_user_action({"userAction": {"name": uniq("x"), "temporal": "yes"}}),
                 "userAction.temporal", "[invalid]userAction.temporal")
    assert_error(client.create_user_action({"userAction": {"name": uniq("x"), "transactionType": "Some"}}),
                 "userAction.transactionType", "[invalid]userAction.transactionType")
    assert_error(client.create_user_action({"userAction": {"name": uniq("x"), "tenantIds": [str(uuid.uuid4())]}}),
                 "userAction.tenantIds", "[invalid]userAction.tenantIds")

    # several errors are reported together
    codes = field_codes(client.create_user_action({"userAction": {
        "name": "", "preventLogin": True, "localizedNames": {"de": ""}}}))
    assert "[blank]userAction.name" in codes["userAction.name"]
    assert "[invalid]userAction.temporal" in codes["userAction.temporal"]
    assert "[blank]userAction.localizedNames" in codes["userAction.localizedNames"]


def test_user_action_email_template_validation(client):
    assert_error(client.create_user_action({"userAction": {"name": uniq("x"), "userEmailingEnabled": True}}),
                 "userAction.startEmailTemplateId", "[missing]userAction.startEmailTemplateId")
    assert_error(client.create_user_action({"userAction": {
        "name": uniq("x"), "startEmailTemplateId": str(uuid.uuid4())}}),
        "userAction.startEmailTemplateId", "[invalid]userAction.startEmailTemplateId")
    assert_error(client.create_user_action({"userAction": {
        "name": uniq("x"), "temporal": True, "endEmailTemplateId": str(uuid.uuid4())}}),
        "userAction.endEmailTemplateId", "[invalid]userAction.endEmailTemplateId")


def test_update_user_action(client):
    ua = make_action(client, temporal=True, transactionType="Any")
    time.sleep(0.01)
    new_name = uniq("Renamed")
    updated = ok(client.update_user_action(ua["id"], {"userAction": {
        "name": f"  {new_name}  ", "temporal": True, "preventLogin": True,
        "active": False,  # server-managed: ignored
    }}))["userAction"]
    assert updated["id"] == ua["id"]
    assert updated["name"] == new_name
    assert updated["preventLogin"] is True
    assert updated["active"] is True
    assert updated["transactionType"] == "Any"  # kept when not sent
    assert updated["insertInstant"] == ua["insertInstant"]
    assert updated["lastUpdateInstant"] >= ua["lastUpdateInstant"]
    assert ok(client.retrieve_user_action(ua["id"]))["userAction"] == updated

    not_found(client.update_user_action(str(uuid.uuid4()), {"userAction": {"name": uniq("x")}}))
    assert_error(client.update_user_action(ua["id"], {"userAction": {"name": ""}}),
                 "userAction.name", "[blank]userAction.name")


def test_patch_user_action(client):
    ua = make_action(client, options=[{"name": "Happy"}])
    patched = ok(client.patch_user_action(ua["id"], {"userAction": {
        "options": [{"name": "Frustrated", "localizedNames": {"de": "Frustriert"}}],
        "localizedNames": {"de": "Umfrage"},
    }}))["userAction"]
    # a given array is appended to the stored one
    assert [o["name"] for o in patched["options"]] == ["Happy", "Frustrated"]
    assert patched["options"][1]["localizedNames"] == {"de": "Frustriert"}
    assert patched["localizedNames"] == {"de": "Umfrage"}
    assert patched["name"] == ua["name"]
    assert patched["insertInstant"] == ua["insertInstant"]

    new_name = uniq("Patched")
    patched = ok(client.patch_user_action(ua["id"], {"userAction": {"name": new_name}}))["userAction"]
    assert patched["name"] == new_name
    assert len(patched["options"]) == 2
    # PATCH is validated like PUT
    assert_error(client.patch_user_action(ua["id"], {"userAction": {"preventLogin": True}}),
                 "userAction.temporal", "[invalid]userAction.temporal")
    not_found(client.patch_user_action(str(uuid.uuid4()), {"userAction": {"name": uniq("x")}}))


def test_deactivate_reactivate_and_delete_user_action(client):
    ua = ban(client)
    admin, victim = make_user(client), make_user(client)
    instance = ok(apply(client, ua, victim, admin, expiry=now_ms() + 3_600_000))["action"]

    ok_empty(client.deactivate_user_action(ua["id"]))
    assert ua["id"] not in [a["id"] for a in ok(client.retrieve_user_actions())["userActions"]]
    inactive = ok(client.retrieve_inactive_user_actions())["userActions"]
    assert ua["id"] in [a["id"] for a in inactive]
    assert all(not a["active"] for a in inactive)
    got = ok(client.retrieve_user_action(ua["id"]))["userAction"]
    assert got["active"] is False
    assert got["lastUpdateInstant"] == ua["lastUpdateInstant"]
    # deactivating again is still 200
    ok_empty(client.deactivate_user_action(ua["id"]))
    # an inactive definition cannot be updated nor applied
    assert_error(client.update_user_action(ua["id"], {"userAction": {"name": ua["name"], "temporal": True}}),
                 "userActionId", "[inactive]userActionId")
    assert_error(apply(client, ua, make_user(client), admin, expiry=now_ms() + 60_000),
                 "action.userActionId", "[invalid]action.userActionId")
    # a new definition may not take the name of an inactive one
    assert_error(client.create_user_action({"userAction": {"name": ua["name"]}}),
                 "userAction.name", "[inactive]userAction.name")
    # existing instances are unaffected: still current, still prevent login
    assert [a["id"] for a in ok(client.retrieve_active_actions(victim["id"]))["actions"]] == [instance["id"]]
    assert login(client, victim["email"]).status == 409

    reactivated = ok(client.reactivate_user_action(ua["id"]))["userAction"]
    assert reactivated["active"] is True
    assert reactivated["lastUpdateInstant"] == ua["lastUpdateInstant"]
    assert ua["id"] in [a["id"] for a in ok(client.retrieve_user_actions())["userActions"]]

    ok_empty(client.delete_user_action(ua["id"]))
    not_found(client.retrieve_user_action(ua["id"]))
    # hard delete removes the definition's instances
    not_found(client.retrieve_action(instance["id"]))
    assert ok(client.retrieve_actions(victim["id"]))["actions"] == []
    assert login(client, victim["email"]).status == 200

    not_found(client.deactivate_user_action(ua["id"]))
    not_found(client.delete_user_action(ua["id"]))
    not_found(client.reactivate_user_action(ua["id"]))


# ---------------------------------------------------------------------------------------------
# Reasons


def test_user_action_reason_crud(client):
    code = uniq("R")
    reason = ok(client.create_user_action_reason({"userActionReason": {
        "text": f" {code} text ", "code": code, "localizedTexts": {"de": "Grund"}}}))["userActionReason"]
    assert reason["text"] == f"{code} text"
    assert reason["code"] == code
    assert reason["localizedTexts"] == {"de": "Grund"}
    assert reason["insertInstant"] == reason["lastUpdateInstant"]

    rid = str(uuid.uuid4())
    with_id = ok(client.create_user_action_reason(
        {"userActionReason": {"text": uniq("t"), "code": uniq("c")}}, rid))["userActionReason"]
    assert with_id["id"] == rid
    assert_error(client.create_user_action_reason({"userActionReason": {"text": uniq("t"), "code": uniq("c")}}, rid),
                 "userActionReasonId", "[duplicate]userActionReasonId")

    assert ok(client.retrieve_user_action_reason(reason["id"]))["userActionReason"] == reason
    for listing in (client.retrieve_user_action_reasons(), client.retrieve_user_action_reason(None)):
        ids = [r["id"] for r in ok(listing)["userActionReasons"]]
        # creation order
        assert ids.index(reason["id"]) < ids.index(rid)

    updated = ok(client.update_user_action_reason(reason["id"], {"userActionReason": {
        "text": "Updated " + code, "code": code + "U"}}))["userActionReason"]
    assert updated["text"] == "Updated " + code and updated["code"] == code + "U"
    assert "localizedTexts" not in updated  # PUT replaces the whole object
    assert updated["insertInstant"] == reason["insertInstant"]

    patched = ok(client.patch_user_action_reason(reason["id"], {"userActionReason": {
        "localizedTexts": {"fr": "Raison"}}}))["userActionReason"]
    assert patched["localizedTexts"] == {"fr": "Raison"}
    assert patched["code"] == code + "U"

    ok_empty(client.delete_user_action_reason(reason["id"]))
    not_found(client.retrieve_user_action_reason(reason["id"]))
    not_found(client.delete_user_action_reason(reason["id"]))
    not_found(client.update_user_action_reason(reason["id"], {"userActionReason": {"text": "a", "code": "b"}}))
    not_found(client.patch_user_action_reason(reason["id"], {"userActionReason": {"text": "a"}}))


def test_user_action_reason_validation(client):
    codes = field_codes(client.create_user_action_reason({"userActionReason": {"text": " ", "code": ""}}))
    assert "[blank]userActionReason.text" in codes["userActionReason.text"]
    assert "[blank]userActionReason.code" in codes["userActionReason.code"]
    codes = field_codes(client.create_user_action_reason({"userActionReason": {"text": "t" * 192, "code": "c" * 192}}))
    assert "[tooLong]userActionReason.text" in codes["userActionReason.text"]
    assert "[tooLong]userActionReason.code" in codes["userActionReason.code"]
    assert_error(client.create_user_action_reason({}), "userActionReason", "[missing]userActionReason")

    existing = ok(client.create_user_action_reason({"userActionReason": {
        "text": uniq("text"), "code": uniq("code")}}))["userActionReason"]
    codes = field_codes(client.create_user_action_reason({"userActionReason": {
        "text": existing["text"].upper(), "code": existing["code"].lower()}}))
    assert "[duplicate]userActionReason.text" in codes["userActionReason.text"]
    assert "[duplicate]userActionReason.code" in codes["userActionReason.code"]
    assert_error(client.create_user_action_reason({"userActionReason": {
        "text": uniq("t"), "code": uniq("c"), "localizedTexts": {"de": " "}}}),
        "userActionReason.localizedTexts", "[blank]userActionReason.localizedTexts")


# ---------------------------------------------------------------------------------------------
# Actioning users


def test_temporal_action_lifecycle(client):
    definition = ban(client)
    reason = ok(client.create_user_action_reason({"userActionReason": {
        "text": uniq("Spamming"), "code": uniq("SP")}}))["userActionReason"]
    admin, victim = make_user(client), make_user(client)
    expiry = now_ms() + 3_600_000

    # validation of a temporal apply
    assert_error(apply(client, definition, victim, admin), "action.expiry", "[missing]action.expiry")
    assert_error(apply(client, definition, victim, admin, expiry=now_ms() - 1000),
                 "action.expiry", "[inPast]action.expiry")
    assert_error(apply(client, definition, victim, admin, expiry=expiry, option="Happy"),
                 "action.option", "[notAllowed]action.option")
    assert_error(apply(client, definition, victim, admin, expiry=expiry, notifyUser=True),
                 "action.notifyUser", "[disabled]action.notifyUser")
    assert_error(apply(client, definition, victim, admin, expiry=expiry, emailUser=True),
                 "action.emailUser", "[emailingNotSupported]action.emailUser")
    assert_error(apply(client, definition, victim, admin, expiry=expiry, reasonId=str(uuid.uuid4())),
                 "action.reasonId", "[invalid]action.reasonId")
    assert_error(apply(client, definition, victim, admin, expiry=expiry, comment="c" * 4001),
                 "action.comment", "[tooLong]action.comment")
    assert_error(apply(client, definition, victim, admin, expiry=expiry, applicationIds=[str(uuid.uuid4())]),
                 "action.applicationIds", "[invalid]action.applicationIds")
    assert_error(apply(client, definition, {"id": str(uuid.uuid4())}, admin, expiry=expiry),
                 "action.actioneeUserId", "[invalid]action.actioneeUserId")
    assert_error(apply(client, definition, victim, {"id": str(uuid.uuid4())}, expiry=expiry),
                 "action.actionerUserId", "[invalid]action.actionerUserId")
    assert_error(apply(client, {"id": str(uuid.uuid4())}, victim, admin, expiry=expiry),
                 "action.userActionId", "[invalid]action.userActionId")
    codes = field_codes(client.action_user({"action": {}}))
    assert "[missing]action.userActionId" in codes["action.userActionId"]
    assert "[missing]action.actioneeUserId" in codes["action.actioneeUserId"]
    assert "[missing]action.actionerUserId" in codes["action.actionerUserId"]
    assert_error(client.action_user({"broadcast": False}), "action", "[missing]action")

    # success
    before = now_ms()
    inst = ok(apply(client, definition, victim, admin, expiry=expiry, comment="  Spam  ",
                    reasonId=reason["id"]))["action"]
    assert inst["userActionId"] == definition["id"]
    assert inst["actioneeUserId"] == victim["id"]
    assert inst["actionerUserId"] == admin["id"]
    assert inst["applicationIds"] == []
    assert inst["comment"] == "Spam"
    assert inst["expiry"] == expiry
    assert inst["endEventSent"] is False
    assert inst["emailUserOnEnd"] is False and inst["notifyUserOnEnd"] is False
    assert inst["name"] == definition["name"] and inst["localizedName"] == definition["name"]
    assert inst["reason"] == reason["text"] and inst["reasonCode"] == reason["code"]
    assert inst["localizedReason"] == reason["text"]
    assert inst["state"] == "active"
    assert inst["tenantId"] == victim["tenantId"]
    assert "history" not in inst and "option" not in inst
    assert before - 5000 <= inst["insertInstant"] <= now_ms() + 5000

    # the same temporal definition cannot be applied twice while current
    assert_error(apply(client, definition, victim, admin, expiry=expiry),
                 "action.userActionId", "[duplicate]action.userActionId")

    # retrieval
    assert ok(client.retrieve_action(inst["id"]))["action"] == inst
    assert ok(client.retrieve_actions(victim["id"]))["actions"] == [inst]
    assert ok(client.retrieve_active_actions(victim["id"]))["actions"] == [inst]
    assert ok(client.retrieve_inactive_actions(victim["id"]))["actions"] == []
    assert ok(client.retrieve_actions_preventing_login(victim["id"]))["actions"] == [inst]
    assert ok(client.retrieve_actions(admin["id"]))["actions"] == []

    # login is prevented (409); the body lists the definition id as actionId
    resp = login(client, victim["email"])
    assert resp.status == 409, describe(resp)
    blocked = resp.error_response.json()["actions"]
    assert len(blocked) == 1
    assert blocked[0]["actionId"] == definition["id"]
    assert blocked[0]["actionerUserId"] == admin["id"]
    assert blocked[0]["expiry"] == expiry
    assert blocked[0]["name"] == definition["name"]
    assert blocked[0]["reason"] == reason["text"] and blocked[0]["reasonCode"] == reason["code"]
    # a wrong password during a ban still answers 404
    not_found(login(client, victim["email"], "wrong-password"))

    # modify
    new_expiry = now_ms() + 7_200_000
    assert_error(client.modify_action(inst["id"], {"action": {"actionerUserId": admin["id"]}}),
                 "action.expiry", "[missing]action.expiry")
    assert_error(client.modify_action(inst["id"], {"action": {"actionerUserId": admin["id"], "expiry": 1}}),
                 "action.expiry", "[inPast]action.expiry")
    assert_error(client.modify_action(inst["id"], {"action": {"expiry": new_expiry}}),
                 "action.actionerUserId", "[missing]action.actionerUserId")
    assert_error(client.modify_action(inst["id"], {}), "action", "[missing]action")
    time.sleep(0.005)
    modified = ok(client.modify_action(inst["id"], {"broadcast": False, "action": {
        "actionerUserId": victim["id"], "expiry": new_expiry, "comment": "Extended"}}))["action"]
    assert modified["id"] == inst["id"]
    assert modified["expiry"] == new_expiry
    assert modified["comment"] == "Extended"
    assert modified["actionerUserId"] == victim["id"]
    assert modified["endEventSent"] is False
    assert modified["state"] == "active"
    assert modified["history"]["historyItems"] == [{
        "actionerUserId": admin["id"], "comment": "Spam",
        "createInstant": inst["insertInstant"], "expiry": expiry}]
    assert modified["insertInstant"] >= inst["insertInstant"]
    assert ok(client.retrieve_action(inst["id"]))["action"] == modified

    # forever is allowed on modify
    forever = ok(client.modify_action(inst["id"], {"action": {
        "actionerUserId": admin["id"], "expiry": FOREVER}}))["action"]
    assert forever["expiry"] == FOREVER
    assert "comment" not in forever
    assert len(forever["history"]["historyItems"]) == 2

    # cancel
    assert_error(client.cancel_action(inst["id"], {"action": {}}),
                 "action.actionerUserId", "[missing]action.actionerUserId")
    assert_error(client.cancel_action(inst["id"], {}), "action", "[missing]action")
    cancelled = ok(client.cancel_action(inst["id"], {"broadcast": False, "action": {
        "actionerUserId": admin["id"], "comment": "Forgiven"}}))["action"]
    assert abs(cancelled["expiry"] - now_ms()) < 60_000
    assert cancelled["state"] == "cancelled"
    assert cancelled["comment"] == "Forgiven"
    assert cancelled["endEventSent"] is False
    items = cancelled["history"]["historyItems"]
    assert len(items) == 3
    assert items[-1]["expiry"] == FOREVER
    assert ok(client.retrieve_active_actions(victim["id"]))["actions"] == []
    assert ok(client.retrieve_actions_preventing_login(victim["id"]))["actions"] == []
    assert ok(client.retrieve_inactive_actions(victim["id"]))["actions"] == [cancelled]
    assert ok(client.retrieve_action(inst["id"]))["action"] == cancelled

    # a second cancel or a modify of a cancelled instance is 404
    not_found(client.cancel_action(inst["id"], {"action": {"actionerUserId": admin["id"]}}))
    not_found(client.modify_action(inst["id"], {"action": {"actionerUserId": admin["id"], "expiry": expiry}}))

    # login works again, and the definition can be applied again
    body = ok(login(client, victim["email"]))
    assert body["user"]["id"] == victim["id"]
    again = ok(apply(client, definition, victim, admin, expiry=expiry))["action"]
    assert again["id"] != inst["id"]
    listed = ok(client.retrieve_actions(victim["id"]))["actions"]
    assert [a["id"] for a in listed] == [inst["id"], again["id"]]


def test_instantaneous_action_with_options(client):
    definition = make_action(client, name=uniq("Survey"), options=[
        {"name": "Happy", "localizedNames": {"de": "Glücklich"}}, {"name": "Frustrated"}])
    admin = make_user(client)
    german = make_user(client, preferredLanguages=["de"])

    assert_error(apply(client, definition, german, admin), "action.option", "[blank]action.option")
    assert_error(apply(client, definition, german, admin, option="Ecstatic"), "action.option", "[invalid]action.option")
    assert_error(apply(client, definition, german, admin, option="Happy", expiry=now_ms() + 60_000),
                 "action.expiry", "[notAllowed]action.expiry")

    first = ok(apply(client, definition, german, admin, option="Happy"))["action"]
    assert "expiry" not in first
    assert "endEventSent" not in first
    assert first["state"] == "instant"
    assert first["option"] == "Happy"
    assert first["localizedOption"] == "Glücklich"
    # instantaneous actions can always be applied again
    second = ok(apply(client, definition, german, admin, option="Frustrated"))["action"]
    assert second["localizedOption"] == "Frustrated"

    assert ok(client.retrieve_active_actions(german["id"]))["actions"] == []
    assert [a["id"] for a in ok(client.retrieve_inactive_actions(german["id"]))["actions"]] == [first["id"], second["id"]]
    assert ok(client.retrieve_actions_preventing_login(german["id"]))["actions"] == []

    # only temporal instances can be modified or cancelled
    not_found(client.modify_action(first["id"], {"action": {"actionerUserId": admin["id"], "expiry": now_ms() + 60_000}}))
    not_found(client.cancel_action(first["id"], {"action": {"actionerUserId": admin["id"]}}))


def test_action_retrieval_errors(client):
    not_found(client.retrieve_action(str(uuid.uuid4())))
    # retrieve_action(None) builds GET /api/user/action with neither actionId nor userId
    assert_error(client.retrieve_action(None), "actionId", "[missing]actionId")
    assert_error(client.retrieve_actions(str(uuid.uuid4())), "userId", "[invalid]userId")
    assert_error(client.retrieve_active_actions("not-a-uuid"), "userId", "[invalid]userId")
    not_found(client.modify_action(str(uuid.uuid4()), {"action": {"actionerUserId": str(uuid.uuid4()),
                                                                  "expiry": now_ms() + 60_000}}))
    not_found(client.cancel_action(str(uuid.uuid4()), {"action": {"actionerUserId": str(uuid.uuid4())}}))


def test_localized_instance_names(client):
    definition = make_action(client, temporal=True, localizedNames={"fr": "Interdiction"})
    reason = ok(client.create_user_action_reason({"userActionReason": {
        "text": uniq("Abuse"), "code": uniq("AB"), "localizedTexts": {"fr": "Abus"}}}))["userActionReason"]
    admin = make_user(client)
    french = make_user(client, preferredLanguages=["fr_CA"])
    inst = ok(apply(client, definition, french, admin, expiry=now_ms() + 60_000, reasonId=reason["id"]))["action"]
    assert inst["name"] == definition["name"]
    assert inst["localizedName"] == "Interdiction"
    assert inst["reason"] == reason["text"]
    assert inst["localizedReason"] == "Abus"


def test_prevent_login_scoped_to_applications(client):
    definition = ban(client)
    app_a = ok(client.create_application({"application": {"name": uniq("App A")}}))["application"]
    app_b = ok(client.create_application({"application": {"name": uniq("App B")}}))["application"]
    admin, victim = make_user(client), make_user(client)
    inst = ok(apply(client, definition, victim, admin, expiry=now_ms() + 60_000,
                    applicationIds=[app_a["id"]]))["action"]
    assert inst["applicationIds"] == [app_a["id"]]
    assert login(client, victim["email"], applicationId=app_a["id"]).status == 409
    assert login(client, victim["email"]).status == 200
    assert login(client, victim["email"], applicationId=app_b["id"]).status == 200
    # preventingLogin lists it whatever its applicationIds
    assert [a["id"] for a in ok(client.retrieve_actions_preventing_login(victim["id"]))["actions"]] == [inst["id"]]


def test_actions_that_do_not_prevent_login(client):
    definition = make_action(client, temporal=True, name=uniq("Subscription"))
    admin, member = make_user(client), make_user(client)
    inst = ok(apply(client, definition, member, admin, expiry=FOREVER))["action"]
    assert inst["expiry"] == FOREVER
    assert ok(client.retrieve_active_actions(member["id"]))["actions"] == [inst]
    assert ok(client.retrieve_actions_preventing_login(member["id"]))["actions"] == []
    assert login(client, member["email"]).status == 200


# ---------------------------------------------------------------------------------------------
# Login


def test_login(client):
    user = make_user(client, username=uniq("richard").replace(" ", "_"), firstName="Richard")
    before = now_ms()
    body = ok(login(client, user["email"].upper()))
    assert body["token"].count(".") == 2
    assert body["tokenExpirationInstant"] > before + 3_000_000
    assert body["user"]["id"] == user["id"]
    assert "password" not in body["user"]
    assert body["user"]["lastLoginInstant"] >= before - 5000
    assert ok(login(client, user["username"]))["user"]["id"] == user["id"]

    not_found(login(client, "nobody-" + uuid.uuid4().hex + "@example.com"))
    not_found(login(client, user["email"], "not-the-password"))
    codes = field_codes(client.login({"loginId": "", "password": ""}))
    assert "[blank]loginId" in codes["loginId"]
    assert "[blank]password" in codes["password"]
    assert_error(login(client, user["email"], applicationId=str(uuid.uuid4())),
                 "applicationId", "[invalid]applicationId")

    ok_empty(client.deactivate_user(user["id"]))
    resp = login(client, user["email"])
    assert resp.status == 423, describe(resp)
    assert resp.response.content == b""


def test_failed_login_lockout(client, bare_client):
    lock = ban(client)
    tenant = ok(bare_client.create_tenant({"tenant": {
        "name": uniq("Lockout tenant"),
        "failedAuthenticationConfiguration": {
            "userActionId": lock["id"], "tooManyAttempts": 2, "resetCountInSeconds": 60,
            "actionDuration": 1, "actionDurationUnit": "HOURS"}}}))["tenant"]
    try:
        c = FusionAuthClient(bare_client.api_key, bare_client.base_url)
        c.set_tenant_id(tenant["id"])
        user = make_user(c)
        not_found(login(c, user["email"], "wrong-password"))
        resp = login(c, user["email"], "wrong-password")
        assert resp.status == 409, describe(resp)
        assert resp.error_response.json()["actions"][0]["actionId"] == lock["id"]
        not_found(login(c, user["email"], "wrong-password"))
        assert login(c, user["email"]).status == 409
        active = ok(c.retrieve_active_actions(user["id"]))["actions"]
        assert len(active) == 1
        assert active[0]["comment"] == "Failed Login Attempts Exceeded."
        assert "actionerUserId" not in active[0]
        assert active[0]["expiry"] - now_ms() > 3_000_000
        ok(c.cancel_action(active[0]["id"], {"action": {"actionerUserId": user["id"]}}))
        assert login(c, user["email"]).status == 200
    finally:
        ok_empty(bare_client.delete_tenant(tenant["id"]))


# ---------------------------------------------------------------------------------------------
# Tenants


def test_tenant_crud(client, bare_client, default_tenant_id):
    name = uniq("Tenant")
    tenant = ok(bare_client.create_tenant({"tenant": {"name": name, "data": {"plan": "gold"}}}))["tenant"]
    assert tenant["name"] == name
    assert tenant["data"] == {"plan": "gold"}
    assert tenant["insertInstant"] == tenant["lastUpdateInstant"]
    tid = tenant["id"]
    try:
        assert ok(bare_client.retrieve_tenant(tid))["tenant"] == tenant
        ids = [t["id"] for t in ok(bare_client.retrieve_tenants())["tenants"]]
        assert tid in ids and default_tenant_id in ids

        assert_error(bare_client.create_tenant({"tenant": {"name": name.lower()}}), "tenant.name", "[duplicate]tenant.name")
        assert_error(bare_client.create_tenant({"tenant": {"name": " "}}), "tenant.name", "[blank]tenant.name")
        assert_error(bare_client.create_tenant({"tenant": {"name": "t" * 192}}), "tenant.name", "[tooLong]tenant.name")
        assert_error(bare_client.create_tenant({"tenant": {"name": uniq("x")}}, tid), "tenantId", "[duplicate]tenantId")
        assert_error(bare_client.create_tenant({"tenant": {"name": uniq("x"), "failedAuthenticationConfiguration": {
            "tooManyAttempts": 0}}}), "tenant.failedAuthenticationConfiguration.tooManyAttempts",
            "[tooSmall]tenant.failedAuthenticationConfiguration.tooManyAttempts")

        updated = ok(bare_client.update_tenant(tid, {"tenant": {"name": name + " renamed"}}))["tenant"]
        assert updated["name"] == name + " renamed"
        assert "data" not in updated or updated["data"] == {}
        assert updated["insertInstant"] == tenant["insertInstant"]
        patched = ok(bare_client.patch_tenant(tid, {"tenant": {"data": {"plan": "silver"}}}))["tenant"]
        assert patched["data"] == {"plan": "silver"}
        assert patched["name"] == name + " renamed"

        # with two tenants, user creation without a tenant is ambiguous
        resp = bare_client.create_user({"user": {"email": uniq("amb").replace(" ", "") + "@example.com"}})
        assert resp.status == 400, describe(resp)
        assert [e["code"] for e in resp.error_response["generalErrors"]] == ["[TenantIdRequired]"]
        # set_tenant_id selects the tenant
        scoped = FusionAuthClient(bare_client.api_key, bare_client.base_url)
        scoped.set_tenant_id(tid)
        user = make_user(scoped)
        assert user["tenantId"] == tid
        not_found(client.retrieve_user(user["id"]))  # client is pinned to the Default tenant
        not_found(client.retrieve_user_by_email(user["email"]))
        assert ok(scoped.retrieve_user_by_email(user["email"]))["user"]["id"] == user["id"]
        assert ok(bare_client.retrieve_user(user["id"]))["user"]["id"] == user["id"]
        # a header naming no tenant
        nowhere = FusionAuthClient(bare_client.api_key, bare_client.base_url)
        nowhere.set_tenant_id(str(uuid.uuid4()))
        assert_error(nowhere.retrieve_user(user["id"]), "tenantId", "[invalid]tenantId")
    finally:
        ok_empty(bare_client.delete_tenant(tid))
    not_found(bare_client.retrieve_tenant(tid))
    not_found(bare_client.delete_tenant(tid))
    not_found(bare_client.update_tenant(tid, {"tenant": {"name": uniq("x")}}))
    not_found(bare_client.retrieve_user(user["id"]))
    assert_error(bare_client.delete_tenant(default_tenant_id), "tenantId", "[cannotDelete]tenantId")


# ---------------------------------------------------------------------------------------------
# Applications


def test_application_crud(client, default_tenant_id):
    name = uniq("Todo")
    app = ok(client.create_application({"application": {"name": name, "data": {"k": 1}}}))["application"]
    assert app["name"] == name and app["active"] is True
    assert app["tenantId"] == default_tenant_id
    assert app["data"] == {"k": 1}
    aid = str(uuid.uuid4())
    with_id = ok(client.create_application({"application": {"name": uniq("Todo")}}, aid))["application"]
    assert with_id["id"] == aid
    assert_error(client.create_application({"application": {"name": uniq("x")}}, aid),
                 "applicationId", "[duplicate]applicationId")
    assert_error(client.create_application({"application": {"name": name.upper()}}),
                 "application.name", "[duplicate]application.name")
    assert_error(client.create_application({"application": {"name": ""}}), "application.name", "[blank]application.name")
    assert_error(client.create_application({"application": {"name": "a" * 192}}),
                 "application.name", "[tooLong]application.name")

    assert ok(client.retrieve_application(app["id"]))["application"] == app
    for listing in (client.retrieve_applications(), client.retrieve_application(None)):
        assert app["id"] in [a["id"] for a in ok(listing)["applications"]]

    updated = ok(client.update_application(app["id"], {"application": {"name": name + " 2"}}))["application"]
    assert updated["name"] == name + " 2"
    assert updated["tenantId"] == default_tenant_id
    patched = ok(client.patch_application(app["id"], {"application": {"data": {"k": 2}}}))["application"]
    assert patched["data"] == {"k": 2} and patched["name"] == name + " 2"

    ok_empty(client.deactivate_application(app["id"]))
    assert ok(client.retrieve_application(app["id"]))["application"]["active"] is False
    assert app["id"] not in [a["id"] for a in ok(client.retrieve_applications())["applications"]]
    assert app["id"] in [a["id"] for a in ok(client.retrieve_inactive_applications())["applications"]]
    assert ok(client.reactivate_application(app["id"]))["application"]["active"] is True
    assert app["id"] in [a["id"] for a in ok(client.retrieve_applications())["applications"]]

    ok_empty(client.delete_application(app["id"]))
    not_found(client.retrieve_application(app["id"]))
    not_found(client.delete_application(app["id"]))
    not_found(client.update_application(app["id"], {"application": {"name": uniq("x")}}))


# ---------------------------------------------------------------------------------------------
# Users


def test_user_crud(client, default_tenant_id):
    username = "gilfoyle_" + uuid.uuid4().hex[:8]
    email = username + "@PiedPiper.com"
    user = ok(client.create_user({"sendSetPasswordEmail": False, "skipVerification": True, "user": {
        "email": email, "username": username, "password": PASSWORD, "firstName": "Bertram",
        "preferredLanguages": ["de", "fr_CA"], "timezone": "Europe/Berlin", "data": {"team": "infra"}}}))["user"]
    assert user["active"] is True
    assert user["tenantId"] == default_tenant_id
    assert user["username"] == username and user["firstName"] == "Bertram"
    assert user["preferredLanguages"] == ["de", "fr_CA"]
    assert user["timezone"] == "Europe/Berlin"
    assert user["data"] == {"team": "infra"}
    assert "password" not in user
    uid = user["id"]

    assert ok(client.retrieve_user(uid))["user"] == user
    assert ok(client.retrieve_user_by_email(email.lower()))["user"]["id"] == uid
    assert ok(client.retrieve_user_by_username(username.upper()))["user"]["id"] == uid
    not_found(client.retrieve_user_by_email("nobody-" + uuid.uuid4().hex + "@example.com"))
    not_found(client.retrieve_user_by_username("nobody_" + uuid.uuid4().hex))
    not_found(client.retrieve_user(str(uuid.uuid4())))

    given = str(uuid.uuid4())
    other = ok(client.create_user({"user": {"username": "dinesh_" + uuid.uuid4().hex[:8]}}, given))["user"]
    assert other["id"] == given and other["preferredLanguages"] == []
    assert_error(client.create_user({"user": {"username": "x_" + uuid.uuid4().hex}}, given), "userId", "[duplicate]userId")

    # validation
    assert_error(client.create_user({"user": {"email": email.upper()}}), "user.email", "[duplicate]user.email")
    assert_error(client.create_user({"user": {"username": username}}), "user.username", "[duplicate]user.username")
    codes = field_codes(client.create_user({"user": {"firstName": "Nobody"}}))
    assert "[blank]user.email" in codes["user.email"]
    assert "[blank]user.username" in codes["user.username"]
    assert_error(client.create_user({"user": {"email": "not-an-email"}}), "user.email", "[invalid]user.email")
    assert_error(client.create_user({"user": {"username": "u_" + uuid.uuid4().hex, "password": "short"}}),
                 "user.password", "[tooShort]user.password")
    assert_error(client.create_user({"user": {"username": "u_" + uuid.uuid4().hex, "timezone": "Mars/Olympus"}}),
                 "user.timezone", "[invalid]user.timezone")
    assert_error(client.create_user({"user": {"username": "u_" + uuid.uuid4().hex, "firstName": "f" * 192}}),
                 "user.firstName", "[tooLong]user.firstName")

    # update replaces, but keeps the password when it is omitted
    updated = ok(client.update_user(uid, {"user": {"email": email, "username": username, "lastName": "Gilfoyle"}}))["user"]
    assert updated["lastName"] == "Gilfoyle"
    assert "firstName" not in updated
    assert updated["insertInstant"] == user["insertInstant"]
    assert login(client, username).status == 200
    patched = ok(client.patch_user(uid, {"user": {"firstName": "Bertram", "data": {"shift": "night"}}}))["user"]
    assert patched["firstName"] == "Bertram" and patched["lastName"] == "Gilfoyle"
    assert patched["data"]["shift"] == "night"
    assert "password" not in patched
    not_found(client.update_user(str(uuid.uuid4()), {"user": {"email": "a@example.com"}}))
    not_found(client.patch_user(str(uuid.uuid4()), {"user": {"firstName": "a"}}))

    # deactivate, reactivate, delete
    ok_empty(client.deactivate_user(uid))
    assert ok(client.retrieve_user(uid))["user"]["active"] is False
    assert login(client, username).status == 423
    assert ok(client.reactivate_user(uid))["user"]["active"] is True
    assert login(client, username).status == 200

    # a deactivated user can still be actioned; hard delete removes the actionee's instances
    definition = make_action(client, temporal=True)
    inst = ok(apply(client, definition, user, other, expiry=now_ms() + 60_000))["action"]
    ok_empty(client.delete_user(uid))
    not_found(client.retrieve_user(uid))
    not_found(client.retrieve_action(inst["id"]))
    not_found(client.delete_user(uid))
    not_found(login(client, username))


# ---------------------------------------------------------------------------------------------
# API keys and authentication


def test_api_keys(bare_client, server, default_tenant_id):
    created = ok(bare_client.create_api_key({"apiKey": {"metaData": {"attributes": {"description": "compat"}}}}))["apiKey"]
    key = created["key"]
    assert len(key) >= 32
    assert created["metaData"]["attributes"]["description"] == "compat"
    assert "tenantId" not in created
    fetched = ok(bare_client.retrieve_api_key(created["id"]))["apiKey"]
    assert fetched["id"] == created["id"]
    assert "key" not in fetched

    # the new key works, then stops working once deleted
    new_client = FusionAuthClient(key, server.base_url)
    ok(new_client.retrieve_user_actions())
    ok_empty(bare_client.delete_api_key(created["id"]))
    resp = new_client.retrieve_user_actions()
    assert resp.status == 401 and resp.response.content == b""
    not_found(bare_client.retrieve_api_key(created["id"]))
    not_found(bare_client.delete_api_key(created["id"]))

    # a given key and id
    kid, given = str(uuid.uuid4()), "k" * 40
    with_id = ok(bare_client.create_api_key({"apiKey": {"key": given}}, kid))["apiKey"]
    assert with_id["id"] == kid and with_id["key"] == given
    assert_error(bare_client.create_api_key({"apiKey": {"key": "short"}}), "apiKey.key", "[tooShort]apiKey.key")
    assert_error(bare_client.create_api_key({"apiKey": {"key": given}}), "apiKey.key", "[duplicate]apiKey.key")
    assert_error(bare_client.create_api_key({"apiKey": {}}, kid), "apiKeyId", "[duplicate]apiKeyId")
    assert_error(bare_client.create_api_key({"apiKey": {"tenantId": str(uuid.uuid4())}}),
                 "apiKey.tenantId", "[invalid]apiKey.tenantId")

    # a tenant-scoped key reads definitions but may not change them
    scoped = ok(bare_client.create_api_key({"apiKey": {"tenantId": default_tenant_id}}))["apiKey"]
    assert scoped["tenantId"] == default_tenant_id
    scoped_client = FusionAuthClient(scoped["key"], server.base_url)
    ok(scoped_client.retrieve_user_actions())
    ok(scoped_client.retrieve_user_action_reasons())
    resp = scoped_client.create_user_action({"userAction": {"name": uniq("nope")}})
    assert resp.status == 401, describe(resp)
    assert scoped_client.retrieve_tenants().status == 401
    user = make_user(scoped_client)
    assert user["tenantId"] == default_tenant_id
    ok_empty(bare_client.delete_api_key(scoped["id"]))
    ok_empty(bare_client.delete_api_key(kid))


def test_unauthenticated_calls(server):
    for key in ("not-a-key", ""):
        c = FusionAuthClient(key, server.base_url)
        for resp in (c.retrieve_user_actions(), c.retrieve_user_action_reasons(), c.retrieve_tenants(),
                     c.retrieve_action(str(uuid.uuid4())), c.create_user_action({"userAction": {"name": "x"}}),
                     c.login({"loginId": "a", "password": "b"})):
            assert resp.status == 401, describe(resp)
            assert resp.response.content == b""


def test_definition_limited_to_tenants(client, bare_client, default_tenant_id, server):
    """Actioneer's `tenantIds` extension through the official client, which
    passes unknown properties through unchanged."""
    other = ok(bare_client.create_tenant({"tenant": {"name": uniq("Other tenant")}}))["tenant"]
    try:
        only_other = make_action(client, temporal=True, tenantIds=[other["id"], other["id"]])
        assert only_other["tenantIds"] == [other["id"]]
        admin, victim = make_user(client), make_user(client)
        assert_error(apply(client, only_other, victim, admin, expiry=now_ms() + 60_000),
                     "action.userActionId", "[invalid]action.userActionId")

        # a key of the Default tenant does not see it; one of the other tenant does
        key = ok(bare_client.create_api_key({"apiKey": {"tenantId": default_tenant_id}}))["apiKey"]
        scoped = FusionAuthClient(key["key"], server.base_url)
        not_found(scoped.retrieve_user_action(only_other["id"]))
        assert only_other["id"] not in [a["id"] for a in ok(scoped.retrieve_user_actions())["userActions"]]
        ok_empty(bare_client.delete_api_key(key["id"]))

        # with two tenants, login without a tenant is ambiguous
        resp = bare_client.login({"loginId": victim["email"], "password": PASSWORD})
        assert resp.status == 400, describe(resp)
        assert [e["code"] for e in resp.error_response["generalErrors"]] == ["[TenantIdRequired]"]
    finally:
        ok_empty(bare_client.delete_tenant(other["id"]))
    # deleting the tenant leaves the definition with no tenants: it is deactivated
    after = ok(client.retrieve_user_action(only_other["id"]))["userAction"]
    assert after["tenantIds"] == []
    assert after["active"] is False
