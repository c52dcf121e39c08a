"""Context building: after each member message, keep that member's context precomputed (run by `ContextFunction`
from the table's stream, never on the reply path).

For the member (their own, `MEMBER#<sub>` / `CONTEXT`): the rolling summary, the profile (goals, stressors,
attachment tendencies with evidence), relationship patterns, recurring topics, active agreements. For each other
member of each of their circles, as far as the member consents: a `themes` insight and a `summary` insight in the
audience's partition (`INSIGHTS#<audience>` / `INSIGHT#<circle>#<source>#themes|summary`), composed from the
closed vocabulary only (`shared.context.vocab`), never from the member's words; insights above the consent level
are deleted.

Idempotent: the context item remembers the last message it read (`last_sk`), so a stream batch delivered twice
counts nothing twice; concurrent builds for one member are serialised by a condition on `last_sk`.

Retention: the context is made of the member's messages (their summary quotes them, evidence is their words), so it
lives no longer than they do. Each build that reads new messages gives the item (and the summary copied onto the
thread) the `expires_at` a message written now gets under the member's retention setting; a change of the setting
moves it (`AccountStore.save_settings`); an expired item not yet removed by DynamoDB's TTL is read as empty.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError

from shared.circles.consent import RANK, resolve_level
from shared.context import vocab
from shared.context.extract import EXCERPT_CHARS, SUMMARY_CHARS, Extraction, offline_extract
from shared.llm.budget import TokenBudget
from shared.models import ConsentLevel, iso, utc_now
from shared.store import keys
from shared.store.accounts import AccountStore
from shared.store.batch import delete_keys, query
from shared.store.circles import _membership
from shared.store.table import TableStore, from_item, to_item, to_value

logger = Logger(child=True)

CONTEXT_SK = keys.CONTEXT_SK
AGREEMENT_PREFIX = "AGREEMENT#"
# Bounds: a build reads at most this many new messages, keeps this much evidence and this many goals.
NEW_MESSAGES_PER_BUILD = 20
EVIDENCE_PER_STYLE = 3
GOALS_KEPT = 3
AGREEMENTS_KEPT = 10
# A label must be seen this often before it is shared with anyone (one stray word is not a theme).
SHARE_THRESHOLD = 1
THEMES_SHARED = 3
NEEDS_SHARED = 2

# Extractor: (previous summary, [(message id, text)]) -> Extraction
Extractor = Callable[[str, list[tuple[str, str]]], Extraction]


def _crisis(text: str) -> bool:
    from shared.safety import screen

    return screen(text).escalate


def offline_extractor(previous_summary: str, messages: list[tuple[str, str]]) -> Extraction:
    return offline_extract(messages)


@dataclass
class MemberContext:
    """The member's own precomputed context (never shown to anyone else)."""

    member_id: str
    thread_id: str = ""
    summary: str = ""
    counts: dict[str, int] = field(default_factory=dict)  # "theme:unheard" -> times seen
    evidence: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # attachment style -> [{message_id, excerpt}]
    goals: list[str] = field(default_factory=list)
    agreements: list[dict[str, str]] = field(default_factory=list)  # [{id, text}]
    last_sk: str = ""
    messages_read: int = 0
    updated_at: str = ""
    # The member's message retention (TTL, epoch seconds), or None: kept as long as the member keeps their data.
    expires_at: int | None = None

    @classmethod
    def from_item(cls, values: dict[str, Any] | None, member_id: str, now: float | None = None) -> "MemberContext":
        if not values:
            return cls(member_id=member_id)
        if is_expired(values.get("expires_at"), now):
            # DynamoDB removes expired items within days, not at once: until then, nothing of it is used. Only the
            # bookmark stays, so the next build reads on from there (everything before it has expired too).
            return cls(member_id=member_id, last_sk=values.get("last_sk", ""))
        return cls(
            member_id=member_id, thread_id=values.get("thread_id", ""), summary=values.get("summary", ""),
            counts={k: int(v) for k, v in (values.get("counts") or {}).items()},
            evidence={k: list(v) for k, v in (values.get("evidence") or {}).items()},
            goals=list(values.get("goals") or []), agreements=list(values.get("agreements") or []),
            last_sk=values.get("last_sk", ""), messages_read=int(values.get("messages_read", 0)),
            updated_at=values.get("updated_at", ""),
            expires_at=int(values["expires_at"]) if values.get("expires_at") is not None else None,
        )

    def item(self) -> dict[str, Any]:
        return {
            "pk": keys.member_pk(self.member_id), "sk": CONTEXT_SK, "owner": self.member_id,
            "thread_id": self.thread_id, "summary": self.summary, "counts": self.counts, "evidence": self.evidence,
            "goals": self.goals, "agreements": self.agreements, "last_sk": self.last_sk,
            "messages_read": self.messages_read, "updated_at": self.updated_at, "expires_at": self.expires_at,
        }

    # --- what the profile says -------------------------------------------------------------------------

    def top(self, kind: str, limit: int, threshold: int = 1) -> list[str]:
        found = [(count, key.split(":", 1)[1]) for key, count in self.counts.items()
                 if key.startswith(f"{kind}:") and count >= threshold and key.split(":", 1)[1] in vocab.BY_ID]
        return [label for _, label in sorted(found, key=lambda pair: (-pair[0], pair[1]))[:limit]]

    def attachment(self) -> list[tuple[str, int, list[dict[str, str]]]]:
        """Tendencies observed: (style, times seen, evidence), strongest first."""
        return [(style, self.counts.get(f"attach:{style}", 0), self.evidence.get(style, []))
                for style in self.top("attach", 3)]


def is_expired(expires_at: Any, now: float | None = None) -> bool:
    return expires_at is not None and int(expires_at) <= (now if now is not None else time.time())


def merge(context: MemberContext, extraction: Extraction, texts: dict[str, str]) -> MemberContext:
    for kind, labels in (("theme", extraction.themes), ("need", extraction.needs), ("topic", extraction.topics),
                         ("pattern", extraction.patterns)):
        for label in dict.fromkeys(labels):
            context.counts[f"{kind}:{label}"] = context.counts.get(f"{kind}:{label}", 0) + 1
    for signal in extraction.attachment:
        context.counts[f"attach:{signal.style}"] = context.counts.get(f"attach:{signal.style}", 0) + 1
        excerpt = texts.get(signal.message_id, "")[:EXCERPT_CHARS]
        if excerpt:
            kept = [e for e in context.evidence.get(signal.style, []) if e.get("message_id") != signal.message_id]
            context.evidence[signal.style] = (kept + [{"message_id": signal.message_id, "excerpt": excerpt}])[-EVIDENCE_PER_STYLE:]
    context.goals = list(dict.fromkeys(context.goals + [g for g in extraction.goals if g]))[-GOALS_KEPT:]
    return context


def offline_summary(context: MemberContext, latest: str) -> str:
    """The member's own rolling summary, when no model writes it: their main themes, topics, needs and goals."""
    parts = []
    topics = [vocab.plain(t) for t in context.top("topic", 3)]
    themes = [vocab.plain(t) for t in context.top("theme", 3)]
    needs = [vocab.plain(n) for n in context.top("need", 2)]
    if topics:
        parts.append(f"You have talked with the coach about {', '.join(topics)}.")
    if themes:
        parts.append(f"What came up most: {', '.join(themes)}.")
    if needs:
        parts.append(f"Underneath, {' and '.join(needs)}.")
    if context.goals:
        parts.append(f"Your goals: {'; '.join(context.goals)}.")
    if latest:
        parts.append(f"Most recently you wrote: \"{latest[:200]}\"")
    return " ".join(parts)[:SUMMARY_CHARS]


# --- what may be shared -----------------------------------------------------------------------------------


def shared_labels(context: MemberContext) -> dict[str, list[str]]:
    """Label ids that may be shared, by kind. Vocabulary only."""
    return {
        "theme": context.top("theme", THEMES_SHARED, SHARE_THRESHOLD),
        "need": context.top("need", NEEDS_SHARED, SHARE_THRESHOLD),
        "pattern": context.top("pattern", 2, SHARE_THRESHOLD),
        "topic": context.top("topic", 2, SHARE_THRESHOLD),
    }


def themes_text(labels: dict[str, list[str]]) -> str:
    parts = [vocab.plain(label) for label in labels["theme"] + labels["need"] + labels["pattern"]]
    return "; ".join(parts)


def summary_text(labels: dict[str, list[str]]) -> str:
    sentences = []
    if labels["topic"]:
        sentences.append(f"Lately they have been thinking about {' and '.join(vocab.plain(t) for t in labels['topic'])}.")
    if labels["theme"]:
        sentences.append(f"They mention {', '.join(vocab.plain(t) for t in labels['theme'])}.")
    if labels["need"]:
        sentences.append(f"They seem to have {' and '.join(vocab.plain(n) for n in labels['need'])}.")
    if labels["pattern"]:
        sentences.append(f"They describe {' and '.join(vocab.plain(p) for p in labels['pattern'])}.")
    return " ".join(sentences)


def insight_item(circle_id: str, source: str, audience: str, level: ConsentLevel, text: str,
                 labels: list[str]) -> dict[str, Any]:
    return {
        "pk": keys.insights_pk(audience), "sk": keys.insight_sk(circle_id, source, level.value),
        "owner": source, "source_member": source, "audience": audience, "circle_id": circle_id,
        "level": level.value, "text": text, "labels": labels, "created_at": iso(utc_now()),
    }


class ContextBuilder(TableStore):
    """`extractor`: the offline engine by default; with a model, `budget` is the model's token budget, checked
    before every extraction (the model is not called at all once the member's or everyone's budget is spent)."""

    def __init__(self, table_name: str, client=None, extractor: Extractor | None = None,
                 budget: TokenBudget | None = None):
        super().__init__(table_name, client)
        self.extractor = extractor or offline_extractor
        self.budget = budget

    def load(self, member_id: str) -> MemberContext:
        item = self.client.get_item(TableName=self.table, Key=to_item({"pk": keys.member_pk(member_id), "sk": CONTEXT_SK}),
                                    ConsistentRead=True).get("Item")
        return MemberContext.from_item(from_item(item) if item else None, member_id)

    def build(self, member_id: str, thread_id: str, attempts: int = 3) -> MemberContext | None:
        """Bring the member's context and the insights they share up to date. None if the thread isn't theirs."""
        for _ in range(attempts):
            context = self.load(member_id)
            previous_sk = context.last_sk
            new = self._new_messages(member_id, thread_id, previous_sk)
            if new is None:
                return None
            if new:
                # A message the crisis screen flags is the crisis protocol's alone: nothing is derived from it.
                mine = [(m["id"], m["text"]) for m in new if m.get("author") == "member" and not _crisis(m["text"])]
                extraction = self._extract(member_id, context.summary, mine) if mine else Extraction()
                merge(context, extraction, dict(mine))
                context.thread_id = thread_id
                context.last_sk = new[-1]["sk"]
                context.messages_read += len(new)
                latest = mine[-1][1] if mine else ""
                context.summary = (extraction.summary or offline_summary(context, latest))[:SUMMARY_CHARS]
                # As long as the newest message it was made from: what a message written now would get.
                context.expires_at = AccountStore(self.table, self.client).message_expiry(member_id)
            context.agreements = self._agreements(member_id)
            context.updated_at = iso(utc_now())
            if self._save(context, previous_sk):
                break
        else:
            raise RuntimeError("context changed concurrently too often")
        if new:
            self._set_thread_summary(thread_id, context.summary, context.expires_at)
        self.share(context)
        return context

    def _extract(self, member_id: str, summary: str, mine: list[tuple[str, str]]) -> Extraction:
        if self.budget is not None:
            spent = self.budget.spent(self.client, self.table, member_id)
            if spent:
                # Same rule as a chat turn: once spent, the offline engine works and the model costs nothing more.
                logger.info("Token budget spent; offline extraction", extra={"budget": spent})
                return offline_extract(mine)
        if hasattr(self.extractor, "member_id"):
            self.extractor.member_id = member_id  # whose token budget a model's extraction spends
        return self.extractor(summary, mine)

    # --- reading -----------------------------------------------------------------------------------------

    def _new_messages(self, member_id: str, thread_id: str, after_sk: str) -> list[dict[str, Any]] | None:
        pk = f"THREAD#{thread_id}"
        thread = self.client.get_item(TableName=self.table, Key=to_item({"pk": pk, "sk": "THREAD"}),
                                      ConsistentRead=True).get("Item")
        if not thread or from_item(thread).get("owner") != member_id:
            return None
        response = self.client.query(
            TableName=self.table,
            KeyConditionExpression="pk = :pk AND sk BETWEEN :from AND :to",
            ExpressionAttributeValues={":pk": to_value(pk), ":from": to_value(after_sk or "MSG#"),
                                       ":to": to_value("MSG#\uffff")},
            ScanIndexForward=False, Limit=NEW_MESSAGES_PER_BUILD + 1, ConsistentRead=True,
        )
        items = [from_item(item) for item in response.get("Items", [])]
        return list(reversed([m for m in items if m["sk"] != after_sk and m["sk"].startswith("MSG#")]))[-NEW_MESSAGES_PER_BUILD:]

    def _agreements(self, member_id: str) -> list[dict[str, str]]:
        """The member's active agreements (`MEMBER#<sub>` / `AGREEMENT#<id>`, `text`, `status`)."""
        response = self.client.query(
            TableName=self.table, KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues={":pk": to_value(keys.member_pk(member_id)), ":prefix": to_value(AGREEMENT_PREFIX)},
            ScanIndexForward=False, Limit=AGREEMENTS_KEPT, ConsistentRead=True,
        )
        found = []
        for item in response.get("Items", []):
            values = from_item(item)
            if values.get("status", "active") == "active" and values.get("text"):
                found.append({"id": values.get("mediation_id") or values["sk"][len(AGREEMENT_PREFIX):],
                              "text": str(values["text"])[:300]})
        return found

    # --- writing -----------------------------------------------------------------------------------------

    def _save(self, context: MemberContext, previous_sk: str) -> bool:
        condition = "attribute_not_exists(pk)" if not previous_sk else "last_sk = :previous"
        request: dict[str, Any] = {"TableName": self.table, "Item": to_item(context.item()), "ConditionExpression": condition}
        if previous_sk:
            request["ExpressionAttributeValues"] = {":previous": to_value(previous_sk)}
        try:
            self.client.put_item(**request)
            return True
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise

    def _set_thread_summary(self, thread_id: str, summary: str, expires_at: int | None) -> None:
        # The thread outlives its messages, so the summary carries its own expiry (`ThreadStore` hides it after).
        update, values = "SET summary = :summary", {":summary": to_value(summary)}
        if expires_at is None:
            update += " REMOVE summary_expires_at"
        else:
            update += ", summary_expires_at = :expires"
            values[":expires"] = to_value(expires_at)
        try:
            self.client.update_item(
                TableName=self.table, Key=to_item({"pk": f"THREAD#{thread_id}", "sk": "THREAD"}),
                UpdateExpression=update, ConditionExpression="attribute_exists(pk)",
                ExpressionAttributeValues=values,
            )
        except ClientError as error:
            if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise

    def share(self, context: MemberContext) -> None:
        """Write, for each other member of each circle, what this member lets inform their coach; delete the rest."""
        source = context.member_id
        labels = shared_labels(context)
        texts = {ConsentLevel.THEMES: themes_text(labels), ConsentLevel.SUMMARY: summary_text(labels)}
        all_labels = labels["theme"] + labels["need"] + labels["pattern"]
        circle_ids = [v["circle_id"] for v in query(self.client, self.table, keys.member_pk(source), "CIRCLE#")]
        for circle_id in circle_ids:
            members = [_membership(v) for v in query(self.client, self.table, keys.circle_pk(circle_id), "MEMBER#")]
            me = next((m for m in members if m.member_id == source), None)
            if me is None:
                continue
            rules = {v["audience"]: ConsentLevel(v["level"]) for v in
                     query(self.client, self.table, keys.member_pk(source), keys.consent_prefix(circle_id))}
            doomed: list[tuple[str, str]] = []
            for audience in members:
                if audience.member_id == source:
                    continue
                level = resolve_level(me, audience, rules.get(audience.member_id), rules.get(keys.DEFAULT_AUDIENCE))
                for needed in (ConsentLevel.THEMES, ConsentLevel.SUMMARY):
                    key = (keys.insights_pk(audience.member_id), keys.insight_sk(circle_id, source, needed.value))
                    if RANK[level] >= RANK[needed] and texts[needed]:
                        item = insight_item(circle_id, source, audience.member_id, needed, texts[needed], all_labels)
                        self.client.put_item(TableName=self.table, Item=to_item(item))
                    else:
                        doomed.append(key)
            if doomed:
                delete_keys(self.client, self.table, doomed)
