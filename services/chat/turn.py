"""One chat turn: the member's message is stored first, then the coach answers, then the answer is stored.

Knows nothing of HTTP; the handler translates.
"""

from __future__ import annotations

from dataclasses import dataclass

from aws_lambda_powertools import Logger

from shared.knowledge import retrieve
from shared.llm.base import CoachContext, Turn
from shared.llm.gateway import CoachGateway
from shared.models import ChatTurn
from shared.store.threads import PriorAttempt, ThreadStore

logger = Logger(child=True)

# How many earlier messages go into a reply's context. Fixed, so a turn costs the same on a long thread.
RECENT_MESSAGES = 8


class ReplyNotSaved(Exception):
    """The coach answered but the answer could not be stored; the member's message is safe."""


@dataclass
class ChatService:
    store: ThreadStore
    coach: CoachGateway

    def take_turn(self, member_id: str, thread_id: str, text: str, idempotency_key: str) -> ChatTurn:
        stored = self.store.record_member_message(member_id, thread_id, text, idempotency_key)
        if isinstance(stored, PriorAttempt):
            if stored.reply is not None:
                return ChatTurn(message=stored.member_message, reply=stored.reply, replayed=True)
            member_message = stored.member_message  # the first attempt died before answering: answer now
        else:
            member_message = stored

        context = self.store.load_turn_context(member_id, thread_id, RECENT_MESSAGES)
        coach_context = CoachContext(
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
        reply = self.coach.reply(coach_context)
        try:
            saved = self.store.record_coach_reply(
                member_id,
                thread_id,
                idempotency_key,
                text=reply.text,
                source=reply.source,
                model=reply.model,
                note=reply.note,
            )
        except Exception as error:
            logger.exception("The coach's reply could not be stored")
            raise ReplyNotSaved() from error
        return ChatTurn(message=member_message, reply=saved)

    def history(self, member_id: str, thread_id: str, limit: int, cursor: str | None):
        return self.store.list_messages(member_id, thread_id, limit, cursor)
