"""What a chat turn reads, and how it becomes the coach's context — in a bounded number of requests.

`TurnReader.read` makes three reads whatever the history's length or the family's size:
1. one query of the thread partition: the thread item and its newest messages (`ThreadStore.load_turn_context`);
2. one query of the member's insights partition (`INSIGHTS#<me>`, at most `MAX_INSIGHTS` items);
3. one batched get: the member's own precomputed context (`MEMBER#<me>`/`CONTEXT`), their profile
   (`MEMBER#<me>`/`PROFILE`, e.g. for retention settings), any `extra_keys` a caller adds (token budget counters),
   and — for each source of an insight — the memberships and consent rules that decide, right now, whether the
   insight may be used (`effective_consent`, checked at read time: a revocation counts from the next request).

Then `assemble` turns what was read into `ContextItem`s under the token budget (`shared.context.budget`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from shared.circles.consent import RANK, resolve_level
from shared.context import budget, vocab
from shared.context.build import CONTEXT_SK, MemberContext
from shared.context.items import ContextItem
from shared.knowledge import Entry
from shared.models import ConsentLevel, Message, Role
from shared.store import keys
from shared.store.batch import batch_get
from shared.store.circles import _membership
from shared.store.table import from_item, to_value
from shared.store.threads import ThreadStore, TurnContext

MAX_INSIGHTS = 24
PROFILE_KEY = keys.PROFILE_SK

_ROLE_WORDS = {
    Role.PARTNER: "your partner", Role.PARENT: "a parent in your family", Role.TEEN: "your teen",
    Role.CHILD: "a child in your family", Role.SIBLING: "a sibling in your family", Role.OTHER: "a family member",
}


@dataclass
class TurnRead:
    turn: TurnContext
    own: MemberContext
    insights: list[dict[str, Any]]  # usable now (consent checked), each with `source_role`
    account: dict[str, Any] | None  # `MEMBER#<me>`/`PROFILE`, if any
    extra: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


class TurnReader:
    def __init__(self, store: ThreadStore):
        self.store = store

    def read(self, member_id: str, thread_id: str, recent: int,
             extra_keys: list[tuple[str, str]] | None = None, turn: TurnContext | None = None) -> TurnRead:
        """``turn``: the thread and its messages, if the caller has read them already this turn (one read less)."""
        turn = turn or self.store.load_turn_context(member_id, thread_id, recent)
        client, table = self.store.client, self.store.table
        response = client.query(
            TableName=table, KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues={":pk": to_value(keys.insights_pk(member_id)), ":prefix": to_value("INSIGHT#")},
            Limit=MAX_INSIGHTS, ConsistentRead=True,
        )
        candidates = [from_item(item) for item in response.get("Items", [])]
        own_key = (keys.member_pk(member_id), CONTEXT_SK)
        profile_key = (keys.member_pk(member_id), PROFILE_KEY)
        wanted = [own_key, profile_key, *(extra_keys or [])]
        pairs = list(dict.fromkeys((c.get("circle_id", ""), c.get("source_member", "")) for c in candidates))
        for circle_id, source in pairs:
            wanted += [
                (keys.circle_pk(circle_id), keys.membership_sk(source)),
                (keys.circle_pk(circle_id), keys.membership_sk(member_id)),
                (keys.member_pk(source), keys.consent_sk(circle_id, member_id)),
                (keys.member_pk(source), keys.consent_sk(circle_id)),
            ]
        found = batch_get(client, table, wanted)
        usable = []
        for insight in candidates:
            circle_id, source = insight.get("circle_id", ""), insight.get("source_member", "")
            source_item = found.get((keys.circle_pk(circle_id), keys.membership_sk(source)))
            me_item = found.get((keys.circle_pk(circle_id), keys.membership_sk(member_id)))
            pair = found.get((keys.member_pk(source), keys.consent_sk(circle_id, member_id)))
            default = found.get((keys.member_pk(source), keys.consent_sk(circle_id)))
            source_m = _membership(source_item) if source_item else None
            level = resolve_level(source_m, _membership(me_item) if me_item else None,
                                  ConsentLevel(pair["level"]) if pair else None,
                                  ConsentLevel(default["level"]) if default else None)
            needed = ConsentLevel(insight.get("level", "summary"))
            if source_m is not None and RANK[level] >= RANK[needed] and RANK[needed] > 0:
                usable.append({**insight, "source_role": source_m.role})
        return TurnRead(
            turn=turn, own=MemberContext.from_item(found.get(own_key), member_id), insights=usable,
            account=found.get(profile_key), extra={k: found[k] for k in (extra_keys or []) if k in found},
        )


@dataclass(frozen=True)
class Assembled:
    summary: tuple[ContextItem, ...]
    recent: tuple[tuple[str, str], ...]  # (author, text), oldest first, within budget
    recent_ids: tuple[str, ...]
    profile: tuple[ContextItem, ...]
    agreements: tuple[ContextItem, ...]
    family: tuple[ContextItem, ...]
    knowledge: tuple[ContextItem, ...]

    def used(self) -> list[ContextItem]:
        recent = [ContextItem("recent", ",".join(self.recent_ids[-3:]), "",
                              f"your last {len(self.recent)} messages in this conversation")] if self.recent else []
        return [*self.summary, *recent, *self.profile, *self.agreements, *self.family, *self.knowledge]


def _fit_items(items: list[ContextItem], tokens: int) -> tuple[ContextItem, ...]:
    kept, used = [], 0
    for item in items:
        cost = budget.estimate_tokens(item.text)
        if used + cost > tokens:
            break
        kept.append(item)
        used += cost
    return tuple(kept)


def profile_items(own: MemberContext) -> list[ContextItem]:
    items: list[ContextItem] = []
    for goal in own.goals[-2:]:
        items.append(ContextItem("goal", "goal:" + hashlib.sha256(goal.encode()).hexdigest()[:10], f"Their goal: {goal}",
                                 f"a goal you mentioned: \"{goal[:80]}\""))
    for style, count, evidence in own.attachment()[:2]:
        proof = f" (e.g. \"{evidence[-1]['excerpt'][:100]}\")" if evidence else ""
        items.append(ContextItem("attachment", f"attachment:{style}",
                                 f"Attachment tendency observed {count}x: {vocab.plain(style)}{proof}",
                                 f"a tendency the coach noticed in your messages: {vocab.plain(style).split(' (')[0]}"))
    for pattern in own.top("pattern", 2):
        items.append(ContextItem("pattern", f"pattern:{pattern}", f"Relationship pattern: {vocab.plain(pattern)}",
                                 f"a pattern in your relationship: {vocab.plain(pattern).split(' (')[0]}"))
    topics = own.top("topic", 3)
    if topics:
        words = ", ".join(vocab.plain(t) for t in topics)
        items.append(ContextItem("topic", "topics:" + ",".join(topics), f"Recurring topics / stressors: {words}",
                                 f"topics you come back to: {words}"))
    return items


def family_items(insights: list[dict[str, Any]]) -> list[ContextItem]:
    # Summaries before themes from the same source would repeat: keep the richest per source.
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for insight in insights:
        key = (insight["circle_id"], insight["source_member"])
        if key not in best or RANK[ConsentLevel(insight["level"])] > RANK[ConsentLevel(best[key]["level"])]:
            best[key] = insight
    items = []
    for insight in best.values():
        who = _ROLE_WORDS.get(insight["source_role"], "a family member")
        labels = [vocab.plain(label).split(" (")[0] for label in insight.get("labels", []) if label in vocab.BY_ID]
        kind_words = "a summary" if insight["level"] == ConsentLevel.SUMMARY.value else "themes"
        label = f"{kind_words} {who} chose to share" + (f": {', '.join(labels[:3])}" if labels else "")
        items.append(ContextItem("insight", insight["sk"], f"From {who} ({insight['level']}, shared with consent; "
                                 f"do not reveal or attribute): {insight['text']}", label))
    return items


def knowledge_items(entries: list[Entry]) -> list[ContextItem]:
    return [ContextItem("knowledge", entry.id, f"{entry.title}: {entry.offer} Exercise: {entry.exercise} "
                        f"(Source: {entry.source})", f"coaching guidance: {entry.title} ({entry.source.split(';')[0]})")
            for entry in entries]


def assemble(read: TurnRead, member_message: Message, entries: list[Entry]) -> Assembled:
    own = read.own
    summary_text = own.summary or read.turn.thread.summary
    summary = (ContextItem("summary", f"summary:{own.messages_read}", budget.clip(summary_text, budget.SUMMARY_TOKENS),
                           "the summary of your earlier conversations with the coach"),) if summary_text else ()
    earlier = [m for m in read.turn.recent if m.id != member_message.id]
    texts = budget.fit([m.text for m in reversed(earlier)], budget.RECENT_TOKENS, budget.RECENT_MESSAGE_TOKENS)
    kept = list(reversed(earlier))[: len(texts)]
    recent = tuple((m.author.value, t) for m, t in reversed(list(zip(kept, texts))))
    agreements = [ContextItem("agreement", a["id"], f"Agreement: {a['text']}", f"your agreement: \"{a['text'][:100]}\"")
                  for a in own.agreements]
    return Assembled(
        summary=summary,
        recent=recent,
        recent_ids=tuple(m.id for m in reversed(kept)),
        profile=_fit_items(profile_items(own), budget.PROFILE_TOKENS),
        agreements=_fit_items(agreements, budget.AGREEMENT_TOKENS),
        family=_fit_items(family_items(read.insights), budget.FAMILY_TOKENS),
        knowledge=_fit_items(knowledge_items(entries), budget.KNOWLEDGE_TOKENS),
    )
