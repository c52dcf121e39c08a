"""Inetta's own tooling: the `inetta` command and the local stack (`inetta.local`).

The product code lives in `services/` (one folder per Lambda function) and `shared/`; the CDK app in `infra/`.
"""

__version__ = "0.1.0"
