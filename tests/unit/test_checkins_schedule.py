"""Check-in scheduling as pure functions: time zones, daylight-saving changes, quiet hours; and the reminder parser."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from shared.checkins.reminders import parse_reminder
from shared.checkins.schedule import (
    InvalidTimeZone, Schedule, after_quiet_hours, in_quiet_hours, next_routine, slot_of, zone,
)

pytestmark = pytest.mark.checkins
UTC = timezone.utc


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize("tz, expected_utc", [
    ("Asia/Tokyo", at(2026, 6, 10, 23, 0)),           # 08:00 JST on the 11th = 23:00 UTC on the 10th
    ("Europe/Paris", at(2026, 6, 11, 6, 0)),          # CEST, UTC+2
    ("America/New_York", at(2026, 6, 11, 12, 0)),     # EDT, UTC-4
    ("Australia/Adelaide", at(2026, 6, 10, 22, 30)),  # ACST, UTC+9:30 (a half-hour zone)
    ("UTC", at(2026, 6, 11, 8, 0)),
])
def test_the_same_local_time_is_a_different_instant_in_each_time_zone(tz, expected_utc):
    schedule = Schedule(frequency="daily", local_time="08:00", time_zone=tz)
    assert next_routine(schedule, at(2026, 6, 10, 20, 0)) == expected_utc


def test_daylight_saving_start_moves_the_utc_instant_and_keeps_the_local_time():
    daily = Schedule(frequency="daily", local_time="08:00", time_zone="America/New_York")
    before = next_routine(daily, at(2026, 3, 6, 14, 0))           # clocks go forward at 02:00 on Sunday 8 March
    first_after = next_routine(daily, before.replace(minute=15))
    assert before == at(2026, 3, 7, 13, 0)                        # Saturday 08:00 EST
    assert first_after == at(2026, 3, 8, 12, 0)                   # Sunday 08:00 EDT: an hour earlier in UTC
    # A time that does not exist that night (02:30) still happens, once, at 03:30 daylight time.
    gap = Schedule(frequency="daily", local_time="02:30", time_zone="America/New_York")
    assert next_routine(gap, at(2026, 3, 8, 5, 0)) == at(2026, 3, 8, 7, 30)
    assert next_routine(gap, at(2026, 3, 8, 7, 45)) == at(2026, 3, 9, 6, 30)


def test_daylight_saving_end_delivers_the_repeated_hour_once():
    london = Schedule(frequency="daily", local_time="01:30", time_zone="Europe/London")  # 25 Oct 2026: back
    first = next_routine(london, at(2026, 10, 24, 23, 0))
    assert first == at(2026, 10, 25, 0, 30)                        # 01:30 BST, the first time round
    assert next_routine(london, at(2026, 10, 25, 0, 45)) == at(2026, 10, 26, 1, 30)  # not 01:30 GMT again


def test_frequencies_pick_their_days():
    now = at(2026, 11, 23, 0, 0)  # a Monday
    few = Schedule(frequency="few_times_week", local_time="09:00", time_zone="UTC")
    weekly = Schedule(frequency="weekly", local_time="09:00", time_zone="UTC", weekday=3)
    assert next_routine(few, at(2026, 11, 23, 10, 0)).weekday() == 2           # Wednesday
    assert next_routine(weekly, now) == at(2026, 11, 26, 9, 0)                # Thursday
    assert next_routine(Schedule(frequency="off"), now) is None


def test_quiet_hours_across_midnight_push_a_check_in_to_their_end():
    schedule = Schedule(frequency="daily", local_time="23:00", time_zone="Europe/Paris",
                        quiet_start="22:00", quiet_end="07:00")
    assert in_quiet_hours(schedule, at(2026, 1, 10, 22, 30))      # 23:30 in Paris
    assert not in_quiet_hours(schedule, at(2026, 1, 10, 6, 0))    # 07:00 in Paris
    assert next_routine(schedule, at(2026, 1, 10, 12, 0)) == at(2026, 1, 11, 6, 0)  # 07:00 CET next morning
    assert after_quiet_hours(schedule, at(2026, 1, 10, 2, 0)) == at(2026, 1, 10, 6, 0)  # 03:00 → 07:00
    assert after_quiet_hours(schedule, at(2026, 1, 10, 12, 0)) == at(2026, 1, 10, 12, 0)


def test_quiet_hours_follow_daylight_saving():
    schedule = Schedule(frequency="daily", local_time="06:00", time_zone="America/New_York",
                        quiet_start="21:00", quiet_end="07:30")
    assert next_routine(schedule, at(2026, 3, 7, 20, 0)) == at(2026, 3, 8, 11, 30)   # 07:30 EDT (UTC-4)
    assert next_routine(schedule, at(2026, 3, 6, 20, 0)) == at(2026, 3, 7, 12, 30)   # 07:30 EST (UTC-5)


def test_time_zones_are_validated():
    assert zone("Europe/Paris").key == "Europe/Paris"
    for bad in ("Mars/Olympus", "", "../../etc/passwd", "/etc/localtime", "localtime", "Europe/Paris\x00"):
        with pytest.raises(InvalidTimeZone):
            zone(bad)


def test_slots_are_quarter_hours():
    assert slot_of(at(2026, 1, 1, 0, 14, 59)) == slot_of(at(2026, 1, 1, 0, 0)) != slot_of(at(2026, 1, 1, 0, 15))


# --- reminders asked for in chat -------------------------------------------------------------------------------

WEDNESDAY_EVENING_NY = at(2026, 11, 25, 22, 0)  # 17:00 in New York


@pytest.mark.parametrize("text, what, due", [
    ("remind me on Friday to ask Sam about her exam", "ask Sam about her exam", at(2026, 11, 27, 14, 0)),
    ("Can you remind me to call my mum tomorrow at 6pm?", "call your mum", at(2026, 11, 26, 23, 0)),
    ("remind me in 2 hours to take my meds", "take your meds", at(2026, 11, 26, 0, 0)),
    ("Please remind me next Wednesday to book the dentist", "book the dentist", at(2026, 12, 2, 14, 0)),
    ("remind me tonight to thank Jo", "thank Jo", at(2026, 11, 26, 0, 0)),
    ("remind me on wednesday at 9:30am to call the school", "call the school", at(2026, 12, 2, 14, 30)),
])
def test_reminders_are_understood_in_the_members_time_zone(text, what, due):
    reminder = parse_reminder(text, WEDNESDAY_EVENING_NY, "America/New_York")
    assert reminder is not None
    assert (reminder.what, reminder.due_at) == (what, due)


@pytest.mark.parametrize("text", ["we fought about the dishes again", "remind me to breathe",
                                  "remind me today at 8am to stretch", "it reminds me of my dad on Friday"])
def test_no_reminder_is_invented(text):
    assert parse_reminder(text, WEDNESDAY_EVENING_NY, "America/New_York") is None
