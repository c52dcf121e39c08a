"""The crisis reply (shared/safety/reply.py): resources for the member's country in every reply, no advice or
detail that could raise the risk, and, when no rule named what is happening, a question instead of a verdict."""

from datetime import datetime, timedelta, timezone

import pytest

from services.chat.turn import ChatService
from shared.llm.gateway import CoachGateway
from shared.safety import ScreenResult, screen
from shared.safety.question import SOMEONE_ELSE_ANSWER
from shared.safety.reply import REPLY_CATEGORIES, RESOURCES, crisis_reply, resources_for
from shared.safety.vocab import ABUSE, SUICIDE_SELF_HARM
from shared.store.incidents import IncidentStore
from shared.store.threads import ThreadStore
from tests.support.crisis import screened_as

pytestmark = pytest.mark.crisis

LOCALES = ["en-US", "en-GB", "fr-CA", "en-AU", "de-DE"]
# What safe-messaging practice keeps out of a crisis reply: means and methods, and advice that could put someone
# who is being hurt at more risk.
NEVER = ["pills", "overdose", "rope", "bridge", "hang", "compromise", "talk it out", "see it from", "partner's feelings"]


def reply_to(category: str, danger: str, locale: str, minor: bool = False, **screened) -> str:
    """The crisis reply to a screening of ``category`` and ``danger`` (with ``screened``: tentative, someone_else...)."""
    return crisis_reply(ScreenResult(escalate=True, category=category, danger=danger, **screened), locale, minor)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("category", REPLY_CATEGORIES)
@pytest.mark.parametrize("danger", ["moderate", "high"])
@pytest.mark.parametrize("tentative, someone_else", [(False, False), (True, False), (False, True)])
def test_every_reply_names_the_country_s_emergency_number_and_nothing_that_raises_the_risk(
        locale, category, danger, tentative, someone_else):
    text = reply_to(category, danger, locale, tentative=tentative, someone_else=someone_else)
    resources = resources_for(locale)
    assert resources.emergency in text
    if category == SUICIDE_SELF_HARM:
        assert resources.suicide in text
    if category == ABUSE:
        assert resources.abuse in text
        # Whoever's phone the one who hurts them may read: the member's own, or the one they worry about.
        assert ("may be reading their phone" if someone_else else "device they can't check") in text
    assert not [word for word in NEVER if word in text.lower()]


@pytest.mark.parametrize("locale", LOCALES)
def test_someone_worried_about_another_s_suicide_is_told_how_to_help_them_not_asked_about_their_own(locale):
    text = reply_to(SUICIDE_SELF_HARM, "low", locale, someone_else=True)
    assert "someone you love" in text and resources_for(locale).suicide in text
    assert "ask them directly" in text and "put away anything they could use" in text
    assert "thoughts of suicide, or of not wanting" not in text and "What you're feeling matters" not in text
    urgent = reply_to(SUICIDE_SELF_HARM, "high", locale, someone_else=True)
    assert f"{resources_for(locale).emergency} now" in urgent and "stay with them" in urgent


@pytest.mark.parametrize("locale", LOCALES)
def test_an_attempt_under_way_is_told_to_call_the_emergency_number_now(locale):
    from shared.safety.reply import crisis_response

    result = screen("took a whole box of paracetamol about an hour ago. feeling sick. dont tell my mum")
    assert result.category == SUICIDE_SELF_HARM and result.danger == "high"
    text = crisis_response(result, locale).text
    assert f"hurt yourself or taken something, or you might act on these thoughts, or you're not safe right now, please " \
           f"{resources_for(locale).emergency} now" in text
    assert not [word for word in NEVER if word in text.lower()]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_parent_afraid_of_their_own_thoughts_is_not_judged_and_is_told_how_to_keep_the_child_safe(locale):
    from shared.safety.reply import crisis_response

    resources = resources_for(locale)
    text = crisis_response(screen("I'm scared I'm going to hurt my baby, I haven't slept in days"), locale).text
    assert "more common than people think" in text and "put your child somewhere safe" in text
    assert resources.emergency in text and resources.suicide in text
    assert not [word for word in NEVER if word in text.lower()]
    # Someone else hurting a child gets the child-safety reply, not the one for a parent's own thoughts.
    other = crisis_response(screen("my husband shakes the baby when he cries"), locale).text
    assert "A child's safety comes first" in other and "more common than people think" not in other


@pytest.mark.parametrize("locale", LOCALES)
def test_someone_whose_relative_is_hurt_by_a_partner_is_told_how_to_help_not_that_it_is_not_their_fault(locale):
    from shared.safety.reply import crisis_response

    resources = resources_for(locale)
    text = crisis_response(screen("my daughter's husband choked her last night and she's too scared to leave"),
                           locale).text
    assert resources.emergency in text and resources.abuse in text and "help family and friends too" in text
    assert "don't confront the person hurting them" in text and "may be reading their phone" in text
    assert "What you're describing is serious, and it is not your fault" not in text
    own = crisis_response(screen("my husband choked me last night"), locale).text
    assert "it is not your fault" in own and "help family and friends too" not in own


@pytest.mark.parametrize("locale", LOCALES)
def test_someone_worried_about_a_relative_s_threat_of_violence_is_told_what_keeps_people_safe(locale):
    from shared.safety.reply import crisis_response

    text = crisis_response(screen("my son said he's going to shoot up his school"), locale).text
    assert resources_for(locale).emergency in text and "tell the police or the school" in text
    assert "cannot get to guns or other weapons" in text
    # Not the reply for the member's own anger.
    assert "carrying a lot of anger" not in text and "step away from them" not in text
    own = crisis_response(screen("i want to shoot up my school"), locale).text
    assert "carrying a lot of anger" in own and "tell the police or the school" not in own


@pytest.mark.parametrize("locale", LOCALES)
def test_a_threat_no_rule_named_is_answered_for_the_member_s_own_safety_too(locale):
    """The learned layers' harm to others may be the member's own plan to die: the reply speaks to both, and gives the
    crisis line as a line for thoughts of suicide. A threat a rule named keeps the reply for the member's anger."""
    from shared.safety.reply import crisis_response

    resources = resources_for(locale)
    plan = screen("i'm going to use my grandad's rifle when he's away at the weekend. i know where the key is.")
    assert plan.category == "harm_to_others" and plan.tentative, plan
    unsure = crisis_response(plan, locale).text
    assert "hurt yourself or someone else" in unsure and f"{resources.suicide} — they help with thoughts of suicide" \
        in unsure and resources.emergency in unsure
    assert "anger or pain" not in unsure and not [word for word in NEVER if word in unsure.lower()]
    named = screen("i'm going to stab him when he gets home")
    assert named.category == "harm_to_others" and not named.tentative, named
    told = crisis_response(named, locale).text
    assert "carrying a lot of anger" in told and "step away from them" in told and "hurt yourself" not in told


def test_the_resources_cover_the_us_uk_canada_australia_and_everyone_else():
    assert {r.country for r in RESOURCES.values()} == {"US", "UK", "Canada", "Australia"}
    assert "findahelpline.com" in reply_to(SUICIDE_SELF_HARM, "moderate", "de-DE")


@pytest.mark.parametrize("category", [SUICIDE_SELF_HARM, ABUSE])
def test_when_no_rule_named_it_the_reply_asks_instead_of_telling(category):
    told = reply_to(category, "moderate", "en-US")
    asked = reply_to(category, "moderate", "en-US", tentative=True)
    assert asked != told and "?" in asked.split("\n\n")[0]  # it opens with the screener's question
    assert "describing is serious" not in asked and "What you're feeling" not in asked
    # High danger is never softened, whoever found it.
    assert reply_to(category, "high", "en-US", tentative=True) == reply_to(category, "high", "en-US")


@pytest.mark.parametrize("category, danger, tentative, asked", [
    (ABUSE, "moderate", True, True), (SUICIDE_SELF_HARM, "low", True, True),
    (ABUSE, "high", True, False), (ABUSE, "moderate", False, False),
    ("child_safety", "moderate", True, False),  # unsure, but child safety has no screener's question: it tells
])
def test_the_incident_and_the_one_tap_answers_say_asked_exactly_when_the_reply_asks(
        dynamodb, category, danger, tentative, asked):
    from shared.safety.question import quick_answers
    from shared.store.table import from_item

    screening = ScreenResult(escalate=True, category=category, danger=danger, layer="tfidf", tentative=tentative)
    reply = crisis_reply(screening, "en-US")
    assert ("?" in reply.split("\n\n")[0]) is asked
    assert bool(quick_answers(screening)) is asked
    [incident] = [from_item(write["Put"]["Item"]) for write in
                  IncidentStore("inetta-test", client=dynamodb).incident_writes("ana", screening, "m", "t", "words")
                  if from_item(write["Put"]["Item"]).get("kind") == "incident"]
    assert incident["question_asked"] is asked


@pytest.fixture
def chat(dynamodb):
    return ChatService(store=ThreadStore("inetta-test", client=dynamodb), coach=CoachGateway(primary=None))


def test_a_complaint_the_classifier_over_reads_is_asked_about_and_a_named_danger_is_told(chat):
    thread = chat.store.ensure_private_thread("ana")
    # It may be abuse or a hard marriage: the learned layers read it as abuse, unsure.
    complaint = "he yells at me all the time"
    assert screen(complaint).escalate and screen(complaint).tentative
    asked = chat.take_turn("ana", thread.id, complaint, "k1").reply
    assert asked.source == "safety" and "afraid of them" in asked.text and "1-800-799-7233" in asked.text
    assert "describing is serious" not in asked.text
    assert asked.quick_replies == ["Yes", "Sometimes", "No"]  # the app offers them with one tap
    named = chat.take_turn("ana", thread.id, "he choked me last night and said he'd kill me if I leave", "k2").reply
    assert not screen("he choked me last night and said he'd kill me if I leave").tentative
    assert "describing is serious" in named.text and "not your fault" in named.text and named.quick_replies == []
    history = chat.store.list_messages("ana", thread.id, 10, None).messages  # read back, as the app does on reload
    assert [m.quick_replies for m in history if m.author == "coach"] == [[], ["Yes", "Sometimes", "No"]]  # newest first
    # On-call knows the first reply asked (the screen was unsure), and that the second message raised the danger.
    [incident] = IncidentStore("inetta-test", client=chat.store._client).list_for_member("ana")
    assert incident["question_asked"] is True and incident["raised_from"] == "moderate"
    assert incident["danger"] == "high"


# --- The answer to the screener's question (shared/safety/question.py) ---

DONE = "honestly i am done"  # the learned layers read it as suicide; it may be, or it may be the argument


def test_yes_to_the_screener_s_question_is_a_disclosure_that_gets_the_crisis_reply(chat, dynamodb):
    thread = chat.store.ensure_private_thread("ana")
    assert screen(DONE).tentative and not screen("yes").escalate
    asked = chat.take_turn("ana", thread.id, DONE, "k1").reply
    assert "are you having thoughts of suicide" in asked.text
    told = chat.take_turn("ana", thread.id, "yes", "k2")
    assert told.reply.source == "safety" and "What you're feeling matters" in told.reply.text
    assert "988" in told.reply.text
    # On-call reads the answer on the incident the question came with (one incident: the crisis is the same one).
    [incident] = IncidentStore("inetta-test", client=dynamodb).list_for_member("ana")
    assert incident["member_answer"] == "yes" and incident["member_answer_message_id"] == told.message.id
    # "Yes" to anything else is just a word.
    assert chat.take_turn("ana", thread.id, "yes", "k3").reply.source == "offline"


def test_no_to_the_question_lets_the_coach_answer_instead_of_asking_again(chat, dynamodb):
    thread = chat.store.ensure_private_thread("ben")
    answer = "no, I am safe, he just yells at me all the time"
    assert screen(answer).escalate  # alone, the screen would put the same question again
    chat.take_turn("ben", thread.id, "he yells at me all the time", "k1")
    assert chat.take_turn("ben", thread.id, answer, "k2").reply.source == "offline"
    [incident] = IncidentStore("inetta-test", client=dynamodb).list_for_member("ben")
    assert incident["category"] == "abuse" and incident["member_answer"] == "no"


def test_a_plain_no_is_recorded_on_the_incident_too(chat, dynamodb):
    thread = chat.store.ensure_private_thread("dee")
    assert not screen("no").escalate
    chat.take_turn("dee", thread.id, "he yells at me all the time", "k1")
    answered = chat.take_turn("dee", thread.id, "no", "k2")
    assert answered.reply.source == "offline"
    [incident] = IncidentStore("inetta-test", client=dynamodb).list_for_member("dee")
    assert incident["member_answer"] == "no" and incident["member_answer_message_id"] == answered.message.id


def test_after_a_no_the_same_doubt_is_not_put_again_and_the_door_is_left_open(chat, dynamodb):
    """A member who said no to "are you having thoughts of suicide?" and goes on saying how low they are is heard: the
    coach answers, and says where help is if that changes. Asked again each time, they would learn not to say it."""
    thread = chat.store.ensure_private_thread("eve")
    assert screen(DONE).tentative
    assert "are you having thoughts of suicide" in chat.take_turn("eve", thread.id, DONE, "k1").reply.text
    chat.take_turn("eve", thread.id, "no", "k2")
    again = chat.take_turn("eve", thread.id, DONE, "k3").reply
    assert again.source == "offline" and "are you having thoughts of suicide" not in again.text
    assert again.text.endswith("you can tell me, or call or text 988 (Suicide & Crisis Lifeline), any time.")
    assert again.quick_replies == []
    # On-call is not paged again, but sees on the incident that the doubt went on.
    [incident] = IncidentStore("inetta-test", client=dynamodb).list_for_member("eve")
    assert incident["doubted_after_no"] == 1
    # A danger a rule names is told as ever, and on-call has the one crisis, with its answer.
    told = chat.take_turn("eve", thread.id, "I have the pills ready tonight", "k4").reply
    assert told.source == "safety" and "988" in told.text
    [incident] = IncidentStore("inetta-test", client=dynamodb).list_for_member("eve")
    assert incident["member_answer"] == "no" and incident["danger"] == "high"


def test_after_a_no_a_teen_is_also_given_the_line_for_young_people(chat, dynamodb):
    """The crisis reply gave the teen the line for young people; the line under the coach's answer after their no
    gives it too (a teen may not call an adults' line)."""
    from shared.store.table import to_item

    dynamodb.put_item(TableName="inetta-test", Item=to_item(
        {"pk": "CIRCLE#c1", "sk": "MEMBER#teo", "owner": "teo", "role": "teen", "minor": True}))
    thread = chat.store.ensure_private_thread("teo")
    assert "Childhelp" in chat.take_turn("teo", thread.id, DONE, "k1").reply.text
    chat.take_turn("teo", thread.id, "no", "k2")
    again = chat.take_turn("teo", thread.id, DONE, "k3").reply
    assert again.source == "offline" and "call or text 988" in again.text
    assert again.text.endswith("There is a line for young people, too: you can call or text Childhelp at "
                               "1-800-422-4453, any time: they talk with children and teens, too.")


@pytest.mark.parametrize("more", ["I think about dying a lot", "honestly I'd rather not be here"])
def test_after_a_no_a_message_that_says_more_is_asked_about_again(chat, more):
    """The question is held back for the same doubt, not for new words: "I think about dying a lot" after a no says
    what the question asked about, and is asked again."""
    thread = chat.store.ensure_private_thread("jo")
    chat.take_turn("jo", thread.id, DONE, "k1")
    chat.take_turn("jo", thread.id, "no", "k2")
    assert screen(more).tentative
    assert "are you having thoughts of suicide" in chat.take_turn("jo", thread.id, more, "k3").reply.text


def test_after_a_no_a_doubt_about_abuse_is_not_put_again_either(chat):
    thread = chat.store.ensure_private_thread("fay")
    complaint = "he yells at me all the time"
    assert "afraid of them" in chat.take_turn("fay", thread.id, complaint, "k1").reply.text
    chat.take_turn("fay", thread.id, "no", "k2")
    again = chat.take_turn("fay", thread.id, complaint, "k3").reply
    assert again.source == "offline" and "afraid of them, or not safe at home, you can tell me" in again.text
    assert "1-800-799-7233" in again.text and "call 911" in again.text


def test_a_no_taken_back_a_message_later_is_a_yes(chat, dynamodb):
    """"No" to the screener's question, then "actually I lied, I do think about it" after the coach's answer: the
    member is heard, though alone the screen reads it as nothing, and on-call is told the answer is now yes."""
    thread = chat.store.ensure_private_thread("hal")
    chat.take_turn("hal", thread.id, DONE, "k1")
    chat.take_turn("hal", thread.id, "no", "k2")
    taken_back = "actually I lied, I do think about it"
    assert not screen(taken_back).escalate
    told = chat.take_turn("hal", thread.id, taken_back, "k3").reply
    assert told.source == "safety" and "988" in told.text and "are you having thoughts" not in told.text
    [incident] = IncidentStore("inetta-test", client=dynamodb).list_for_member("hal")
    assert incident["member_answer"] == "yes"


def test_after_a_no_an_everyday_actually_is_just_a_word(chat):
    thread = chat.store.ensure_private_thread("ivy")
    chat.take_turn("ivy", thread.id, DONE, "k1")
    chat.take_turn("ivy", thread.id, "no", "k2")
    assert chat.take_turn("ivy", thread.id, "actually I had a good day today", "k3").reply.source == "offline"
    assert chat.take_turn("ivy", thread.id, "actually no", "k4").reply.source == "offline"


def test_a_no_from_more_than_a_day_ago_does_not_stop_the_question(chat, monkeypatch):
    thread = chat.store.ensure_private_thread("gus")
    chat.take_turn("gus", thread.id, DONE, "k1")
    chat.take_turn("gus", thread.id, "no", "k2")
    later = datetime.now(timezone.utc) + timedelta(hours=25)
    monkeypatch.setattr("services.chat.turn.utc_now", lambda: later)
    assert "are you having thoughts of suicide" in chat.take_turn("gus", thread.id, DONE, "k3").reply.text


def test_a_no_that_goes_on_to_name_a_danger_is_told_not_asked(chat):
    thread = chat.store.ensure_private_thread("cy")
    chat.take_turn("cy", thread.id, "he yells at me all the time", "k1")
    reply = chat.take_turn("cy", thread.id, "no, but sometimes he pushes me", "k2").reply
    assert reply.source == "safety" and "describing is serious" in reply.text


def test_someone_worried_about_another_answers_the_suicide_question_and_is_helped_to_help_them(chat, dynamodb):
    """The learned layers caught it, unsure whose it is, and asked the member about their own thoughts: the reply
    invites "it's someone else", offers it with one tap, and that answer gets the reply for the one who worries. On
    the incident, on-call reads the answer ("someone else"), and the other person's crisis is an incident of its own."""
    thread = chat.store.ensure_private_thread("eve")
    asked = chat.take_turn("eve", thread.id, DONE, "k1").reply
    assert "are you having thoughts of suicide" in asked.text and "someone close to you" in asked.text
    assert asked.quick_replies[-1] == SOMEONE_ELSE_ANSWER
    told = chat.take_turn("eve", thread.id, SOMEONE_ELSE_ANSWER, "k2").reply
    assert told.source == "safety" and "someone you love" in told.text and told.quick_replies == []
    incidents = sorted(IncidentStore("inetta-test", client=dynamodb).list_for_member("eve"),
                       key=lambda i: i["created_at"])
    assert [(i.get("member_answer"), i["someone_else"]) for i in incidents] == [("someone else", False), (None, True)]


@pytest.mark.parametrize("answer", ["no, it's my son", "my daughter", "i'm worried about my wife", "not me, my husband",
                                    "no it's my 15 year old, she's been so low", SOMEONE_ELSE_ANSWER])
def test_it_s_someone_else_answers_the_suicide_question_as_theirs(answer):
    from shared.safety.question import read_answer

    doubt = ScreenResult(escalate=True, category=SUICIDE_SELF_HARM, danger="moderate", layer="tfidf", tentative=True)
    result = read_answer(SUICIDE_SELF_HARM, answer, doubt)
    assert result.escalate and result.someone_else and result.layer == "answer" and not result.tentative
    # Not to the abuse question, and not when what follows may be about the member.
    assert not read_answer(ABUSE, answer, doubt).someone_else
    assert not read_answer(SUICIDE_SELF_HARM, "my wife is fine, it's me", doubt).someone_else


@pytest.mark.parametrize("answer, read_as", [
    ("yes", "yes"), ("yeah sometimes", "yes"), ("kind of", "yes"), ("a little", "yes"), ("i am", "yes"),
    ("maybe", "yes"), ("i don't know", "yes"), ("idk", "yes"), ("not sure", "yes"),
    ("no", "no"), ("nope", "no"), ("i'm not", "no"), ("i'm afraid not", "no"), ("no, i'm fine", "no"),
    ("not really", "no"), ("never", "no"),
    ("no but he gets scary when he drinks", "screen"), ("thanks", "screen"), ("what do you mean?", "screen"),
    # The one-tap answers offered under the question (QUICK_ANSWERS) say what they mean.
    ("Yes", "yes"), ("Sometimes", "yes"), ("No", "no"),
])
def test_answers_are_read_as_yes_no_or_left_to_the_screen(answer, read_as):
    from shared.safety.question import read_answer

    doubt = ScreenResult(escalate=True, category=ABUSE, danger="moderate", layer="tfidf", tentative=True)
    quiet = ScreenResult(escalate=False, layer="tfidf")
    for screening in (doubt, quiet):
        result = read_answer(ABUSE, answer, screening)
        expected = {"yes": True, "no": False, "screen": screening.escalate}[read_as]
        assert result.escalate is expected, (answer, screening.escalate)
        if read_as != "screen":
            assert result.layer == "answer", (answer, screening.escalate)  # recorded on the incident
        if read_as == "yes":
            assert not result.tentative and result.category == ABUSE
    assert read_answer(None, answer, quiet) is quiet  # nothing was asked: nothing to answer
    # A doubt about something else is not answered by this: the screen's own reply stands.
    other = ScreenResult(escalate=True, category="child_safety", danger="moderate", layer="tfidf", tentative=True)
    assert read_answer(ABUSE, answer, other) is other


@pytest.mark.parametrize("locale", LOCALES)
def test_a_child_hurt_at_home_is_told_it_is_not_their_fault_and_where_young_people_get_help(locale):
    from shared.safety.reply import crisis_response

    resources = resources_for(locale)
    text = crisis_response(screen("my stepdad pinned me down and choked me last night"), locale).text
    assert "it is not your fault" in text and "safe at home" in text and "adult you trust" in text
    assert resources.emergency in text and resources.youth in text
    # Not the reply for an adult who worries about a child, nor a partner's abuse and its safety plan.
    assert "A child's safety comes first" not in text and resources.abuse not in text
    assert not [word for word in NEVER if word in text.lower()]
    # An adult who worries about a child still gets theirs.
    other = crisis_response(screen("my husband hits our son with a belt"), locale).text
    assert "A child's safety comes first" in other and resources.child in other and "safe at home" not in other


def test_every_country_has_a_line_that_talks_with_young_people():
    assert "Childline" in RESOURCES["GB"].youth and "Kids Help Phone" in RESOURCES["CA"].youth
    assert "Kids Helpline" in RESOURCES["AU"].youth and "Childhelp" in RESOURCES["US"].youth
    assert "findahelpline.com" in resources_for("de-DE").youth


def test_every_country_has_a_line_for_the_abuse_of_older_people():
    assert "Eldercare Locator" in RESOURCES["US"].elder and "Hourglass" in RESOURCES["GB"].elder
    assert "211" in RESOURCES["CA"].elder and "1800ELDERHelp" in RESOURCES["AU"].elder
    assert "findahelpline.com" in resources_for("de-DE").elder


# Each rule for an older person's abuse says so (Rule.older_adult), and the screen's answer carries it, also when the
# text names no age, pension or care home (an_older_adult_and_no_child would not find one).
@pytest.mark.parametrize("text, rule", [
    ("my granddaughter hides my hearing aids when she's angry with me", "abu.elder"),
    ("my carer pinches me when i'm too slow getting dressed", "abu.elder_hurt"),
    ("my daughter in law locks my mother in her room when she goes out", "abu.other.elder"),
    ("the night carer ties grandma to the chair so she won't wander", "abu.other.elder_care"),
])
def test_every_rule_for_an_older_person_s_abuse_sets_it(text, rule):
    screening = screened_as(text, ABUSE, older_adult=True)
    assert rule in screening.signals, screening


# An older person's abuse, in their own words or a relative's, gets the country's line for it as well as the domestic
# abuse line, which is for partners; a younger partner's abuse does not.
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("text, someone_else", [
    ("my son keeps back my insulin until i do as he says. i'm 81", False),
    ("my husband hits me and we are both 78", False),
    ("mum's 84 and my sister leaves her without food all day when she goes to work", True),
])
def test_an_older_person_s_abuse_gets_the_line_for_it(locale, text, someone_else):
    from shared.safety.reply import crisis_response

    resources = resources_for(locale)
    screening = screen(text)
    assert screening.category == ABUSE and screening.older_adult and screening.someone_else is someone_else, screening
    reply = crisis_response(screening, locale).text
    assert resources.elder in reply and resources.abuse in reply and resources.emergency in reply
    assert reply.rstrip().endswith(("support you.", "your safety comes first.", "what happened.")), reply
    assert not [word for word in NEVER if word in reply.lower()]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_younger_partner_s_abuse_does_not_get_the_line_for_older_people(locale):
    from shared.safety.reply import crisis_response

    screening = screen("my husband hit me last night and i'm scared to go home")
    assert screening.category == ABUSE and not screening.older_adult, screening
    assert resources_for(locale).elder not in crisis_response(screening, locale).text


@pytest.mark.parametrize("locale", LOCALES)
def test_a_member_under_18_is_also_given_the_line_for_young_people(locale):
    """A member flagged as under 18 in a circle: their own suicidal thoughts, abuse or anger get the country's line for
    young people as well as the usual lines, and a child at risk they tell of is answered as the child's."""
    from shared.safety.reply import crisis_response

    resources = resources_for(locale)
    for category, line in ((SUICIDE_SELF_HARM, resources.suicide), (ABUSE, resources.abuse),
                           ("harm_to_others", resources.suicide)):
        for tentative in (False, True):
            text = reply_to(category, "moderate", locale, tentative=tentative, minor=True)
            assert line in text and resources.youth in text and resources.emergency in text
            # ...before the open door, which stays last
            assert text.index(resources.youth) < text.rindex("\n\n")
            assert resources.youth not in reply_to(category, "moderate", locale, tentative=tentative)
    # Not when the one at risk is someone else: the reply is for the one who worries.
    assert resources.youth not in reply_to(SUICIDE_SELF_HARM, "moderate", locale, someone_else=True, minor=True)
    # A child at risk a minor tells of, in words an adult might use ("the baby", their sister): the child's reply.
    screening = screen("mum goes out every night and leaves the baby alone with nobody")
    assert screening.category == "child_safety" and not screening.writer_is_child
    told = crisis_response(screening, locale, minor=True).text
    assert "not your fault" in told and resources.youth in told and "A child's safety comes first" not in told


def test_a_failed_read_of_whether_the_member_is_a_minor_answers_as_for_an_adult():
    """The crisis reply never waits on, or fails with, that read: a throttled table gives the adult's reply (the same
    lines and emergency number)."""
    from botocore.exceptions import ClientError

    from shared.store.circles import CircleStore, minor_for_crisis_reply

    class Throttled:
        def query(self, **_):
            raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException"}}, "Query")

    assert minor_for_crisis_reply(CircleStore("table", client=Throttled()), "m1") is False
