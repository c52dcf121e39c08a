"""Powertools logger, tracer and metrics for every function, with the X-Ray SDK loaded on first use.

The X-Ray SDK builds two botocore clients when it is imported (about half a second on a cold start), and
Powertools' Tracer imports it as soon as a Tracer is created, even with tracing disabled. The provider below
stands in for the SDK's recorder and loads it on the first traced call instead; with tracing disabled (locally,
in tests) it is never loaded at all.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.tracing.base import BaseProvider


class LazyXRayProvider(BaseProvider):
    def __init__(self) -> None:
        self._patches: list[tuple[str, Any]] = []

    @cached_property
    def recorder(self):
        from aws_xray_sdk.core import patch, patch_all, xray_recorder

        # Patches asked for before the SDK was loaded are applied now, once.
        for kind, modules in self._patches:
            patch_all() if kind == "all" else patch(modules)
        # What Powertools does for its own recorder: send subsegments as they close (no batching).
        xray_recorder.configure(streaming_threshold=0)
        return xray_recorder

    def in_subsegment(self, name=None, **kwargs):
        return self.recorder.in_subsegment(name=name, **kwargs)

    def in_subsegment_async(self, name=None, **kwargs):
        return self.recorder.in_subsegment_async(name=name, **kwargs)

    def put_annotation(self, key, value) -> None:
        self.recorder.put_annotation(key=key, value=value)

    def put_metadata(self, key, value, namespace: str = "default") -> None:
        self.recorder.put_metadata(key=key, value=value, namespace=namespace)

    def patch(self, modules) -> None:
        self._patches.append(("some", modules))

    def patch_all(self) -> None:
        self._patches.append(("all", None))

    # Powertools calls these on the recorder directly in a few places.
    def configure(self, **kwargs) -> None:
        self.recorder.configure(**kwargs)

    def begin_subsegment(self, *args, **kwargs):
        return self.recorder.begin_subsegment(*args, **kwargs)

    def end_subsegment(self, *args, **kwargs):
        return self.recorder.end_subsegment(*args, **kwargs)


_provider = LazyXRayProvider()

METRICS_NAMESPACE = "Inetta"


def metrics() -> Metrics:
    """Powertools' Metrics, in the namespace the environment names, or ours when it names none.

    Metrics share one buffer per process, and Powertools publishes it by itself once a metric holds 100 values.
    Without a namespace that publication raises, in whatever call happened to add the hundredth value: a model
    reply would be lost to a metric. So there is always a namespace.
    """
    return Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or METRICS_NAMESPACE)


def observability() -> tuple[Logger, Tracer, Metrics]:
    """The three Powertools utilities, named from POWERTOOLS_SERVICE_NAME."""
    return Logger(), Tracer(provider=_provider), metrics()
