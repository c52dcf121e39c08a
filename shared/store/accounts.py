"""A member's profile and settings, and everything stored about them: for export and for deletion.

Everything a member owns carries `owner` = their id, so the `by_owner` index finds it whatever service wrote it.
Two partitions are also read directly, strongly consistent, because the index may lag a write by a moment: the
member's own (`MEMBER#<id>`: profile, circles, consent rules, audit) and the insights meant for them
(`INSIGHTS#<id>`, owned by the members they came from, so never exported to this member, but deleted with them).

For the chat store (messages' retention): `AccountStore(table).message_expiry(member_id)` gives the epoch second a
new message should carry in `expires_at`, or None to keep it; see `message_expiry` below.
"""

from __future__ import annotations

import time
from typing import Any

from botocore.exceptions import ClientError

from shared.context.why import WHY_PREFIX, describe
from shared.models import MemberSettings, iso, utc_now
from shared.store import keys
from shared.store.batch import delete_keys, query, query_owner
from shared.store.table import TableStore, from_item, to_item, to_value
from shared.store.threads import THREAD_SK, private_thread_id, thread_pk

DAY_SECONDS = 24 * 3600
# Internal bookkeeping that says nothing about the member and only confuses an export.
_NOT_EXPORTED = {"pk", "sk", "owner", "request_hash", "lease_until", "member_message_sk", "reply_sk"}


def expiry_for(retention_days: int | None, now: float | None = None) -> int | None:
    """`expires_at` for an item written now under a retention of `retention_days` (None: kept)."""
    if not retention_days:
        return None
    return int((now if now is not None else time.time()) + retention_days * DAY_SECONDS)


class AccountStore(TableStore):
    # --- settings ------------------------------------------------------------------------------------

    def settings(self, member_id: str) -> MemberSettings:
        response = self.client.get_item(
            TableName=self.table, Key=to_item({"pk": keys.member_pk(member_id), "sk": keys.PROFILE_SK}),
            ConsistentRead=True,
        )
        values = from_item(response["Item"]) if "Item" in response else {}
        days = values.get("message_retention_days")
        return MemberSettings(message_retention_days=int(days) if days is not None else None)

    def save_settings(self, member_id: str, settings: MemberSettings) -> MemberSettings:
        days = settings.message_retention_days
        names = {"#owner": "owner"}
        values: dict[str, Any] = {":me": to_value(member_id), ":now": to_value(iso(utc_now()))}
        update = "SET #owner = :me, updated_at = :now"
        if days is None:
            update += " REMOVE message_retention_days"
        else:
            update += ", message_retention_days = :days"
            values[":days"] = to_value(days)
        self.client.update_item(
            TableName=self.table, Key=to_item({"pk": keys.member_pk(member_id), "sk": keys.PROFILE_SK}),
            UpdateExpression=update, ExpressionAttributeNames=names, ExpressionAttributeValues=values,
        )
        self._move_context_expiry(member_id, expiry_for(days))
        return settings

    def _move_context_expiry(self, member_id: str, expires_at: int | None) -> None:
        """The member's precomputed context (`MEMBER#<sub>`/`CONTEXT`, see `shared.context.build`) and the summary
        copied onto their thread are made of their messages: a new retention applies to them from now, as it does
        to a message written now. Nothing is created for a member who has no context yet."""
        for key, attribute in (({"pk": keys.member_pk(member_id), "sk": keys.CONTEXT_SK}, "expires_at"),
                               ({"pk": thread_pk(private_thread_id(member_id)), "sk": THREAD_SK}, "summary_expires_at")):
            request: dict[str, Any] = {
                "TableName": self.table, "Key": to_item(key), "ExpressionAttributeNames": {"#expires": attribute},
                "ConditionExpression": "attribute_exists(pk)",
            }
            if expires_at is None:
                request["UpdateExpression"] = "REMOVE #expires"
            else:
                request["UpdateExpression"] = "SET #expires = :expires"
                request["ExpressionAttributeValues"] = {":expires": to_value(expires_at)}
            try:
                self.client.update_item(**request)
            except ClientError as error:
                if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                    raise

    def message_expiry(self, member_id: str, now: float | None = None) -> int | None:
        """For the chat store: the `expires_at` a message written now must carry, or None (no retention limit)."""
        return expiry_for(self.settings(member_id).message_retention_days, now)

    # --- everything about a member -------------------------------------------------------------------

    def owned_items(self, member_id: str) -> list[dict[str, Any]]:
        """Every item the member owns: their partition (consistent) and the owner index (everything else)."""
        items = {(v["pk"], v["sk"]): v for v in query(self.client, self.table, keys.member_pk(member_id))}
        for values in query_owner(self.client, self.table, member_id):
            items.setdefault((values["pk"], values["sk"]), values)
        return [items[key] for key in sorted(items)]

    def export(self, member_id: str) -> dict[str, Any]:
        """Everything stored about the member, grouped by kind. Only items they own: no one else's words."""
        export: dict[str, Any] = {
            "member_id": member_id, "exported_at": iso(utc_now()), "profile": {}, "circles": [],
            "circles_i_look_after": [], "invites": [], "consent_rules": [], "consent_audit": [], "threads": [],
            "insights_from_me": [], "other": [],
        }
        threads: dict[str, dict[str, Any]] = {}
        for values in self.owned_items(member_id):
            pk, sk = values["pk"], values["sk"]
            clean = {k: _plain(v) for k, v in values.items() if k not in _NOT_EXPORTED}
            if pk == keys.member_pk(member_id) and sk == keys.PROFILE_SK:
                export["profile"] = clean
            elif pk == keys.member_pk(member_id) and sk.startswith("CIRCLE#"):
                continue  # the membership item below says the same, with the role
            elif pk.startswith("CIRCLE#") and sk.startswith("MEMBER#"):
                export["circles"].append(clean)
            elif pk.startswith("CIRCLE#") and sk == keys.CIRCLE_SK:
                export["circles_i_look_after"].append(clean)
            elif pk.startswith("INVITE#"):
                export["invites"].append(clean)
            elif sk.startswith("CONSENT#"):
                export["consent_rules"].append(clean)
            elif sk.startswith(keys.AUDIT_PREFIX):
                export["consent_audit"].append(clean)
            elif pk.startswith("INSIGHTS#"):
                export["insights_from_me"].append(clean)
            elif pk.startswith("THREAD#"):
                thread = threads.setdefault(pk, {"messages": []})
                if sk == "THREAD":
                    thread.update(clean)
                elif sk.startswith("MSG#"):
                    thread["messages"].append(clean)
                elif sk.startswith(WHY_PREFIX):
                    thread.setdefault("why", {})[sk[len(WHY_PREFIX):]] = describe(values)
            elif pk.startswith("IDEMPOTENCY#"):
                continue  # retry bookkeeping: the message it guards is exported with its thread
            else:
                export["other"].append({"kind": pk.split("#", 1)[0].lower(), **clean})
        for thread in threads.values():
            # Each coach message carries "why this reply" in the words its author reads under the message (labels of
            # their own context and of what others consented to share, never anyone's words); None: none recorded.
            why = thread.pop("why", {})
            for message in thread["messages"]:
                if message.get("author") == "coach":
                    message["why"] = why.get(message.get("id"))
        export["threads"] = list(threads.values())
        return export

    def delete_everything(self, member_id: str) -> int:
        """Delete every item the member owns and every insight meant for them. Returns how many items went."""
        doomed = [(v["pk"], v["sk"]) for v in self.owned_items(member_id)]
        doomed += [(v["pk"], v["sk"]) for v in query(self.client, self.table, keys.insights_pk(member_id))]
        return delete_keys(self.client, self.table, doomed)


def _plain(value: Any) -> Any:
    """JSON-ready: DynamoDB numbers come back as Decimal."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, set, tuple)):
        return [_plain(v) for v in value]
    return value
