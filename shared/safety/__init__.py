"""Crisis screening for every member-authored text, before any LLM sees it.

    from shared.safety import screen
    r = screen("he choked me last night", locale="en-US")
    r.escalate, r.category, r.severity, r.danger, r.signals

Layered, cheapest first, all in-process and offline:

1. reviewed rules (``rules.py``): C-SSRS statements, the LAP danger items, child safety, harm to others, medical
   emergencies, with idiom and negation guards. A strong rule decides on its own.
2. a linear head over hashed TF-IDF features (``model.py``), consulted only when no strong rule fired, read with
   the weak rule cues ("I can't do this anymore") by a small stacked combiner (``combine.py``);
3. only where that combiner is unsure: MiniLM-L6 int8 sentence embeddings (``embed.py``, onnxruntime) and a linear
   head, combined with layer 2. When the embedding packages are missing, layers 1-2 decide (logged once).

All learned parts are trained by ``scripts/train_crisis_head.py``. ``screen`` is thread-safe; the heads (a few MB
in memory) and the embedding model (~25 MB) are loaded once, on first use. ``locale`` is accepted for
the callers' convenience (resources are chosen by the reply layer); detection is English-only today.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .rules import (I_HURT_A_CHILD, OWN_URGE, PARENT_HURTS_ME, an_older_adult_and_no_child, as_childs,
                    cares_for_a_parent_with_dementia, hurt_at_home, laughing, match, names_no_one_else, normalise,
                    put_apostrophes_back, speaks_as_an_adult, speaks_as_the_child, suicide_severity)
from .vocab import (
    ABUSE,
    CATEGORIES,
    CATEGORY_PRIORITY,
    CHILD_SAFETY,
    DANGER,
    DANGER_LEVELS,
    HARM_TO_OTHERS,
    MEDICAL_EMERGENCY,
    SEVERITIES,
    SUICIDE_SELF_HARM,
    danger_rank,
    severity_rank,
)

log = logging.getLogger(__name__)

__all__ = [
    "screen", "ScreenResult", "CATEGORIES", "SEVERITIES", "DANGER_LEVELS",
    "SUICIDE_SELF_HARM", "ABUSE", "CHILD_SAFETY", "HARM_TO_OTHERS", "MEDICAL_EMERGENCY", "warm_up", "rule_layer",
]


@dataclass(frozen=True)
class ScreenResult:
    escalate: bool
    category: str | None = None
    severity: str | None = None
    danger: str | None = None
    signals: list[str] = field(default_factory=list)   # rule / model ids only, never user text
    categories: list[str] = field(default_factory=list)  # every category that fired, the reported one first
    scores: dict[str, float] = field(default_factory=dict)  # classifier probabilities, when it was consulted
    # The last layer that decided: "rules", "tfidf", "embedding", "window" (of a long message), "moderation" or "answer".
    layer: str = "rules"
    # No reviewed rule named what is happening: the learned layers or the moderation model escalated alone (or only
    # the rules' weak cues did, with the learned layers down). The reply asks rather than tells (reply.py).
    tentative: bool = False
    # The crisis is someone else's in the writer's life, not the writer's: the one at risk ("my daughter tried to kill
    # herself last night", "my sister's husband choked her") or, for harm to others, the one who may do the harm ("my
    # son said he's going to shoot up his school"). The reply is for someone who worries about them, and on-call is
    # told so.
    someone_else: bool = False
    # The writer is the child at risk, hurt at home or told about it in their own words ("my stepdad choked me", "mom
    # locks me in the basement"): the reply speaks to a child or teen, not to an adult who worries about one.
    writer_is_child: bool = False
    # The abuse is of an older person, by family or a carer ("my son takes my pension, i'm 80", "my sister leaves mum
    # without food all day"): the reply gives the country's line for the abuse of older people as well.
    older_adult: bool = False

    def as_dict(self) -> dict:
        return {"escalate": self.escalate, "category": self.category, "severity": self.severity,
                "danger": self.danger, "signals": list(self.signals), "categories": list(self.categories),
                "someone_else": self.someone_else, "writer_is_child": self.writer_is_child,
                "older_adult": self.older_adult}


NO_CRISIS = ScreenResult(escalate=False)


def warm_up() -> None:
    """Compile the rules and load the classifier now (e.g. at Lambda init) instead of on the first message."""
    from .combine import get_combiner
    from .embed import get_embedder
    from .model import get_embed_head, get_head

    match(normalise("warm up: i want to kill myself"))  # normalise builds the spelling lexicon once
    get_head()
    get_combiner()
    if get_embedder() is not None:
        get_embed_head()


@dataclass(frozen=True)
class RuleOutcome:
    """What layer 1 found in one normalised text."""

    masked: str                  # idioms masked
    found: dict                  # category -> severity, from strong rules
    signals: list
    # Every weak cue (a weak rule, or a strong one laughed off) where it was first found, as (category, cue id, offset
    # in ``masked``): a long message is also read in windows (``combine.windows``), each with only its own cues.
    cue_spots: tuple = ()
    negated: tuple = ()            # crisis statements said in the negative ("I'm not suicidal")
    # Categories found only in what is said of someone else in the writer's life ("my son told me he wants to die",
    # "my son said he's going to shoot up his school"): the crisis is not the writer's (see ScreenResult).
    someone_elses: frozenset = frozenset()
    # The writer is the child at risk ("my dad hits me", "i'm 14 and my stepdad locked me outside all night"): the
    # reply speaks to them (ScreenResult.writer_is_child).
    writer_is_child: bool = False
    # A rule for an older person's abuse fired (``Rule.older_adult``): the reply gives the line for it.
    older_adult: bool = False

    @cached_property
    def weak(self) -> frozenset:
        """The categories with weak cues."""
        return frozenset(category for category, _, _ in self.cue_spots)

    @cached_property
    def cues(self) -> frozenset:
        """The ids of the weak cues (the combiner weighs cue families apart)."""
        return frozenset(cue for _, cue, _ in self.cue_spots)

    def model_text(self) -> str:
        """What the learned layers read: the masked text without its negated crisis statements (and without the
        punctuation and spaces their removal leaves behind: ", he's just distant" is "he's just distant")."""
        text = self.masked
        if not self.negated:
            return text
        for statement in self.negated:
            text = text.replace(statement, " ")
        return _LEFTOVER_SPACE.sub(" ", _LEFTOVER_LEAD.sub("", text)).strip()

    def window(self, start: int, end: int) -> "RuleOutcome":
        """This outcome for ``masked[start:end]`` alone: its text, its negated statements and its weak cues. Only for a
        text no strong rule decided (a window has none either)."""
        spots = tuple(s for s in self.cue_spots if start <= s[2] < end)
        masked = self.masked[start:end]
        return RuleOutcome(masked=masked, found={}, signals=[], cue_spots=spots,
                           negated=tuple(n for n in self.negated if n in masked))


_LEFTOVER_LEAD = re.compile(r"^[\s,;:.!?-]+")
_LEFTOVER_SPACE = re.compile(r"\s{2,}")


def rule_layer(norm: str) -> RuleOutcome:
    """Layer 1 over a normalised text (``rules.normalise``); also used by the training script.

    A text the rules leave undecided that has contractions typed without their apostrophe ("im scared hell kill me") is
    read again with them put back, and that reading counts if it decides. Only the rules read it so: when they leave a
    text to the learned layers, those read it as typed, as they were trained."""
    outcome = _read_by_rule(norm)
    if not outcome.found:
        typed = put_apostrophes_back(norm)
        if typed != norm:
            again = _read_by_rule(typed)
            if again.found:
                return again
    return outcome


def _read_by_rule(norm: str) -> RuleOutcome:
    matched = match(norm)
    hits, masked = matched.hits, matched.masked
    signals = [h.rule.id for h in hits]
    joking = laughing(masked) and len(masked) < 280
    found: dict[str, str | None] = {}
    older_adult = False
    spots: list[tuple[str, str, int]] = []
    theirs: dict[str, str | None] = {}  # what is said of someone else, apart: the writer's own statements come first
    for h in hits:
        cat = h.rule.category
        if not h.rule.strong or (joking and h.rule.laughed_off):
            spots.append((cat, h.rule.id if not h.rule.strong else f"{cat}.laughed", h.start))
            continue
        into = theirs if h.someone_else else found
        older_adult |= h.rule.older_adult
        if cat not in into or severity_rank(cat, h.rule.severity) > severity_rank(cat, into[cat]):
            into[cat] = h.rule.severity
    writer_is_child = _childs_abuse(masked, [h for h in hits if h.rule.strong and not h.someone_else
                                             and not (joking and h.rule.laughed_off)], found, signals)
    someone_elses = frozenset(cat for cat in theirs if cat not in found)
    for cat in someone_elses:
        found[cat] = theirs[cat]
    return RuleOutcome(masked=masked, found=found, signals=signals, cue_spots=tuple(spots), negated=matched.negated,
                       someone_elses=someone_elses, writer_is_child=writer_is_child, older_adult=older_adult)


# The signal of control the rules read as a parent's rules for a teen, no crisis (``_childs_abuse``).
PARENTS_RULES = "chi.parents_rules"
# ...and of a blow from a parent with dementia, told by the grown child who looks after them.
A_PARENTS_DEMENTIA = "abu.a_parents_dementia"
# The rules' readings of abuse words as no crisis, which the learned layers may not overturn: a parent's rules for a
# teen ("my mom checks my phone", read by the learned layers as a partner's control), and a parent's blow in their
# dementia ("dad hit me again when i tried to help him wash", which the rules read as the illness).
_ABUSE_RULED_NO_CRISIS = (PARENTS_RULES, A_PARENTS_DEMENTIA)
# The learned layers' child at risk that was an older adult's abuse (``an_older_adult_and_no_child``).
AN_OLDER_ADULT_REMAPPED = "model.child_safety.an_older_adult"


def _childs_abuse(masked: str, own: list, found: dict, signals: list) -> bool:
    """A child or a teen hurt at home (``rules.hurt_at_home``): the writer's abuse, found by the rules in ``own`` (the
    writer's strong hits), is a child's, and ``found`` says so (child_safety in place of abuse; a parent's control of
    a teen, such as a phone checked, is no crisis). Whether the writer is the child: then the reply speaks to them."""
    childs_hits = [h for h in own if h.rule.category == CHILD_SAFETY]
    abuse = [h for h in own if h.rule.category == ABUSE]
    # What someone did (a graded act), not abuse named ("I left an abusive marriage", ungraded): that is the writer's.
    home = [h for h in abuse if h.rule.severity is not None and hurt_at_home(masked, h.start, h.end, h.rule.id)]
    if cares_for_a_parent_with_dementia(masked):
        # A parent's blow in their dementia, told by the grown child who looks after them: the illness, not abuse.
        parents = [h for h in childs_hits if h.rule.id == PARENT_HURTS_ME] + home
        for cat, hits in ((CHILD_SAFETY, childs_hits), (ABUSE, abuse)):
            if hits and all(h in parents for h in hits):
                del found[cat]
        if parents:
            signals.append(A_PARENTS_DEMENTIA)
        return False
    if childs_hits and all(h.rule.id == PARENT_HURTS_ME for h in childs_hits) and speaks_as_an_adult(masked):
        # The mirror: an adult hurt by their own parent ("i'm pregnant and my dad punched me in the stomach") is an
        # adult's abuse, with its reply, not a child at risk.
        del found[CHILD_SAFETY]
        if severity_rank(ABUSE, "physical") > severity_rank(ABUSE, found.get(ABUSE)):
            found[ABUSE] = "physical"
        return False
    childs = any(h.rule.id == PARENT_HURTS_ME for h in own) and speaks_as_the_child(masked)
    if not home:
        return childs
    severities = [sev for still, sev in (as_childs(masked, h.start, h.end, h.rule.severity) for h in home) if still]
    if len(home) == len(abuse):  # all of it at home: no partner's abuse to report
        del found[ABUSE]
    if severities:
        sev = max(severities, key=lambda x: severity_rank(CHILD_SAFETY, x))
        if severity_rank(CHILD_SAFETY, sev) > severity_rank(CHILD_SAFETY, found.get(CHILD_SAFETY)):
            found[CHILD_SAFETY] = sev
        signals.append("chi.hurt_at_home")
        return True
    if ABUSE not in found:
        signals.append(PARENTS_RULES)
    return childs


def screen(text: str, locale: str = "en-US",
           self_harm_second_opinion: Callable[[str], Sequence[str]] | None = None) -> ScreenResult:
    """Screen one member-authored text. Never raises on odd input; an empty text does not escalate.

    ``self_harm_second_opinion``, if given, is asked only when every layer let the text through: the self-harm
    categories it names (the provider's moderation endpoint, ``CoachGateway.self_harm_flags``) escalate it as
    suicide/self-harm. It is the one step that may leave the process, and the caller chooses it."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    norm = normalise(text)
    if not norm:
        return NO_CRISIS
    rules = rule_layer(norm)
    masked, signals = rules.masked, list(rules.signals)
    found = dict(rules.found)

    scores: dict[str, float] = {}
    layer = "rules"
    if not found:
        # Layers 2 and 3, only where the rules did not decide.
        from .combine import CATEGORY_OF, decide

        try:
            decision = decide(rules)
        except Exception:  # a broken artifact must not break the crisis path: the rules' cues decide alone
            log.exception("crisis screen: learned layers failed; deciding on the rules' cues alone")
            decision = None
        if decision is None:
            for cat in CATEGORY_OF.values():  # every category the learned layers could have flagged
                if cat in rules.weak:
                    found[cat] = None
                    signals.append("rules.cue_only")
        else:
            scores, layer = decision.scores, decision.layer
            for cat in decision.categories:
                ruled_no_abuse = cat == ABUSE and next((sig for sig in _ABUSE_RULED_NO_CRISIS if sig in rules.signals), None)
                if ruled_no_abuse:
                    # What the rules read as no crisis, the learned layers, which read the same words as abuse, do not
                    # make one (_ABUSE_RULED_NO_CRISIS).
                    signals.append(f"model.abuse.{ruled_no_abuse.split('.', 1)[1]}")
                    continue
                if cat == HARM_TO_OTHERS and names_no_one_else(masked):
                    # Harm to others needs another: the heads read a means or a place ("the beam would hold", "picked
                    # the spot by the river") as violence, and with no one else named the danger is the writer's own.
                    signals.append("model.harm_to_others.no_one_else")
                    cat = SUICIDE_SELF_HARM
                    if cat in found:  # the heads flagged it as suicidal too: said once
                        continue
                if cat == CHILD_SAFETY and an_older_adult_and_no_child(masked):
                    # A child at risk needs a child: with an older adult named and no child, it is their abuse ("my
                    # cousin takes grandad to the cashpoint every week... he's 86"), with abuse's reply and resources.
                    # (Split between the two classes, neither flagged, the combiner judges them together:
                    # combine.older_adults_abuse.)
                    signals.append(AN_OLDER_ADULT_REMAPPED)
                    cat = ABUSE
                    if cat in found:
                        continue
                found[cat] = None
                signals.append(f"model.{cat}" + (".cued" if cat in rules.weak else ""))
        if not found and self_harm_second_opinion is not None:
            # The provider's moderation model, when the caller has one (shared.llm.moderation): it can only add a
            # self-harm escalation, and the screen's own decision stands when it flags nothing or can't answer.
            flags = self_harm_second_opinion(text)
            if flags:
                found[SUICIDE_SELF_HARM] = None
                signals.extend(f"moderation.{flag}" for flag in flags)
                layer = "moderation"
    if not found:
        return ScreenResult(escalate=False, signals=signals, scores=scores, layer=layer)

    dangers: dict[str, str] = {}
    for cat, sev in list(found.items()):
        if cat == SUICIDE_SELF_HARM:
            sev, cues = suicide_severity(sev, masked)
            found[cat] = sev
            signals.extend(cues)
        if sev is None:
            dangers[cat] = "moderate"  # a disclosure the rules could not grade: let a human grade it
        else:
            dangers[cat] = DANGER.get((cat, sev), "moderate")

    ordered = sorted(found, key=lambda c: (-danger_rank(dangers[c]), CATEGORY_PRIORITY.index(c)))
    top = ordered[0]
    return ScreenResult(escalate=True, category=top, severity=found[top], danger=dangers[top],
                        signals=signals, categories=ordered, scores=scores, layer=layer, tentative=not rules.found,
                        someone_else=top in rules.someone_elses,
                        # ...or a child at risk is found otherwise (the learned layers, a rule for neglect), and the writer
                        # is that child; never when the rules found the writer is the one who hurts or fears hurting one
                        writer_is_child=top == CHILD_SAFETY and not {OWN_URGE, I_HURT_A_CHILD} & set(signals)
                        and (rules.writer_is_child or speaks_as_the_child(masked)),
                        # ...and an abuse the rules read as an older person's, the learned layers' child at risk that was
                        # theirs, or any abuse in a text that names an older adult and no child ("we're both 78")
                        older_adult=top == ABUSE and (rules.older_adult or AN_OLDER_ADULT_REMAPPED in signals
                                                      or an_older_adult_and_no_child(masked)))
