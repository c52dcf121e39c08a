"""Layers 2 and 3 of the crisis screen and how their scores are combined.

For a text no strong rule decided:

1. the TF-IDF head (``model.Head``) gives class probabilities (none / suicide / abuse / child / harm / medical);
2. a small stacked logistic combiner (the *cheap* one) reads the TF-IDF log-odds and the weak rule cues. When it
   is sure — every class below its ``gate_low`` or one class above its ``gate_high`` — it decides alone;
3. otherwise the MiniLM embedding (``embed.py``) and its linear head (``model.EmbedHead``) are computed and the
   *full* combiner (TF-IDF + embedding log-odds + cues) decides;
4. a long message that neither flagged is read again in windows of a few sentences (``windows``), by the cheap
   combiner against cut-offs of its own: one sentence that lets a crisis slip ("I've started giving my things away
   and writing letters to the kids") is drowned in a long message about the week's chores, and the embedding reads
   only its start.

Everything here — coefficients, thresholds, the gate — comes from ``data/crisis_combiner.json``, written by
``scripts/train_crisis_head.py`` from out-of-fold predictions on the training data only (never the held-out split).
When the embedding layer cannot run, the cheap combiner decides with its own thresholds (also chosen by
cross-validation), and ``embed.get_embedder`` has logged why, once.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from .embed import get_embedder
from .model import get_embed_head, get_head, softmax
from .rules import an_older_adult_and_no_child
from .vocab import ABUSE, CHILD_SAFETY, HARM_TO_OTHERS, MEDICAL_EMERGENCY, SUICIDE_SELF_HARM

COMBINER_PATH = Path(__file__).parent / "data" / "crisis_combiner.json"
# The learned classes: "none" and one per crisis category the heads were trained on. Suicide and abuse learn from
# the public data and hand-written messages; child safety, harm to others and medical emergencies from hand-written
# messages only (the public data has none).
CLASSES = ("none", "suicide", "abuse", "child", "harm", "medical")
CRISIS_CLASSES = CLASSES[1:]
CATEGORY_OF = {"suicide": SUICIDE_SELF_HARM, "abuse": ABUSE, "child": CHILD_SAFETY, "harm": HARM_TO_OTHERS,
               "medical": MEDICAL_EMERGENCY}
CLIP = 12.0


def log_odds(p: dict[str, float], cls: str) -> float:
    """log(p(cls) / p(none)), clipped: the scale the combiners read."""
    a, b = max(p.get(cls, 0.0), 1e-9), max(p.get("none", 0.0), 1e-9)
    return max(-CLIP, min(CLIP, math.log(a / b)))


SHORT_WORDS = 40
# The cues of an indirect disclosure, one family for the combiner (``rules.py``: sui.said_sideways is sui.indirect's,
# behind a gate of its own).
INDIRECT_CUES = frozenset({"sui.indirect", "sui.said_sideways"})


def cheap_features(tfidf: dict[str, float], rules, text: str) -> list[float]:
    """TF-IDF log-odds per crisis class, the weak rule cues (generic distress cues and indirect-disclosure cues
    apart), and how far the TF-IDF head can be trusted on a short message: it learnt abuse from long posts and
    over-reads short ones about a partner ("he hurt my feelings"), so the log-odds of short messages are separate
    features whose weight the combiner learns from the data."""
    cues = rules.cues
    suicide = [float("sui.weak_cues" in cues or "sui.suicide_word" in cues), float(bool(INDIRECT_CUES & cues))]
    others = [float(CATEGORY_OF[c] in rules.weak) for c in CRISIS_CLASSES[1:]]  # one cue per other category
    t = [log_odds(tfidf, c) for c in CRISIS_CLASSES]
    short = float(len(text.split()) < SHORT_WORDS)
    return t + suicide + others + [short] + [short * x for x in t]


# A message of this many words or fewer that the cheap combiner would escalate as abuse and nothing else is read by
# the embedding too. The TF-IDF head learnt abuse from long posts, mostly about "him", and reads the word itself as
# evidence: "he gives me the silent treatment" would escalate on it alone. The embedding reads the sentence whole.
# (Measured: the probes of short complaints that escalate fall from 10 of 40 to 6, two false alarms fewer on our
# blind sets, the same disclosures caught and the same public figures; at 12 words one short disclosure is lost.)
SHORT_ABUSE_WORDS = 8


def sure(q: dict[str, float], low: dict, high: dict, cheap_flags: list[str], words: int) -> bool:
    """The gate: the cheap combiner decides alone (flagging ``cheap_flags``) when every class is below its ``low``
    or one is above its ``high`` — unless the message is short and would escalate as abuse alone
    (``SHORT_ABUSE_WORDS``)."""
    if all(q[c] < low[c] for c in CRISIS_CLASSES):
        return True
    if not any(q[c] >= high[c] for c in CRISIS_CLASSES):
        return False
    return not (words <= SHORT_ABUSE_WORDS and cheap_flags == ["abuse"])


def flagged(q: dict[str, float], thresholds: dict) -> list[str]:
    """The classes at or above their cut-off, most likely first."""
    return sorted((c for c in CRISIS_CLASSES if q[c] >= thresholds[c]), key=lambda c: -q[c])


def older_adults_abuse(q: dict[str, float], thresholds: dict, text: str) -> dict[str, float]:
    """Where an older adult is named and no child, and neither abuse nor a child at risk reaches its cut-off, the two
    classes' shares judged together, as abuse. The heads learnt a dependent's harm at home from children, and split an
    older person's abuse between the two classes ("my uncle moved in with grandad and has his bank card now...
    he's 84"); the screen makes their child at risk abuse when it is flagged alone (``shared.safety.screen``)."""
    pooled = q["abuse"] + q["child"]
    if (q["abuse"] < thresholds["abuse"] and q["child"] < thresholds["child"] and pooled >= thresholds["abuse"]
            and an_older_adult_and_no_child(text)):
        return {**q, "abuse": pooled, "child": 0.0}
    return q


def full_features(tfidf: dict[str, float], emb: dict[str, float], rules, text: str) -> list[float]:
    return cheap_features(tfidf, rules, text) + [log_odds(emb, c) for c in CRISIS_CLASSES]


CHEAP_FEATURES = (tuple(f"tfidf_{c}" for c in CRISIS_CLASSES)
                  + ("cue_suicide", "cue_suicide_indirect") + tuple(f"cue_{c}" for c in CRISIS_CLASSES[1:]) + ("short",)
                  + tuple(f"short_x_tfidf_{c}" for c in CRISIS_CLASSES))
FULL_FEATURES = CHEAP_FEATURES + tuple(f"emb_{c}" for c in CRISIS_CLASSES)


@dataclass(frozen=True)
class Stage:
    coef: np.ndarray          # [n_features, n_classes]
    bias: np.ndarray          # [n_classes]
    thresholds: dict          # class -> probability cut-off

    def proba(self, x: list[float]) -> dict[str, float]:
        return softmax(np.asarray(x, dtype=np.float64) @ self.coef + self.bias, CLASSES)

    def flagged(self, q: dict[str, float]) -> list[str]:
        return flagged(q, self.thresholds)


@dataclass(frozen=True)
class Combiner:
    cheap: Stage
    full: Stage
    gate_low: dict
    gate_high: dict
    window: dict              # class -> the cheap combiner's cut-off for a window of a long message
    meta: dict


def _stage(d: dict) -> Stage:
    return Stage(coef=np.asarray(d["coef"], dtype=np.float64), bias=np.asarray(d["bias"], dtype=np.float64),
                 thresholds={k: float(v) for k, v in d["thresholds"].items()})


def load_combiner(path: Path = COMBINER_PATH) -> Combiner:
    d = json.loads(path.read_text(encoding="utf-8"))
    return Combiner(cheap=_stage(d["cheap"]), full=_stage(d["full"]), gate_low=d["gate"]["low"],
                    gate_high=d["gate"]["high"], window={k: float(v) for k, v in d["window"].items()},
                    meta=d.get("meta", {}))


@cache
def get_combiner() -> Combiner:
    return load_combiner()


@dataclass(frozen=True)
class Decision:
    categories: list[str]                         # crisis categories flagged, most likely first
    layer: str                                    # "tfidf", "embedding" or "window"
    scores: dict[str, float] = field(default_factory=dict)


def decide_whole(rules, comb: Combiner | None = None, head=None, embed_head=None) -> Decision:
    """Layers 2-3 for a ``RuleOutcome`` in which no strong rule fired, read whole. (The combiner and heads are the
    shipped ones unless given: the training script reads its calibration messages with the ones it has just made.)"""
    comb, head = comb or get_combiner(), head or get_head()
    text = rules.model_text()
    p_t = head.proba(text)
    x = cheap_features(p_t, rules, text)
    q = comb.cheap.proba(x)
    scores = {f"tfidf.{c}": round(p_t[c], 4) for c in CRISIS_CLASSES}
    cheap_flags = comb.cheap.flagged(older_adults_abuse(q, comb.cheap.thresholds, rules.masked))
    if sure(q, comb.gate_low, comb.gate_high, cheap_flags, len(text.split())):
        return Decision([CATEGORY_OF[c] for c in cheap_flags], "tfidf", scores)
    embedder = get_embedder()
    if embedder is None:  # fallback: the cheap layers decide (the reason was logged once)
        return Decision([CATEGORY_OF[c] for c in cheap_flags], "tfidf", scores)
    p_e = (embed_head or get_embed_head()).proba(embedder.embed(text))
    qf = comb.full.proba(full_features(p_t, p_e, rules, text))
    scores.update({f"embedding.{c}": round(p_e[c], 4) for c in CRISIS_CLASSES})
    return Decision([CATEGORY_OF[c] for c in comb.full.flagged(older_adults_abuse(qf, comb.full.thresholds, rules.masked))],
                    "embedding", scores)


def decide(rules) -> Decision:
    """Layers 2-4 for a ``RuleOutcome`` in which no strong rule fired."""
    whole = decide_whole(rules)
    if whole.categories or not is_long(rules.masked):
        return whole
    q = window_scores(rules)
    hits = flagged(q, get_combiner().window)
    if not hits:
        return whole
    scores = {**whole.scores, **{f"window.{c}": round(q[c], 4) for c in CRISIS_CLASSES}}
    return Decision([CATEGORY_OF[c] for c in hits], "window", scores)


# ---------------------------------------------------------------- long messages
# A window holds whole sentences, up to this many words (a sentence longer than that is cut in pieces of it): about
# the length of the hand-written disclosures the heads learnt from. A message is long when it has more than
# LONG_WORDS words; shorter ones are read whole only.
WINDOW_WORDS = 40
LONG_WORDS = 60
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*")


def is_long(text: str) -> bool:
    return len(text.split()) > LONG_WORDS


def windows(text: str, size: int = WINDOW_WORDS) -> list[tuple[int, int]]:
    """Spans of ``text`` that cover it, each of whole sentences and at most ``size`` words."""
    pieces: list[tuple[int, int, int]] = []  # (start, end, words)
    for m in _SENTENCE.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        for k in range(0, len(words), size):
            part = words[k:k + size]
            pieces.append((m.start() + part[0].start(), m.start() + part[-1].end(), len(part)))
    spans: list[tuple[int, int]] = []
    start, end, count = None, 0, 0
    for a, b, n in pieces:
        if start is not None and count + n > size:
            spans.append((start, end))
            start = None
        if start is None:
            start, count = a, 0
        end, count = b, count + n
    if start is not None:
        spans.append((start, end))
    return spans


def window_parts(rules) -> list[tuple[object, str]]:
    """Each window of a message's ``RuleOutcome`` (``windows``) as an outcome of its own and the text the learned
    layers read of it; a window left empty (all of it a denial) is skipped. The training script reads the same."""
    parts = [rules.window(a, b) for a, b in windows(rules.masked)]
    return [(part, text) for part in parts if (text := part.model_text())]


def window_scores(rules, comb: Combiner | None = None, head=None) -> dict[str, float]:
    """The cheap combiner's probabilities for each window of a long message, the highest per class."""
    comb, head = comb or get_combiner(), head or get_head()
    best = dict.fromkeys(CLASSES, 0.0)
    for part, text in window_parts(rules):
        q = comb.cheap.proba(cheap_features(head.proba(text), part, text))
        for c in CRISIS_CLASSES:
            best[c] = max(best[c], q[c])
    return best
