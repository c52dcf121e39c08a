"""The schedules of the template, fired locally: moto stores EventBridge rules and Scheduler schedules but never
fires them.

Each schedule fires its targets at its own cadence — `rate(...)`, `cron(...)` (EventBridge's six fields, in UTC,
or the schedule's time zone for Scheduler) or `at(...)` — or every `$INETTA_TICK_SECONDS` seconds when that is
set (to watch check-ins happen without waiting a quarter of an hour). `Ticker.tick()` fires everything now and
waits for the results: tests and `POST /_local/tick` use it.

What a target receives is what EventBridge would send: its `Input`, `InputPath` or `InputTransformer` applied to
a "Scheduled Event" envelope, or the envelope itself; Scheduler targets receive their `Input` (or `{}`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import logging
import re
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable
from zoneinfo import ZoneInfo

from inetta.local.errors import LocalStackError
from inetta.local.hooks import target_input

log = logging.getLogger("inetta.local.ticker")

UTC = dt.timezone.utc


@dataclass
class Schedule:
    name: str
    kind: str  # "rule" (EventBridge) or "schedule" (EventBridge Scheduler)
    arn: str
    expression: str
    targets: list[dict[str, Any]]
    timezone: str = "UTC"
    account_id: str = ""
    region: str = ""
    cadence: "_Cadence" = field(init=False)

    def __post_init__(self) -> None:
        self.cadence = parse_expression(self.expression, self.timezone)

    def payload_for(self, target: dict[str, Any], now: dt.datetime) -> Any:
        if self.kind == "schedule":
            raw = target.get("Input")
            if raw is None:
                return {}
            try:
                return json.loads(raw)
            except ValueError:
                return raw
        envelope = {
            "version": "0",
            "id": str(uuid.uuid4()),
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "account": self.account_id,
            "time": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "region": self.region,
            "resources": [self.arn],
            "detail": {},
        }
        return target_input(target, envelope)


# --- expressions ------------------------------------------------------------------------------------------------

_UNITS = {"minute": 60, "minutes": 60, "hour": 3600, "hours": 3600, "day": 86400, "days": 86400}
_MONTHS = {name: i for i, name in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1)}
_DAYS = {name: i for i, name in enumerate(["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], start=1)}


class _Cadence:
    def next_after(self, moment: dt.datetime) -> dt.datetime | None:
        raise NotImplementedError


class _Rate(_Cadence):
    def __init__(self, seconds: int):
        self.seconds = seconds

    def next_after(self, moment: dt.datetime) -> dt.datetime:
        return moment + dt.timedelta(seconds=self.seconds)


class _At(_Cadence):
    def __init__(self, when: dt.datetime):
        self.when = when

    def next_after(self, moment: dt.datetime) -> dt.datetime | None:
        return self.when if self.when > moment else None


class _Cron(_Cadence):
    """EventBridge cron: minutes hours day-of-month month day-of-week year (1 = Sunday), with ? L W #."""

    def __init__(self, fields: list[str], zone: dt.tzinfo):
        if len(fields) != 6:
            raise LocalStackError(f"cron expressions have six fields, not {len(fields)}: {' '.join(fields)}")
        self.zone = zone
        self.minutes = _values(fields[0], 0, 59)
        self.hours = _values(fields[1], 0, 23)
        self.dom, self.month, self.dow = fields[2].upper(), _values(fields[3], 1, 12, _MONTHS), fields[4].upper()
        self.years = _values(fields[5], 1970, 2199)

    def _day_matches(self, day: dt.date) -> bool:
        if day.month not in self.month or day.year not in self.years:
            return False
        last = calendar.monthrange(day.year, day.month)[1]
        if self.dom not in ("?", "*"):
            if self.dom == "L":
                return day.day == last
            if self.dom.endswith("W"):  # nearest weekday to the given day, approximately: that day if a weekday
                target = min(int(self.dom[:-1]), last)
                return day.day == target and day.weekday() < 5
            return day.day in _values(self.dom, 1, 31)
        if self.dow not in ("?", "*"):
            weekday = (day.weekday() + 1) % 7 + 1  # Python: Monday = 0; EventBridge: Sunday = 1
            if "#" in self.dow:
                wanted, nth = self.dow.split("#")
                return weekday == _values(wanted, 1, 7, _DAYS).pop() and (day.day - 1) // 7 + 1 == int(nth)
            if self.dow.endswith("L"):
                return weekday == _values(self.dow[:-1], 1, 7, _DAYS).pop() and day.day + 7 > last
            return weekday in _values(self.dow, 1, 7, _DAYS)
        return True

    def next_after(self, moment: dt.datetime) -> dt.datetime | None:
        local = moment.astimezone(self.zone).replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
        day = local.date()
        for _ in range(366 * 5):
            if self._day_matches(day):
                for hour in sorted(self.hours):
                    for minute in sorted(self.minutes):
                        candidate = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.zone)
                        if candidate >= local:
                            return candidate.astimezone(UTC)
            day += dt.timedelta(days=1)
        return None


def _values(field_text: str, low: int, high: int, names: dict[str, int] | None = None) -> set[int]:
    values: set[int] = set()
    for part in field_text.upper().split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/")
            step = int(step_text)
        if part in ("*", "?"):
            start, end = low, high
        elif "-" in part:
            start_text, end_text = part.split("-")
            start, end = _number(start_text, names), _number(end_text, names)
        else:
            start = _number(part, names)
            end = high if step > 1 else start
        values.update(range(start, end + 1, step))
    return values


def _number(text: str, names: dict[str, int] | None) -> int:
    return names[text] if names and text in names else int(text)


def parse_expression(expression: str, timezone: str = "UTC") -> _Cadence:
    zone = ZoneInfo(timezone) if timezone and timezone != "UTC" else UTC
    found = re.fullmatch(r"\s*(rate|cron|at)\((.*)\)\s*", expression or "")
    if not found:
        raise LocalStackError(f"unknown schedule expression {expression!r}")
    kind, body = found.groups()
    if kind == "rate":
        amount, unit = body.split()
        if unit not in _UNITS:
            raise LocalStackError(f"unknown rate unit in {expression!r}")
        return _Rate(int(amount) * _UNITS[unit])
    if kind == "at":
        return _At(dt.datetime.fromisoformat(body).replace(tzinfo=zone).astimezone(UTC))
    return _Cron(body.split(), zone)


# --- firing -----------------------------------------------------------------------------------------------------


class Ticker:
    def __init__(self, schedules: list[Schedule], deliver: Callable[[Schedule, dict, Any], dict[str, Any]],
                 tick_seconds: float | None = None):
        self.schedules = schedules
        self.deliver = deliver  # (schedule, target, payload) -> result document; synchronous
        self.tick_seconds = tick_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self) -> list[dict[str, Any]]:
        """Fire every schedule's targets now, wait for them, and return what happened."""
        now = dt.datetime.now(UTC)
        results = []
        for schedule in self.schedules:
            results += self._fire(schedule, now)
        return results

    def _fire(self, schedule: Schedule, now: dt.datetime) -> list[dict[str, Any]]:
        results = []
        for target in schedule.targets:
            try:
                results.append(self.deliver(schedule, target, schedule.payload_for(target, now)))
            except Exception as exc:  # noqa: BLE001 - one broken target must not stop the others
                log.exception("schedule %s: target %s failed", schedule.name, target.get("Arn"))
                results.append({"schedule": schedule.name, "target": target.get("Arn"), "ok": False,
                                "error": repr(exc)})
        return results

    def start(self) -> None:
        if not self.schedules:
            return
        self._thread = threading.Thread(target=self._run, name="ticker", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        now = dt.datetime.now(UTC)
        due = {id(s): self._next(s, now) for s in self.schedules}
        while not self._stop.is_set():
            now = dt.datetime.now(UTC)
            for schedule in self.schedules:
                when = due[id(schedule)]
                if when is not None and when <= now:
                    log.info("schedule %s fires (%s)", schedule.name, schedule.expression)
                    threading.Thread(target=self._fire, args=(schedule, now), daemon=True,
                                     name=f"fire:{schedule.name}").start()
                    due[id(schedule)] = self._next(schedule, now)
            pending = [w for w in due.values() if w is not None]
            wait = min([(w - now).total_seconds() for w in pending], default=60.0)
            self._stop.wait(max(0.05, min(wait, 60.0)))

    def _next(self, schedule: Schedule, now: dt.datetime) -> dt.datetime | None:
        if self.tick_seconds:
            return now + dt.timedelta(seconds=self.tick_seconds)
        return schedule.cadence.next_after(now)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
