"""`python -m inetta.local`: the same as `inetta dev`."""

import sys

from inetta.local.dev import run_dev

sys.exit(run_dev())
