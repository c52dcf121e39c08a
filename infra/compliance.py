"""cdk-nag: which rule packs guard the app, and the one way to acknowledge a finding.

cdk-nag 3 runs as a CDK policy-validation plugin (`Validations.of(app).add_plugins(...)`): `app.synth()` fails
on any unacknowledged finding. Acknowledgments are recorded as construct metadata, each with its reason, and
the infrastructure tests check that every one of them carries a real reason.
"""

from __future__ import annotations

from aws_cdk import Acknowledgment, Validations
from cdk_nag import AwsSolutionsChecks, NagPack
from constructs import IConstruct

# Metadata key under which CDK records acknowledgments (rule id -> reason) on a construct.
ACKNOWLEDGED_RULES_METADATA_KEY = Validations.ACKNOWLEDGED_RULES_METADATA_KEY

MIN_REASON_LENGTH = 30


def nag_packs(app: IConstruct) -> list[NagPack]:
    return [AwsSolutionsChecks(app)]


def enable_checks(app: IConstruct) -> None:
    """Make `app.synth()` fail on any unacknowledged finding (errors and warnings alike)."""
    Validations.of(app).add_plugins(*nag_packs(app))


def acknowledge(scope: IConstruct, rule_id: str, reason: str) -> None:
    """Accept one cdk-nag finding on `scope` (and everything below it), saying why it is acceptable here.

    `rule_id` is the rule (`AwsSolutions-L1`) or, for granular rules, one finding
    (`AwsSolutions-IAM5[Resource::*]`): cdk-nag 3 has no blanket suppression of a granular rule.
    """
    if len(reason.strip()) < MIN_REASON_LENGTH:
        raise ValueError(f"acknowledging {rule_id} needs a concrete reason, got {reason!r}")
    Validations.of(scope).acknowledge(Acknowledgment(id=rule_id, reason=reason))
