"""One Lambda function per service, all built the same way (docs/architecture.md, "Functions").

A `ServiceFunction` is the function plus what every function needs: its own role with least privilege, its
log group, a dead-letter queue for failed asynchronous invocations, X-Ray tracing, the shared dependencies
layer and the environment of the contract. The Lambda function is the construct's `Default` child, so its
logical id is the construct id plus a hash (`ChatFunction1A2B3C4D`), as the contract names it.
"""

from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import Duration, IgnoreMode, RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra import REPO_ROOT, packaging
from infra.compliance import acknowledge
from infra.data import DataStore
from infra.escalation import Escalation
from infra.llm import LlmSettings
from shared.observability import METRICS_NAMESPACE

RUNTIME = lambda_.Runtime.PYTHON_3_12
ARCHITECTURE = lambda_.Architecture.ARM_64


def handler_path(service: str) -> str:
    """The handler by dotted path from the repository root: the same string works in AWS and locally."""
    return f"services.{service}.handler.lambda_handler"


def asset_excludes(service: str) -> list[str]:
    """Glob patterns that reduce the repository root to `services/<service>/**` and `shared/**` (without the crisis
    screen's training data).

    CDK applies them in order, the last match winning, with `matchBase` (a pattern without a slash matches
    the base name at any depth). An excluded directory is never entered, so .venv, node_modules, cdk.out and
    build cost nothing when CDK fingerprints or stages the asset.
    """
    return [
        # Everything... (`*` skips names that start with a dot: without `.*`, CDK would walk .venv and .git
        # file by file, only to drop each file)
        "*",
        ".*",
        # ...except this service's package and the shared code. Each parent directory must be re-included
        # too, or CDK would never descend into it.
        "!services",
        # A regular package if the project adds one; otherwise `services` is a namespace package.
        "!services/__init__.py",
        f"!services/{service}",
        f"!services/{service}/**",
        "!shared",
        "!shared/**",
        # ...but not the crisis screen's training and calibration messages (shared/safety/data/*.jsonl): only
        # scripts/train_crisis_head.py reads them, and each function would carry them for nothing (1.4 MB). The
        # artifacts trained from them (.npz, .json) ship.
        "shared/safety/data/*.jsonl",
        # Never ship byte code compiled by a developer's interpreter.
        "__pycache__",
        "*.pyc",
    ]


def service_code(service: str) -> lambda_.Code:
    return lambda_.Code.from_asset(str(REPO_ROOT), exclude=asset_excludes(service), ignore_mode=IgnoreMode.GLOB)


def dependencies_layer(scope: Construct, construct_id: str) -> lambda_.LayerVersion:
    """Third-party packages (services/requirements.txt) for every function, built by infra/packaging.py."""
    return lambda_.LayerVersion(
        scope,
        construct_id,
        code=lambda_.Code.from_asset(str(packaging.layer_path())),
        compatible_runtimes=[RUNTIME],
        compatible_architectures=[ARCHITECTURE],
        description="Inetta: third-party Python packages (services/requirements.txt) for python3.12 arm64",
    )


@dataclass(frozen=True)
class SharedResources:
    """What every service function is wired to."""

    data: DataStore
    escalation: Escalation
    llm: LlmSettings
    layer: lambda_.ILayerVersion
    log_level: str
    log_retention: logs.RetentionDays


class ServiceFunction(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        service: str,
        description: str,
        resources: SharedResources,
        timeout: Duration,
        llm_timeout_seconds: int,
        llm_max_retries: int,
        memory_size: int = 512,
        reserved_concurrent_executions: int | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.service = service

        self.log_group = logs.LogGroup(
            self,
            "Logs",
            retention=resources.log_retention,
            removal_policy=RemovalPolicy.DESTROY,
        )
        # Our own role rather than CDK's default: that one carries the AWS-managed
        # AWSLambdaBasicExecutionRole (logs:* on every log group); this one may write to its own group only.
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"Inetta {service} function",
        )
        self.log_group.grant_write(self.role)

        # Failed asynchronous invocations (events, schedules) land here after Lambda's own retries; they may
        # carry member data, hence the data key.
        self.dead_letter_queue = sqs.Queue(
            self,
            "DeadLetterQueue",
            encryption=sqs.QueueEncryption.KMS,
            encryption_master_key=resources.data.key,
            enforce_ssl=True,
            retention_period=Duration.days(14),
        )

        self.function = lambda_.Function(
            self,
            "Default",
            description=description,
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            handler=handler_path(service),
            code=service_code(service),
            layers=[resources.layer],
            role=self.role,
            log_group=self.log_group,
            memory_size=memory_size,
            timeout=timeout,
            tracing=lambda_.Tracing.ACTIVE,
            dead_letter_queue=self.dead_letter_queue,
            reserved_concurrent_executions=reserved_concurrent_executions,
            environment={
                "TABLE_NAME": resources.data.table.table_name,
                "ESCALATION_TOPIC_ARN": resources.escalation.topic.topic_arn,
                **resources.llm.environment(timeout_seconds=llm_timeout_seconds, max_retries=llm_max_retries),
                "POWERTOOLS_SERVICE_NAME": service,
                "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
                "POWERTOOLS_LOG_LEVEL": resources.log_level,
                # Traces must not become a copy of the conversation: Powertools would otherwise record every
                # traced method's return value (replies, prompts) as X-Ray metadata.
                "POWERTOOLS_TRACER_CAPTURE_RESPONSE": "false",
            },
        )
        # Item access includes the data key, which the DLQ needs too: the Lambda construct grants only
        # sqs:SendMessage on it.
        resources.data.grant_item_access(self.role)
        resources.escalation.grant_publish(self.role)
        resources.llm.grant_read(self.role)

        acknowledge(
            self.role,
            "AwsSolutions-IAM5[Resource::*]",
            "X-Ray PutTraceSegments and PutTelemetryRecords (added by active tracing) support no resource-level "
            "permissions; every other statement of this role names its resources.",
        )
        acknowledge(
            self.function,
            "AwsSolutions-L1",
            "The runtime is pinned to python3.12 by the contract (docs/architecture.md): the dependencies layer "
            "is built for cp312 manylinux aarch64, so runtime and layer must be upgraded together.",
        )
