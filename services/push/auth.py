"""Who is connecting: the member's Cognito access token, verified as API Gateway's JWT authorizer would.

WebSocket APIs have no JWT authorizer, and browsers cannot set headers on a WebSocket, so the client passes its
access token as the `token` query parameter of the connect URL and `$connect` checks it here: an RS256 signature by
a key of the pool's JWKS, the pool's issuer, not expired, and issued to the pool's app client (`client_id` in an
access token, `aud` in an id token). The member is the token's `sub`, nothing else.

Locally every moto pool signs with the same key, so the issuer and client checks are what refuse a token from
another pool; they are never skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import jwt
from jwt import PyJWKClient


class Unauthorized(Exception):
    pass


@dataclass(frozen=True)
class TokenVerifier:
    issuer: str
    client_id: str
    jwks_url: str

    @classmethod
    def from_environment(cls) -> "TokenVerifier":
        pool_id = os.environ["USER_POOL_ID"]
        region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
        issuer = f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
        # Where Cognito serves the JWKS: the issuer, unless Cognito is elsewhere (locally: the local stack's moto,
        # named by the same endpoint variables boto3 honours).
        elsewhere = os.environ.get("AWS_ENDPOINT_URL_COGNITO_IDP") or os.environ.get("AWS_ENDPOINT_URL")
        base = f"{elsewhere.rstrip('/')}/{pool_id}" if elsewhere else issuer
        return cls(issuer=issuer, client_id=os.environ["USER_POOL_CLIENT_ID"],
                   jwks_url=f"{base}/.well-known/jwks.json")

    def member_id(self, token: str | None) -> str:
        """The member a token belongs to; `Unauthorized` for anything else."""
        if not token:
            raise Unauthorized("no token")
        try:
            key = _jwks(self.jwks_url).get_signing_key_from_jwt(token)
            claims = jwt.decode(token, key.key, algorithms=["RS256"], issuer=self.issuer,
                                options={"verify_aud": False, "require": ["exp", "iss", "sub"]})
        except (jwt.PyJWTError, ValueError) as error:
            raise Unauthorized(str(error)) from error
        audiences = claims.get("aud")
        if audiences is not None:
            audiences = audiences if isinstance(audiences, list) else [audiences]
            if self.client_id not in audiences:
                raise Unauthorized("token for another app client")
        elif claims.get("client_id") != self.client_id:
            raise Unauthorized("token for another app client")
        return str(claims["sub"])


@lru_cache(maxsize=4)
def _jwks(url: str) -> PyJWKClient:
    # Cached for the container's life: the keys are fetched once, and again only for an unknown key id.
    return PyJWKClient(url, cache_keys=True, timeout=5)
