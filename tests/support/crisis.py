"""Assertions the crisis-screen tests share."""

from shared.safety import ScreenResult, screen


def screened_as(text: str, category: str, **expected) -> ScreenResult:
    """Screen ``text`` and assert that it escalates as ``category``, with each other field given (severity, danger,
    someone_else, tentative, layer): what the member's reply and on-call's notice are made from."""
    r = screen(text)
    assert r.escalate and r.category == category, (text, r)
    assert {name: getattr(r, name) for name in expected} == expected, (text, r)
    return r
