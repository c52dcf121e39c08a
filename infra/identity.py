"""Who members are: the Cognito user pool and the client the web and mobile apps sign in with.

The HTTP API trusts tokens from this pool for this client only (infra/api.py); a member's identity is the
token's `sub`.
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_cognito as cognito
from constructs import Construct

from infra.compliance import acknowledge


class Identity(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)

        self.user_pool = cognito.UserPool(
            self,
            "UserPool",
            # One partner can start alone; others join by invitation, then sign up themselves.
            self_sign_up_enabled=True,
            sign_in_aliases=cognito.SignInAliases(email=True),
            sign_in_case_sensitive=False,
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            standard_attributes=cognito.StandardAttributes(
                email=cognito.StandardAttribute(required=True, mutable=True)
            ),
            # A changed address is used only once verified: a typo must not lock a member out.
            keep_original=cognito.KeepOriginalAttrs(email=True),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            password_policy=cognito.PasswordPolicy(
                min_length=12,
                require_lowercase=True,
                require_uppercase=True,
                require_digits=True,
                require_symbols=True,
                temp_password_validity=Duration.days(3),
            ),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
            # Threat protection (the Plus plan): blocks sign-ins with leaked credentials and risky sign-ins.
            # Here that is a safety feature, not a nicety: in a coercive relationship the other partner may
            # know or guess the member's password.
            feature_plan=cognito.FeaturePlan.PLUS,
            standard_threat_protection_mode=cognito.StandardThreatProtectionMode.FULL_FUNCTION,
            deletion_protection=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            self.user_pool,
            "AwsSolutions-COG2",
            "MFA is optional (TOTP offered) rather than required: teenagers and less technical family members "
            "must be able to join a circle unaided; threat protection in full-function mode covers risky sign-ins.",
        )

        self.user_pool_client = cognito.UserPoolClient(
            self,
            "UserPoolClient",
            user_pool=self.user_pool,
            # A public client (browser, phone): no secret. SRP for the apps; USER_PASSWORD_AUTH for tests and
            # the local stack, where moto issues the tokens.
            generate_secret=False,
            auth_flows=cognito.AuthFlow(user_srp=True, user_password=True),
            # Sign-in happens in the apps, not on a hosted UI: no OAuth flows or callback URLs to abuse.
            disable_o_auth=True,
            prevent_user_existence_errors=True,
            enable_token_revocation=True,
            access_token_validity=Duration.hours(1),
            id_token_validity=Duration.hours(1),
            refresh_token_validity=Duration.days(30),
        )
