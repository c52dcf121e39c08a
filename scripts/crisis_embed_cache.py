#!/usr/bin/env python
"""Embeddings of the crisis training texts, cached (``build/crisis/``, not committed) so that retraining the heads
does not re-embed 12,000 texts every time. The cache is keyed by the sha256 of the model's input text and by the
model's sha256 and truncation length, so it can never serve a vector of another text or another model.

    .venv/bin/python scripts/crisis_embed_cache.py          # fill the cache for the current training rows
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared.safety.embed import DIM, MAX_TOKENS, MODEL_SHA256, get_embedder, unavailable_reason  # noqa: E402

CACHE = ROOT / "build" / "crisis" / f"embeddings-{MODEL_SHA256[:12]}-t{MAX_TOKENS}.npz"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_cache(path: Path = CACHE) -> dict[str, np.ndarray]:
    if not path.is_file():
        return {}
    d = np.load(path, allow_pickle=False)
    return dict(zip(d["keys"].tolist(), d["vecs"]))


def save_cache(cache: dict[str, np.ndarray], path: Path = CACHE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(cache)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, keys=np.array(keys), vecs=np.stack([cache[k] for k in keys]) if keys else np.zeros((0, DIM)))
    tmp.replace(path)


def embed_all(texts: list[str], path: Path = CACHE, progress: bool = True) -> np.ndarray:
    """Embeddings of ``texts`` (model inputs, already normalised), from the cache or computed now."""
    cache = load_cache(path)
    todo = [t for t in dict.fromkeys(texts) if _key(t) not in cache]
    if todo:
        emb = get_embedder()
        if emb is None:
            raise SystemExit(f"the embedding model is unavailable: {unavailable_reason()}")
        t0 = time.time()
        for i, t in enumerate(todo):
            cache[_key(t)] = emb.embed(t)
            if progress and (i + 1) % 500 == 0:
                print(f"  embedded {i + 1}/{len(todo)} ({time.time() - t0:.0f}s)", flush=True)
                save_cache(cache, path)
        save_cache(cache, path)
    return np.stack([cache[_key(t)] for t in texts]).astype(np.float32)


def main() -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_crisis_head import DEFAULT_DEV, load, model_text

    texts, *_ = load(DEFAULT_DEV)
    X = embed_all([model_text(t) for t in texts])
    print(f"{X.shape[0]} embeddings ready in {CACHE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
