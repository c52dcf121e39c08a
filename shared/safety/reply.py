"""The crisis reply: written here, reviewed, never produced by a language model.

It follows safe-messaging practice: it takes the member seriously, gives no method detail, offers hope and a next
step, names concrete resources for the member's country, and keeps the conversation open. Under abuse it gives no
advice that could put the member at more risk (no "talk it out with your partner", no compromise).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import ScreenResult
from .question import question_for, quick_answers
from .rules import OWN_URGE
from .vocab import ABUSE, CHILD_SAFETY, HARM_TO_OTHERS, MEDICAL_EMERGENCY, SUICIDE_SELF_HARM


@dataclass(frozen=True)
class Resources:
    country: str
    emergency: str
    suicide: str
    abuse: str
    child: str
    youth: str  # for a child or teen themselves: a line that talks with young people
    elder: str  # for the abuse of an older person, by family or a carer: for them and for those who worry about them


RESOURCES: dict[str, Resources] = {
    "US": Resources(
        country="US",
        emergency="call 911",
        suicide="call or text 988 (Suicide & Crisis Lifeline), any time",
        abuse="call the National Domestic Violence Hotline at 1-800-799-7233, or text START to 88788",
        child="call or text the Childhelp National Child Abuse Hotline at 1-800-422-4453",
        youth="call or text Childhelp at 1-800-422-4453, any time: they talk with children and teens, too",
        elder="call the Eldercare Locator at 1-800-677-1116 on weekdays, who put you in touch with Adult Protective "
              "Services where the older person lives",
    ),
    "GB": Resources(
        country="UK",
        emergency="call 999",
        suicide="call Samaritans on 116 123, free, any time",
        abuse="call the National Domestic Abuse Helpline on 0808 2000 247, free, any time",
        child="call the NSPCC on 0808 800 5000 (children and young people can call Childline on 0800 1111)",
        youth="call Childline on 0800 1111, free, any time, or talk to them online at childline.org.uk",
        elder="call Hourglass on 0808 808 8141, free, any time",
    ),
    "CA": Resources(
        country="Canada",
        emergency="call 911",
        suicide="call or text 9-8-8 (Suicide Crisis Helpline), any time",
        abuse="find a shelter or crisis line near you at sheltersafe.ca, or call 911 if you are in danger",
        child="call Kids Help Phone at 1-800-668-6868 or text CONNECT to 686868",
        youth="call Kids Help Phone at 1-800-668-6868 or text CONNECT to 686868, any time",
        elder="call 211 to find the services for older people who are abused where you live (in Ontario, the Seniors "
              "Safety Line at 1-866-299-1011, any time)",
    ),
    "AU": Resources(
        country="Australia",
        emergency="call 000",
        suicide="call Lifeline on 13 11 14, any time",
        abuse="call 1800RESPECT on 1800 737 732, any time",
        child="call Kids Helpline on 1800 55 1800",
        youth="call Kids Helpline on 1800 55 1800, free, any time",
        elder="call 1800ELDERHelp on 1800 353 374, free",
    ),
}
INTERNATIONAL = Resources(
    country="your country",
    emergency="call your local emergency number",
    suicide="find a free, confidential crisis line in your country at findahelpline.com",
    abuse="find a domestic abuse helpline in your country at findahelpline.com",
    child="find a child protection helpline in your country at findahelpline.com",
    youth="find a free helpline for young people in your country at findahelpline.com",
    elder="contact the adult social services where the older person lives, or find a helpline at findahelpline.com",
)
_ALIASES = {"UK": "GB"}


def resources_for(locale: str | None) -> Resources:
    """en-US → US, en_GB → UK, fr-CA → Canada; anything else → the international list."""
    parts = (locale or "").replace("_", "-").split("-")
    region = parts[-1].upper() if len(parts) > 1 else ""
    region = _ALIASES.get(region, region)
    return RESOURCES.get(region, INTERNATIONAL)


def crisis_reply(screening: ScreenResult, locale: str | None, minor: bool = False) -> str:
    """The reply for a crisis ``screening`` escalated, read from the screening itself. ``tentative``: no reviewed rule
    named what is happening; the learned layers or the provider's moderation model escalated alone. Unless the danger
    is high, the suicide and abuse replies then ask, as a screener would, instead of telling the member what they are
    going through: it may be a complaint the classifier over-read ("he yells at me all the time" can be either), or
    the indirect disclosure of someone who would not call it abuse. The resources, the emergency number and the open
    door are the same.

    ``someone_else``: the one at risk of suicide is someone in the member's life ("my son told me he wants to die").
    The reply is for the one who worries about them: how to keep them safe and where to call (crisis lines help people
    worried about someone else too), not a reply to the member's own thoughts.

    For abuse, ``someone_else`` means the one being hurt is someone in the member's life ("my daughter's husband
    choked her"): the reply is for the one who worries (helplines help family and friends too), not one that tells
    the member it is not their fault.

    For harm to others, ``someone_else`` means the one who may do the harm is someone in the member's life, not the
    member ("my son said he's going to shoot up his school"): the reply is for the one who worries, not one that
    tells the member to step away from their own anger.

    A child at risk by the writer's own urge (rule ``chi.own_urge`` among the signals): a parent afraid of their own
    thoughts of hurting their child. They are thanked, not judged (such thoughts are common when exhausted, and shame
    keeps parents from telling anyone), and told what keeps the child safe in the moment: put the child somewhere
    safe and step away.

    ``writer_is_child``: the member is the child hurt at home ("my stepdad choked me"). They are told it is not their
    fault, where to go if they are in danger (a safe adult nearby too), the line that talks with young people, and
    asked about an adult they trust: a child can rarely make themselves safe alone.

    ``minor`` (the caller's, not the screen's): the member is flagged as under 18 in one of their circles. A child at
    risk they tell of is answered as the child's (``writer_is_child``): whoever is hurt at their home, they are a
    child there too. Their own suicidal thoughts, abuse or anger get the country's line for young people as well,
    before the open door.

    ``older_adult``: the abuse is of an older person, by family or a carer ("my son takes my pension", "my sister
    leaves mum without food all day"). The country's line for the abuse of older people is given as well, before the
    open door: a domestic abuse line alone is for partners.

    For harm to others that no rule named (``tentative``), the reply speaks to the member's own safety as well as to
    others': the learned layers cannot tell whose life they sensed in danger."""
    category, danger, someone_else = screening.category, screening.danger, screening.someone_else
    own_urge = category == CHILD_SAFETY and OWN_URGE in screening.signals
    r = resources_for(locale)
    urgent = danger == "high"
    question = question_for(category, screening.tentative, danger)
    writer_is_child = screening.writer_is_child or (minor and category == CHILD_SAFETY and not own_urge)
    if category == SUICIDE_SELF_HARM and someone_else:
        parts = [
            "Thank you for telling me. It's frightening to hear this about someone you love, and you're right to take "
            "it seriously.",
            (f"If they have hurt themselves, or you think they might act on it now, please {r.emergency} now, and stay "
             "with them if it's safe to."
             if urgent else
             f"If they have hurt themselves, or you think they might act on it soon, please {r.emergency}."),
            f"You can {r.suicide}: they help people who are worried about someone else, too, and you can call "
            "together with them.",
            "It helps to ask them directly and calmly whether they are thinking about suicide (asking does not put the "
            "idea in their head), to listen without arguing, to stay close, and, if you can do it safely, to put away "
            "anything they could use to hurt themselves.",
            "Please look after yourself as well. I'm here to help you think about how to support them, and to support "
            "you.",
        ]
    elif category == SUICIDE_SELF_HARM and question:
        parts = [
            question,
            f"If you are, you don't have to carry them alone. You can {r.suicide}. Talking to someone trained for "
            "exactly this can help, even when it feels like nothing will.",
            f"If you feel you might act on these thoughts, or you're not safe right now, please {r.emergency}.",
            "If it's someone close to you that you're worried about, tell me that, and we'll think together about how "
            "to help them stay safe.",
            "Whatever your answer is, I'm here: tell me more about what's going on.",
        ]
    elif category == ABUSE and someone_else:
        parts = [
            "Thank you for telling me. It's frightening to know that someone you love is being hurt, and you're right "
            "to take it seriously.",
            f"If they are in danger right now, please {r.emergency}.",
            f"Domestic abuse helplines help family and friends too: you can {r.abuse}, to talk through how to help "
            "and how to keep them safe.",
            "What helps most is often to listen without judging, to tell them it is not their fault, and to let them "
            "make their own choices: pressure can push them away, and leaving is often the most dangerous time, so it "
            "is best planned with a helpline. Please don't confront the person hurting them.",
            "If you contact them, the person hurting them may be reading their phone: ask them what is safe.",
            "I'm here to help you think through how to support them, and to support you.",
        ]
    elif category == ABUSE and question:
        parts = [
            question,
            "If that is happening, it is not your fault, and you don't have to face it alone. For confidential support "
            f"and help making a safety plan, you can {r.abuse}. If you are in danger right now, please {r.emergency}.",
            "If someone else can see your phone or this app, think about using a device they can't check.",
            "Whatever your answer is, I'm here to listen: tell me more about what happened.",
        ]
    elif category == SUICIDE_SELF_HARM:
        parts = [
            "I'm really glad you told me. What you're feeling matters, and you don't have to carry it alone.",
            # High danger includes an attempt under way ("took the lot an hour ago"): say that case first.
            (f"If you have hurt yourself or taken something, or you might act on these thoughts, or you're not safe "
             f"right now, please {r.emergency} now."
             if urgent else
             f"If things get worse or you feel you might act on these thoughts, please {r.emergency}."),
            f"You can also {r.suicide}. Talking to someone trained for exactly this can help, even when it feels like nothing will.",
            "Is there someone you trust who could be with you, or whom you could call right now?",
            "I'm here, and we can keep talking.",
        ]
    elif category == ABUSE:
        parts = [
            "Thank you for telling me. What you're describing is serious, and it is not your fault.",
            f"If you are in danger right now, please {r.emergency}.",
            f"For confidential support and help making a safety plan, you can {r.abuse}.",
            "If someone else can see your phone or this app, think about using a device they can't check.",
            "I'm here to keep listening and to support you — your safety comes first.",
        ]
    elif category == CHILD_SAFETY and own_urge:
        parts = [
            "Thank you for telling me. Frightening thoughts like these are more common than people think, especially "
            "when you're exhausted or under strain, and telling someone is a strong, caring step.",
            "If you feel you might act on them right now, put your child somewhere safe, like their cot or bed, go to "
            f"another room, and {r.emergency} or call someone you trust to come over.",
            f"You can also {r.suicide}: they help with any overwhelming feelings, not only thoughts of suicide. Your "
            "doctor, midwife or health visitor can help too.",
            "I'm here to keep talking this through with you, without judgement.",
        ]
    elif category == CHILD_SAFETY and writer_is_child:
        parts = [
            "Thank you for telling me. What you're describing is not okay, and it is not your fault. You deserve to be "
            "safe at home.",
            f"If you are in danger right now, or afraid to go home, please {r.emergency}, or go to a safe adult nearby: "
            "a neighbour, a friend's parent, a teacher.",
            f"You can {r.youth}. It's confidential, and they can help you work out what to do.",
            "Is there an adult you trust, like a teacher, a school counsellor or a relative, whom you could tell "
            "today? They can help keep you safe.",
            "If someone could read your phone or this app, think about using a device they can't check.",
            "I'm here, and we can keep talking.",
        ]
    elif category == CHILD_SAFETY:
        parts = [
            "Thank you for telling me. A child's safety comes first, and you did the right thing by speaking up.",
            f"If a child is in danger right now, please {r.emergency}.",
            f"You can {r.child} for advice on what to do next, confidentially.",
            "I'm here to keep talking this through with you.",
        ]
    elif category == HARM_TO_OTHERS and someone_else:
        parts = [
            "Thank you for telling me. When someone talks about hurting other people, it's right to take it seriously, "
            "even if they may not mean it.",
            f"If anyone is in danger right now, or you think they might act soon, please {r.emergency} now.",
            "If it's about a school or a workplace, tell the police or the school: they can act to keep people safe and "
            "to get the person help. Telling them is not a betrayal.",
            "If you can do it safely, make sure they cannot get to guns or other weapons: lock them away, or ask "
            "someone to take them out of the house. Don't confront them alone if you feel unsafe.",
            "I'm here to help you think through what to do next.",
        ]
    elif category == HARM_TO_OTHERS and screening.tentative:
        # No rule named a threat: the learned layers sensed violence, and cannot tell whose life is in danger. Of the
        # messages of the evaluation sets they read as harm to others, one in eight was the writer's own plan to die
        # ("I'm going to use my dad's gun when he's on nights"), so the reply speaks to the member's own safety too.
        parts = [
            "It sounds like you're carrying a lot of pain right now, and I'm glad you said it here.",
            f"If you feel you might hurt yourself or someone else, or you're not safe right now, please {r.emergency}. "
            "If it's someone else, step away from them first.",
            f"You can also {r.suicide} — they help with thoughts of suicide and with any overwhelming feelings, anger "
            "too.",
            "When you're somewhere safe, I'm here to talk about what's going on.",
        ]
    elif category == HARM_TO_OTHERS:
        parts = [
            "It sounds like you're carrying a lot of anger or pain right now, and I'm glad you said it here.",
            f"If you feel you might hurt someone, please step away from them and {r.emergency} if anyone is in danger.",
            f"You can also {r.suicide} — they help with any overwhelming feelings, not only thoughts of suicide.",
            "When you're somewhere safe, I'm here to talk about what's going on.",
        ]
    else:  # MEDICAL_EMERGENCY and anything unforeseen: get help first
        parts = [
            f"This sounds like it may be a medical emergency. Please {r.emergency} now, or ask someone near you to.",
            "Stay with the person if it's safe to, and follow the emergency operator's instructions.",
            "I'm here when you're ready to talk.",
        ]
    if minor and category in (SUICIDE_SELF_HARM, ABUSE, HARM_TO_OTHERS) and not someone_else:
        # Before the last part, the open door: "I'm here".
        parts.insert(len(parts) - 1, f"There is a line for young people, too: you can {r.youth}.")
    if screening.older_adult and category == ABUSE:
        parts.insert(len(parts) - 1, "There is a line for older people who are hurt or exploited by family or a carer, "
                                     f"and for those who worry about them: you can {r.elder}.")
    return "\n\n".join(parts)


def door_left_open(category: str, locale: str | None, minor: bool = False) -> str:
    """The line under the coach's reply when the member said no to the screener's question a little earlier and
    writes again in words the learned layers doubt (``question.not_asked_again``): not asked again, but told where
    help is if that changes. ``minor``: as in ``crisis_reply``, a member under 18 is also given the line for young
    people, which the crisis reply they said no to gave them too."""
    r = resources_for(locale)
    if category == ABUSE:
        line = (f"If you ever feel afraid of them, or not safe at home, you can tell me, or {r.abuse}. "
                f"If you're in danger right now, please {r.emergency}.")
    else:
        line = f"If thoughts of suicide or of not wanting to be alive do come, you can tell me, or {r.suicide}."
    return f"{line} There is a line for young people, too: you can {r.youth}." if minor else line


# Exported for the tests: every category has a reply.
REPLY_CATEGORIES = (SUICIDE_SELF_HARM, ABUSE, CHILD_SAFETY, HARM_TO_OTHERS, MEDICAL_EMERGENCY)


@dataclass(frozen=True)
class CrisisResponse:
    text: str
    quick_replies: tuple[str, ...]  # the one-tap answers, when the reply asks the screener's question


def crisis_response(screening: ScreenResult, locale: str | None, minor: bool = False) -> CrisisResponse:
    """What the crisis protocol answers a text ``screening`` escalated, wherever it was written (chat or mediation):
    the reply, and the one-tap answers that go with its question (both follow ``question_for``, so they agree).
    ``minor``: the member is flagged as under 18 in one of their circles (``crisis_reply``)."""
    return CrisisResponse(text=crisis_reply(screening, locale, minor), quick_replies=quick_answers(screening))
