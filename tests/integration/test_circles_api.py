"""Circles, consent and data rights over HTTP, on the local stack: what members notice."""

import uuid

import pytest

pytestmark = [pytest.mark.consent, pytest.mark.integration]


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def refused(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == code and body["message"], body
    return body


def make_family(admin, *others):
    """A family circle `admin` made, which each of `others` ((member, role) pairs) joined with an invite."""
    circle = ok(admin.post("/circles", json={"kind": "family", "name": "The Carters", "display_name": "Mum"}), 201)
    for member, role in others:
        invite = ok(admin.post(f"/circles/{circle['id']}/invites", json={"role": role}), 201)
        ok(member.post("/invites/accept", json={"code": invite["code"]}), 201)
    return circle["id"]


def table_items(local_stack):
    client = local_stack.client("dynamodb")
    paginator = client.get_paginator("scan")
    return [item for page in paginator.paginate(TableName=local_stack.outputs["TableName"]) for item in page["Items"]]


def test_a_family_forms_by_invitation_with_roles_and_a_teen_flagged_as_minor(make_member):
    mum, dad, zoe = make_member("mum"), make_member("dad"), make_member("zoe")
    circle = ok(mum.post("/circles", json={"kind": "family", "name": "Carters"}), 201)
    assert circle["me"] == {**circle["me"], "role": "parent", "admin": True, "member_id": mum.sub}
    dad_invite = ok(mum.post(f"/circles/{circle['id']}/invites", json={"role": "parent"}), 201)
    teen_invite = ok(mum.post(f"/circles/{circle['id']}/invites", json={"role": "teen"}), 201)
    assert teen_invite["minor"] is True and dad_invite["minor"] is False
    ok(dad.post("/invites/accept", json={"code": dad_invite["code"], "display_name": "Dad"}), 201)
    joined = ok(zoe.post("/invites/accept", json={"code": teen_invite["code"]}), 201)
    assert {(m["member_id"], m["role"], m["minor"], m["admin"]) for m in joined["members"]} == {
        (mum.sub, "parent", False, True), (dad.sub, "parent", False, False), (zoe.sub, "teen", True, False)}
    assert [c["id"] for c in ok(zoe.get("/circles"))["circles"]] == [circle["id"]]


def test_invite_codes_are_single_use_and_joining_twice_is_refused(make_member):
    ana, ben, cleo = make_member("ana"), make_member("ben"), make_member("cleo")
    circle_id = make_family(ana)
    invite = ok(ana.post(f"/circles/{circle_id}/invites", json={"role": "sibling"}), 201)
    ok(ben.post("/invites/accept", json={"code": invite["code"]}), 201)
    refused(cleo.post("/invites/accept", json={"code": invite["code"]}), 410, "invite_used")
    again = ok(ana.post(f"/circles/{circle_id}/invites", json={"role": "sibling"}), 201)
    refused(ben.post("/invites/accept", json={"code": again["code"]}), 409, "already_member")
    refused(cleo.post("/invites/accept", json={"code": "A" * 32}), 404, "invite_not_found")
    assert ok(ana.get(f"/circles/{circle_id}"))["member_count"] == 2


def test_bad_input_gets_a_clear_4xx(make_member):
    ana, ben = make_member("ana"), make_member("ben")
    circle_id = make_family(ana, (ben, "sibling"))
    refused(ana.post("/circles", json={"kind": "tribe", "name": "x"}), 422, "invalid_request")
    refused(ana.post(f"/circles/{circle_id}/invites", json={"role": "cousin"}), 422, "invalid_request")
    refused(ana.put(f"/circles/{circle_id}/consents", json={"level": "everything"}), 422, "invalid_request")
    refused(ana.delete(f"/circles/{circle_id}/members/{uuid.uuid4()}"), 404, "member_not_found")
    refused(ana.put(f"/circles/{circle_id}/consents/{uuid.uuid4()}", json={"level": "themes"}), 404, "member_not_found")
    refused(ana.delete(f"/circles/{circle_id}/membership"), 409, "last_admin")
    refused(ana.patch(f"/circles/{circle_id}/members/{ana.sub}", json={"admin": False}), 409, "last_admin")
    refused(ben.delete(f"/circles/{circle_id}/members/{ana.sub}"), 403, "admin_only")
    refused(ana.put("/me/settings", json={"message_retention_days": 0}), 422, "invalid_request")
    couple = ok(ana.post("/circles", json={"kind": "couple", "name": "Us"}), 201)
    refused(ana.post(f"/circles/{couple['id']}/invites", json={"role": "parent"}), 422, "role_not_allowed")
    assert [m["member_id"] for m in ok(ana.get(f"/circles/{circle_id}"))["members"]] == [ana.sub, ben.sub]


def test_admins_hand_over_and_remove_and_a_removed_member_loses_sight_of_the_circle(make_member):
    mum, dad, zoe = make_member("mum"), make_member("dad"), make_member("zoe")
    circle_id = make_family(mum, (dad, "parent"), (zoe, "teen"))
    ok(mum.patch(f"/circles/{circle_id}/members/{dad.sub}", json={"admin": True}))
    ok(dad.delete(f"/circles/{circle_id}/members/{zoe.sub}"))
    refused(zoe.get(f"/circles/{circle_id}"), 404, "circle_not_found")
    ok(mum.delete(f"/circles/{circle_id}/membership"))
    members = ok(dad.get(f"/circles/{circle_id}"))["members"]
    assert [(m["member_id"], m["admin"]) for m in members] == [(dad.sub, True)]


def test_consent_changes_and_revocation_count_from_the_next_request(local_stack, make_member):
    mum, max_ = make_member("mum"), make_member("max")
    circle_id = make_family(mum)
    invite = ok(mum.post(f"/circles/{circle_id}/invites", json={"role": "sibling"}), 201)
    ok(max_.post("/invites/accept", json={"code": invite["code"]}), 201)

    def shared_with_mum():
        return {s["member_id"]: s["effective"] for s in ok(mum.get(f"/circles/{circle_id}/consents"))["shared_with_me"]}

    assert shared_with_mum() == {max_.sub: "private"}
    ok(max_.put(f"/circles/{circle_id}/consents/{mum.sub}", json={"level": "summary"}))
    assert shared_with_mum() == {max_.sub: "summary"}

    # An insight context building derived from max for mum, as it will write it.
    client, table = local_stack.client("dynamodb"), local_stack.outputs["TableName"]
    key = {"pk": {"S": f"INSIGHTS#{mum.sub}"}, "sk": {"S": f"INSIGHT#{circle_id}#{max_.sub}#i1"}}
    client.put_item(TableName=table, Item={**key, "owner": {"S": max_.sub}, "level": {"S": "summary"},
                                           "source_member": {"S": max_.sub}, "audience": {"S": mum.sub},
                                           "circle_id": {"S": circle_id}, "text": {"S": "max feels unheard"}})
    ok(max_.put(f"/circles/{circle_id}/consents/{mum.sub}", json={"level": "themes"}))
    assert shared_with_mum() == {max_.sub: "themes"}
    assert "Item" not in client.get_item(TableName=table, Key=key, ConsistentRead=True)

    trail = ok(max_.get("/me/consent-audit"))["changes"]
    assert [(c["action"], c["member_id"], c["previous"], c["level"]) for c in trail] == [
        ("set", mum.sub, "summary", "themes"), ("set", mum.sub, None, "summary")]
    assert ok(mum.get("/me/consent-audit"))["changes"] == []


def test_a_teen_cannot_open_their_chat_to_a_parent(make_member):
    mum, zoe = make_member("mum"), make_member("zoe")
    circle_id = make_family(mum, (zoe, "teen"))
    refused(zoe.put(f"/circles/{circle_id}/consents/{mum.sub}", json={"level": "summary"}), 422, "consent_not_allowed")
    ok(zoe.put(f"/circles/{circle_id}/consents", json={"level": "summary"}))
    shared = ok(mum.get(f"/circles/{circle_id}/consents"))["shared_with_me"]
    assert shared == [{"member_id": zoe.sub, "role": "teen", "effective": "private"}]


def test_retention_setting_is_kept_on_the_profile(member):
    assert ok(member.get("/me/settings")) == {"message_retention_days": None}
    assert ok(member.put("/me/settings", json={"message_retention_days": 30})) == {"message_retention_days": 30}
    assert ok(member.get("/me/settings")) == {"message_retention_days": 30}
    ok(member.put("/me/settings", json={"message_retention_days": None}))
    assert ok(member.get("/me/settings")) == {"message_retention_days": None}


def test_export_holds_my_data_and_none_of_anyone_elses_words(make_member):
    ana, ben = make_member("ana"), make_member("ben")
    circle_id = make_family(ana, (ben, "sibling"))
    for member, text in ((ana, "ANA-CANARY my sister worries me"), (ben, "BEN-CANARY I feel left out")):
        thread = ok(member.get("/threads"))["threads"][0]["id"]
        ok(member.post(f"/threads/{thread}/messages", json={"text": text}), 201)
    ok(ana.put(f"/circles/{circle_id}/consents/{ben.sub}", json={"level": "themes"}))
    ok(ana.put("/me/settings", json={"message_retention_days": 90}))
    export = ok(ana.get("/me/export"))
    assert export["member_id"] == ana.sub and export["profile"]["message_retention_days"] == 90
    assert [m["text"] for t in export["threads"] for m in t["messages"] if m["author"] == "member"] == [
        "ANA-CANARY my sister worries me"]
    assert [c["circle_id"] for c in export["circles"]] == [circle_id]
    assert [(r["audience"], r["level"]) for r in export["consent_rules"]] == [(ben.sub, "themes")]
    assert len(export["consent_audit"]) == 1
    assert "BEN-CANARY" not in str(export)


def test_after_deleting_my_account_nothing_with_my_id_remains_and_the_family_carries_on(local_stack, make_member):
    mum, dad, zoe = make_member("mum"), make_member("dad"), make_member("zoe")
    family = make_family(mum, (dad, "parent"), (zoe, "teen"))
    alone = ok(mum.post("/circles", json={"kind": "couple", "name": "Just me so far"}), 201)["id"]
    thread = ok(mum.get("/threads"))["threads"][0]["id"]
    ok(mum.post(f"/threads/{thread}/messages", json={"text": "I am tired of arguing"}), 201)
    ok(mum.put(f"/circles/{family}/consents/{dad.sub}", json={"level": "summary"}))
    ok(dad.put(f"/circles/{family}/consents/{mum.sub}", json={"level": "themes"}))
    ok(zoe.put(f"/circles/{family}/consents", json={"level": "themes"}))
    ok(mum.post(f"/circles/{family}/invites", json={"role": "sibling"}), 201)
    dad_thread = ok(dad.get("/threads"))["threads"][0]["id"]
    ok(dad.post(f"/threads/{dad_thread}/messages", json={"text": "DAD-KEEPS-THIS"}), 201)

    outcome = ok(mum.delete("/me"))
    assert outcome["circles_left"] == [family] and outcome["circles_deleted"] == [alone]
    assert outcome["identity_deleted"] is True

    leftovers = [item for item in table_items(local_stack) if mum.sub in str(item)]
    assert leftovers == []
    # The family keeps going: dad, the longest-standing member, is its admin now; dad keeps his own words.
    members = ok(dad.get(f"/circles/{family}"))["members"]
    assert [(m["member_id"], m["admin"]) for m in members] == [(dad.sub, True), (zoe.sub, False)]
    assert "DAD-KEEPS-THIS" in str(ok(dad.get(f"/threads/{dad_thread}/messages")).get("messages"))
    # The account itself is gone: signing in again fails.
    with pytest.raises(Exception):
        local_stack.sign_in(mum.username, mum.password)
