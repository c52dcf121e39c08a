"""When a member is due: their preferred local time, frequency, time zone and quiet hours, in 15-minute slots.

Pure functions over aware datetimes (no clock, no I/O), so that time zones and daylight-saving changes are tested
directly. Local wall-clock times are resolved with `zoneinfo`: a time that does not exist on a spring-forward day
(02:30 in New York) lands on the same instant Python gives it with `fold=0` (03:30 daylight time); a time that
happens twice on a fall-back day is taken the first time only (the next check-in is computed from after it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = timezone.utc
SLOT_SECONDS = 15 * 60
FREQUENCIES = ("daily", "few_times_week", "weekly", "off")
FEW_TIMES_A_WEEK = (0, 2, 4)  # Monday, Wednesday, Friday


class InvalidTimeZone(ValueError):
    pass


def zone(name: str) -> ZoneInfo:
    """An IANA time zone, or InvalidTimeZone. Paths and odd spellings are refused, not looked up."""
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name or name == "localtime":
        raise InvalidTimeZone(f"{name!r} is not an IANA time zone (for example Europe/Paris).")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise InvalidTimeZone(f"{name!r} is not an IANA time zone (for example Europe/Paris).") from error


def hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class Schedule:
    """What scheduling needs from a member's preferences."""

    frequency: str = "off"
    local_time: str = "19:00"
    time_zone: str = "UTC"
    weekday: int = 6  # for `weekly`: 0 = Monday ... 6 = Sunday
    quiet_start: str | None = None
    quiet_end: str | None = None
    days: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        days = {"daily": tuple(range(7)), "few_times_week": FEW_TIMES_A_WEEK, "weekly": (self.weekday,)}
        object.__setattr__(self, "days", days.get(self.frequency, ()))

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.time_zone)


def slot_of(moment: datetime) -> int:
    return int(moment.timestamp()) // SLOT_SECONDS


def slot_start(slot: int) -> datetime:
    return datetime.fromtimestamp(slot * SLOT_SECONDS, UTC)


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    # Normalised through UTC: a wall-clock time that does not exist (spring forward) becomes a real instant.
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC).astimezone(tz)


def in_quiet_hours(schedule: Schedule, moment: datetime) -> bool:
    if not schedule.quiet_start or not schedule.quiet_end:
        return False
    local = moment.astimezone(schedule.tz).time().replace(second=0, microsecond=0)
    start, end = hhmm(schedule.quiet_start), hhmm(schedule.quiet_end)
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end  # across midnight: 22:00–07:00


def after_quiet_hours(schedule: Schedule, moment: datetime) -> datetime:
    """`moment`, or the end of the quiet hours it falls in (in UTC)."""
    if not in_quiet_hours(schedule, moment):
        return moment.astimezone(UTC)
    tz = schedule.tz
    local = moment.astimezone(tz)
    end = hhmm(schedule.quiet_end or "00:00")
    candidate = _local(local.date(), end, tz)
    if candidate <= local:
        candidate = _local(local.date() + timedelta(days=1), end, tz)
    return candidate.astimezone(UTC)


def next_routine(schedule: Schedule, not_before: datetime) -> datetime | None:
    """The next routine check-in at or after `not_before` (UTC), outside quiet hours; None when check-ins are off."""
    if not schedule.days:
        return None
    tz = schedule.tz
    at = hhmm(schedule.local_time)
    start = not_before.astimezone(tz).date() - timedelta(days=1)
    for offset in range(16):
        day = start + timedelta(days=offset)
        if day.weekday() not in schedule.days:
            continue
        due = after_quiet_hours(schedule, _local(day, at, tz))
        if due >= not_before:
            return due
    return None


def local_week(schedule: Schedule, moment: datetime) -> str:
    year, week, _ = moment.astimezone(schedule.tz).isocalendar()
    return f"{year}-W{week:02d}"
