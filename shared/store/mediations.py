"""Mediations: the record, one item per party (with the party's pending task token), private perspectives.

Keys (docs/architecture.md, "DynamoDB"):

| item | pk | sk | owner |
|---|---|---|---|
| mediation | `MEDIATION#<id>` | `MEDIATION` | the initiator |
| party (status, pending task token) | `MEDIATION#<id>` | `PARTY#<sub>` | the party |
| perspective (private) | `MEDIATION#<id>` | `PERSPECTIVE#<sub>` | the party |
| message sent (idempotency of the coach's messages) | `MEDIATION#<id>` | `SENT#<sub>#<key>` | the party |
| one-shot fault marker (tests) | `MEDIATION#<id>` | `FAULT#<step>` | the initiator |
| my mediation | `MEMBER#<sub>` | `MEDIATION#<id>` | the member |

A mediation and its parties share a partition: one consistent query reads everything a step or a view needs, and
"the pending task token of each party" is that query's `PARTY#` items. A party's perspective is read only by
`get_perspective(id, party)` — for that party's own view and advice, and for the needs synthesis — never by `load`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from shared.models import iso, utc_now
from shared.store import keys
from shared.store.batch import TransactionCancelled, batch_get, query, transact
from shared.store.table import TableStore, from_item, to_item, to_value

RECORD_SK = "MEDIATION"
PARTY_PREFIX = "PARTY#"
PERSPECTIVE_PREFIX = "PERSPECTIVE#"


def mediation_pk(mediation_id: str) -> str:
    return f"MEDIATION#{mediation_id}"


def party_sk(member_id: str) -> str:
    return f"{PARTY_PREFIX}{member_id}"


def perspective_sk(member_id: str) -> str:
    return f"{PERSPECTIVE_PREFIX}{member_id}"


class MediationNotFound(Exception):
    """No such mediation, or the caller is not a party to it (the two are not told apart)."""


class NotAwaited(Exception):
    """The workflow is not waiting for this party to do that (now)."""


class MediationInactive(Exception):
    """The mediation is already closed or agreed."""


@dataclass
class MediationState:
    record: dict[str, Any]
    parties: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.record["mediation_id"]

    def party(self, member_id: str) -> dict[str, Any] | None:
        return self.parties.get(member_id)


class MediationStore(TableStore):
    @staticmethod
    def key(mediation_id: str, sk: str = RECORD_SK) -> dict:
        return to_item({"pk": mediation_pk(mediation_id), "sk": sk})

    # --- creating -------------------------------------------------------------------------------------

    def create(self, record: dict[str, Any], parties: list[dict[str, Any]]) -> None:
        mediation_id = record["mediation_id"]
        items = [{"Put": {"TableName": self.table, "ConditionExpression": "attribute_not_exists(pk)",
                          "Item": to_item({"pk": mediation_pk(mediation_id), "sk": RECORD_SK,
                                           "owner": record["initiator"], "kind": "mediation", **record})}}]
        for party in parties:
            sub = party["member_id"]
            items.append({"Put": {"TableName": self.table, "Item": to_item(
                {"pk": mediation_pk(mediation_id), "sk": party_sk(sub), "owner": sub, "kind": "mediation_party",
                 "mediation_id": mediation_id, **party})}})
            items.append({"Put": {"TableName": self.table, "Item": to_item(
                {"pk": keys.member_pk(sub), "sk": f"MEDIATION#{mediation_id}", "owner": sub,
                 "kind": "my_mediation", "mediation_id": mediation_id, "created_at": record["created_at"]})}})
        transact(self.client, items)

    def set_execution(self, mediation_id: str, execution_arn: str) -> None:
        self._update(mediation_id, "SET execution_arn = :arn", {":arn": execution_arn})

    # --- reading --------------------------------------------------------------------------------------

    def load(self, mediation_id: str) -> MediationState | None:
        """The record and its parties (not their perspectives): one consistent query."""
        state = None
        parties = {}
        for values in query(self.client, self.table, mediation_pk(mediation_id)):
            if values["sk"] == RECORD_SK:
                state = values
            elif values["sk"].startswith(PARTY_PREFIX):
                parties[values["member_id"]] = values
        return MediationState(state, parties) if state else None

    def get(self, mediation_id: str) -> dict | None:
        item = self.client.get_item(TableName=self.table, Key=self.key(mediation_id), ConsistentRead=True).get("Item")
        return from_item(item) if item else None

    def get_perspective(self, mediation_id: str, member_id: str) -> dict | None:
        item = self.client.get_item(
            TableName=self.table, Key=self.key(mediation_id, perspective_sk(member_id)), ConsistentRead=True
        ).get("Item")
        return from_item(item) if item else None

    def mediation_ids_of(self, member_id: str) -> list[str]:
        return [v["mediation_id"] for v in query(self.client, self.table, keys.member_pk(member_id), "MEDIATION#")]

    def records(self, mediation_ids: list[str]) -> list[dict]:
        found = batch_get(self.client, self.table, [(mediation_pk(m), RECORD_SK) for m in mediation_ids])
        return [found[(mediation_pk(m), RECORD_SK)] for m in mediation_ids if (mediation_pk(m), RECORD_SK) in found]

    def pending_tokens(self, mediation_id: str) -> dict[str, str]:
        """The pending task token of each party the workflow is waiting for."""
        return {
            v["member_id"]: v["task_token"]
            for v in query(self.client, self.table, mediation_pk(mediation_id), PARTY_PREFIX)
            if v.get("task_token")
        }

    # --- the workflow ---------------------------------------------------------------------------------

    def set_phase(self, mediation_id: str, phase: str, **values: Any) -> dict:
        """Move an active mediation on; fails with MediationInactive once it is closed, agreed or cancelled."""
        names = {"#status": "status", "#phase": "phase"}
        expression = ["#phase = :phase", "updated_at = :now"]
        expression_values: dict[str, Any] = {":phase": phase, ":now": iso(utc_now()), ":active": "active"}
        for i, (name, value) in enumerate(values.items()):
            names[f"#v{i}"] = name
            expression_values[f":v{i}"] = value
            expression.append(f"#v{i} = :v{i}")
        try:
            response = self.client.update_item(
                TableName=self.table, Key=self.key(mediation_id),
                UpdateExpression="SET " + ", ".join(expression),
                ConditionExpression="#status = :active AND attribute_not_exists(cancel_requested)",
                ExpressionAttributeNames=names,
                ExpressionAttributeValues={k: to_value(v) for k, v in expression_values.items()},
                ReturnValues="ALL_NEW",
            )
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                raise MediationInactive(mediation_id) from error
            raise
        return from_item(response["Attributes"])

    def await_party(self, mediation_id: str, member_id: str, phase: str, token: str, reminders: int) -> None:
        """Store the party's pending task token, unless the mediation was closed or cancelled meanwhile."""
        try:
            transact(self.client, [
                {"ConditionCheck": {
                    "TableName": self.table, "Key": self.key(mediation_id),
                    "ConditionExpression": "#status = :active AND attribute_not_exists(cancel_requested)",
                    "ExpressionAttributeNames": {"#status": "status"},
                    "ExpressionAttributeValues": {":active": to_value("active")},
                }},
                {"Update": {
                    "TableName": self.table, "Key": self.key(mediation_id, party_sk(member_id)),
                    "ConditionExpression": "attribute_exists(pk)",
                    "UpdateExpression": "SET awaiting = :phase, task_token = :token, reminders = :reminders, "
                                        "awaiting_since = :now",
                    "ExpressionAttributeValues": {
                        ":phase": to_value(phase), ":token": to_value(token), ":reminders": to_value(reminders),
                        ":now": to_value(iso(utc_now())),
                    },
                }},
            ])
        except TransactionCancelled as error:
            raise MediationInactive(mediation_id) from error

    def claim(self, mediation_id: str, member_id: str, phase: str, set_values: dict[str, Any],
              extra_puts: list[dict[str, Any]] | None = None) -> str:
        """Take the party's pending token for `phase`, recording their answer atomically; returns the token.

        Two answers racing each other: one wins, the other gets NotAwaited. Nothing is written if the workflow
        is not waiting for this party in this phase.
        """
        party = self.client.get_item(
            TableName=self.table, Key=self.key(mediation_id, party_sk(member_id)), ConsistentRead=True
        ).get("Item")
        values = from_item(party) if party else {}
        token = values.get("task_token")
        if not token or values.get("awaiting") != phase:
            raise NotAwaited(phase)
        names = {f"#s{i}": name for i, name in enumerate(set_values)}
        expression_values = {f":s{i}": to_value(value) for i, value in enumerate(set_values.values())}
        expression_values.update({":phase": to_value(phase), ":token": to_value(token)})
        assignments = ", ".join(f"#s{i} = :s{i}" for i in range(len(set_values)))
        items = [{"Update": {
            "TableName": self.table, "Key": self.key(mediation_id, party_sk(member_id)),
            "ConditionExpression": "awaiting = :phase AND task_token = :token",
            "UpdateExpression": ("SET " + assignments + " " if assignments else "") + "REMOVE awaiting, task_token",
            "ExpressionAttributeNames": names or None,
            "ExpressionAttributeValues": expression_values,
        }}]
        if not names:
            del items[0]["Update"]["ExpressionAttributeNames"]
        for put in extra_puts or []:
            items.append({"Put": {"TableName": self.table, "Item": to_item(put)}})
        try:
            transact(self.client, items)
        except TransactionCancelled as error:
            raise NotAwaited(phase) from error
        return token

    def perspective_item(self, mediation_id: str, member_id: str, perspective: dict[str, Any]) -> dict[str, Any]:
        return {"pk": mediation_pk(mediation_id), "sk": perspective_sk(member_id), "owner": member_id,
                "kind": "mediation_perspective", "mediation_id": mediation_id, "member_id": member_id,
                "submitted_at": iso(utc_now()), **perspective}

    def update_party(self, mediation_id: str, member_id: str, **values: Any) -> None:
        names = {f"#s{i}": name for i, name in enumerate(values)}
        self.client.update_item(
            TableName=self.table, Key=self.key(mediation_id, party_sk(member_id)),
            UpdateExpression="SET " + ", ".join(f"#s{i} = :s{i}" for i in range(len(values))),
            ExpressionAttributeNames=names,
            ExpressionAttributeValues={f":s{i}": to_value(v) for i, v in enumerate(values.values())},
        )

    def reset_responses(self, mediation_id: str, members: list[str]) -> None:
        for member in members:
            self.client.update_item(
                TableName=self.table, Key=self.key(mediation_id, party_sk(member)),
                UpdateExpression="REMOVE #response, amendment", ExpressionAttributeNames={"#response": "response"},
            )

    def request_cancel(self, mediation_id: str, member_id: str) -> None:
        try:
            self._update(
                mediation_id, "SET cancel_requested = :true, cancelled_by = :me",
                {":true": True, ":me": member_id, ":active": "active"},
                condition="#status = :active", names={"#status": "status"},
            )
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                raise MediationInactive(mediation_id) from error
            raise

    def close(self, mediation_id: str, reason: str) -> dict | None:
        """Close an active mediation (a second close changes nothing) and drop every pending token.

        Returns the closed record, or None when it was already closed or agreed.
        """
        now = iso(utc_now())
        try:
            response = self.client.update_item(
                TableName=self.table, Key=self.key(mediation_id),
                UpdateExpression="SET #status = :closed, #phase = :closed, closed_reason = :reason, closed_at = :now, "
                                 "updated_at = :now",
                ConditionExpression="attribute_exists(pk) AND #status = :active",
                ExpressionAttributeNames={"#status": "status", "#phase": "phase"},
                ExpressionAttributeValues={":closed": to_value("closed"), ":reason": to_value(reason),
                                           ":now": to_value(now), ":active": to_value("active")},
                ReturnValues="ALL_NEW",
            )
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return None
            raise
        self.drop_tokens(mediation_id)
        return from_item(response["Attributes"])

    def drop_tokens(self, mediation_id: str) -> None:
        for member in self.pending_tokens(mediation_id):
            self.client.update_item(
                TableName=self.table, Key=self.key(mediation_id, party_sk(member)),
                UpdateExpression="REMOVE awaiting, task_token",
            )

    def conclude(self, mediation_id: str) -> dict:
        """Mark an active mediation agreed, once; returns the record (with `agreed_at`, stable across retries)."""
        now = iso(utc_now())
        try:
            response = self.client.update_item(
                TableName=self.table, Key=self.key(mediation_id),
                UpdateExpression="SET #status = :agreed, #phase = :closed, agreed_at = if_not_exists(agreed_at, :now), "
                                 "updated_at = :now",
                ConditionExpression="(#status = :active AND attribute_not_exists(cancel_requested)) OR #status = :agreed",
                ExpressionAttributeNames={"#status": "status", "#phase": "phase"},
                ExpressionAttributeValues={":agreed": to_value("agreed"), ":closed": to_value("closed"),
                                           ":now": to_value(now), ":active": to_value("active")},
                ReturnValues="ALL_NEW",
            )
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                raise MediationInactive(mediation_id) from error
            raise
        return from_item(response["Attributes"])

    def first_time(self, mediation_id: str, marker: str, owner: str) -> bool:
        """True exactly once per (mediation, marker): for one-shot effects such as a test fault."""
        try:
            self.client.put_item(
                TableName=self.table,
                Item=to_item({"pk": mediation_pk(mediation_id), "sk": marker, "owner": owner,
                              "created_at": iso(utc_now())}),
                ConditionExpression="attribute_not_exists(pk)",
            )
            return True
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise

    # --- helpers --------------------------------------------------------------------------------------

    def _update(self, mediation_id: str, expression: str, values: dict[str, Any], condition: str | None = None,
                names: dict[str, str] | None = None) -> None:
        request: dict[str, Any] = {
            "TableName": self.table, "Key": self.key(mediation_id), "UpdateExpression": expression,
            "ExpressionAttributeValues": {k: to_value(v) for k, v in values.items()},
        }
        if condition:
            request["ConditionExpression"] = condition
        if names:
            request["ExpressionAttributeNames"] = names
        self.client.update_item(**request)
