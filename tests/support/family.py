"""In-process families for context tests: circles, members and consent through the real domain services (moto)."""

from __future__ import annotations

import uuid
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
