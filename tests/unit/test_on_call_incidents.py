"""On-call's side of an incident (`inetta incidents`): the open ones listed, one read, one closed with a note."""

import json

import pytest

from inetta.cli import main
from services.chat.turn import ChatService
from shared.llm.gateway import CoachGateway
from shared.store.incidents import IncidentNotOpen, IncidentStore
from shared.store.threads import ThreadStore

pytestmark = pytest.mark.crisis

CHOKED = "he choked me last night and said he'd kill me if I leave"


@pytest.fixture
def chat(dynamodb):
    return ChatService(store=ThreadStore("inetta-test", client=dynamodb), coach=CoachGateway(primary=None))


@pytest.fixture
def incidents(dynamodb):
    return IncidentStore("inetta-test", client=dynamodb)


def say(chat, member: str, text: str, key: str):
    return chat.take_turn(member, chat.store.ensure_private_thread(member).id, text, key)


def test_on_call_lists_the_open_incidents_newest_first_without_the_members_words(chat, incidents):
    say(chat, "ana", "I want to kill myself", "k1")
    say(chat, "ben", CHOKED, "k2")
    say(chat, "cy", "we fought about the dishes again", "k3")  # no crisis, no incident
    listed = incidents.open_incidents()
    assert [(i["owner"], i["category"], i["danger"]) for i in listed] == [
        ("ben", "abuse", "high"), ("ana", "suicide_self_harm", "low")]
    words = json.dumps(listed, default=str)
    assert "choked" not in words and "myself" not in words and all("message_text" not in i for i in listed)


def test_closing_an_incident_keeps_who_and_why_and_a_new_disclosure_opens_a_new_one(chat, incidents):
    say(chat, "ana", "I want to kill myself", "k1")
    [opened] = incidents.open_incidents()
    closed = incidents.close("ana", opened["incident_id"], "Sam (on-call)", "Called her; safe with her sister")
    assert closed["status"] == "closed" and closed["closed_by"] == "Sam (on-call)" and "closed_at" in closed
    assert closed["close_note"] == "Called her; safe with her sister" and incidents.open_incidents() == []

    say(chat, "ana", "I want to die, I can't do this anymore", "k2")  # the window ended with the incident
    assert [i["status"] for i in sorted(incidents.list_for_member("ana"), key=lambda i: i["created_at"])] == [
        "closed", "open"]


def test_someone_else_s_crisis_is_listed_as_such_and_closing_it_ends_its_own_window_only(chat, incidents, capsys):
    """A parent's incident about their daughter and the parent's own, in two windows: closing the daughter's leaves
    the parent's open, and a new message about the daughter opens a new incident (its window ended with it)."""
    say(chat, "ana", "my daughter tried to kill herself last night", "k1")
    say(chat, "ana", "and honestly i want to die too", "k2")
    theirs = next(i for i in incidents.open_incidents() if i["someone_else"])
    assert main(["incidents", "--table", "inetta-test", "list"]) == 0
    assert "at risk: someone in the member's life" in capsys.readouterr().out
    incidents.close("ana", theirs["incident_id"], "Sam", "called ana; her daughter is in hospital and safe")
    assert [i["someone_else"] for i in incidents.open_incidents()] == [False]
    say(chat, "ana", "my daughter is still saying she wants to die", "k3")
    assert sorted(i["someone_else"] for i in incidents.open_incidents()) == [False, True]


def test_an_older_person_s_abuse_is_listed_as_such(chat, incidents, capsys):
    say(chat, "ana", "im 82 and my son keeps back my insulin until i hand over my pension", "k1")
    say(chat, "ben", CHOKED, "k2")
    assert {i["owner"]: i["older_adult"] for i in incidents.open_incidents()} == {"ana": True, "ben": False}
    assert main(["incidents", "--table", "inetta-test", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if "an older person's abuse" in line] == [
        line for line in lines if "member=ana" in line] != []


def test_on_call_sees_that_a_doubt_went_on_after_the_member_said_no(chat, incidents, capsys):
    """The member said no to the screener's question and is not asked again (shared.safety.question.not_asked_again);
    on-call is not paged again, but the listing says how many messages the learned layers doubted since."""
    say(chat, "cy", "honestly i am done", "k1")
    say(chat, "cy", "no", "k2")
    say(chat, "cy", "honestly i am done", "k3")
    say(chat, "cy", "honestly i am done", "k4")
    assert main(["incidents", "--table", "inetta-test", "list"]) == 0
    [line] = [line for line in capsys.readouterr().out.splitlines() if "member=cy" in line]
    assert "asked: answered no" in line and "doubted again since, not asked again: 2 message(s)" in line


def test_an_unknown_incident_or_one_closed_already_is_refused_and_says_why(chat, incidents):
    say(chat, "ana", "I want to kill myself", "k1")
    [opened] = incidents.open_incidents()
    with pytest.raises(IncidentNotOpen, match="no such incident"):
        incidents.close("ben", opened["incident_id"], "Sam", "wrong member")
    incidents.close("ana", opened["incident_id"], "Sam", "followed up")
    with pytest.raises(IncidentNotOpen, match="closed already"):
        incidents.close("ana", opened["incident_id"], "Lee", "again")
    assert incidents.find("ana", opened["incident_id"])["closed_by"] == "Sam"  # the first close stands


def test_the_command_lists_shows_the_words_to_on_call_and_closes(chat, incidents, capsys):
    say(chat, "ben", CHOKED, "k1")
    [opened] = incidents.open_incidents()
    incident_id = opened["incident_id"]

    assert main(["incidents", "--table", "inetta-test", "list"]) == 0
    listing = capsys.readouterr().out
    assert "1 open incident(s)" in listing and incident_id in listing and "member=ben" in listing
    assert "danger=high" in listing and "choked" not in listing

    assert main(["incidents", "--table", "inetta-test", "show", "ben", incident_id]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["message_text"] == CHOKED and record["status"] == "open"  # on-call reads the words here

    assert main(["incidents", "--table", "inetta-test", "close", "ben", incident_id, "--by", "Sam",
                 "--note", "Safety plan made with the hotline"]) == 0
    assert f"Closed incident {incident_id}" in capsys.readouterr().out
    assert main(["incidents", "--table", "inetta-test", "close", "ben", incident_id, "--by", "Sam", "--note", "x"]) == 1
    assert "closed already" in capsys.readouterr().err
    assert main(["incidents", "--table", "inetta-test", "show", "ben", "nope"]) == 1


def test_the_command_says_plainly_when_the_table_is_not_there_or_not_named(dynamodb, capsys, monkeypatch):
    monkeypatch.delenv("TABLE_NAME", raising=False)
    assert main(["incidents", "list"]) == 2
    assert "--table" in capsys.readouterr().err
    assert main(["incidents", "--table", "no-such-table", "list"]) == 1
    assert "there is no table no-such-table here" in capsys.readouterr().err
