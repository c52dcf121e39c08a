"""A member's own account: settings, export, deletion. Knows nothing of HTTP; the handler translates.

Deleting an account: the member leaves every circle (handing admin over where needed, so no circle is left
without one), everything they own and everything derived from them goes, and finally their sign-in identity.
The identity goes last: if anything fails before, the member can sign in and ask again, and every step is
idempotent.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Protocol

import boto3
from aws_lambda_powertools import Logger

from services.circles.service import CirclesService
from shared.models import MemberSettings
from shared.store.accounts import AccountStore

logger = Logger(child=True)


class IdentityDirectory(Protocol):
    def delete_member(self, member_id: str) -> bool: ...


class CognitoDirectory:
    """The user pool members sign in with. A member is found by `sub` (their id), whatever their username."""

    def __init__(self, user_pool_id: str, client=None):
        self.user_pool_id = user_pool_id
        self._client = client

    @classmethod
    def from_environment(cls) -> "CognitoDirectory":
        pool = os.environ.get("USER_POOL_ID", "")
        if not pool:
            raise RuntimeError("USER_POOL_ID is not set: account deletion cannot remove the sign-in identity")
        return cls(pool)

    @property
    def client(self):
        if self._client is None:
            self._client = boto3.client("cognito-idp")
        return self._client

    def delete_member(self, member_id: str) -> bool:
        # A sub is quoted into a filter: refuse anything that is not one, rather than escape it.
        if not member_id.replace("-", "").isalnum():
            return False
        users = self.client.list_users(UserPoolId=self.user_pool_id, Filter=f'sub = "{member_id}"', Limit=1)["Users"]
        if not users:
            return False  # already gone: a repeated deletion succeeds
        self.client.admin_delete_user(UserPoolId=self.user_pool_id, Username=users[0]["Username"])
        return True


@dataclass
class AccountService:
    circles: CirclesService
    accounts: AccountStore
    directory: IdentityDirectory

    def settings(self, me: str) -> MemberSettings:
        return self.accounts.settings(me)

    def save_settings(self, me: str, settings: MemberSettings) -> MemberSettings:
        return self.accounts.save_settings(me, settings)

    def export(self, me: str) -> dict[str, Any]:
        return self.accounts.export(me)

    def delete(self, me: str) -> dict[str, Any]:
        departures = self.circles.leave_all(me)
        items = self.accounts.delete_everything(me)
        identity_deleted = self.directory.delete_member(me)
        logger.info("Account deleted", extra={"items": items, "circles": len(departures)})
        return {
            "deleted": True,
            "items_deleted": items,
            "circles_left": [d.circle_id for d in departures if not d.circle_deleted],
            "circles_deleted": [d.circle_id for d in departures if d.circle_deleted],
            "identity_deleted": identity_deleted,
        }
