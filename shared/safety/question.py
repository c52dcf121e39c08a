"""The screener's question after a tentative escalation, and what the member's answer to it means.

When no reviewed rule named what is happening (``ScreenResult.tentative``), the suicide and abuse replies ask the
member a screener's question (``reply.py``) instead of telling them what they are going through. Their next message
is read as the answer, because a short answer carries no crisis words of its own:

- **yes** ("yes", "sometimes", "kind of"...), or not knowing ("maybe", "I don't know"): a disclosure. The crisis
  protocol answers and, this time, tells; suicide is graded at least "thoughts" (a yes to the C-SSRS thoughts
  question), abuse is left for a human to grade. Not knowing counts as yes: when in doubt, a person reads it.
- **no** ("no", "I'm safe", "nothing like that"...), with no "but" after it: the learned layers' doubt in the same
  category is not put to the member a second time; the coach answers. A danger a rule names ("no, but he choked me")
  escalates as always, and so does anything of high danger.
- **someone else** (to the suicide question: "no, it's my son", "I'm worried about my wife"): the one at risk is
  someone in the member's life. The crisis protocol answers as it does for someone else at risk (``reply.py``), and
  that crisis is recorded as theirs.
- anything else: the screen decides alone.
"""

from __future__ import annotations

import re

from . import ScreenResult
from .rules import OTHER_NOUN, normalise, suicide_severity
from .vocab import ABUSE, DANGER, SUICIDE_SELF_HARM

# The question each tentative reply opens with. ``reply.py`` writes them; ``asked`` recognises them in the thread.
QUESTIONS = {
    SUICIDE_SELF_HARM: (
        "Thank you for telling me. I'd like to ask you directly, because it matters and you can answer honestly "
        "here: are you having thoughts of suicide, or of not wanting to be alive?"
    ),
    ABUSE: (
        "Thank you for telling me about this. Before anything else I'd like to ask, because your safety matters "
        "more than anything we talk about: do you ever feel afraid of them, or that they control, watch or hurt you?"
    ),
}

# Offered with one tap under the question (``Message.quick_replies``); each reads as the answer it says (tested).
QUICK_ANSWERS = ("Yes", "Sometimes", "No")
# Under the suicide question, also: the member who wrote of someone else may be the one who worries.
SOMEONE_ELSE_ANSWER = "It's someone I'm worried about"
QUICK_ANSWERS_BY_CATEGORY = {SUICIDE_SELF_HARM: (*QUICK_ANSWERS, SOMEONE_ELSE_ANSWER)}

# An answer is short: a longer message is a message of its own, for the screen alone.
ANSWER_WORDS = 15
# Not knowing is read as yes: when in doubt, a person reads it.
_UNSURE = re.compile(r"^(?:i don'?t know|i do not know|idk|(?:i'?m |i am )?not sure|maybe|possibly|i guess)\b")
_NO = re.compile(
    r"^(?:no|nope|nah|not really|not at all|never|i'?m not|i am not|i'?m afraid not|i don'?t|i do not|i haven'?t"
    r"|i have not"
    r"|i'?m safe|i am safe|i'?m fine|i am fine|i'?m ok(?:ay)?|i am ok(?:ay)?|nothing like that|god no|of course not"
    r"|definitely not|no way)\b")
_YES = re.compile(
    r"^(?:yes|yeah|yea|yep|yup|ya|yh|sometimes|kind of|kinda|sort of|a (?:little|bit|lot)|i think so|i do|i am"
    r"|i'?m afraid|i have|i'?ve been|honestly,? yes|always|often|all the time|every day|more and more|lately)\b")
# "no, it's my son", "I'm worried about my wife", "someone I'm worried about": someone else is the one at risk.
_ANSWERED_SOMEONE_ELSE = re.compile(
    r"^(?:(?:no|nope|not me|not me,? no)[,.!]* )?(?:it'?s |it is |i'?m |i am )?"
    rf"(?:(?:worried|scared|asking|talking) (?:about|for) |about |for )?(?:(?:my|our) (?:[\w'-]+ ){{0,2}}?{OTHER_NOUN}"
    r"|someone (?:i'?m|i am) worried about|someone else)"
    # ...and nothing after it that could be about the member ("my wife is fine, it's me"), but what follows of them
    r"(?:[.!?,]*$|,? (?:he|she|they|he's|she's|they're|i'?m worried|i am worried)\b)")
# "no, but...": the member is about to say something; the screen reads it as a message of its own.
_TURN = re.compile(r"\b(?:but|though|although|except|sometimes|unless|until|only when|well)\b")


def asks(tentative: bool, danger: str | None) -> bool:
    """Whether the crisis reply asks the screener's question instead of telling: no rule named what is happening,
    and the danger is not high (high danger is never softened). The one place this is decided, for the reply and
    for reading the answer."""
    return tentative and danger != "high"


def stands(screening: ScreenResult) -> bool:
    """Whether the screen's result stands whatever the member answers: a danger named by a rule, or of high
    danger, is told and never put as a question."""
    return screening.escalate and not asks(screening.tentative, screening.danger)


def question_for(category: str | None, tentative: bool, danger: str | None) -> str | None:
    """The screener's question the crisis reply opens with, or None when it tells instead (or its category has no
    question). The one place this is decided, for the reply, its one-tap answers and the incident."""
    return QUESTIONS.get(category) if asks(tentative, danger) else None


def quick_answers(screening: ScreenResult) -> tuple[str, ...]:
    """The answers offered under the crisis reply to ``screening``: QUICK_ANSWERS (and, under the suicide question,
    SOMEONE_ELSE_ANSWER) when it asks a screener's question, else none."""
    if screening.escalate and question_for(screening.category, screening.tentative, screening.danger):
        return QUICK_ANSWERS_BY_CATEGORY.get(screening.category, QUICK_ANSWERS)
    return ()


def answer_of(screening: ScreenResult) -> str:
    """What a member's answer to the screener's question says, as set on the incident for on-call: "yes", "no", or
    "someone else" (the one at risk is someone in the member's life)."""
    if screening.someone_else:
        return "someone else"
    return "yes" if screening.escalate else "no"


def asked(reply_text: str | None) -> str | None:
    """The category whose screener question this coach reply asked, or None."""
    for category, question in QUESTIONS.items():
        if reply_text and reply_text.startswith(question):
            return category
    return None


def _answer(question: str, norm: str) -> str | None:
    """What a short normalised message says as the answer to ``question``'s screener question: "someone else" (to
    the suicide question), "no", "yes" (not knowing counts as yes), or None (not an answer). The one reading of an
    answer, for the message right after the question (``read_answer``) and for one further back (``answered_no``)."""
    if len(norm.split()) > ANSWER_WORDS:
        return None
    if question == SUICIDE_SELF_HARM and _ANSWERED_SOMEONE_ELSE.match(norm):
        return "someone else"
    if _NO.match(norm) and not _UNSURE.match(norm) and not _TURN.search(norm):
        return "no"
    if _UNSURE.match(norm) or (_YES.match(norm) and not _NO.match(norm)):
        return "yes"
    return None


def answered_no(question: str, text: str) -> bool:
    """Whether ``text``, as the answer to ``question``'s screener question, was a clear no."""
    return _answer(question, normalise(text)) == "no"


# A no taken back, in a later message: "actually yes", "i lied", "that wasn't true", "sorry, yes i have".
_TAKEN_BACK = re.compile(
    r"\b(?:i lied|i was lying|i wasn'?t (?:being )?honest|(?:that|it) (?:was|is)n'?t true|"
    r"(?:that|it) (?:was|is) not true|"
    r"not true what i said|i said no (?:but|before|earlier)|i didn'?t mean (?:no|that|it)|i take (?:that|it) back)\b"
    r"|^(?:actually|honestly|tbh|to be honest|the truth is|truthfully|sorry)[,.!]* (?:the truth is,? )?"
    r"(?:yes|yeah|yep|i do|i have|i am|i'?m not (?:ok|okay|safe|fine)|sometimes|kind of|a bit|a little)\b")


def takes_back_no(text: str) -> bool:
    """Whether ``text`` takes back a no the member gave the screener's question earlier ("actually yes", "i lied")."""
    norm = normalise(text)
    return len(norm.split()) <= ANSWER_WORDS and _TAKEN_BACK.search(norm) is not None


def read_after_no(question: str, text: str, screening: ScreenResult) -> ScreenResult:
    """The screen's result for ``text``, a later message of a member who answered no to ``question``'s screener
    question a little earlier (the thread says so; ``services/chat/turn.py``): a no taken back is a yes, as if it had
    been the answer; the same doubt again, in words that say no more, is not asked about again (``not_asked_again``).
    Otherwise ``screening``."""
    if not screening.escalate:
        return read_answer(question, "yes", screening) if takes_back_no(text) else screening
    if (screening.category == question and question_for(question, screening.tentative, screening.danger)
            and not says_more(question, text)):
        return not_asked_again(screening)
    return screening


# The words of what the question asks about: a message that has them says more than the doubt the member answered no
# to ("i think about dying a lot" after "no"), and is asked about again (``says_more``).
_WHAT_IT_ASKS = {
    SUICIDE_SELF_HARM: re.compile(
        r"\b(?:die|dies|dying|died|death|dead|suicid\w*|kill\w*|end (?:it|my life|things)|not (?:be )?(?:here|around|alive)|"
        r"wake up|disappear\w*|gone|alive|live|living|overdose\w*|pills|tablets|cut|cutting|hurt myself|harm myself|"
        r"self[- ]?harm\w*|burden)\b"),
    ABUSE: re.compile(
        r"\b(?:afraid|scared|fear\w*|frighten\w*|terrified|hurt\w*|hit\w*|push\w*|shov\w*|chok\w*|slap\w*|kick\w*|"
        r"threat\w*|control\w*|watch\w*|track\w*|won'?t let|doesn'?t let|locks?|locked|forced?|bruise\w*|unsafe|not safe)\b"),
}


def says_more(category: str, text: str) -> bool:
    """Whether ``text`` has the words of what the screener's question of ``category`` asks about: then it says more
    than a doubt, and the question is put again even after a no."""
    words = _WHAT_IT_ASKS.get(category)
    return bool(words and words.search(normalise(text)))


# The signal of a doubt not asked about again, before its category (``not_asked_again``, ``held_back``).
_HELD_BACK = "answer.no_before."


def not_asked_again(screening: ScreenResult) -> ScreenResult:
    """The screen's result for a message whose tentative ``screening`` would put the screener's question again, when
    the member answered no to it a little earlier (``read_after_no``). Asking again every time a member who said they
    are safe says they are low tells them they were not heard: the coach answers, with the door left open
    (``reply.door_left_open``). A danger a rule names, or of high danger, is never held back, and a message with the
    words of what the question asks about (``says_more``) is asked about again."""
    return ScreenResult(escalate=False, signals=[*screening.signals, f"{_HELD_BACK}{screening.category}"],
                        layer="answer")


def held_back(screening: ScreenResult) -> str | None:
    """The category of the doubt ``screening`` did not ask about again (``not_asked_again``), or None."""
    return next((signal.removeprefix(_HELD_BACK) for signal in screening.signals if signal.startswith(_HELD_BACK)),
                None)


def read_answer(question: str | None, text: str, screening: ScreenResult) -> ScreenResult:
    """The screen's result for ``text``, read as the answer to ``question`` (a category, or None if none was
    asked). Returns ``screening`` unchanged unless the answer is a clear yes or no."""
    if question is None or stands(screening):
        return screening  # nothing asked, or a danger named by a rule or of high danger: the screen's answer stands
    if screening.escalate and screening.category != question:
        return screening  # the screen's doubt is about something else: its own (asking) reply stands
    norm = normalise(text)
    answer = _answer(question, norm)
    if answer == "someone else":
        return ScreenResult(escalate=True, category=question, severity=None, danger="moderate",
                            signals=[*screening.signals, f"answer.someone_else.{question}"], categories=[question],
                            layer="answer", tentative=False, someone_else=True)
    if answer == "no":
        # Asked and answered: the coach answers now (and the answer is recorded, escalated or not).
        return ScreenResult(escalate=False, signals=[*screening.signals, f"answer.no.{question}"], layer="answer")
    if answer == "yes":
        severity = suicide_severity("thoughts", norm)[0] if question == SUICIDE_SELF_HARM else None
        return ScreenResult(escalate=True, category=question, severity=severity,
                            danger=DANGER.get((question, severity), "moderate") if severity else "moderate",
                            signals=[*screening.signals, f"answer.yes.{question}"], categories=[question],
                            layer="answer", tentative=False)
    return screening
