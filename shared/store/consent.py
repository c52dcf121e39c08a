"""Consent rules, their audit trail, and the insights they govern.

A member's rules live in their own partition: `CONSENT#<circle>#*` (the circle-wide default) and
`CONSENT#<circle>#<member>` (a rule for one other member), next to their audit trail `AUDIT#<time>#<id>`. Every
change writes the rule and its audit entry in one transaction, conditioned on the rule being what the member saw
and on both members being in the circle; reads are strongly consistent, so a change counts from the next request.

Insights (written by context building) live with the member they may inform: `INSIGHTS#<audience>` /
`INSIGHT#<circle>#<source>#<id>`, `owner` = the source member. Lowering a level deletes, by query, the insights
from that source to that audience above the new level. Readers must also check `effective_consent` when they read
(one request): the purge follows the change, and a reader between the two must not see what was just withdrawn.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from typing import Any

from shared.circles.consent import RANK, resolve_level
from shared.circles.rules import Membership
from shared.models import ConsentAuditPage, ConsentChange, ConsentLevel, iso, utc_now
from shared.store import keys
from shared.store.batch import TransactionCancelled, batch_get, delete_keys, query, transact
from shared.store.circles import _membership
from shared.store.table import TableStore, from_item, to_item, to_value


class RuleChangedMeanwhile(Exception):
    """The rule or the membership changed while this request was deciding; nothing was written."""


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Insight:
    """What context building derives from a member's chat for another member (the shape it must write)."""

    circle_id: str
    source_member: str
    audience: str
    level: ConsentLevel  # themes or summary: the least consent it needs
    text: str
    insight_id: str = ""

    def item(self) -> dict[str, Any]:
        insight_id = self.insight_id or uuid.uuid4().hex
        return {
            "pk": keys.insights_pk(self.audience), "sk": keys.insight_sk(self.circle_id, self.source_member, insight_id),
            "owner": self.source_member, "source_member": self.source_member, "audience": self.audience,
            "circle_id": self.circle_id, "level": self.level.value, "text": self.text, "created_at": iso(utc_now()),
        }


def _level(value: str | None) -> ConsentLevel | None:
    return ConsentLevel(value) if value else None


class ConsentStore(TableStore):
    # --- reading -------------------------------------------------------------------------------------

    def rules_of(self, member_id: str, circle_id: str) -> dict[str, ConsentLevel]:
        """The member's rules in a circle: audience id (or `*` for the default) -> level."""
        return {v["audience"]: ConsentLevel(v["level"]) for v in
                query(self.client, self.table, keys.member_pk(member_id), keys.consent_prefix(circle_id))}

    def effective_consent(self, source_member: str, audience_member: str, circle_id: str) -> ConsentLevel:
        wanted = {
            "source": (keys.circle_pk(circle_id), keys.membership_sk(source_member)),
            "audience": (keys.circle_pk(circle_id), keys.membership_sk(audience_member)),
            "pair": (keys.member_pk(source_member), keys.consent_sk(circle_id, audience_member)),
            "default": (keys.member_pk(source_member), keys.consent_sk(circle_id)),
        }
        found = batch_get(self.client, self.table, list(wanted.values()))
        get = lambda name: found.get(wanted[name])  # noqa: E731
        return resolve_level(
            _membership(get("source")) if get("source") else None,
            _membership(get("audience")) if get("audience") else None,
            _level((get("pair") or {}).get("level")),
            _level((get("default") or {}).get("level")),
        )

    def levels_toward(self, audience: Membership, sources: list[Membership]) -> dict[str, ConsentLevel]:
        """What each of `sources` lets inform `audience`'s coach: one batched read."""
        circle_id = audience.circle_id
        wanted = []
        for source in sources:
            wanted += [(keys.member_pk(source.member_id), keys.consent_sk(circle_id, audience.member_id)),
                       (keys.member_pk(source.member_id), keys.consent_sk(circle_id))]
        found = batch_get(self.client, self.table, wanted)
        levels = {}
        for source in sources:
            pair = found.get((keys.member_pk(source.member_id), keys.consent_sk(circle_id, audience.member_id)))
            default = found.get((keys.member_pk(source.member_id), keys.consent_sk(circle_id)))
            levels[source.member_id] = resolve_level(source, audience, _level((pair or {}).get("level")),
                                                     _level((default or {}).get("level")))
        return levels

    def audit_trail(self, member_id: str, limit: int, cursor: str | None) -> ConsentAuditPage:
        """Newest first."""
        request: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :audit)",
            "ExpressionAttributeValues": {":pk": to_value(keys.member_pk(member_id)),
                                          ":audit": to_value(keys.AUDIT_PREFIX)},
            "ScanIndexForward": False,
            "Limit": limit,
            "ConsistentRead": True,
        }
        if cursor:
            request["ExclusiveStartKey"] = to_item({"pk": keys.member_pk(member_id), "sk": _decode_cursor(cursor)})
        response = self.client.query(**request)
        changes = [_change(from_item(item)) for item in response.get("Items", [])]
        last = response.get("LastEvaluatedKey")
        return ConsentAuditPage(changes=changes, next_cursor=_encode_cursor(last["sk"]["S"]) if last else None)

    # --- changing ------------------------------------------------------------------------------------

    def set_rule(self, source: Membership, audience: Membership | None, level: ConsentLevel | None,
                 previous: ConsentLevel | None) -> None:
        """Set (or, with `level` None, remove) a rule, with its audit entry; `audience` None is the default.

        Conditioned on the rule still being `previous` and on both members still being in the circle.
        """
        circle_id = source.circle_id
        audience_id = audience.member_id if audience else keys.DEFAULT_AUDIENCE
        rule_key = to_item({"pk": keys.member_pk(source.member_id), "sk": keys.consent_sk(circle_id, audience_id)})
        unchanged = ("attribute_not_exists(pk)" if previous is None else "#level = :previous")
        unchanged_values = {} if previous is None else {":previous": to_value(previous.value)}
        if level is None:
            write: dict[str, Any] = {"Delete": {"TableName": self.table, "Key": rule_key,
                                                "ConditionExpression": unchanged}}
        else:
            rule = {"pk": keys.member_pk(source.member_id), "sk": keys.consent_sk(circle_id, audience_id),
                    "owner": source.member_id, "circle_id": circle_id, "audience": audience_id,
                    "level": level.value, "updated_at": iso(utc_now())}
            write = {"Put": {"TableName": self.table, "Item": to_item(rule), "ConditionExpression": unchanged}}
        if unchanged_values:
            next(iter(write.values()))["ExpressionAttributeValues"] = unchanged_values
        if previous is not None:
            next(iter(write.values()))["ExpressionAttributeNames"] = {"#level": "level"}
        items = [write, self._audit_put(source.member_id, "self", "cleared" if level is None else "set", circle_id,
                                        audience, previous, level)]
        for member in filter(None, (source, audience)):
            items.append({"ConditionCheck": {
                "TableName": self.table,
                "Key": to_item({"pk": keys.circle_pk(circle_id), "sk": keys.membership_sk(member.member_id)}),
                "ConditionExpression": "attribute_exists(pk)",
            }})
        try:
            transact(self.client, items)
        except TransactionCancelled as cancelled:
            raise RuleChangedMeanwhile() from cancelled

    def purge_insights(self, source: str, audience: str, circle_id: str, ceiling: ConsentLevel) -> int:
        """Delete the insights from `source` for `audience` in the circle that need more than `ceiling`."""
        doomed = [(v["pk"], v["sk"]) for v in
                  query(self.client, self.table, keys.insights_pk(audience), keys.insight_prefix(circle_id, source))
                  if RANK[ConsentLevel(v.get("level", "summary"))] > RANK[ceiling]]
        return delete_keys(self.client, self.table, doomed)

    def add_insight(self, insight: Insight) -> None:
        """For tests and for context building: store an insight (it must respect consent; see the module doc)."""
        self.client.put_item(TableName=self.table, Item=to_item(insight.item()))

    # --- someone leaves a circle ---------------------------------------------------------------------

    def departure_items(self, circle_members: list[Membership], leaving: Membership) -> list[dict[str, Any]]:
        """Transaction items: the leaver's rules in the circle go, and so do the others' rules about them (each
        with an audit entry for its owner)."""
        circle_id = leaving.circle_id
        peers = [m for m in circle_members if m.member_id != leaving.member_id]
        items: list[dict[str, Any]] = []
        for audience_id, level in self.rules_of(leaving.member_id, circle_id).items():
            items.append({"Delete": {"TableName": self.table, "Key": to_item(
                {"pk": keys.member_pk(leaving.member_id), "sk": keys.consent_sk(circle_id, audience_id)})}})
        wanted = [(keys.member_pk(p.member_id), keys.consent_sk(circle_id, leaving.member_id)) for p in peers]
        existing = batch_get(self.client, self.table, wanted)
        for peer in peers:
            key = (keys.member_pk(peer.member_id), keys.consent_sk(circle_id, leaving.member_id))
            if key in existing:
                items.append({"Delete": {"TableName": self.table, "Key": to_item({"pk": key[0], "sk": key[1]})}})
                # The entry names the role only: the member who left is not recorded in someone else's trail.
                items.append(self._audit_put(peer.member_id, "system", "member_left", circle_id, None,
                                             ConsentLevel(existing[key]["level"]), None, audience_role=leaving.role))
        return items

    def after_departure(self, circle_members: list[Membership], leaving: Membership) -> None:
        """Once the leaver is out: what was derived between them and the circle goes, and audit entries stop
        naming them (theirs about the others, the others' about them). Queries only, each one partition."""
        circle_id = leaving.circle_id
        peers = [m for m in circle_members if m.member_id != leaving.member_id]
        doomed = [(v["pk"], v["sk"]) for v in
                  query(self.client, self.table, keys.insights_pk(leaving.member_id), keys.insight_prefix(circle_id))]
        for peer in peers:
            doomed += [(v["pk"], v["sk"]) for v in query(self.client, self.table, keys.insights_pk(peer.member_id),
                                                         keys.insight_prefix(circle_id, leaving.member_id))]
        delete_keys(self.client, self.table, doomed)
        self._forget_audience(leaving.member_id, circle_id, None)
        for peer in peers:
            self._forget_audience(peer.member_id, circle_id, leaving.member_id)

    # --- helpers -------------------------------------------------------------------------------------

    def _forget_audience(self, owner: str, circle_id: str, audience: str | None) -> None:
        """Strip member ids from `owner`'s audit entries about the circle (all of them, or those naming `audience`)."""
        condition = "circle_id = :circle AND attribute_exists(audience) AND audience <> :default"
        values: dict[str, Any] = {":circle": circle_id, ":default": keys.DEFAULT_AUDIENCE}
        if audience:
            condition += " AND audience = :audience"
            values[":audience"] = audience
        for entry in query(self.client, self.table, keys.member_pk(owner), keys.AUDIT_PREFIX,
                           filter_expression=condition, values=values):
            self.client.update_item(TableName=self.table, Key=to_item({"pk": entry["pk"], "sk": entry["sk"]}),
                                    UpdateExpression="REMOVE audience")

    def _audit_put(self, owner: str, actor: str, action: str, circle_id: str, audience: Membership | None,
                   previous: ConsentLevel | None, level: ConsentLevel | None, audience_role=None) -> dict[str, Any]:
        at = iso(utc_now())
        entry = {
            "pk": keys.member_pk(owner), "sk": keys.audit_sk(at, uuid.uuid4().hex[:12]), "owner": owner,
            "at": at, "actor": actor, "action": action, "circle_id": circle_id,
            "audience": audience.member_id if audience else (None if audience_role else keys.DEFAULT_AUDIENCE),
            "audience_role": (audience.role.value if audience else getattr(audience_role, "value", audience_role)),
            "previous": previous.value if previous else None, "level": level.value if level else None,
        }
        return {"Put": {"TableName": self.table, "Item": to_item(entry)}}


def _change(values: dict[str, Any]) -> ConsentChange:
    audience = values.get("audience")
    return ConsentChange(
        at=values["at"], actor=values["actor"], action=values["action"], circle_id=values["circle_id"],
        member_id=None if audience in (None, keys.DEFAULT_AUDIENCE) else audience,
        member_role=values.get("audience_role"), previous=values.get("previous"), level=values.get("level"),
    )


def _encode_cursor(sort_key: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"sk": sort_key}).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> str:
    try:
        sort_key = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()))["sk"]
    except (binascii.Error, ValueError, KeyError, TypeError) as error:
        raise InvalidCursor("The cursor is not one this API gave out.") from error
    if not isinstance(sort_key, str) or not sort_key.startswith(keys.AUDIT_PREFIX):
        raise InvalidCursor("The cursor is not one this API gave out.")
    return sort_key
