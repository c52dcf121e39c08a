"""Layer 2 of the crisis screen: a linear head over hashed TF-IDF features.

The head is trained by ``scripts/train_crisis_head.py`` and committed as ``data/crisis_head.npz`` (a few hundred KB).
It is loaded once, lazily, and is read-only afterwards, so it is safe to share between threads (two threads that
race on the first message may both load it; the loads are identical and one is kept).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .features import hashed_counts, tfidf_block

HEAD_PATH = Path(__file__).parent / "data" / "crisis_head.npz"


def softmax(z: np.ndarray, classes) -> dict[str, float]:
    """Class probabilities from a linear model's scores (what every head and combiner of the screen returns)."""
    e = np.exp(z - z.max())
    p = e / e.sum()
    return {c: float(p[i]) for i, c in enumerate(classes)}


@dataclass(frozen=True)
class Head:
    classes: tuple[str, ...]
    idf_w: np.ndarray      # float32 [N_BUCKETS]
    idf_c: np.ndarray      # float32 [N_BUCKETS]
    keep_w: np.ndarray     # sorted int64 bucket ids with a weight (word block)
    coef_w: np.ndarray     # float32 [len(keep_w), n_classes]
    keep_c: np.ndarray
    coef_c: np.ndarray
    bias: np.ndarray       # float32 [n_classes]
    norm_floor: tuple[float, float]  # (words, chars): what the head was trained with (``features.NORM_FLOOR_*``)
    meta: dict             # the cut-offs live in crisis_combiner.json (combine.py)

    def _block(self, counts, idf, floor, keep, coef) -> np.ndarray:
        idx, val = tfidf_block(counts, idf, floor)
        if idx.size == 0:
            return np.zeros(coef.shape[1], dtype=np.float32)
        pos = np.searchsorted(keep, idx)
        pos[pos >= keep.size] = 0
        hit = keep[pos] == idx
        if not hit.any():
            return np.zeros(coef.shape[1], dtype=np.float32)
        return val[hit] @ coef[pos[hit]]

    def proba(self, text: str) -> dict[str, float]:
        words, chars = hashed_counts(text)
        floor_w, floor_c = self.norm_floor
        z = (self._block(words, self.idf_w, floor_w, self.keep_w, self.coef_w)
             + self._block(chars, self.idf_c, floor_c, self.keep_c, self.coef_c) + self.bias)
        return softmax(z, self.classes)


def load_head(path: Path = HEAD_PATH) -> Head:
    d = np.load(path, allow_pickle=False)
    meta = json.loads(str(d["meta"]))
    # idf is stored quantised (uint8 steps of idf_step above idf_min) to keep the artifact small.
    def idf(name):
        q = d[name].astype(np.float32)
        return (meta["idf_min"] + q * meta["idf_step"]).astype(np.float32)
    return Head(
        classes=tuple(meta["classes"]),
        idf_w=idf("idf_w_q"), idf_c=idf("idf_c_q"),
        keep_w=d["keep_w"].astype(np.int64), coef_w=d["coef_w"].astype(np.float32),
        keep_c=d["keep_c"].astype(np.int64), coef_c=d["coef_c"].astype(np.float32),
        bias=d["bias"].astype(np.float32), norm_floor=tuple(meta["norm_floor"]), meta=meta,
    )


@cache
def get_head() -> Head:
    return load_head()


# ------------------------------------------------------------------------------------------------------------------
# Layer 3's head: a linear (multinomial logistic) head over MiniLM sentence embeddings (``embed.py``).

EMBED_HEAD_PATH = Path(__file__).parent / "data" / "crisis_embed_head.npz"


@dataclass(frozen=True)
class EmbedHead:
    classes: tuple[str, ...]
    coef: np.ndarray   # float32 [DIM, n_classes]
    bias: np.ndarray   # float32 [n_classes]
    meta: dict

    def proba(self, vec: np.ndarray) -> dict[str, float]:
        return softmax(vec @ self.coef + self.bias, self.classes)


def load_embed_head(path: Path = EMBED_HEAD_PATH) -> EmbedHead:
    d = np.load(path, allow_pickle=False)
    meta = json.loads(str(d["meta"]))
    return EmbedHead(classes=tuple(meta["classes"]), coef=d["coef"].astype(np.float32),
                     bias=d["bias"].astype(np.float32), meta=meta)


@cache
def get_embed_head() -> EmbedHead:
    return load_embed_head()
