"""The CDK app: the stack `Inetta` (and `InettaWeb`, the web client: infra/web.py), assembled from one construct per concern (see docs/architecture.md).

`build_app()` is the single way to get the app, used by `app.py` (the CDK CLI), the infrastructure tests and
the local stack, so all three synthesize exactly the same template.

Nothing here imports aws_cdk at module level: `python -m infra.packaging` imports this package first and
must stay instant.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aws_cdk import App

    from infra.stack import InettaStack

REPO_ROOT = Path(__file__).resolve().parent.parent
STACK_NAME = "Inetta"
WEB_STACK_NAME = "InettaWeb"  # the web client (infra/web.py); not provisioned by the local stack

# jsii prints a multi-line banner on every start when Node is older than it likes; we know (README).
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")


def cdk_json_context() -> dict[str, Any]:
    """The `context` block of cdk.json: the CLI passes it to the app, in-process callers get it from here."""
    return json.loads((REPO_ROOT / "cdk.json").read_text(encoding="utf-8")).get("context", {})


def build_app(
    context: dict[str, Any] | None = None,
    *,
    outdir: str | None = None,
    nag: bool = True,
    validate_template: bool = True,
) -> tuple[App, InettaStack]:
    """Build (not synthesize) the app and its stack.

    `context` overrides cdk.json's context (the CLI's own `-c` values override both). With `nag`, the
    AwsSolutions checks run at `app.synth()` and fail it on any unacknowledged finding; `validate_template`
    keeps CDK's CloudFormation schema validation (about 9 s of a synth on two cores). Works offline and without
    AWS credentials: the stack is environment-agnostic.
    """
    from aws_cdk import App

    from infra import compliance, packaging
    from infra.stack import InettaStack

    # The layer must exist before Code.from_asset fingerprints it; cached by a stamp, so usually instant.
    packaging.ensure_layer()
    app = App(
        context={**cdk_json_context(), **(context or {})},
        outdir=outdir,
        builtin_cloud_formation_validation=validate_template,
        # Construct stack traces only ever show jsii internals for a Python app, and cost synth time.
        stack_traces=False,
        # No AWS::CDK::Metadata resource: operators' deployments don't report library usage, and the
        # template carries only what the product defines.
        analytics_reporting=False,
    )
    stack = InettaStack(app, STACK_NAME)
    _add_web_client(app, stack)
    if nag:
        compliance.enable_checks(app)
    return app, stack


def _add_web_client(app: App, stack: InettaStack) -> None:
    """The `InettaWeb` stack, configured from the API stack's outputs (cross-stack references)."""
    from infra.web import InettaWebStack

    output = lambda name: stack.node.find_child(name).value  # noqa: E731
    InettaWebStack(app, WEB_STACK_NAME, api_url=output("ApiUrl"), user_pool_id=output("UserPoolId"),
                   user_pool_client_id=output("UserPoolClientId"), websocket_url=output("WebSocketUrl"))


# What the local stack needs from a synth: no copies of the assets (it runs handlers from the checkout) and
# each asset's source in the resource Metadata (`aws:asset:path`: the repository root for every function,
# build/layer for the layer). Never deploy an assembly synthesized this way: unstaged, a function's asset
# is the whole unfiltered repository root.
LOCAL_CONTEXT = {"aws:cdk:disable-asset-staging": True, "aws:cdk:enable-asset-metadata": True}


def synth_template(context: dict[str, Any] | None = None, *, outdir: str | None = None) -> dict[str, Any]:
    """Synthesize for the local stack and return the CloudFormation template (a few seconds, no checks)."""
    with tempfile.TemporaryDirectory(prefix="inetta-cdk-") as scratch:
        app, stack = build_app(
            {**LOCAL_CONTEXT, **(context or {})}, outdir=outdir or scratch, nag=False, validate_template=False
        )
        return app.synth().get_stack_by_name(stack.stack_name).template
