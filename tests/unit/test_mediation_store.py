"""Mediation steps and storage against DynamoDB (moto, in process): tokens, retries, closing, agreements, privacy."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from services.mediation.service import MediationService, NotOffered
from services.mediation.steps import MediationCancelled, Steps
from shared.llm.gateway import CoachGateway
from shared.models import CircleKind, Role
from shared.store.agreements import AgreementStore, _parse
from shared.store.circles import CircleStore
from shared.store.incidents import IncidentStore
from shared.store.mediations import MediationInactive, MediationStore, NotAwaited
from shared.store.threads import ThreadStore, private_thread_id

pytestmark = pytest.mark.mediation

TABLE = "inetta-test"


class FakeStepFunctions:
    def __init__(self):
        self.calls = []

    def start_execution(self, **kwargs):
        self.calls.append(("start", kwargs))
        return {"executionArn": f"arn:aws:states:us-east-1:123456789012:execution:m:{kwargs['name']}"}

    def send_task_success(self, **kwargs):
        self.calls.append(("success", kwargs))

    def send_task_failure(self, **kwargs):
        self.calls.append(("failure", kwargs))


@pytest.fixture
def world(dynamodb):
    circles = CircleStore(TABLE, client=dynamodb)
    circle = circles.create("ann", CircleKind.COUPLE, "Us", Role.PARTNER, False, "Ann")
    # Ben joins directly (the invite flow is the circles service's business).
    from shared.circles.rules import Membership
    from shared.store.circles import membership_item, my_circle_item
    from shared.store.table import to_item

    ben = Membership(circle.circle.id, "ben", Role.PARTNER, False, False, "2026-01-01T00:00:00.000000Z", "Ben")
    dynamodb.put_item(TableName=TABLE, Item=to_item(membership_item(ben)))
    dynamodb.put_item(TableName=TABLE, Item=to_item(my_circle_item(ben)))
    sfn = FakeStepFunctions()
    mediations = MediationStore(TABLE, client=dynamodb)
    incidents = IncidentStore(TABLE, client=dynamodb)
    service = MediationService(mediations, circles, incidents, AgreementStore(TABLE, client=dynamodb), sfn=sfn)
    steps = Steps(mediations, AgreementStore(TABLE, client=dynamodb), ThreadStore(TABLE, client=dynamodb), incidents,
                  CoachGateway(primary=None), sfn=sfn)
    return {"circle_id": circle.circle.id, "service": service, "steps": steps, "sfn": sfn, "db": dynamodb,
            "mediations": mediations}


def started(world, topic="Dinner"):
    view = world["service"].start("ann", world["circle_id"], ["ben"], topic, "en-US")
    return view["id"]


def texts(world, member):
    threads = ThreadStore(TABLE, client=world["db"])
    return [m.text for m in threads.list_messages(member, private_thread_id(member), 100, None).messages]


def test_a_party_answers_once_with_the_token_the_workflow_stored(world):
    mediation_id = started(world)
    service, steps = world["service"], world["steps"]
    with pytest.raises(NotAwaited):
        service.participate("ben", mediation_id, True)  # not asked yet
    steps.run({"step": "await", "mediation_id": mediation_id, "member_id": "ben", "phase": "optin", "token": "t1"})
    assert service.view("ben", mediation_id)["asked_of_me"]["action"] == "opt_in"
    service.participate("ben", mediation_id, True)
    assert world["sfn"].calls[-1] == ("success", {"taskToken": "t1", "output": json.dumps({"joined": True})})
    with pytest.raises(NotAwaited):
        service.participate("ben", mediation_id, True)  # the token was taken
    # An ask for an answer already recorded (it came as the previous token expired) hands it over at once.
    steps.run({"step": "await", "mediation_id": mediation_id, "member_id": "ben", "phase": "optin", "token": "t2"})
    assert world["sfn"].calls[-1] == ("success", {"taskToken": "t2", "output": json.dumps({"recorded": True})})
    assert sum("would like to work through" in t for t in texts(world, "ben")) == 1
    late = steps.run({"step": "timed_out", "mediation_id": mediation_id, "member_id": "ben", "phase": "optin",
                      "reminders": 2, "max_reminders": 2})
    assert late == {"reminders": 3, "give_up": False}


def test_a_cancel_fails_pending_tokens_and_later_steps_refuse_to_run(world):
    mediation_id = started(world)
    service, steps = world["service"], world["steps"]
    steps.run({"step": "await", "mediation_id": mediation_id, "member_id": "ben", "phase": "optin", "token": "t1"})
    service.cancel("ann", mediation_id)
    assert ("failure", {"taskToken": "t1", "error": "MediationCancelled",
                        "cause": "A party cancelled the mediation."}) in world["sfn"].calls
    with pytest.raises(MediationCancelled):
        steps.run({"step": "await", "mediation_id": mediation_id, "member_id": "ben", "phase": "optin", "token": "t3"})
    with pytest.raises(MediationInactive):
        service.cancel("ben", mediation_id)
    closed = steps.run({"step": "close", "mediation_id": mediation_id, "error": {"Error": "MediationCancelled"}})
    assert closed == {"reason": "cancelled", "closed": True}
    again = steps.run({"step": "close", "mediation_id": mediation_id, "error": {"Error": "States.ALL"}})
    assert again == {"reason": "cancelled", "closed": False}  # a second close changes nothing
    assert world["mediations"].pending_tokens(mediation_id) == {}
    assert sum("was cancelled" in t for t in texts(world, "ben")) == 1


def test_the_whole_flow_in_steps_keeps_each_partys_words_to_themselves(world):
    canary = "CANARY-store-77"
    mediation_id = started(world)
    service, steps = world["service"], world["steps"]
    for member in ("ann", "ben"):
        steps.run({"step": "await", "mediation_id": mediation_id, "member_id": member, "phase": "perspective",
                   "token": f"p-{member}"})
    service.give_perspective("ann", mediation_id, {"feelings": f"lonely {canary}", "needs": f"to feel heard {canary}",
                                                   "requests": canary, "share": ["needs"]}, "en-US")
    service.give_perspective("ben", mediation_id, {"feelings": "pressured", "needs": "space", "requests": "time",
                                                   "share": ["needs", "requests"]}, "en-US")
    for step in ("synthesise", "advise", "advise", "draft"):  # advise twice: a retried step posts nothing twice
        steps.run({"step": step, "mediation_id": mediation_id})
    ben_view = service.view("ben", mediation_id)
    assert canary not in json.dumps(ben_view) and canary not in json.dumps(texts(world, "ben"))
    assert sum("Thank you for sharing your side" in t for t in texts(world, "ben")) == 1
    assert {n["member_id"]: n["needs"] for n in ben_view["needs"]}["ann"] == ["to feel heard and understood"]
    assert canary not in ben_view["draft_agreement"]
    for member in ("ann", "ben"):
        steps.run({"step": "await", "mediation_id": mediation_id, "member_id": member, "phase": "agreement",
                   "token": f"a-{member}"})
        service.respond(member, mediation_id, "accept", None, "en-US")
    assert steps.run({"step": "tally", "mediation_id": mediation_id}) == {"outcome": "agreed"}
    first = steps.run({"step": "conclude", "mediation_id": mediation_id})
    assert steps.run({"step": "conclude", "mediation_id": mediation_id}) == first  # idempotent
    agreements = AgreementStore(TABLE, client=world["db"])
    for member in ("ann", "ben"):
        [agreement] = agreements.for_member(member)
        assert agreement["owner"] == member and agreement["text"] == ben_view["draft_agreement"]
    assert agreements.for_circle(world["circle_id"])[0]["owner"] == "ann"
    due = agreements.followups_due(_parse(first["follow_up_at"]))
    assert {f["member_id"] for f in due} == {"ann", "ben"}
    assert service.view("ann", mediation_id)["outcome"]["result"] == "agreed"


def test_an_amendment_is_redrafted_until_the_rounds_run_out(world):
    mediation_id = started(world)
    service, steps, mediations = world["service"], world["steps"], world["mediations"]
    mediations.set_phase(mediation_id, "synthesis", needs={"ann": ["fairness"], "ben": []})
    maximum = int(mediations.get(mediation_id)["timings"]["max_rounds"])
    for round_number in range(1, maximum + 1):
        steps.run({"step": "draft", "mediation_id": mediation_id})
        for member in ("ann", "ben"):
            steps.run({"step": "await", "mediation_id": mediation_id, "member_id": member, "phase": "agreement",
                       "token": f"{member}-{round_number}"})
        service.respond("ann", mediation_id, "amend", f"Change {round_number}", "en-US")
        service.respond("ben", mediation_id, "accept", None, "en-US")
        outcome = steps.run({"step": "tally", "mediation_id": mediation_id})["outcome"]
        assert outcome == ("redraft" if round_number < maximum else "exhausted")
    assert "Change 1" in mediations.get(mediation_id)["draft"]


def open_high_danger_abuse_incident(world, member: str) -> IncidentStore:
    """The incident a disclosure of strangulation and a threat to kill opens for `member`."""
    from shared.safety import screen
    from shared.store.batch import transact

    incidents = IncidentStore(TABLE, client=world["db"])
    screening = screen("he choked me last night and said he'd kill me if I leave")
    transact(world["db"], incidents.incident_writes(member, screening, "m1", "t1", "words"))
    return incidents


def test_the_safety_gate_refuses_a_start_and_writes_nothing(world):
    open_high_danger_abuse_incident(world, "ben")
    with pytest.raises(NotOffered):
        world["service"].start("ann", world["circle_id"], ["ben"], "Us", "en-US")
    assert world["service"].mine("ann") == [] and world["sfn"].calls == []
    assert world["steps"].run({"step": "open", "mediation_id": "m_missing"}) == {"status": "missing"}


def test_step_results_are_plain_json_as_the_lambda_runtime_needs(world):
    mediation_id = started(world)
    opened = world["steps"].run({"step": "open", "mediation_id": mediation_id})
    assert json.loads(json.dumps(opened)) == opened and opened["timings"]["max_reminders"] == 2


def test_a_perspective_the_moderation_endpoint_flags_as_self_harm_gets_the_crisis_reply(world, fake_llm):
    from dataclasses import replace

    from shared.config import LLMSettings
    from shared.safety import screen

    feelings = "I need a very long rest"
    assert not screen(feelings).escalate  # the offline screen lets it through; the provider's model does not
    fake_llm.moderation_flags = {feelings: ["self-harm"]}
    settings = LLMSettings(base_url=fake_llm.base_url, api_key="k", timeout_seconds=1, max_retries=0,
                           moderation_model="omni-moderation-latest")
    service = replace(world["service"], coach=CoachGateway.from_settings(settings))
    mediation_id = started(world)
    world["steps"].run({"step": "await", "mediation_id": mediation_id, "member_id": "ann", "phase": "perspective",
                        "token": "p-ann"})
    support = service.give_perspective("ann", mediation_id, {"feelings": feelings, "needs": "rest", "requests": "",
                                                             "share": []}, "en-US")
    assert support.category == "suicide_self_harm" and "988" in support.text
    [incident] = IncidentStore(TABLE, client=world["db"]).list_for_member("ann")
    assert incident["category"] == "suicide_self_harm"
    assert [r["input"] for r in fake_llm.moderation_requests] == [feelings]  # her words, and only hers


def test_a_crisis_reply_in_mediation_is_delivered_to_the_private_thread_once_and_answered_there(world):
    from services.chat.turn import ChatService
    from services.mediation.service import CrisisSupport

    mediation_id = started(world)
    world["steps"].run({"step": "await", "mediation_id": mediation_id, "member_id": "ann", "phase": "perspective",
                        "token": "p-ann"})
    perspective = {"feelings": "honestly i am done", "needs": "", "requests": "", "share": []}
    for _ in range(2):  # the app retries the same request
        support = world["service"].give_perspective("ann", mediation_id, perspective, "en-US")
    assert isinstance(support, CrisisSupport) and "are you having thoughts of suicide" in support.text
    assert texts(world, "ann").count(support.text) == 1
    [delivered] = [m for m in ThreadStore(TABLE, client=world["db"]).list_messages(
        "ann", private_thread_id("ann"), 100, None).messages if m.text == support.text]
    assert delivered.quick_replies == ["Yes", "Sometimes", "No", "It's someone I'm worried about"]  # one tap
    # Her answer in her private chat is read as the answer to that question.
    chat = ChatService(store=ThreadStore(TABLE, client=world["db"]), coach=CoachGateway(primary=None))
    told = chat.take_turn("ann", private_thread_id("ann"), "yes", "k1").reply
    assert told.source == "safety" and "What you're feeling matters" in told.text


def test_a_perspective_that_tells_of_someone_else_at_risk_gets_the_reply_for_the_one_who_worries(world):
    """A parent's perspective in a mediation about their son: the crisis reply helps the parent help him, and the
    incident tells on-call the one at risk is someone else in her life."""
    mediation_id = started(world)
    world["steps"].run({"step": "await", "mediation_id": mediation_id, "member_id": "ann", "phase": "perspective",
                        "token": "p-ann"})
    perspective = {"feelings": "our son told me last week he doesn't want to live anymore and I'm scared",
                   "needs": "", "requests": "", "share": []}
    support = world["service"].give_perspective("ann", mediation_id, perspective, "en-US")
    assert support.category == "suicide_self_harm" and "someone you love" in support.text and "988" in support.text
    [incident] = IncidentStore(TABLE, client=world["db"]).list_for_member("ann")
    assert incident["someone_else"] is True


def test_a_worse_danger_told_in_a_mediation_raises_the_open_incident_and_closes_the_safety_gate(world):
    from services.chat.turn import ChatService

    chat = ChatService(store=ThreadStore(TABLE, client=world["db"]), coach=CoachGateway(primary=None))
    chat.take_turn("ben", ThreadStore(TABLE, client=world["db"]).ensure_private_thread("ben").id,
                   "I'm scared of him", "k1")
    [incident] = IncidentStore(TABLE, client=world["db"]).list_for_member("ben")
    assert incident["category"] == "abuse" and incident["danger"] == "moderate"  # the gate stays open for this
    mediation_id = started(world)
    world["steps"].run({"step": "await", "mediation_id": mediation_id, "member_id": "ben", "phase": "perspective",
                        "token": "p-ben"})
    perspective = {"feelings": "he choked me last night and said he'd kill me if I leave", "needs": "",
                   "requests": "", "share": []}
    assert world["service"].give_perspective("ben", mediation_id, perspective, "en-US").category == "abuse"

    [incident] = IncidentStore(TABLE, client=world["db"]).list_for_member("ben")  # the same crisis, now high
    assert incident["danger"] == "high" and incident["raised_from"] == "moderate"
    with pytest.raises(NotOffered):
        world["service"].start("ann", world["circle_id"], ["ben"], "Something else", "en-US")


def test_once_on_call_closes_the_high_danger_incident_a_mediation_may_start(world):
    incidents = open_high_danger_abuse_incident(world, "ben")
    with pytest.raises(NotOffered):
        world["service"].start("ann", world["circle_id"], ["ben"], "Us", "en-US")
    [incident] = incidents.list_for_member("ben")
    incidents.close("ben", incident["incident_id"], "Sam (on-call)", "Safe; staying with family; spoke to both")
    assert world["service"].start("ann", world["circle_id"], ["ben"], "Us", "en-US")["id"]


def test_a_throttled_read_of_the_open_incident_costs_the_member_in_mediation_nothing(world):
    from dataclasses import replace

    from botocore.exceptions import ClientError

    from services.chat.turn import ChatService

    class Throttled(IncidentStore):
        def _open_window(self, member_id, category):  # DynamoDB refuses the window's read, as under a throttle
            raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException"}}, "GetItem")

    chat = ChatService(store=ThreadStore(TABLE, client=world["db"]), coach=CoachGateway(primary=None))
    chat.take_turn("ben", ThreadStore(TABLE, client=world["db"]).ensure_private_thread("ben").id,
                   "I'm scared of him", "k1")
    service = replace(world["service"], incidents=Throttled(TABLE, client=world["db"]))
    mediation_id = started(world)
    world["steps"].run({"step": "await", "mediation_id": mediation_id, "member_id": "ben", "phase": "perspective",
                        "token": "p-ben"})
    perspective = {"feelings": "he choked me last night and said he'd kill me if I leave", "needs": "",
                   "requests": "", "share": []}
    support = service.give_perspective("ben", mediation_id, perspective, "en-US")
    assert support.category == "abuse" and "not your fault" in support.text  # the crisis reply, whatever the read
    [incident] = IncidentStore(TABLE, client=world["db"]).list_for_member("ben")
    assert incident["danger"] == "moderate"  # the raise was lost with the read; the open incident stands


def test_a_member_under_18_in_any_circle_is_given_the_line_for_young_people_in_a_mediation_crisis_reply(world):
    """Ann is flagged as under 18 in her family's circle; Ben is not. The same words in a perspective get the crisis
    line for both, and the line for young people for Ann only."""
    from shared.circles.rules import Membership
    from shared.store.circles import membership_item
    from shared.store.table import to_item

    teen = Membership("c_family", "ann", Role.TEEN, False, True, "2026-01-01T00:00:00.000000Z", "Ann")
    world["db"].put_item(TableName=TABLE, Item=to_item(membership_item(teen)))
    mediation_id = started(world)
    replies = {}
    for member in ("ann", "ben"):
        world["steps"].run({"step": "await", "mediation_id": mediation_id, "member_id": member,
                            "phase": "perspective", "token": f"p-{member}"})
        replies[member] = world["service"].give_perspective(
            member, mediation_id, {"feelings": "i keep thinking about killing myself", "needs": "", "requests": "",
                                   "share": []}, "en-US").text
    assert "988" in replies["ann"] and "Childhelp" in replies["ann"]
    assert "988" in replies["ben"] and "Childhelp" not in replies["ben"]
