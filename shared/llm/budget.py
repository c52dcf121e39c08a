"""What the language model may cost: a per-member and a global daily token budget, and a circuit breaker.

Counters live in the table: `LLMBUDGET#<day>` / `MEMBER#<sub>` (`owner` = the member) and, for the global count,
`LLMBUDGET#<day>#<shard>` / `GLOBAL` over `GLOBAL_SHARDS` shards (no hot item at scale). The chat turn reads them
in its one batched get and adds a reply's tokens in the reply's own transaction — no extra request. Counters expire
(TTL) two days after their day.

The circuit breaker (per container) opens after `FAILURES_TO_OPEN` consecutive model failures and stays open for
`OPEN_SECONDS`: a provider outage then costs no timeouts, and the offline coach answers meanwhile.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from shared.store.batch import batch_get
from shared.store.table import to_item, to_value

GLOBAL_SHARDS = 8
DEFAULT_MEMBER_DAILY_TOKENS = 150_000
DEFAULT_GLOBAL_DAILY_TOKENS = 20_000_000
FAILURES_TO_OPEN = 3
OPEN_SECONDS = 60.0


def _day(now: float | None = None) -> str:
    return datetime.fromtimestamp(now if now is not None else time.time(), timezone.utc).strftime("%Y-%m-%d")


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


@dataclass
class TokenBudget:
    member_daily: int = field(default_factory=lambda: _int_env("LLM_MEMBER_DAILY_TOKENS", DEFAULT_MEMBER_DAILY_TOKENS))
    global_daily: int = field(default_factory=lambda: _int_env("LLM_GLOBAL_DAILY_TOKENS", DEFAULT_GLOBAL_DAILY_TOKENS))

    @staticmethod
    def member_key(member_id: str, now: float | None = None) -> tuple[str, str]:
        return (f"LLMBUDGET#{_day(now)}", f"MEMBER#{member_id}")

    @staticmethod
    def global_keys(now: float | None = None) -> list[tuple[str, str]]:
        return [(f"LLMBUDGET#{_day(now)}#{shard}", "GLOBAL") for shard in range(GLOBAL_SHARDS)]

    def keys(self, member_id: str, now: float | None = None) -> list[tuple[str, str]]:
        return [self.member_key(member_id, now), *self.global_keys(now)]

    def exhausted(self, member_id: str, found: dict[tuple[str, str], dict[str, Any]],
                  now: float | None = None) -> str | None:
        """"member" or "global" when that budget is spent, else None. `found`: the counters read (absent = 0)."""
        used = int((found.get(self.member_key(member_id, now)) or {}).get("tokens", 0))
        if used >= self.member_daily:
            return "member"
        total = sum(int((found.get(key) or {}).get("tokens", 0)) for key in self.global_keys(now))
        if total >= self.global_daily:
            return "global"
        return None

    def spent(self, client, table: str, member_id: str, now: float | None = None) -> str | None:
        """Outside a chat turn (e.g. insight extraction, before calling the model): read the counters (one batched
        get) and say which budget is spent, "member" or "global", or None."""
        return self.exhausted(member_id, batch_get(client, table, self.keys(member_id, now)), now)

    def usage_writes(self, table: str, member_id: str, tokens: int, now: float | None = None) -> list[dict[str, Any]]:
        if tokens <= 0:
            return []
        expires = int((now if now is not None else time.time()) + 3 * 24 * 3600)
        member_pk, member_sk = self.member_key(member_id, now)
        global_pk, global_sk = random.choice(self.global_keys(now))
        return [
            {"Update": {"TableName": table, "Key": to_item({"pk": member_pk, "sk": member_sk}),
                        "UpdateExpression": "ADD tokens :n SET #owner = :me, expires_at = :exp",
                        "ExpressionAttributeNames": {"#owner": "owner"},
                        "ExpressionAttributeValues": {":n": to_value(tokens), ":me": to_value(member_id),
                                                      ":exp": to_value(expires)}}},
            {"Update": {"TableName": table, "Key": to_item({"pk": global_pk, "sk": global_sk}),
                        "UpdateExpression": "ADD tokens :n SET expires_at = :exp",
                        "ExpressionAttributeValues": {":n": to_value(tokens), ":exp": to_value(expires)}}},
        ]

    def spend(self, client, table: str, member_id: str, tokens: int) -> None:
        """Outside a chat turn (e.g. insight extraction): add usage directly."""
        for write in self.usage_writes(table, member_id, tokens):
            client.update_item(**write["Update"])


@dataclass
class CircuitBreaker:
    failures_to_open: int = FAILURES_TO_OPEN
    open_seconds: float = OPEN_SECONDS
    failures: int = 0
    open_until: float = 0.0
    clock: Any = time.monotonic

    @property
    def open(self) -> bool:
        return self.clock() < self.open_until

    def succeeded(self) -> None:
        self.failures = 0

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= self.failures_to_open:
            self.open_until = self.clock() + self.open_seconds
            self.failures = 0
