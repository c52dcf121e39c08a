"""Proactive check-ins: scheduling (time zones, quiet hours), content, reminders, delivery (issue 7)."""
