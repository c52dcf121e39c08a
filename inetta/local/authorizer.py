"""API Gateway's JWT authorizer, as documented for HTTP APIs, against the local Cognito pools.

A request passes when its identity source (the Authorization header, with or without "Bearer ") holds a JWT that:
is signed RS256 by a key of the issuer's JWKS (fetched over HTTP from moto, like API Gateway fetches Cognito's),
has `iss` equal to the authorizer's issuer, has not expired (`exp`, and `nbf` if present), and whose `aud` (id
token) — or, only when there is no `aud`, `client_id` (access token) — is one of the authorizer's audiences. When
the route lists authorization scopes, the token's `scope` must hold one of them.

Locally the issuer and audience checks carry the weight: every moto pool signs with the same static key, so a
token from another pool, or for another app client, has a valid signature and must still be refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import jwt
from jwt import PyJWKClient

from inetta.local.errors import LocalStackError

log = logging.getLogger("inetta.local.authorizer")


@dataclass
class JwtAuthorizer:
    logical_id: str
    issuer: str
    audience: list[str]
    header: str  # lower-cased name of the header holding the token
    jwks: PyJWKClient

    @classmethod
    def from_template(cls, logical_id: str, properties: dict[str, Any], moto_url: str, pool_ids: set[str]):
        if properties.get("AuthorizerType") != "JWT":
            raise LocalStackError(
                f"authorizer {logical_id}: only JWT authorizers are served locally, "
                f"not {properties.get('AuthorizerType')}"
            )
        config = properties.get("JwtConfiguration", {})
        issuer = config.get("Issuer", "")
        pool_id = issuer.rstrip("/").rsplit("/", 1)[-1]
        if not issuer.startswith("https://cognito-idp.") or pool_id not in pool_ids:
            raise LocalStackError(f"authorizer {logical_id}: issuer {issuer!r} is not a user pool of this template")
        sources = properties.get("IdentitySource") or ["$request.header.Authorization"]
        source = sources[0] if isinstance(sources, list) else sources
        prefix = "$request.header."
        if not source.startswith(prefix):
            raise LocalStackError(f"authorizer {logical_id}: identity source {source!r} is not served locally")
        # moto serves each pool's JWKS at /<pool id>/.well-known/jwks.json (Cognito: the issuer + the same path).
        jwks = PyJWKClient(f"{moto_url}/{pool_id}/.well-known/jwks.json", cache_keys=True, timeout=10)
        return cls(logical_id, issuer, list(config.get("Audience") or []), source[len(prefix):].lower(), jwks)

    def authorize(self, headers: dict[str, str], required_scopes: list[str] | None = None) -> tuple[dict | None, int]:
        """(claims, 200) if the request may pass; else (None, 401), or (None, 403) for missing scopes."""
        raw = headers.get(self.header, "").strip()
        if not raw:
            return None, 401
        token = raw[7:].strip() if raw[:7].lower() == "bearer " else raw
        try:
            key = self.jwks.get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                issuer=self.issuer,
                options={"verify_aud": False, "require": ["exp", "iss"]},
            )
        except (jwt.PyJWTError, ValueError) as exc:
            log.info("token refused: %s", exc)
            return None, 401
        if "aud" in claims:
            audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
            if not set(audiences) & set(self.audience):
                log.info("token refused: aud %s not in %s", audiences, self.audience)
                return None, 401
        elif claims.get("client_id") not in self.audience:
            log.info("token refused: client_id %s not in %s", claims.get("client_id"), self.audience)
            return None, 401
        if required_scopes:
            scopes = str(claims.get("scope", "")).split()
            if not set(scopes) & set(required_scopes):
                log.info("token refused: scopes %s lack one of %s", scopes, required_scopes)
                return None, 403
        return claims, 200


def claims_as_strings(claims: dict[str, Any]) -> dict[str, str]:
    """API Gateway hands claims to the integration as strings; lists look like "[a b]"."""
    converted = {}
    for name, value in claims.items():
        if isinstance(value, bool):
            converted[name] = "true" if value else "false"
        elif isinstance(value, list):
            converted[name] = "[" + " ".join(str(v) for v in value) + "]"
        else:
            converted[name] = str(value)
    return converted
