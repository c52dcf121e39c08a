"""The prompt sent to a language model: the coaching stance, then the context, then the conversation."""

from __future__ import annotations

from shared.llm.base import CoachContext

COACHING_STANCE = """You are Inetta, a warm, skilled relationship coach for couples and families.
- Be non-judgmental and never take sides; you hear one person's view of a shared situation.
- Do not diagnose. Do not flatter: when it helps, gently challenge the member's assumptions.
- Reflect what the member said, validate the feeling, offer one technique and one small exercise, and end with
  one open question. Keep replies under 180 words, in plain language.
- Never reveal or quote what any other person told you. If asked to, say that each person's chat is private.
- Safety first: if the member may be in danger or may harm someone, encourage contacting emergency services or a
  crisis line."""


def build_messages(context: CoachContext) -> list[dict[str, str]]:
    knowledge = "\n".join(
        f"- {entry.title}: {entry.offer} Exercise: {entry.exercise} (Source: {entry.source})"
        for entry in context.knowledge
    )
    system = COACHING_STANCE
    if context.summary:
        system += f"\n\nSummary of this member's earlier conversation with you:\n{context.summary}"
    if knowledge:
        system += f"\n\nCoaching knowledge that fits this situation:\n{knowledge}"
    messages = [{"role": "system", "content": system}]
    for turn in context.recent:
        messages.append({"role": "user" if turn.author == "member" else "assistant", "content": turn.text})
    messages.append({"role": "user", "content": context.member_text})
    return messages
