"""Families for context tests: in process (circles, members and consent through the real domain services, on
moto), and over the HTTP API of the local stack (helpers at the end, for integration tests)."""

from __future__ import annotations

import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field

from services.chat.turn import ChatService
from services.consent.service import ConsentService
from shared.circles.rules import Membership
from shared.context.build import ContextBuilder
from shared.llm.base import CoachContext, CoachReply
from shared.llm.gateway import CoachGateway
from shared.llm.offline import OfflineCoach
from shared.llm.prompt import build_messages
from shared.models import CircleKind, ConsentLevel, Role, iso, utc_now
from shared.store.circles import CircleStore
from shared.store.consent import ConsentStore
from shared.store.threads import ThreadStore
from tests.support.fake_llm import FakeLLM


class RecordingCoach:
    """Stands in for the model: records the exact messages the OpenAI coach would send, answers offline."""

    name = "llm"

    def __init__(self):
        self.prompts: list[list[dict[str, str]]] = []
        self.contexts: list[CoachContext] = []

    def reply(self, context: CoachContext) -> CoachReply:
        self.contexts.append(context)
        self.prompts.append(build_messages(context))
        offline = OfflineCoach().reply(context)
        return CoachReply(text=offline.text, source="llm", model="recording", tokens_in=10, tokens_out=10)

    def prompt_text(self) -> str:
        return "\n".join(m["content"] for prompt in self.prompts for m in prompt)


@dataclass
class Family:
    client: object
    table: str
    circle_id: str = ""
    subs: dict[str, str] = field(default_factory=dict)
    coach: RecordingCoach = field(default_factory=RecordingCoach)

    @property
    def store(self) -> ThreadStore:
        return ThreadStore(self.table, client=self.client)

    @property
    def chat(self) -> ChatService:
        return ChatService(store=self.store, coach=CoachGateway(primary=self.coach))

    @property
    def offline_chat(self) -> ChatService:
        return ChatService(store=self.store, coach=CoachGateway(primary=None))

    @property
    def consent(self) -> ConsentService:
        return ConsentService(circles=CircleStore(self.table, client=self.client),
                              consent=ConsentStore(self.table, client=self.client))

    @property
    def builder(self) -> ContextBuilder:
        return ContextBuilder(self.table, client=self.client)

    def thread(self, name: str) -> str:
        return self.store.ensure_private_thread(self.subs[name]).id

    def say(self, name: str, text: str, offline: bool = False, build: bool = True):
        """A chat turn, then what the context function does after it (run here in-process)."""
        chat = self.offline_chat if offline else self.chat
        turn = chat.take_turn(self.subs[name], self.thread(name), text, uuid.uuid4().hex)
        if build:
            self.builder.build(self.subs[name], self.thread(name))
        return turn

    def share(self, source: str, level: str, audience: str | None = None):
        service = self.consent
        if audience is None:
            service.set_default(self.subs[source], self.circle_id, ConsentLevel(level))
        else:
            service.set_for_member(self.subs[source], self.circle_id, self.subs[audience], ConsentLevel(level))


def make_family(client, table: str, members: dict[str, tuple[str, bool]], kind: str = "family") -> Family:
    """`members`: name -> (role, minor); the first one creates the circle, the others join by invitation."""
    circles = CircleStore(table, client=client)
    family = Family(client=client, table=table)
    names = list(members)
    for name in names:
        family.subs[name] = f"{name}-{uuid.uuid4().hex[:10]}"
    first_role, first_minor = members[names[0]]
    state = circles.create(family.subs[names[0]], CircleKind(kind), "The family", Role(first_role), first_minor, names[0])
    family.circle_id = state.circle.id
    for name in names[1:]:
        role, minor = members[name]
        _, invite = circles.create_invite(family.circle_id, family.subs[names[0]], Role(role), minor)
        newcomer = Membership(circle_id=family.circle_id, member_id=family.subs[name], role=Role(role), admin=False,
                              minor=minor, joined_at=iso(utc_now()), display_name=name)
        circles.join(invite, circles.load(family.circle_id), newcomer)
    return family


# --- the same over the HTTP API, for integration tests against the local stack --------------------------------


def ok(response, status: int = 200):
    """The response's JSON, after checking its status (the body is the failure message otherwise)."""
    assert response.status_code == status, response.text
    return response.json()


def eventually(check, timeout: float = 45.0):
    """Context building is asynchronous (the table's stream): wait for its effect, as a client would."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.5)


def say(member, text: str):
    """One message in the member's private thread: (thread id, the turn: their message and the coach's reply)."""
    thread_id = ok(member.get("/threads"))["threads"][0]["id"]
    turn = ok(member.post(f"/threads/{thread_id}/messages", json={"text": text},
                          headers={"Idempotency-Key": uuid.uuid4().hex}), 201)
    return thread_id, turn


def join_circle(founder, kind: str, name: str, role: str, *others) -> str:
    """`founder` creates the circle; each of `others` — (member, role) — joins by invitation. Returns its id."""
    circle_id = ok(founder.post("/circles", json={"kind": kind, "name": name, "role": role}), 201)["id"]
    for invitee, invitee_role in others:
        invite = ok(founder.post(f"/circles/{circle_id}/invites", json={"role": invitee_role}), 201)
        ok(invitee.post("/invites/accept", json={"code": invite["code"]}), 201)
    return circle_id


@contextmanager
def loopback_model(local_stack, reply_text: str):
    """The chat function answers through a loopback model that records every prompt it gets. Use it once per test
    module: changing a function's environment restarts its workers, and each restart is a cold start."""
    with FakeLLM(reply_text=reply_text) as server:
        env = {"LLM_BASE_URL": server.base_url, "LLM_MODEL": "loopback-model", "LLM_API_KEY": "test-key",
               "LLM_TIMEOUT_SECONDS": "2", "LLM_MAX_RETRIES": "0"}
        with local_stack.function_env(env, ["ChatFunction"]):
            yield server
