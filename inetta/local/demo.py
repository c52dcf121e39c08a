"""The demo family that `inetta dev` seeds: two parents and a teenager, through the HTTP API like any client.

    family = seed_demo_family(stack.api_url, stack.sign_up, password)
    print("\\n".join(family.banner_lines()))

Who is in it (each signs in with their e-mail and the shared demo password):

- Maya Rivera (`maya@demo.inetta.local`): parent, created the circle (admin). Shares `themes` with the circle.
- Sam Rivera (`sam@demo.inetta.local`): parent. Shares `themes` with the circle and a `summary` with Maya.
- Alex Rivera (`alex@demo.inetta.local`): 15, teen, flagged minor. Keeps everything `private` (and a minor's words
  never inform a parent's coach whatever the setting).

Each has said a little to the coach, so their chats have history and the context builder has insights to work
with. Maya has opened a mediation with Alex about phones at dinner and curfew: Alex has joined, Maya has given her
perspective, and Alex's perspective is the step waiting for him. Any step that fails is reported in `problems`
and the seeding carries on: a demo that is half there is better than no dev stack.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

import requests

TIMEOUT_SECONDS = 60
FAMILY_NAME = "The Riveras"


@dataclass
class DemoMember:
    key: str
    username: str
    display_name: str
    role: str
    minor: bool
    tokens: dict[str, Any] = field(default_factory=dict, repr=False)
    thread_id: str = ""

    @property
    def sub(self) -> str:
        return self.tokens.get("sub", "")


@dataclass
class DemoFamily:
    api_url: str
    password: str
    members: dict[str, DemoMember]
    circle_id: str = ""
    mediation_id: str = ""
    mediation_step: str = ""
    messages: int = 0
    problems: list[str] = field(default_factory=list)

    def banner_lines(self) -> list[str]:
        lines = ["", f"Demo family \u201c{FAMILY_NAME}\u201d (password for all: {self.password}):"]
        for member in self.members.values():
            what = f"{member.role}{', minor' if member.minor else ''}"
            lines.append(f"  {member.display_name:<5} {member.username:<24} {what}")
        if self.circle_id:
            lines.append(f"  circle {self.circle_id}; {self.messages} chat messages seeded; consents set")
        if self.mediation_id:
            lines.append(f"  mediation {self.mediation_id} in progress ({self.mediation_step})")
        for problem in self.problems:
            lines.append(f"  (not seeded: {problem})")
        return lines


MEMBERS = (
    DemoMember("maya", "maya@demo.inetta.local", "Maya", "parent", False),
    DemoMember("sam", "sam@demo.inetta.local", "Sam", "parent", False),
    DemoMember("alex", "alex@demo.inetta.local", "Alex", "teen", True),
)

HISTORY = {
    "maya": [
        "Alex barely talks to us since school started. Every dinner ends with a phone fight and I end up shouting.",
        "I want Alex to feel we're on their side, but I also need to know where they are after 10pm.",
    ],
    "sam": ["Maya and I keep disagreeing about how strict to be with Alex. I back off, she pushes harder."],
    "alex": ["My parents treat me like a kid. They take my phone at dinner and I feel like they don't trust me."],
}

CONSENTS = {
    # member: [(audience member key or None for the whole circle, level)]
    "maya": [(None, "themes")],
    "sam": [(None, "themes"), ("maya", "summary")],
    "alex": [(None, "private")],
}

MEDIATION_TOPIC = "Phones at dinner and curfew on school nights"
MAYA_PERSPECTIVE = {
    "feelings": "Worried and a bit shut out.",
    "needs": "To know Alex is safe, and some time together as a family.",
    "requests": "Phones away during dinner; a text if plans change after 10pm.",
    "share": ["needs", "requests"],
}


class _Api:
    def __init__(self, api_url: str):
        self.api_url = api_url.rstrip("/")

    def call(self, member: DemoMember, method: str, path: str, body: Any = None, *, ok=(200, 201, 204),
             headers: dict[str, str] | None = None) -> Any:
        response = requests.request(
            method, f"{self.api_url}{path}", json=body, timeout=TIMEOUT_SECONDS,
            headers={"Authorization": f"Bearer {member.tokens['access_token']}", **(headers or {})},
        )
        if response.status_code not in ok:
            raise DemoStepFailed(f"{method} {path} as {member.display_name}: {response.status_code} {response.text[:200]}")
        return response.json() if response.content else None


class DemoStepFailed(Exception):
    pass


def seed_demo_family(api_url: str, sign_up: Callable[..., dict[str, Any]], password: str,
                     mediation_wait_seconds: float = 30.0) -> DemoFamily:
    members = {m.key: DemoMember(m.key, m.username, m.display_name, m.role, m.minor) for m in MEMBERS}
    family = DemoFamily(api_url=api_url, password=password, members=members)
    api = _Api(api_url)
    for member in members.values():
        member.tokens = sign_up(member.username, password, member.username)
    maya, sam, alex = members["maya"], members["sam"], members["alex"]

    try:
        circle = api.call(maya, "POST", "/circles", {"kind": "family", "name": FAMILY_NAME, "role": "parent",
                                                      "display_name": maya.display_name})
        family.circle_id = circle["id"]
        for member in (sam, alex):
            invite = api.call(maya, "POST", f"/circles/{family.circle_id}/invites",
                              {"role": member.role, "minor": member.minor})
            api.call(member, "POST", "/invites/accept", {"code": invite["code"], "display_name": member.display_name,
                                                         "minor": member.minor})
    except DemoStepFailed as exc:
        family.problems.append(f"the circle: {exc}")
        return family

    for key, rules in CONSENTS.items():
        for audience, level in rules:
            path = f"/circles/{family.circle_id}/consents"
            if audience is not None:
                path += f"/{members[audience].sub}"
            try:
                api.call(members[key], "PUT", path, {"level": level})
            except DemoStepFailed as exc:
                family.problems.append(f"a consent: {exc}")

    for key, texts in HISTORY.items():
        member = members[key]
        try:
            member.thread_id = api.call(member, "GET", "/threads")["threads"][0]["id"]
            for number, text in enumerate(texts):
                api.call(member, "POST", f"/threads/{member.thread_id}/messages", {"text": text},
                         headers={"Idempotency-Key": f"demo-{key}-{number}"})
                family.messages += 2
        except (DemoStepFailed, KeyError, IndexError) as exc:
            family.problems.append(f"{member.display_name}'s chat: {exc}")

    _seed_mediation(api, family, maya, alex, mediation_wait_seconds)
    return family


def _seed_mediation(api: _Api, family: DemoFamily, maya: DemoMember, alex: DemoMember, wait: float) -> None:
    """Maya opens a mediation with Alex; Alex joins; Maya gives her perspective; Alex's perspective is pending."""
    try:
        started = api.call(maya, "POST", "/mediations",
                           {"circle_id": family.circle_id, "parties": [alex.sub], "topic": MEDIATION_TOPIC})
    except DemoStepFailed as exc:
        family.problems.append(f"a mediation: {exc}")
        return
    family.mediation_id = started.get("id", "")
    path = f"/mediations/{family.mediation_id}"
    family.mediation_step = "Alex is asked to join"
    try:
        if _asked(api, alex, path, "opt_in", wait):
            api.call(alex, "POST", f"{path}/participation", {"join": True})
            family.mediation_step = "Alex joined"
        if _asked(api, maya, path, "perspective", wait):
            api.call(maya, "POST", f"{path}/perspective", MAYA_PERSPECTIVE)
            family.mediation_step = "Maya gave her perspective"
            # The workflow asks each party on its own; on a busy machine Alex's request may come a moment later.
            if _asked(api, alex, path, "perspective", wait):
                family.mediation_step = "Maya gave her perspective; Alex's perspective is the next step"
        elif family.mediation_step == "Alex joined":
            family.mediation_step = "waiting for the workflow to ask for perspectives"
    except DemoStepFailed as exc:
        family.problems.append(f"the mediation's steps: {exc}")


def _asked(api: _Api, member: DemoMember, path: str, action: str, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        view = api.call(member, "GET", path)
        if (view.get("asked_of_me") or {}).get("action") == action:
            return True
        if view.get("status") != "active" or time.monotonic() > deadline:
            return False
        time.sleep(0.25)
