"""The web client in headless Chromium: sign in, a chat turn, a consent change, a mediation step."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import shot

TIMEOUT_MS = 30_000


def open_app(page, web_stack):
    page.goto(f"{web_stack.api_url}/")  # redirects to /app/
    expect(page).to_have_url(re.compile(r"/app/$"))
    page.wait_for_selector("body[data-ready=true]")


def sign_in(page, member):
    page.get_by_label("Email").fill(member.username)
    page.get_by_label("Password").fill(member.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My coach")).to_be_visible(timeout=TIMEOUT_MS)


def test_sign_in_refuses_a_wrong_password_then_signs_in(page, web_stack, make_web_member, request):
    member = make_web_member("ada")
    open_app(page, web_stack)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Email").fill(member.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("don't match", timeout=TIMEOUT_MS)
    shot(page, request, "refused")

    sign_in(page, member)
    expect(page.get_by_text(f"Signed in as {member.username}")).to_be_visible()
    expect(page.locator("#error")).to_be_hidden()
    shot(page, request, "signed-in")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_a_chat_turn_shows_the_coach_reply_with_its_source(page, web_stack, make_web_member, request):
    member = make_web_member("ben")
    open_app(page, web_stack)
    sign_in(page, member)
    box = page.get_by_label("Your message")
    box.fill("My wife has been distant since the baby and I feel lonely")
    box.press("Enter")  # Enter sends
    reply = page.locator("li.message.coach").last
    expect(reply).to_be_visible(timeout=TIMEOUT_MS)
    expect(reply.locator(".source")).to_have_text(re.compile("Offline coach|AI coach"))
    expect(page.locator("li.message.mine")).to_have_count(1)
    expect(page.locator("li.message.mine .text")).to_have_text("My wife has been distant since the baby and I feel lonely")
    expect(box).to_have_value("")
    shot(page, request, "reply")

    # The thread really holds both messages: the API agrees with the page.
    thread = member.call("GET", "/threads")["threads"][0]
    history = member.call("GET", f"/threads/{thread['id']}/messages")["messages"]
    assert sorted(m["author"] for m in history) == ["coach", "member"]

    # A reload reads the history back.
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator("li.message")).to_have_count(2, timeout=TIMEOUT_MS)

    # An empty message is refused with a clear error, and nothing is sent.
    box.fill("   ")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#error")).to_have_text("Write a message first.")


def test_the_screeners_question_offers_one_tap_answers_and_a_yes_is_read_as_the_answer(
    page, web_stack, make_web_member, request
):
    from shared.safety import screen

    unsure = "he makes me feel worthless every day"
    assert screen(unsure).tentative  # no rule names it: the crisis reply asks the screener's question
    member = make_web_member("fay")
    open_app(page, web_stack)
    sign_in(page, member)
    box = page.get_by_label("Your message")
    box.fill(unsure)
    box.press("Enter")
    asked = page.locator("li.message.coach").last
    expect(asked).to_contain_text("do you ever feel afraid of them", timeout=TIMEOUT_MS)
    answers = asked.get_by_role("group", name="Answer with one tap")
    expect(answers.get_by_role("button")).to_have_text(["Yes", "Sometimes", "No"])
    shot(page, request, "asked")

    answers.get_by_role("button", name="Yes").click()
    expect(page.locator("li.message.mine .text").last).to_have_text("Yes", timeout=TIMEOUT_MS)
    expect(page.locator("li.message.coach")).to_have_count(2, timeout=TIMEOUT_MS)
    expect(page.locator("li.message.coach").last).to_contain_text("it is not your fault")
    expect(answers).to_be_hidden()  # the question has been answered: its buttons go
    shot(page, request, "answered")


def test_a_consent_change_is_saved_and_explained(page, web_stack, make_web_member, request):
    parent, partner = make_web_member("cleo"), make_web_member("dan")
    circle = parent.call("POST", "/circles", json={"kind": "couple", "name": "Cleo & Dan", "display_name": "Cleo"})
    invite = parent.call("POST", f"/circles/{circle['id']}/invites", json={"role": "partner"})
    partner.call("POST", "/invites/accept", json={"code": invite["code"], "display_name": "Dan"})

    open_app(page, web_stack)
    sign_in(page, parent)
    page.get_by_role("button", name="Privacy").click()
    expect(page.get_by_text("Only broad themes and needs")).to_be_visible()  # the plain-language explanation
    everyone = page.get_by_label("With everyone in this circle")
    expect(everyone).to_have_value("private", timeout=TIMEOUT_MS)
    everyone.select_option("themes")
    expect(page.get_by_role("status")).to_have_text(re.compile("Saved"), timeout=TIMEOUT_MS)
    expect(page.get_by_label("With everyone in this circle")).to_have_value("themes")
    shot(page, request, "saved")

    consents = parent.call("GET", f"/circles/{circle['id']}/consents")
    assert consents["default"] == "themes"
    audit = parent.call("GET", "/me/consent-audit")["changes"]
    assert audit[0]["level"] == "themes"
    expect(page.locator("#audit li").first).to_contain_text("themes")

    # A per-member rule: a summary for Dan only.
    # The select shows the new value at once; the API is asked only after the page's PUT has been answered.
    with page.expect_response(lambda r: r.url.endswith(f"/consents/{partner.sub}") and r.request.method == "PUT",
                              timeout=TIMEOUT_MS) as saved:
        page.get_by_label("With Dan").select_option("summary")
    assert saved.value.ok
    expect(page.get_by_label("With Dan")).to_have_value("summary", timeout=TIMEOUT_MS)
    rules = parent.call("GET", f"/circles/{circle['id']}/consents")["members"]
    assert [r["rule"] for r in rules if r["member_id"] == partner.sub] == ["summary"]


def test_the_api_saying_no_is_shown_plainly(page, web_stack, make_web_member, request):
    member = make_web_member("eve")
    open_app(page, web_stack)
    sign_in(page, member)
    page.get_by_role("button", name="Family").click()
    page.get_by_text("I have an invite code").click()
    page.get_by_label("Invite code").fill("x" * 32)
    page.get_by_role("button", name="Join").click()
    expect(page.locator("#error")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("#error")).not_to_have_text("")
    shot(page, request, "refused")
