"""Agreements the parties of a mediation accepted, and the follow-up check-ins they schedule.

| item | pk | sk | owner |
|---|---|---|---|
| a member's agreement | `MEMBER#<sub>` | `AGREEMENT#<agreed at>#<mediation id>` | the member |
| a circle's agreement | `CIRCLE#<circle id>` | `AGREEMENT#<agreed at>#<mediation id>` | the mediation's initiator |
| follow-up due | `FOLLOWUP#<yyyy-mm-ddThh>` (the hour it is due) | `<due at>#<mediation id>#<sub>` | the member |

Every party gets their own copy (found and deleted with their data); the circle's copy serves the family's view.
"Follow-ups due in a time slot" is one query of the slot's partition; the check-ins service delivers them.
Writes are idempotent (keys derive from the mediation's `agreed_at`), so a retried step writes nothing twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from shared.models import iso
from shared.store import keys
from shared.store.batch import query, transact
from shared.store.table import TableStore, to_item

AGREEMENT_PREFIX = "AGREEMENT#"


def agreement_sk(agreed_at: str, mediation_id: str) -> str:
    return f"{AGREEMENT_PREFIX}{agreed_at}#{mediation_id}"


def followup_slot(moment: datetime) -> str:
    return "FOLLOWUP#" + moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H")


def _parse(at: str) -> datetime:
    return datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


class AgreementStore(TableStore):
    def store(self, record: dict[str, Any], text: str, followup_after: timedelta) -> dict[str, Any]:
        """One copy per party and one for the circle, and one follow-up per party, in one transaction."""
        mediation_id, agreed_at = record["mediation_id"], record["agreed_at"]
        parties = list(record["parties"])
        common = {
            "kind": "agreement", "status": "active", "mediation_id": mediation_id, "circle_id": record["circle_id"],
            "topic": record["topic"], "text": text, "parties": parties, "agreed_at": agreed_at,
            "follow_up_at": iso(_parse(agreed_at) + followup_after),
        }
        due = _parse(agreed_at) + followup_after
        items = [{"Put": {"TableName": self.table, "Item": to_item(
            {"pk": keys.circle_pk(record["circle_id"]), "sk": agreement_sk(agreed_at, mediation_id),
             "owner": record["initiator"], **common})}}]
        for party in parties:
            items.append({"Put": {"TableName": self.table, "Item": to_item(
                {"pk": keys.member_pk(party), "sk": agreement_sk(agreed_at, mediation_id), "owner": party,
                 **common})}})
            items.append({"Put": {"TableName": self.table, "Item": to_item(
                {"pk": followup_slot(due), "sk": f"{iso(due)}#{mediation_id}#{party}", "owner": party,
                 "kind": "agreement_followup", "member_id": party, "mediation_id": mediation_id,
                 "circle_id": record["circle_id"], "topic": record["topic"], "due_at": iso(due),
                 "agreement_sk": agreement_sk(agreed_at, mediation_id), "status": "due"})}})
        transact(self.client, items)
        return common

    def for_member(self, member_id: str) -> list[dict[str, Any]]:
        """The member's agreements, oldest first."""
        return list(query(self.client, self.table, keys.member_pk(member_id), AGREEMENT_PREFIX))

    def for_circle(self, circle_id: str) -> list[dict[str, Any]]:
        return list(query(self.client, self.table, keys.circle_pk(circle_id), AGREEMENT_PREFIX))

    def followups_due(self, slot: datetime) -> list[dict[str, Any]]:
        """The follow-ups due in the hour that contains `slot`."""
        return list(query(self.client, self.table, followup_slot(slot)))
