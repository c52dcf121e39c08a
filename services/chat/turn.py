"""One chat turn: the member's message is stored first, then the coach answers, then the answer is stored.

Knows nothing of HTTP; the handler translates.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from aws_lambda_powertools import Logger

from shared.knowledge import retrieve
from shared.llm.base import CoachContext, CoachReply, Turn
from shared.llm.gateway import CoachGateway
from shared.models import Author, ChatTurn, Message, ReplySource, utc_now
from shared.safety import ScreenResult, screen
from shared.safety.question import answer_of, answered_no, asked, held_back, read_after_no, read_answer, stands
from shared.safety.reply import crisis_response, door_left_open
from shared.context.assemble import TurnRead, TurnReader, assemble
from shared.context.why import why_write
from shared.checkins.reminders import remember_if_asked
from shared.push.sender import Pusher, ReplyStream
from shared.store.accounts import AccountStore, expiry_for
from shared.store.circles import CircleStore, minor_for_crisis_reply
from shared.store.incidents import INCIDENT_WINDOW_SECONDS, IncidentStore
from shared.store.threads import PriorAttempt, ThreadStore, TurnContext

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
    circles: CircleStore | None = None  # whether the member is a minor, for the crisis reply
    # Real-time push (shared.push): the reply streams to the member's open apps. None: HTTP only.
    pusher: Pusher | None = None

    def __post_init__(self) -> None:
        # Incidents, member settings and circles live in the same table as the threads.
        if self.incidents is None:
            self.incidents = IncidentStore(self.store.table, client=self.store._client)
        if self.accounts is None:
            self.accounts = AccountStore(self.store.table, client=self.store._client)
        if self.circles is None:
            self.circles = CircleStore(self.store.table, client=self.store._client)

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
            self._remember_if_asked(member_id, member_message.text)
        # Screened before any language model sees the words; a crisis is answered by the crisis protocol alone.
        # With the operator's moderation model on, it is asked about what the screen let through (self-harm only).
        screening = screen(member_message.text, locale=locale, self_harm_second_opinion=self.coach.self_harm_flags)
        # If the coach's last words were a screener's question, this message may be the answer ("yes", "no, I'm
        # safe"), and if the member answered one no a little earlier, it may take that back: shared.safety.question.
        # The thread is read for that once the screen has spoken (it never waits on a read), and the same read serves
        # the reply's context. A danger the screen tells outright needs neither.
        so_far = None if stands(screening) else self._thread_so_far(member_id, thread_id)
        screening, answer, door = self._read_in_the_thread(member_id, member_message, screening, so_far, locale)
        if screening.escalate:
            logger.warning("Crisis screened in", extra={"category": screening.category, "danger": screening.danger})
            # A member flagged under 18 in a circle is also given the line for young people.
            minor = minor_for_crisis_reply(self.circles, member_id)
            response = crisis_response(screening, locale, minor=minor)
            reply = CoachReply(text=response.text, source=ReplySource.SAFETY.value, model="crisis-protocol",
                               quick_replies=response.quick_replies)
            # Read after the message is safely stored: the member's retention setting, applied with the reply.
            expires_at = self._after_stored(member_id, idempotency_key, lambda: self.accounts.message_expiry(member_id))
            reply_id = uuid.uuid4().hex  # "why this reply": the safety protocol, and nothing of anyone's history
            why = why_write(self.store.table, member_id, thread_id, reply_id, reply, (), expires_at)
            saved = self._save(member_id, thread_id, idempotency_key, member_message, reply, expires_at,
                               [why, *answer], reply_id, crisis=screening)
            # Sent whole, once stored: the crisis protocol's words never stream from, or wait on, a model.
            self._push_done(self._stream(member_id, thread_id, reply_id), saved)
            return ChatTurn(message=member_message, reply=saved)

        # The turn's reads, all in one place (shared.context.assemble): thread + recent messages, the member's
        # insights, and one batched get for their precomputed context, profile (retention), the consent that
        # governs each insight, and the model's token budget. Three requests whatever the history's length.
        coach_context, read = self._after_stored(
            member_id, idempotency_key, lambda: self._coach_context(member_id, thread_id, member_message, so_far))
        expires_at = expiry_for(_retention_days(read.account))
        reply_id = uuid.uuid4().hex  # known before the model writes, so the streamed pieces can name the reply
        stream = self._stream(member_id, thread_id, reply_id)
        reply = self.coach.reply(coach_context, budget_state=read.extra, on_delta=stream.delta if stream else None)
        if door:
            # Fixed words, after whatever the coach wrote: where help is never depends on a model.
            reply = replace(reply, text=f"{reply.text}\n\n{door}")
        writes = [why_write(self.store.table, member_id, thread_id, reply_id, reply, coach_context.used, expires_at)]
        writes += self.coach.usage_writes(self.store.table, member_id, reply) + answer
        saved = self._save(member_id, thread_id, idempotency_key, member_message, reply, expires_at, writes, reply_id)
        # The stored reply closes the stream: it supersedes the pieces (a model that failed half-way was replaced
        # by the offline coach), and it is all a member gets when no model wrote it.
        self._push_done(stream, saved)
        return ChatTurn(message=member_message, reply=saved)

    def _stream(self, member_id: str, thread_id: str, reply_id: str) -> ReplyStream | None:
        return ReplyStream(self.pusher, member_id, thread_id, reply_id) if self.pusher and self.pusher.enabled else None

    @staticmethod
    def _push_done(stream: ReplyStream | None, saved: Message) -> None:
        if stream is None:
            return
        try:
            stream.done(saved.model_dump(mode="json"))
        except Exception:  # noqa: BLE001 - the reply is stored and returned over HTTP; a lost frame costs nothing
            logger.exception("The stored reply could not be pushed")

    def _after_stored(self, member_id: str, key: str, read):
        """A read the reply needs, once the member's message is stored. If it fails (a throttled table), the member
        is told their message is saved and to retry, and the retry may answer at once: the turn's lease ends now."""
        try:
            return read()
        except Exception as error:
            logger.exception("The turn could not read what its reply needs")
            self.store.release_turn(member_id, key)
            raise ReplyNotSaved() from error

    def _read_in_the_thread(self, member_id: str, message: Message, screening: ScreenResult,
                            so_far: TurnContext | None, locale: str) -> tuple[ScreenResult, list[dict], str | None]:
        """The screen's result for ``message``, read with the screener's questions in the thread so far
        (shared.safety.question); the writes that tell the open incident what the member answered; and, when a doubt
        is not asked about again, the words that leave the door open under the coach's reply."""
        earlier = [m for m in (so_far.recent if so_far else []) if m.id != message.id]
        question = _question_before(earlier)
        screening = read_answer(question, message.text, screening)
        # Asked and answered no a little earlier: a no taken back ("actually yes", "i lied") is a yes, and the learned
        # layers' same doubt is not put to the member again (shared.safety.question.read_after_no).
        said_no_to = None if question else _said_no_to(earlier)
        if said_no_to:
            screening = read_after_no(said_no_to, message.text, screening)
        doubt = held_back(screening)
        if doubt:
            # The coach answers and leaves the door open; on-call sees the doubt counted on the incident.
            logger.info("Not asked again: answered no earlier", extra={"category": doubt})
            minor = minor_for_crisis_reply(self.circles, member_id)
            return (screening, self._doubt_writes(member_id, doubt, message.id),
                    door_left_open(doubt, locale, minor))
        # An answer is also set on the open incident, for on-call (written with the reply, like everything else).
        return screening, self._answer_writes(member_id, question or said_no_to, screening, message.id), None

    def _answer_writes(self, member_id: str, question: str | None, screening, message_id: str) -> list[dict]:
        """If this message answered the screener's question, the writes that set the answer on the open incident.
        Never at the cost of the reply: without them, on-call still has the incident and the member their answer."""
        if question is None or screening.layer != "answer":
            return []
        try:
            return self.incidents.answer_writes(member_id, question, answer_of(screening), message_id)
        except Exception:  # noqa: BLE001 - a throttled read loses the note on the incident, nothing else
            logger.exception("The answer to the screener's question could not be set on the incident")
            return []

    def _doubt_writes(self, member_id: str, category: str, message_id: str) -> list[dict]:
        """The writes that count a doubt not asked about again on the open incident, for on-call. Never at the cost
        of the reply."""
        try:
            return self.incidents.doubt_writes(member_id, category, message_id)
        except Exception:  # noqa: BLE001 - a throttled read loses the count on the incident, nothing else
            logger.exception("A doubt not asked about again could not be counted on the incident")
            return []

    def _thread_so_far(self, member_id: str, thread_id: str) -> TurnContext | None:
        """The thread and its newest messages (this one among them), or None if the read fails: the crisis screen
        must not wait on it, and the reply's context reads it again."""
        try:
            return self.store.load_turn_context(member_id, thread_id, RECENT_MESSAGES)
        except Exception:  # noqa: BLE001 - a throttled read costs the answer-reading, never the screen
            logger.exception("The thread could not be read before screening")
            return None

    def _coach_context(self, member_id: str, thread_id: str, member_message: Message,
                       so_far: TurnContext | None = None) -> tuple[CoachContext, TurnRead]:
        read = TurnReader(self.store).read(member_id, thread_id, RECENT_MESSAGES,
                                           extra_keys=self.coach.budget_keys(member_id), turn=so_far)
        entries = retrieve(_situation(member_message.text, read), limit=2)
        assembled = assemble(read, member_message, entries)
        context = CoachContext(
            member_text=member_message.text,
            recent=tuple(Turn(author=author, text=text) for author, text in assembled.recent),
            summary=assembled.summary[0].text if assembled.summary else "",
            knowledge=tuple(entries),
            turn_number=read.turn.thread.message_count,
            profile=assembled.profile,
            agreements=assembled.agreements,
            family=assembled.family,
            used=tuple(assembled.used()),
            member_id=member_id,
        )
        return context, read

    def _save(
        self,
        member_id: str,
        thread_id: str,
        key: str,
        member_message: Message,
        reply: CoachReply,
        expires_at: int | None,
        extra_writes: list[dict],
        reply_id: str | None = None,
        crisis: ScreenResult | None = None,
    ) -> Message:
        """Store the reply with ``extra_writes`` in one transaction; for a ``crisis``, with what records it for
        on-call too (``IncidentStore.record_crisis``: a new incident, or the open one raised, its window item at
        WINDOW_WRITE_INDEX)."""
        def record(extra: list[dict]) -> Message:
            return self.store.record_coach_reply(
                member_id, thread_id, key, text=reply.text, source=reply.source, model=reply.model,
                note=reply.note, extra_writes=extra, member_message=member_message, expires_at=expires_at,
                message_id=reply_id, quick_replies=reply.quick_replies,
            )

        try:
            if crisis is None:
                return record(extra_writes)
            return self.incidents.record_crisis(
                lambda writes: record([*writes, *extra_writes]), WINDOW_WRITE_INDEX,
                member_id, crisis, member_message.id, thread_id, member_message.text,
            )
        except Exception as error:
            logger.exception("The coach's reply could not be stored")
            # The member is told to retry: let that retry take the turn over at once, not after the lease.
            self.store.release_turn(member_id, key)
            raise ReplyNotSaved() from error

    def _remember_if_asked(self, member_id: str, text: str) -> None:
        """"Remind me on Friday to ask Sam about her exam": booked for the check-ins service to deliver.

        Only on a first attempt (a retry must not book it twice), and never at the cost of the reply.
        """
        try:
            remember_if_asked(self.store.table, member_id, text, client=self.store._client)
        except Exception:  # noqa: BLE001 - a reminder that can't be booked must not cost the member their answer
            logger.exception("A reminder asked for in chat could not be booked")

    def history(self, member_id: str, thread_id: str, limit: int, cursor: str | None):
        return self.store.list_messages(member_id, thread_id, limit, cursor)


def _asked_by_the_protocol(message: Message) -> str | None:
    """The category of the screener's question this message asked, if it is a crisis reply that asked one."""
    return asked(message.text) if message.author == Author.COACH and message.source == ReplySource.SAFETY else None


def _question_before(earlier: list[Message]) -> str | None:
    """The screener's question the coach asked just before this message (``earlier``: the thread's newest messages
    before it), if it did (its category)."""
    return _asked_by_the_protocol(earlier[-1]) if earlier else None


def _said_no_to(earlier: list[Message]) -> str | None:
    """The category of the screener's question the member answered no to, among the thread's newest messages before
    this one and within a crisis window (a day), the latest if several; None if none."""
    since = utc_now() - timedelta(seconds=INCIDENT_WINDOW_SECONDS)
    for question, answer in reversed(list(zip(earlier, earlier[1:]))):
        category = _asked_by_the_protocol(question)
        if (category and answer.author == Author.MEMBER and answered_no(category, answer.text)
                and datetime.fromisoformat(answer.created_at) >= since):
            return category
    return None


def _retention_days(profile: dict | None) -> int | None:
    days = (profile or {}).get("message_retention_days")
    return int(days) if days is not None else None


def _situation(text: str, read: TurnRead) -> str:
    """What knowledge retrieval matches on: the member's words, plus the labels of their own recurring patterns."""
    patterns = " ".join(p.replace("-", " ") for p in read.own.top("pattern", 2))
    return f"{text} {patterns}".strip()
