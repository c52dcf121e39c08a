"""Cognito user pools from the template, created in moto directly (moto's CloudFormation skips AWS::Cognito::*),
and members signing up and in, as a client app would.

Pool and client properties are passed through by name when the Cognito API has a parameter of that name (the
botocore model decides, so new properties need no code); properties that still hold references to other stack
resources (Lambda triggers, SMS roles, KMS keys) have no local meaning and are left out.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

import jwt

from inetta.local.template import has_intrinsics, resolve_pseudo

log = logging.getLogger("inetta.local.cognito")

POOL = "AWS::Cognito::UserPool"
CLIENT = "AWS::Cognito::UserPoolClient"
GROUP = "AWS::Cognito::UserPoolGroup"
DOMAIN = "AWS::Cognito::UserPoolDomain"


@dataclass
class UserPool:
    logical_id: str
    id: str
    arn: str
    issuer: str
    username_attributes: list[str]
    clients: dict[str, "UserPoolClient"] = field(default_factory=dict)  # by logical id


@dataclass
class UserPoolClient:
    logical_id: str
    id: str
    secret: str | None


def _api_parameters(client, operation: str, properties: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    members = client.meta.service_model.operation_model(operation).input_shape.members
    chosen = {}
    for name, value in properties.items():
        if name in skip:
            continue
        if name not in members:
            log.debug("%s: property %s has no API equivalent, ignored locally", operation, name)
        elif has_intrinsics(value):
            log.debug("%s: property %s refers to other resources, ignored locally", operation, name)
        else:
            chosen[name] = value
    return chosen


def create_user_pools(client, resources: dict[str, Any], pseudo: dict[str, Any]) -> tuple[dict[str, UserPool], dict]:
    """Create the template's pools, clients and groups in moto.

    Returns the pools by logical id, and the values that stand for their `Ref`s and `Fn::GetAtt`s in the template.
    """
    region = pseudo["AWS::Region"]
    pools: dict[str, UserPool] = {}
    values: dict[str, dict[str, Any]] = {}
    for logical_id, resource in resources.items():
        if resource["Type"] != POOL:
            continue
        properties = resolve_pseudo(resource.get("Properties", {}), pseudo)
        parameters = _api_parameters(client, "CreateUserPool", properties, skip={"UserPoolName", "PoolName"})
        name = properties.get("UserPoolName") if not has_intrinsics(properties.get("UserPoolName")) else None
        created = client.create_user_pool(PoolName=name or logical_id, **parameters)["UserPool"]
        issuer = f"https://cognito-idp.{region}.amazonaws.com/{created['Id']}"
        pools[logical_id] = UserPool(logical_id, created["Id"], created["Arn"], issuer,
                                     list(properties.get("UsernameAttributes") or []))
        values[logical_id] = {
            "Ref": created["Id"],
            "Arn": created["Arn"],
            "ProviderName": f"cognito-idp.{region}.amazonaws.com/{created['Id']}",
            "ProviderURL": issuer,
            "UserPoolId": created["Id"],
        }
    pool_by_ref = {pool.id: pool for pool in pools.values()}

    def owning_pool(kind: str, logical_id: str, properties: dict[str, Any]) -> UserPool:
        ref = properties.get("UserPoolId")
        if isinstance(ref, dict) and ref.get("Ref") in pools:
            return pools[ref["Ref"]]
        if isinstance(ref, str) and ref in pool_by_ref:
            return pool_by_ref[ref]
        from inetta.local.errors import LocalStackError

        raise LocalStackError(f"{kind} {logical_id}: UserPoolId {ref!r} is not a user pool of this template")

    for logical_id, resource in resources.items():
        properties = resolve_pseudo(resource.get("Properties", {}), pseudo)
        if resource["Type"] == CLIENT:
            pool = owning_pool(CLIENT, logical_id, properties)
            parameters = _api_parameters(client, "CreateUserPoolClient", properties, skip={"UserPoolId", "ClientName"})
            created = client.create_user_pool_client(
                UserPoolId=pool.id, ClientName=properties.get("ClientName") or logical_id, **parameters
            )["UserPoolClient"]
            pool.clients[logical_id] = UserPoolClient(logical_id, created["ClientId"], created.get("ClientSecret"))
            values[logical_id] = {"Ref": created["ClientId"], "ClientId": created["ClientId"],
                                  "ClientSecret": created.get("ClientSecret"), "Name": created["ClientName"]}
        elif resource["Type"] == GROUP:
            pool = owning_pool(GROUP, logical_id, properties)
            parameters = _api_parameters(client, "CreateGroup", properties, skip={"UserPoolId", "GroupName", "RoleArn"})
            name = properties.get("GroupName") or logical_id
            client.create_group(UserPoolId=pool.id, GroupName=name, **parameters)
            values[logical_id] = {"Ref": name}
        elif resource["Type"] == DOMAIN:
            # No hosted UI locally; the domain only needs to resolve for references to it.
            values[logical_id] = {"Ref": properties.get("Domain") or logical_id.lower(), "CloudFrontDistribution": ""}
    return pools, values


class Members:
    """Signing members up and in against one pool and app client, as the product's clients do."""

    def __init__(self, client, pool: UserPool, app_client: UserPoolClient):
        self.client = client
        self.pool = pool
        self.app_client = app_client

    def sign_up(self, username: str, password: str, email: str | None = None,
                attributes: dict[str, str] | None = None) -> dict[str, Any]:
        """An administrator-created, confirmed member with a permanent password; returns their tokens."""
        if "email" in self.pool.username_attributes:
            # The pool signs in by email: the email is the username.
            email = email or (username if "@" in username else f"{username}@inetta.local")
            username = email
        user_attributes = [{"Name": k, "Value": v} for k, v in (attributes or {}).items()]
        if email:
            user_attributes += [{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}]
        self.client.admin_create_user(
            UserPoolId=self.pool.id,
            Username=username,
            UserAttributes=user_attributes,
            TemporaryPassword=f"Tmp-{secrets.token_urlsafe(12)}-1a!A",
            MessageAction="SUPPRESS",
        )
        self.client.admin_set_user_password(UserPoolId=self.pool.id, Username=username, Password=password,
                                            Permanent=True)
        return self.sign_in(username, password)

    def sign_in(self, username: str, password: str) -> dict[str, Any]:
        parameters = {"USERNAME": username, "PASSWORD": password}
        if self.app_client.secret:
            digest = hmac.new(self.app_client.secret.encode(), (username + self.app_client.id).encode(),
                              hashlib.sha256).digest()
            parameters["SECRET_HASH"] = base64.b64encode(digest).decode()
        result = self.client.initiate_auth(
            ClientId=self.app_client.id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=parameters
        )
        auth = result.get("AuthenticationResult")
        if not auth:
            from inetta.local.errors import LocalStackError

            raise LocalStackError(f"sign-in of {username!r} needs a challenge: {result.get('ChallengeName')}")
        claims = jwt.decode(auth["IdToken"], options={"verify_signature": False})
        return {
            "username": username,
            "sub": claims["sub"],
            "id_token": auth["IdToken"],
            "access_token": auth["AccessToken"],
            "refresh_token": auth.get("RefreshToken"),
            "expires_in": auth.get("ExpiresIn"),
            "token_type": auth.get("TokenType", "Bearer"),
        }


def strong_password() -> str:
    """A password any sane password policy accepts (length, upper, lower, digit, symbol)."""
    return f"Inetta-{secrets.token_urlsafe(9)}-7a!Q"
