"""One chat turn: the member's message is stored first, then the coach answers, then the answer is stored.

Knows nothing of HTTP; the handler translates.
"""

from __future__ import annotations

from dataclasses import dataclass

from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError

from shared.knowledge import retrieve
from shared.llm.base import CoachContext, CoachReply, Turn
from shared.llm.gateway import CoachGateway
from shared.models import ChatTurn, Message, ReplySource
from shared.safety import screen
from shared.safety.reply import crisis_reply
from shared.store.accounts import AccountStore
from shared.store.incidents import IncidentStore, is_window_conflict
from shared.store.threads import PriorAttempt, ThreadStore

logger = Logger(child=True)

# How many earlier messages go into a reply's context. Fixed, so a turn costs the same on a long thread.
RECENT_MESSAGES = 8
# Position of the crisis-window item in the reply transaction (reply, thread, idempotency, window, incident).
WINDOW_WRITE_INDEX = 3


class ReplyNotSaved(Exception):
    """The coach answered but the answer could not be stored; the member's message is safe."""


@dataclass
class ChatService:
    store: ThreadStore
    coach: CoachGateway
    incidents: IncidentStore | None = None
    accounts: AccountStore | None = None

    def __post_init__(self) -> None:
        # Incidents and member settings live in the same table as the threads.
        if self.incidents is None:
            self.incidents = IncidentStore(self.store.table, client=self.store._client)
        if self.accounts is None:
            self.accounts = AccountStore(self.store.table, client=self.store._client)

    def take_turn(
        self, member_id: str, thread_id: str, text: str, idempotency_key: str, locale: str = "en-US"
    ) -> ChatTurn:
        stored = self.store.record_member_message(member_id, thread_id, text, idempotency_key)
        if isinstance(stored, PriorAttempt):
            if stored.reply is not None:
                return ChatTurn(message=stored.member_message, reply=stored.reply, replayed=True)
            member_message = stored.member_message  # the first attempt died before answering: answer now
        else:
            member_message = stored
        # Read after the message is safely stored: the member's retention setting, applied with the reply.
        expires_at = self.accounts.message_expiry(member_id)

        # Screened before any language model sees the words; a crisis is answered by the crisis protocol alone.
        screening = screen(member_message.text, locale=locale)
        if screening.escalate:
            logger.warning("Crisis screened in", extra={"category": screening.category, "danger": screening.danger})
            reply = CoachReply(
                text=crisis_reply(screening.category, screening.danger, locale),
                source=ReplySource.SAFETY.value,
                model="crisis-protocol",
            )
            incident = self.incidents.incident_writes(
                member_id, screening, member_message.id, thread_id, member_message.text
            )
            saved = self._save(member_id, thread_id, idempotency_key, member_message, reply, expires_at, incident)
            return ChatTurn(message=member_message, reply=saved)

        reply = self.coach.reply(self._coach_context(member_id, thread_id, member_message))
        saved = self._save(member_id, thread_id, idempotency_key, member_message, reply, expires_at, [])
        return ChatTurn(message=member_message, reply=saved)

    def _coach_context(self, member_id: str, thread_id: str, member_message: Message) -> CoachContext:
        context = self.store.load_turn_context(member_id, thread_id, RECENT_MESSAGES)
        return CoachContext(
            member_text=member_message.text,
            recent=tuple(
                Turn(author=message.author.value, text=message.text)
                for message in context.recent
                if message.id != member_message.id
            ),
            summary=context.thread.summary,
            knowledge=tuple(retrieve(member_message.text)),
            turn_number=context.thread.message_count,
        )

    def _save(
        self,
        member_id: str,
        thread_id: str,
        key: str,
        member_message: Message,
        reply: CoachReply,
        expires_at: int | None,
        extra_writes: list[dict],
    ) -> Message:
        def record(extra: list[dict]) -> Message:
            return self.store.record_coach_reply(
                member_id, thread_id, key, text=reply.text, source=reply.source, model=reply.model,
                note=reply.note, extra_writes=extra, member_message=member_message, expires_at=expires_at,
            )

        try:
            try:
                return record(extra_writes)
            except ClientError as error:
                # An incident for this crisis is already open: the reply still goes out, without a new incident.
                if extra_writes and is_window_conflict(error, WINDOW_WRITE_INDEX):
                    return record([])
                raise
        except Exception as error:
            logger.exception("The coach's reply could not be stored")
            raise ReplyNotSaved() from error

    def history(self, member_id: str, thread_id: str, limit: int, cursor: str | None):
        return self.store.list_messages(member_id, thread_id, limit, cursor)
