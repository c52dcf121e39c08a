"""Crisis words as people type them, repaired before any layer of the screen reads the text.

A teenager on a phone writes "i want to dieee", "i feel so suicdal", "he chocked me", "su1cide", "s*icide" or the words
used online to get past filters ("sewerslide", "ctb", "sh urges"). The rules match the words, and the learned layers
learnt them from text that spells them right, so without this step those messages escalated nothing.

Only a small lexicon of crisis words is repaired, never the message at large (a spelling corrector would "fix" names
and slang, and costs far more):

- slips of a long word (``SLIPPED``): one letter left out, doubled, added, swapped with its neighbour, or (in words of
  seven letters or more) typed wrong: "suicdal", "myslef", "stangled", "threatend". A slip that is itself an English
  word ("overdone", "coked") is never repaired; ``tests/unit/test_safety_spelling.py`` checks every slip against an
  English dictionary, so a new word in the lexicon cannot bring one in;
- letters stretched for feeling ("dieee", "killl") and digits or symbols for letters ("su1cide", "d!e", "k1ll"), in
  any word of the lexicon;
- a word broken up with spaces, dots or asterisks ("s u i c i d e", "s.u.i.c.i.d.e", "s*icide");
- the reviewed list of misspellings too short to guess and of the words used to get past filters (``WORDS``,
  ``PHRASES``).
"""

from __future__ import annotations

import re
import string
from functools import cache

# Words whose slips are repaired. Long enough that one slip does not make another word (short ones, such as "kill"
# and "die", are repaired only when stretched or written in digits, or through ``WORDS``).
SLIPPED = (
    "suicide", "suicidal", "suicides", "myself", "himself", "herself", "yourself", "themselves",
    "overdose", "overdosed", "overdosing", "strangled", "strangling", "strangle", "strangles",
    "choked", "choking", "chokes", "threatened", "threatening", "threatens", "threaten",
    "punched", "slapped", "kicked", "abusive", "abused", "molested", "raped",
    "killing", "cutting", "bleeding", "hanging", "pills", "razor", "blades", "wrists",
    "alive", "living", "dying", "anymore", "goodbye", "worthless", "hopeless",
)
# Repaired when stretched ("dieee") or written in digits or symbols ("d!e", "k1ll"), never for a slip.
SHORT = ("kill", "die", "dead", "death", "life", "self", "harm", "hurt", "cut", "pill", "hang", "end", "rape")

# Misspellings too short or too far from the word for the rules above, and the words used to get past filters.
WORDS = {
    "kil": "kill", "kll": "kill", "kilk": "kill", "dieing": "dying", "lfie": "life", "slef": "self", "slefharm": "self harm",
    "selfharm": "self harm", "selfharming": "self harming", "suicidial": "suicidal", "sucidal": "suicidal",
    "sewerslide": "suicide", "sewerslided": "suicided",
    # "he chocked me": "chocked" is a word (a wheel chocked), but never one a family member writes to a coach.
    "chocked": "choked", "chocking": "choking", "choaked": "choked", "choaking": "choking",
}
# Several words, or a word that needs the words around it to be read as a crisis word ("sh" alone is "shh").
PHRASES = (
    (r"\bsewer[ -]?slid(e|ed|ing)\b", r"suicid\1"),
    (r"\b(?:take|taking|took|have|having|had) a toaster bath\b", "kill myself"),
    (r"\btoaster bath\b", "suicide"),
    # "ctb": "catch the bus", from a forum that encourages suicide.
    (r"\bctb\b", "kill myself"),
    # "sh" for self-harm: next to its urges, scars, relapses and clean days, or as what someone does ("i did sh").
    (r"\bsh\b(?!\*)(?= (?:urges?|scars?|marks?|cuts?|wounds?|again|relapse|free|clean|tools?|blades?|kit)\b)", "self harm"),
    (r"\b(relapsed on|relapse on|relapsed with|clean from|urge to|urges to|want to|wanna|going to|gonna|"
     r"started|stop|did|do|doing|into|my|of|about) sh\b(?! (?:up|it|the|a|an|yeah)\b)(?!\*)", r"\1 self harm"),
    (r"\bs/h\b", "self harm"),
    (r"\bsh(?:'?ing|-ing)\b", "self harming"), (r"\bsh(?:'d|-ed|'ed)\b", "self harmed"),  # not "shd" ("should")
    # "od" for an overdose, as what someone does ("gonna od", "od'd", "od on my meds"); alone it is "odd".
    (r"\b(to|gonna|wanna|will|i'll|might|almost|nearly) od\b", r"\1 overdose"),  # not "i'm od tired", "that's just od"
    (r"\bod\b(?= on )", "overdose"),
    (r"\bod(?:'d|'ed|ed)\b", "overdosed"), (r"\bod(?:'?ing)\b", "overdosing"),  # never "odd"
)

_LEET = str.maketrans({"1": "i", "!": "i", "|": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s", "5": "s",
                       "7": "t", "+": "t"})


def _slips(word: str) -> set[str]:
    """One typing slip of ``word``: a letter left out (not the first), doubled, added or swapped with its neighbour,
    and (in words of seven letters or more) one typed wrong."""
    letters = string.ascii_lowercase
    out = set()
    for i in range(len(word)):
        if i:  # the first letter is rarely the one left out, and leaving it out makes another word ("ying")
            out.add(word[:i] + word[i + 1:])                      # left out
        out.add(word[:i] + word[i] + word[i:])                    # doubled
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])  # swapped
        if len(word) >= 7:
            out.update(word[:i] + c + word[i + 1:] for c in letters)  # typed wrong
    for i in range(len(word) + 1):
        out.update(word[:i] + c + word[i:] for c in letters)      # added
    out.discard(word)
    return out


# Slips that are English words themselves ("overdone", "willing", "putting", "choke"): never repaired. The spelling
# test keeps this list equal to the slips found in an English dictionary (pyspellchecker's).
NOT_SLIPS = frozenset((
    "abuse", "banging", "billing", "blade", "bleeping", "blending", "breeding", "bunched", "butting", "changing",
    "chocked", "chocking", "choke", "chokers", "chowing", "clapped", "coked", "cokes", "coking", "cooking",
    "cuttings", "danging", "ding", "draped", "drying", "dyeing", "filling", "flapped", "ganging", "goodby",
    "goodbyes", "goodbys", "gutting", "handing", "hangings", "hinging", "homeless", "hunched", "jutting",
    "killings", "kilning", "kipling", "livings", "lunched", "milling", "molester", "munched", "nutting", "overdoes",
    "overdoing", "overdone", "overdoses", "pilling", "pinched", "puncher", "punches", "putting", "ramped",
    "ranging", "rapped", "rasped", "razors", "reaped", "rutting", "sapped", "skilling", "slapper", "slipped",
    "slopped", "snapped", "spills", "straggle", "straggled", "straggles", "straggling", "strange", "strangler",
    "stranglers", "swapped", "tilling", "tutting", "willing", "wrist", "writs"
))


def _doubled(word: str) -> set[str]:
    """``word`` with one of its letters typed twice more: "diee", "kiill"."""
    return {word[:i] + word[i] + word[i:] for i in range(len(word))}


@cache
def lexicon() -> dict[str, str]:
    """Every repaired spelling -> its word. The words themselves map to themselves (for stretched and digit forms)."""
    table: dict[str, str] = {}
    for word in SLIPPED:
        for slip in _slips(word):
            if slip not in NOT_SLIPS:
                table.setdefault(slip, word)
    for word in SHORT:
        for slip in _doubled(word):
            if slip not in NOT_SLIPS:
                table.setdefault(slip, word)
    for word in SLIPPED + SHORT:  # a word itself beats another word's slip ("strangle" is a slip of "strangles")
        table[word] = word
    table.update(WORDS)
    return table


_TOKEN = re.compile(r"(?<![\w'@$!|+*])[a-z0-9@$!|+*]*[a-z][a-z0-9@$!|+*]*")
_STRETCHED = re.compile(r"([a-z])\1\1")
_RUN = re.compile(r"([a-z])\1+")
_SPACED = re.compile(r"\b(?:[a-z][ .*_-]){3,}[a-z]\b")
_PHRASES = tuple((re.compile(p), r) for p, r in PHRASES)
# A word every phrase above needs: most messages have none, and skip them all.
_PHRASE_WORDS = frozenset(("sewer", "sewerslide", "sewerslided", "sewersliding", "toaster", "ctb", "sh", "shing", "h",
                           "od", "oded", "oding"))


def _unusual(token: str) -> str | None:
    """The crisis word an unusual token is a way of typing, if any: stretched ("dieeee"), in digits or symbols
    ("su1cide", "d!e"), or with letters hidden ("s*icide")."""
    plain = token.translate(_LEET)
    if "*" in plain:  # a letter or two hidden: "s*icide", "su**ide"
        if not plain.strip("*") or not plain.replace("*", "").isalpha():
            return None
        pattern = re.compile(re.escape(plain).replace(r"\*", "[a-z]?"))
        hits = {w for w in SLIPPED + SHORT if len(w) > 3 and pattern.fullmatch(w)}
        return hits.pop() if len(hits) == 1 else None
    if not plain.isalpha():
        return None
    table = lexicon()
    for candidate in (plain, _RUN.sub(r"\1\1", plain), _RUN.sub(r"\1", plain)):
        word = table.get(candidate)
        # The word itself or a reviewed misspelling ("diiie" is "die"); a slip stretched as well is two changes from
        # the word, too far to guess.
        if word is not None and (candidate == word or candidate in WORDS):
            return word
    return None


def _join_spaced(m: re.Match) -> str:
    joined = re.sub(r"[ .*_-]", "", m.group())
    return lexicon().get(joined, m.group())


def repair(text: str) -> str:
    """``text`` (lower case, as ``rules.normalise`` makes it) with the crisis words' misspellings, stretched letters,
    digits for letters and filter-dodging words repaired; every other word as it was."""
    if _SPACED.search(text):
        text = _SPACED.sub(_join_spaced, text)
    # Most messages have nothing to repair: look their words up all at once, and only the unusual ones one by one.
    table = lexicon()
    tokens = set(_TOKEN.findall(text))
    fixes = {t: table[t] for t in tokens & table.keys() if table[t] != t}
    for token in tokens:
        if not token.isalpha() or _STRETCHED.search(token):
            word = _unusual(token)
            if word is not None and word != token:
                fixes[token] = word
    if fixes:
        text = _TOKEN.sub(lambda m: fixes.get(m.group(), m.group()), text)
    if not tokens.isdisjoint(_PHRASE_WORDS):
        for pattern, repl in _PHRASES:
            text = pattern.sub(repl, text)
    return text
