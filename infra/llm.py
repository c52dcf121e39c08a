"""How the functions reach a language model: an OpenAI-compatible endpoint chosen by the operator.

From context: the base URL and model (`inetta:llmBaseUrl`, `inetta:llmModel`); the moderation model asked for a
second opinion on self-harm (`inetta:llmModerationModel`; empty, the default, for none); the model's prices per
million tokens for the cost metrics (`inetta:llmPriceInputPerMillion`, `inetta:llmPriceOutputPerMillion`). The API
key lives in Secrets Manager and is set by the operator after the first deploy:

    aws secretsmanager put-secret-value --secret-id <LlmApiKeySecretArn> --secret-string '<key>'

An empty base URL means the offline coach, whatever the secret holds.
"""

from __future__ import annotations

from aws_cdk import SecretValue
from aws_cdk import aws_iam as iam
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.compliance import acknowledge

# The value the stack writes. Never change it: CloudFormation re-applies SecretString whenever it changes in
# the template, which would overwrite the key the operator has put there.
API_KEY_PLACEHOLDER = "unset"


class LlmSettings(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, base_url: str, model: str,
                 price_input_per_million: float, price_output_per_million: float, moderation_model: str = "") -> None:
        super().__init__(scope, construct_id)
        self.base_url = base_url
        self.model = model
        self.moderation_model = moderation_model
        self.prices = (price_input_per_million, price_output_per_million)
        self.api_key = secretsmanager.Secret(
            self,
            "ApiKey",
            description="Inetta: API key of the OpenAI-compatible LLM endpoint (plain string), set by the operator",
            secret_string_value=SecretValue.unsafe_plain_text(API_KEY_PLACEHOLDER),
        )
        acknowledge(
            self.api_key,
            "AwsSolutions-SMG4",
            "The secret is an API key issued by a third-party LLM provider; it can only be rotated at the "
            "provider, by the operator, so there is no rotation Lambda that could do it.",
        )

    def environment(self, *, timeout_seconds: int, max_retries: int) -> dict[str, str]:
        return {
            "LLM_BASE_URL": self.base_url,
            "LLM_MODEL": self.model,
            "LLM_MODERATION_MODEL": self.moderation_model,
            "LLM_API_KEY_SECRET_ARN": self.api_key.secret_arn,
            "LLM_TIMEOUT_SECONDS": str(timeout_seconds),
            "LLM_MAX_RETRIES": str(max_retries),
            "LLM_PRICE_INPUT_PER_MILLION": str(self.prices[0]),
            "LLM_PRICE_OUTPUT_PER_MILLION": str(self.prices[1]),
        }

    def grant_read(self, grantee: iam.IGrantable) -> None:
        self.api_key.grant_read(grantee)
