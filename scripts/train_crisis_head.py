#!/usr/bin/env python
"""Train the crisis classifier head (layer 2 of ``shared.safety``), reproducibly.

    .venv/bin/python scripts/train_crisis_head.py [--dev ../shared/data/crisis/dev.jsonl]

Data: ``dev.jsonl`` (labels suicide / abuse / distress / none; distress and none are "no crisis") minus the
held-out split, plus the in-domain examples in ``shared/safety/data/in_domain_train.jsonl`` (weighted up).

Held-out split (never seen by training or threshold selection): a dev row is held out when
``int(sha256(id).hexdigest()[:8], 16) % 5 == 0`` (≈ 20 %). ``bench/crisis_bench.py`` evaluates on exactly those.

Model: hashed TF-IDF (words + bigrams, char 3-5 grams; ``shared/safety/features.py``) -> multinomial logistic
regression (scikit-learn, training only; run time is numpy). Only the buckets with the largest weights are kept.
Thresholds come from 5-fold out-of-fold predictions on the training part. Everything is seeded; re-running gives
the same artifact. Writes ``shared/safety/data/crisis_head.npz``.

Needs (dev only): scikit-learn, scipy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared.safety.features import N_BUCKETS, hashed_counts  # noqa: E402
from shared.safety.rules import mask_idioms, negated_spans_removed, normalise  # noqa: E402

DEFAULT_DEV = ROOT.parent / "shared" / "data" / "crisis" / "dev.jsonl"
IN_DOMAIN = ROOT / "shared" / "safety" / "data" / "in_domain_train.jsonl"
OUT = ROOT / "shared" / "safety" / "data" / "crisis_head.npz"

CLASSES = ("none", "suicide", "abuse")
LABEL_TO_CLASS = {"none": 0, "distress": 0, "suicide": 1, "abuse": 2}
SEED = 20240605
C = 4.0
KEEP_WORD = 12000
KEEP_CHAR = 24000
IN_DOMAIN_WEIGHT = 4.0
# Operating points, chosen on out-of-fold scores of negatives (none + distress): the share of negatives a class may
# flag on its own ("strong") and when a weak rule cue is present ("weak").
FPR_STRONG = {"suicide": 0.03, "abuse": 0.015}
FPR_WEAK = {"suicide": 0.15, "abuse": 0.08}


def held_out(row_id: str) -> bool:
    return int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) % 5 == 0


def model_text(text: str) -> str:
    """Exactly what ``shared.safety.screen`` hands to the classifier."""
    return negated_spans_removed(mask_idioms(normalise(text)))


def load(dev_path: Path):
    texts, y, w, ids = [], [], [], []
    for line in dev_path.open(encoding="utf-8"):
        r = json.loads(line)
        if held_out(r["id"]):
            continue
        texts.append(r["text"]); y.append(LABEL_TO_CLASS[r["label"]]); w.append(1.0); ids.append(r["id"])
    for line in IN_DOMAIN.open(encoding="utf-8"):
        r = json.loads(line)
        texts.append(r["text"]); y.append(LABEL_TO_CLASS[r["label"]]); w.append(IN_DOMAIN_WEIGHT); ids.append(r["id"])
    return texts, np.array(y), np.array(w), ids


def featurise(texts):
    rows_w, rows_c = [], []
    for t in texts:
        rows_w.append(hashed_counts(model_text(t)))
    words = [r[0] for r in rows_w]
    chars = [r[1] for r in rows_w]
    return words, chars


def to_csr(counts_list):
    indptr, indices, data = [0], [], []
    for d in counts_list:
        indices.extend(d.keys()); data.extend(d.values()); indptr.append(len(indices))
    X = sp.csr_matrix((np.array(data, dtype=np.float32), np.array(indices, dtype=np.int64), np.array(indptr)),
                      shape=(len(counts_list), N_BUCKETS))
    X.sum_duplicates()
    return X


def idf_of(X) -> np.ndarray:
    n = X.shape[0]
    df = np.bincount(X.indices, minlength=N_BUCKETS)
    return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)


def tfidf(X, idf):
    X = X.copy()
    X.data = (1.0 + np.log(X.data)) * idf[X.indices]
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ X


def quantise_idf(idf):
    lo, hi = float(idf.min()), float(idf.max())
    step = (hi - lo) / 255.0
    q = np.clip(np.round((idf - lo) / step), 0, 255).astype(np.uint8)
    return q, lo, step


def fit(Xw, Xc, y, w):
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, random_state=SEED)
    clf.fit(sp.hstack([Xw, Xc]).tocsr(), y, sample_weight=w)
    return clf


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    t0 = time.time()
    texts, y, w, ids = load(args.dev)
    print(f"training rows: {len(texts)} (in-domain weighted x{IN_DOMAIN_WEIGHT})", flush=True)
    words, chars = featurise(texts)
    Cw, Cc = to_csr(words), to_csr(chars)
    print(f"featurised in {time.time() - t0:.1f}s", flush=True)

    # Out-of-fold scores for the thresholds (idf refit per fold, like the final model).
    oof = np.zeros((len(y), len(CLASSES)))
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for k, (tr, te) in enumerate(skf.split(np.zeros(len(y)), y)):
        iw, ic = idf_of(Cw[tr]), idf_of(Cc[tr])
        clf = fit(tfidf(Cw[tr], iw), tfidf(Cc[tr], ic), y[tr], w[tr])
        oof[te] = clf.predict_proba(sp.hstack([tfidf(Cw[te], iw), tfidf(Cc[te], ic)]).tocsr())
        print(f"fold {k} done ({time.time() - t0:.0f}s)", flush=True)

    iw, ic = idf_of(Cw), idf_of(Cc)
    clf = fit(tfidf(Cw, iw), tfidf(Cc, ic), y, w)
    coef = clf.coef_.T.astype(np.float32)  # [2*N, classes]
    cw, cc = coef[:N_BUCKETS], coef[N_BUCKETS:]
    keep_w = np.sort(np.argsort(-np.abs(cw).max(axis=1), kind="stable")[:KEEP_WORD])
    keep_c = np.sort(np.argsort(-np.abs(cc).max(axis=1), kind="stable")[:KEEP_CHAR])

    neg = y == 0
    thresholds, report = {}, {}
    for ci, name in ((1, "suicide"), (2, "abuse")):
        s_neg = np.sort(oof[neg, ci])
        t_strong = float(np.quantile(s_neg, 1 - FPR_STRONG[name]))
        t_weak = float(np.quantile(s_neg, 1 - FPR_WEAK[name]))
        thresholds[name] = {"strong": round(t_strong, 4), "weak": round(t_weak, 4)}
        pos = y == ci
        report[name] = {"oof_recall_strong": round(float((oof[pos, ci] >= t_strong).mean()), 3),
                        "oof_recall_weak": round(float((oof[pos, ci] >= t_weak).mean()), 3)}
    print("thresholds:", thresholds)
    print("out-of-fold:", report)

    qw, lo_w, st_w = quantise_idf(iw)
    qc, lo_c, st_c = quantise_idf(ic)
    # One quantisation grid for both blocks keeps the loader simple.
    lo, hi = min(lo_w, lo_c), max(float(iw.max()), float(ic.max()))
    step = (hi - lo) / 255.0
    qw = np.clip(np.round((iw - lo) / step), 0, 255).astype(np.uint8)
    qc = np.clip(np.round((ic - lo) / step), 0, 255).astype(np.uint8)
    meta = {
        "classes": list(CLASSES), "thresholds": thresholds, "oof": report, "idf_min": lo, "idf_step": step,
        "n_buckets": N_BUCKETS, "seed": SEED, "C": C, "keep": [KEEP_WORD, KEEP_CHAR],
        "in_domain_weight": IN_DOMAIN_WEIGHT, "fpr_strong": FPR_STRONG, "fpr_weak": FPR_WEAK,
        "held_out_rule": "int(sha256(id).hexdigest()[:8], 16) % 5 == 0",
        "train_rows": int(len(y)), "dev_sha256": hashlib.sha256(args.dev.read_bytes()).hexdigest(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out, meta=np.array(json.dumps(meta, sort_keys=True)),
        idf_w_q=qw, idf_c_q=qc,
        keep_w=keep_w.astype(np.int32), coef_w=cw[keep_w].astype(np.float16),
        keep_c=keep_c.astype(np.int32), coef_c=cc[keep_c].astype(np.float16),
        bias=clf.intercept_.astype(np.float32),
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
