#!/usr/bin/env python3
"""CDK entry point (cdk.json: `.venv/bin/python app.py`). Everything is assembled in `infra.build_app`."""

from infra import build_app

app, _stack = build_app()
app.synth()
