"""Getting the synthesized CloudFormation template, and rewriting intrinsics in it.

The local stack provisions what the CDK app defines, so it starts from the same template `cdk synth` writes.
Synthesis runs the app exactly as the CDK CLI does (`python app.py` with `CDK_OUTDIR` and `CDK_CONTEXT_JSON`, the
context of `cdk.json`), in a subprocess so that jsii's Node process never lives in ours, with asset staging off (the
functions run from the checkout; copying the repository and the layer into cdk.out would only cost time).

A synth takes 5-9 s, so the template is cached under `build/local-stack/`, keyed by everything that can change
it: `app.py`, `cdk.json`, `cdk.context.json`, `infra/**` and the aws-cdk-lib version.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from inetta.local.errors import LocalStackError

# The checkout this package belongs to (an editable install); else, installed elsewhere, the current directory.
REPO_ROOT = Path(__file__).resolve().parents[2]
if not (REPO_ROOT / "app.py").exists():
    REPO_ROOT = Path.cwd()
DEFAULT_STACK_NAME = "Inetta"


def load_template(
    repo_root: Path = REPO_ROOT, stack_name: str = DEFAULT_STACK_NAME, use_cache: bool = True
) -> dict[str, Any]:
    """The stack's template: `$INETTA_TEMPLATE` if set, else a (cached) synth of the CDK app."""
    explicit = os.environ.get("INETTA_TEMPLATE")
    if explicit:
        return json.loads(Path(explicit).read_text())
    cache_dir = repo_root / "build" / "local-stack"
    cache_file = cache_dir / f"{stack_name}-{_cache_key(repo_root)}.template.json"
    if use_cache and cache_file.exists():
        return json.loads(cache_file.read_text())
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _file_lock(cache_dir / ".lock"):  # parallel test workers synthesize once, not once each
        if use_cache and cache_file.exists():
            return json.loads(cache_file.read_text())
        template = synthesize(repo_root, stack_name)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(template))
        os.replace(tmp, cache_file)
        for stale in cache_dir.glob(f"{stack_name}-*.template.json"):
            if stale != cache_file:
                stale.unlink(missing_ok=True)
    return template


def synthesize(repo_root: Path = REPO_ROOT, stack_name: str = DEFAULT_STACK_NAME) -> dict[str, Any]:
    app_file = repo_root / "app.py"
    if not app_file.exists():
        raise LocalStackError(f"no CDK app at {app_file}: nothing to provision")
    cdk_json = repo_root / "cdk.json"
    context: dict[str, Any] = {}
    if cdk_json.exists():
        context.update(json.loads(cdk_json.read_text()).get("context", {}))
    cdk_context = repo_root / "cdk.context.json"
    if cdk_context.exists():
        context.update(json.loads(cdk_context.read_text()))
    context["aws:cdk:disable-asset-staging"] = True
    with tempfile.TemporaryDirectory(prefix="inetta-synth-") as outdir:
        env = dict(os.environ)
        env.update(
            {
                "CDK_OUTDIR": outdir,
                "CDK_CONTEXT_JSON": json.dumps(context),
                "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
                "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1",
            }
        )
        proc = subprocess.run(
            [sys.executable, str(app_file)], cwd=repo_root, env=env, capture_output=True, text=True, timeout=600
        )
        if proc.returncode != 0:
            raise LocalStackError(f"cdk synth (python app.py) failed:\n{proc.stderr[-4000:]}")
        return _read_assembly(Path(outdir), stack_name)


def _read_assembly(outdir: Path, stack_name: str) -> dict[str, Any]:
    manifest = json.loads((outdir / "manifest.json").read_text())
    stacks = {
        name: artifact
        for name, artifact in manifest.get("artifacts", {}).items()
        if artifact.get("type") == "aws:cloudformation:stack"
    }
    chosen = stacks.get(stack_name) or next(
        (a for a in stacks.values() if a.get("displayName") == stack_name), None
    )
    if chosen is None and len(stacks) == 1:
        chosen = next(iter(stacks.values()))
    if chosen is None:
        raise LocalStackError(f"stack {stack_name!r} not in the cloud assembly (stacks: {sorted(stacks)})")
    return json.loads((outdir / chosen["properties"]["templateFile"]).read_text())


def _cache_key(repo_root: Path) -> str:
    digest = hashlib.sha256()
    files = [repo_root / "app.py", repo_root / "cdk.json", repo_root / "cdk.context.json"]
    files += sorted((repo_root / "infra").rglob("*.py")) if (repo_root / "infra").exists() else []
    for path in files:
        if path.exists() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(repo_root)).encode())
            digest.update(path.read_bytes())
    with contextlib.suppress(metadata.PackageNotFoundError):
        digest.update(metadata.version("aws-cdk-lib").encode())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, at worst two workers synthesize the same template
        yield
        return
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- intrinsics -------------------------------------------------------------------------------------------------

PSEUDO_PARAMETERS = ("AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::URLSuffix", "AWS::StackName",
                     "AWS::StackId", "AWS::NoValue", "AWS::NotificationARNs")
_SUB_REFERENCE = re.compile(r"\$\{([A-Za-z0-9:]+)(?:\.([A-Za-z0-9.]+))?\}")


def substitute(node: Any, values: Mapping[str, Mapping[str, Any]]) -> Any:
    """Replace `Ref`, `Fn::GetAtt` and `${...}` in `Fn::Sub` that name a key of `values` by literals.

    `values[logical_id]` maps "Ref" and attribute names to what they stand for. Used for the resources the local
    stack creates itself (moto's CloudFormation can't), so that moto resolves the rest of the template.
    """
    if isinstance(node, list):
        return [substitute(item, values) for item in node]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        (key, arg), = node.items()
        if key == "Ref" and isinstance(arg, str) and arg in values:
            return _value(values, arg, "Ref")
        if key == "Fn::GetAtt":
            logical_id, attribute = _getatt_parts(arg)
            if logical_id in values:
                return _value(values, logical_id, attribute)
        if key == "Fn::Sub":
            if isinstance(arg, str):
                return {"Fn::Sub": _substitute_in_sub(arg, values, set())}
            if isinstance(arg, list) and len(arg) == 2:
                local_names = set(arg[1])
                return {"Fn::Sub": [_substitute_in_sub(arg[0], values, local_names), substitute(arg[1], values)]}
    return {key: substitute(value, values) for key, value in node.items()}


def _getatt_parts(arg: Any) -> tuple[str, str]:
    if isinstance(arg, str):  # the short "Logical.Attribute" form
        logical_id, _, attribute = arg.partition(".")
        return logical_id, attribute
    return arg[0], arg[1]


def _value(values: Mapping[str, Mapping[str, Any]], logical_id: str, attribute: str) -> Any:
    try:
        return values[logical_id][attribute]
    except KeyError:
        raise LocalStackError(
            f"the template uses {attribute!r} of {logical_id}, which the local stack doesn't provide"
        ) from None


def _substitute_in_sub(text: str, values: Mapping[str, Mapping[str, Any]], local_names: set[str]) -> str:
    def replace(match: re.Match) -> str:
        name, attribute = match.group(1), match.group(2)
        if name in local_names or name not in values:
            return match.group(0)
        return str(_value(values, name, attribute or "Ref"))

    return _SUB_REFERENCE.sub(replace, text)


def references(node: Any) -> set[str]:
    """Logical ids (and pseudo parameters) a piece of template refers to."""
    found: set[str] = set()
    if isinstance(node, list):
        for item in node:
            found |= references(item)
    elif isinstance(node, dict):
        for key, arg in node.items():
            if key == "Ref" and isinstance(arg, str):
                found.add(arg)
            elif key == "Fn::GetAtt":
                found.add(_getatt_parts(arg)[0])
            elif key == "Fn::Sub":
                text, local_names = (arg, set()) if isinstance(arg, str) else (arg[0], set(arg[1]))
                found |= {m.group(1) for m in _SUB_REFERENCE.finditer(text) if m.group(1) not in local_names}
                if isinstance(arg, list):
                    found |= references(arg[1])
            else:
                found |= references(arg)
    return found


def has_intrinsics(node: Any) -> bool:
    if isinstance(node, list):
        return any(has_intrinsics(item) for item in node)
    if isinstance(node, dict):
        return any(key == "Ref" or key.startswith("Fn::") or has_intrinsics(v) for key, v in node.items())
    return False


def resolve_pseudo(node: Any, pseudo: Mapping[str, Any]) -> Any:
    """Resolve what needs no stack: pseudo parameters, and Join/Sub/Select/Split over literals."""
    if isinstance(node, list):
        return [resolve_pseudo(item, pseudo) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: resolve_pseudo(value, pseudo) for key, value in node.items()}
    if len(node) != 1:
        return node
    (key, arg), = node.items()
    if key == "Ref" and arg in pseudo:
        return pseudo[arg]
    if key == "Fn::Join" and not has_intrinsics(arg):
        return arg[0].join(str(part) for part in arg[1])
    if key == "Fn::Select" and not has_intrinsics(arg):
        return arg[1][int(arg[0])]
    if key == "Fn::Split" and not has_intrinsics(arg):
        return arg[1].split(arg[0])
    if key == "Fn::Sub" and isinstance(arg, str):
        text = _SUB_REFERENCE.sub(lambda m: str(pseudo[m.group(1)]) if m.group(1) in pseudo and not m.group(2)
                                  else m.group(0), arg)
        return text.replace("${!", "${") if not _SUB_REFERENCE.search(text) else {"Fn::Sub": text}
    return node


def match_logical_id(name: str, logical_ids: Iterable[str]) -> str:
    """The logical id `name` designates: itself, or the construct id CDK turned into `name` + 8 hex digits.

    A plain prefix is accepted too when it designates exactly one resource.
    """
    logical_ids = list(logical_ids)
    if name in logical_ids:
        return name
    exact = [lid for lid in logical_ids if re.fullmatch(re.escape(name) + r"[0-9A-F]{8}", lid)]
    candidates = exact or [lid for lid in logical_ids if lid.startswith(name)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise LocalStackError(f"no resource {name!r} in the template")
    raise LocalStackError(f"{name!r} is ambiguous: {', '.join(sorted(candidates))}")
