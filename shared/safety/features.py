"""Hashed TF-IDF features (words, word bigrams and character n-grams), in pure Python + numpy.

The same code featurises at training time (``scripts/train_crisis_head.py``) and at run time, so the two cannot
drift. Buckets come from ``zlib.crc32`` (stable across processes, unlike ``hash``).
"""

from __future__ import annotations

import re
import zlib

import numpy as np

N_BUCKETS = 1 << 18
MAX_CHARS = 3000  # long posts: the first 2,000 and the last 1,000 characters
CHAR_N = (3, 4, 5)
# A text this short carries little evidence, so its vector is not stretched to unit length: it is divided by at least
# this norm (about what a six- or seven-word message reaches). Without it "he", "i am tired" or what is left of "I'm
# not suicidal" once the denied statement is taken out were read as loudly as a whole post.
NORM_FLOOR_WORDS = 15.0
NORM_FLOOR_CHARS = 20.0
_TOKEN = re.compile(r"[a-z0-9_']+|[^\sa-z0-9_']")
_WORD = re.compile(r"[a-z0-9_']+")


def clip(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    return text[:2000] + " " + text[-1000:]


def hashed_counts(text: str) -> tuple[dict[int, float], dict[int, float]]:
    """Term counts per bucket for the word block and the character block."""
    text = clip(text)
    crc = zlib.crc32
    words: dict[int, float] = {}
    toks = _TOKEN.findall(text)
    prev = "<s>"
    for t in toks:
        h = crc(b"w" + t.encode()) % N_BUCKETS
        words[h] = words.get(h, 0.0) + 1.0
        h = crc(("b" + prev + " " + t).encode()) % N_BUCKETS
        words[h] = words.get(h, 0.0) + 1.0
        prev = t
    chars: dict[int, float] = {}
    for w in _WORD.findall(text):
        padded = " " + w + " "
        L = len(padded)
        for n in CHAR_N:
            if L < n:
                break
            for i in range(L - n + 1):
                h = crc(("c" + padded[i:i + n]).encode()) % N_BUCKETS
                chars[h] = chars.get(h, 0.0) + 1.0
    return words, chars


def tfidf_block(counts: dict[int, float], idf: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Sublinear tf * idf, divided by its L2 norm or ``floor``, whichever is larger; returns (bucket indices,
    values)."""
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    val = (1.0 + np.log(tf)) * idf[idx]
    val = val / max(float(np.sqrt(np.dot(val, val))), floor)
    return idx, val.astype(np.float32)
