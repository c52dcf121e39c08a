"""Assertions the crisis-screen tests share."""

from shared.safety import ScreenResult, screen


def screened_as(text: str, category: str, **expected) -> ScreenResult:
    """Screen ``text`` and assert that it escalates as ``category``, with each other field given (severity, danger,
    someone_else, tentative, layer): what the member's reply and on-call's notice are made from."""
    r = screen(text)
    assert r.escalate and r.category == category, (text, r)
    assert {name: getattr(r, name) for name in expected} == expected, (text, r)
    return r


# A week of ordinary trouble, about 110 words: what comes before the sentence that matters.
WEEK = (
    "So this week has been a lot. My husband and I argued again about his mother coming for Christmas, and then the "
    "kids both got the flu, and I had to take three days off work which my boss was not thrilled about. The "
    "dishwasher broke on Tuesday and we still haven't gotten anyone out to look at it, so I've been washing "
    "everything by hand at midnight. My daughter has her recital on Saturday and I haven't even finished sewing her "
    "costume. My husband says I'm overreacting about his mom but she criticizes everything I do in my own house. "
)
# A longer week: the same worries, and the sister's and friend's advice. Read whole, a slip at its end is diluted more.
LONGER_WEEK = WEEK + (
    "My sister says I should just let him handle his own mother, and my friend at work says to book a hotel for her, "
    "but neither of those feels right to me. We also have my son's school play that week and my daughter's birthday "
    "party to plan, so I'd like to get this settled before it all piles up. "
)
AFTER = (
    " Anyway, what I actually wanted to ask is how to tell my husband that his mother can't stay for the whole week "
    "without it turning into another fight, because last year it ended with both of us sleeping badly for days."
)


# Two preparatory acts in one sentence: a rule reads them anywhere in a long message (sui.preparing_twice).
SLIP = "I've started giving my things away and writing letters to the kids."
# Said on its own, this is read as suicidal by the learned layers; at the end of WEEK, read whole, it is not, and no rule
# reads "after i'm gone" (a will written calmly says it too): the windows of a long message find it
# (tests/unit/test_safety_long_messages.py).
WINDOW_SLIP = ("I sorted the house insurance and put the passwords in an envelope for you, so you won't have to chase anything "
               "after I'm gone.")
