"""Where members' data lives: the single DynamoDB table and the customer-managed key that encrypts it.

Keys and index follow docs/architecture.md. `dynamodb.Table` (AWS::DynamoDB::Table), not `TableV2`: the
latter emits AWS::DynamoDB::GlobalTable, which the local stack's moto cannot provision.
"""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from constructs import Construct

OWNER_INDEX = "by_owner"
TTL_ATTRIBUTE = "expires_at"

# What the services do with items. No Scan: every access pattern is a key lookup or a Query, so the cost of
# a request never grows with the size of the table.
ITEM_ACTIONS = [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
]
# What a caller needs on the table's KMS key (DynamoDB decrypts the table key in the caller's name; SNS and
# SQS generate data keys for messages). Named one by one rather than `kms:GenerateDataKey*`-style wildcards.
KEY_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]


class DataStore(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)

        self.key = kms.Key(
            self,
            "Key",
            description="Inetta: members' data at rest (table, crisis escalations, dead-letter queues)",
            enable_key_rotation=True,
            removal_policy=RemovalPolicy.RETAIN,
        )

        self.table = dynamodb.Table(
            self,
            "Table",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name="sk", type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED,
            encryption_key=self.key,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            time_to_live_attribute=TTL_ATTRIBUTE,
            # Context building, insight extraction and escalation react to writes asynchronously.
            stream=dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
            # Members' histories outlive any one deployment: never dropped by a stack update or deletion.
            deletion_protection=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        # Everything a member owns, found for export and for deletion.
        self.table.add_global_secondary_index(
            index_name=OWNER_INDEX,
            partition_key=dynamodb.Attribute(name="owner", type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name="sk", type=dynamodb.AttributeType.STRING),
            projection_type=dynamodb.ProjectionType.ALL,
        )

    def grant_item_access(self, grantee: iam.IGrantable) -> None:
        """Read and write items (table and the owner index), and use the key that encrypts them."""
        iam.Grant.add_to_principal(
            grantee=grantee,
            actions=ITEM_ACTIONS,
            # The index by its exact name rather than `index/*`: nothing to wave through in cdk-nag.
            resource_arns=[self.table.table_arn, f"{self.table.table_arn}/index/{OWNER_INDEX}"],
        )
        self.grant_key_use(grantee)

    def grant_key_use(self, grantee: iam.IGrantable) -> None:
        iam.Grant.add_to_principal(grantee=grantee, actions=KEY_ACTIONS, resource_arns=[self.key.key_arn])
