"""The web client's real-time parts in headless Chromium (issue 8): a reply that streams in over the WebSocket as
the model writes it, a mediation step (my perspective, when the workflow asks for it), check-in preferences."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.test_web_client import TIMEOUT_MS, open_app, sign_in
from tests.support.fake_llm import FakeLLM

REPLY = ("It sounds like the distance since the baby has left you feeling alone. "
         "What is one small moment this week when you felt close to her?")


@pytest.fixture
def streaming_model(web_stack):
    """The chat function pointed at a loopback model that streams a word every 0.15 s."""
    with FakeLLM(reply_text=REPLY) as server:
        server.stream_delay = 0.15
        env = {"LLM_BASE_URL": server.base_url, "LLM_MODEL": "loopback-model", "LLM_API_KEY": "test-key",
               "LLM_TIMEOUT_SECONDS": "10", "LLM_MAX_RETRIES": "0"}
        with web_stack.function_env(env, ["ChatFunction"]):
            yield server


def test_a_reply_streams_in_word_by_word_then_stays_as_stored(page, web_stack, make_web_member, streaming_model,
                                                                request):
    member = make_web_member("fay")
    open_app(page, web_stack)
    sign_in(page, member)
    page.wait_for_selector("body[data-push=open]", timeout=TIMEOUT_MS)

    box = page.get_by_label("Your message")
    box.fill("My wife has been distant since the baby and I feel lonely")
    box.press("Enter")
    # Part of the reply is on the screen while the model is still writing it.
    streaming = page.locator("li.message.coach.streaming .text")
    expect(streaming).to_have_text(re.compile(r"\S"), timeout=TIMEOUT_MS)
    partial = streaming.inner_text()
    shot(page, request, "streaming")
    assert 0 < len(partial) < len(REPLY) and REPLY.startswith(partial.rstrip("▍").strip())

    reply = page.locator("li.message.coach").last
    expect(reply).not_to_have_class(re.compile("streaming"), timeout=TIMEOUT_MS)
    expect(reply.locator(".text")).to_have_text(REPLY)
    expect(reply.locator(".source")).to_have_text("AI coach")
    assert int(reply.get_attribute("data-deltas") or 0) >= 5  # it came in pieces, not at once
    expect(page.locator("#messages")).not_to_have_attribute("aria-busy", "true")
    shot(page, request, "done")

    # What streamed is what was stored.
    thread = member.call("GET", "/threads")["threads"][0]
    stored = member.call("GET", f"/threads/{thread['id']}/messages")["messages"]
    assert [m["text"] for m in stored if m["author"] == "coach"] == [REPLY]


def _wait_until_asked(member, mediation_id: str, action: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (member.call("GET", f"/mediations/{mediation_id}").get("asked_of_me") or {}).get("action") == action:
            return
        time.sleep(0.5)
    raise AssertionError(f"the workflow never asked for {action}")


def test_a_mediation_step_my_perspective_is_submitted(page, web_stack, make_web_member, request):
    parent, teen = make_web_member("gus"), make_web_member("hal")
    circle = parent.call("POST", "/circles", json={"kind": "family", "name": "The Gs", "role": "parent",
                                                   "display_name": "Gus"})
    invite = parent.call("POST", f"/circles/{circle['id']}/invites", json={"role": "teen", "minor": True})
    teen.call("POST", "/invites/accept", json={"code": invite["code"], "display_name": "Hal", "minor": True})
    mediation = parent.call("POST", "/mediations", json={"circle_id": circle["id"], "parties": [teen.sub],
                                                         "topic": "Phones at dinner"})
    _wait_until_asked(teen, mediation["id"], "opt_in")
    teen.call("POST", f"/mediations/{mediation['id']}/participation", json={"join": True})
    _wait_until_asked(parent, mediation["id"], "perspective")

    open_app(page, web_stack)
    sign_in(page, parent)
    page.get_by_role("button", name="Mediations").click()
    card = page.locator(f"li[data-mediation-id='{mediation['id']}']")
    expect(card.get_by_role("heading", name="Share your perspective")).to_be_visible(timeout=TIMEOUT_MS)

    # Nothing written: a clear error, nothing sent.
    card.get_by_role("button", name="Send my perspective").click()
    expect(page.locator("#error")).to_contain_text("Write at least one of")

    card.get_by_role("textbox", name="How I feel").fill("Frustrated and a bit lonely at dinner")
    card.get_by_label("What I need").fill("Some time together without screens")
    card.get_by_label("What I'd ask for").fill("Phones in the basket during dinner")
    shot(page, request, "perspective")
    card.get_by_role("button", name="Send my perspective").click()
    expect(page.get_by_role("status")).to_have_text(re.compile("perspective is saved"), timeout=TIMEOUT_MS)
    expect(page.locator("#error")).to_be_hidden()
    shot(page, request, "sent")

    view = parent.call("GET", f"/mediations/{mediation['id']}")
    assert view["my_perspective"]["needs"] == "Some time together without screens"
    assert (view.get("asked_of_me") or {}).get("action") != "perspective"


def test_check_in_preferences_are_saved(page, web_stack, make_web_member, request):
    member = make_web_member("ivy")
    open_app(page, web_stack)
    sign_in(page, member)
    # The empty history's hint arrives with the history; waiting for it keeps it from overwriting "Saved" later.
    expect(page.get_by_role("status")).to_contain_text("Say whatever is on your mind", timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Check-ins").click()
    expect(page.get_by_label("How often")).to_have_value("off", timeout=TIMEOUT_MS)
    expect(page.get_by_label("On", exact=True)).to_be_hidden()  # the day matters only for "once a week"

    page.get_by_label("How often").select_option("weekly")
    page.get_by_label("On", exact=True).select_option("4")  # Friday
    page.get_by_label("At (your local time)").fill("08:30")
    page.get_by_label("Time zone").fill("Europe/Paris")
    page.get_by_label("Nothing arrives during quiet hours").check()
    page.get_by_label("From", exact=True).fill("22:00")
    page.get_by_label("Until", exact=True).fill("07:00")
    page.get_by_label("As a notification on my phone").uncheck()
    page.get_by_role("button", name="Save check-in settings").click()
    expect(page.get_by_role("status")).to_have_text(
        "Saved: every Friday at 08:30 (Europe/Paris).", timeout=TIMEOUT_MS)
    expect(page.locator("#checkins-next")).to_contain_text("Next check-in")
    shot(page, request, "saved")

    prefs = member.call("GET", "/me/checkins")
    assert (prefs["frequency"], prefs["weekday"], prefs["time"], prefs["time_zone"]) == \
        ("weekly", 4, "08:30", "Europe/Paris")
    assert prefs["quiet_hours"] == {"start": "22:00", "end": "07:00"}
    assert prefs["channels"] == {"thread": True, "push": False}

    # A time zone the API doesn't know is refused, and the page says so.
    page.get_by_label("Time zone").fill("Mars/Olympus_Mons")
    page.get_by_role("button", name="Save check-in settings").click()
    expect(page.locator("#error")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("#error")).not_to_have_text("")
    assert member.call("GET", "/me/checkins")["time_zone"] == "Europe/Paris"


def test_an_agreement_everyone_accepted_is_on_my_agreements_screen(page, web_stack, make_web_member, request):
    ann, ben = make_web_member("ann"), make_web_member("ben")
    circle = ann.call("POST", "/circles", json={"kind": "couple", "name": "Us", "role": "partner"})
    invite = ann.call("POST", f"/circles/{circle['id']}/invites", json={"role": "partner"})
    ben.call("POST", "/invites/accept", json={"code": invite["code"]})
    mediation_id = ann.call("POST", "/mediations", json={"circle_id": circle["id"], "parties": [ben.sub],
                                                         "topic": "Sunday mornings"})["id"]
    _wait_until_asked(ben, mediation_id, "opt_in")
    ben.call("POST", f"/mediations/{mediation_id}/participation", json={"join": True})
    for member, feelings in ((ann, "I feel rushed on Sundays"), (ben, "I feel tired after the week")):
        _wait_until_asked(member, mediation_id, "perspective")
        member.call("POST", f"/mediations/{mediation_id}/perspective",
                    json={"feelings": feelings, "needs": "I need rest", "requests": "A slow breakfast together"})
    for member in (ann, ben):
        _wait_until_asked(member, mediation_id, "respond")
        member.call("POST", f"/mediations/{mediation_id}/response", json={"response": "accept"})
    deadline = time.monotonic() + 60
    while ann.call("GET", f"/mediations/{mediation_id}")["status"] != "agreed" and time.monotonic() < deadline:
        time.sleep(0.5)
    [agreement] = ann.call("GET", "/agreements")["agreements"]

    open_app(page, web_stack)
    sign_in(page, ben)
    page.get_by_role("button", name="Agreements").click()
    card = page.locator("#agreements li.card")
    expect(card.get_by_role("heading", name="Sunday mornings")).to_be_visible(timeout=TIMEOUT_MS)
    expect(card).to_contain_text(agreement["text"][:60])
    expect(card).to_contain_text("your coach checks in on it")
    expect(card).not_to_contain_text("I feel rushed on Sundays")  # Ann's perspective stays hers
    shot(page, request, "agreements")
