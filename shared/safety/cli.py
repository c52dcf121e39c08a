"""``inetta crisis classify``: JSON lines in, JSON lines out.

Input, one object a line: ``{"id": ..., "text": ...}``. Output, one line per input line, in order:
``{"id": ..., "escalate": bool, "category": str | null, "severity": str | null}``. A line that is not valid JSON
(or has no text) gets ``{"id": null-or-id, "escalate": false, "category": null, "severity": null, "error": ...}``
so that output stays aligned with input. Returns the exit status: 0, or 1 if any line was invalid.
"""

from __future__ import annotations

import json
import sys
from typing import IO

from . import screen


def classify_stream(stdin: IO[str], stdout: IO[str]) -> int:
    status = 0
    for line in stdin:
        if not line.strip():
            continue
        obj = None
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError("expected an object with a string 'text'")
        except ValueError as exc:
            status = 1
            rid = obj.get("id") if isinstance(obj, dict) else None
            stdout.write(json.dumps({"id": rid, "escalate": False, "category": None, "severity": None,
                                     "error": str(exc)[:200]}) + "\n")
            continue
        r = screen(obj["text"], locale=obj.get("locale") or "en-US")
        stdout.write(json.dumps({"id": obj.get("id"), "escalate": r.escalate, "category": r.category,
                                 "severity": r.severity}) + "\n")
    stdout.flush()
    return status


def main() -> int:
    return classify_stream(sys.stdin, sys.stdout)


if __name__ == "__main__":
    raise SystemExit(main())
