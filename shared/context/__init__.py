"""Family-aware context: what the coach may know for one member's reply, precomputed asynchronously.

- `vocab`: the closed vocabulary (themes, needs, attachment signals, relationship patterns, topics). Anything that
  crosses from one member to another is built from these labels only, never from a member's words.
- `extract`: insight extraction (offline cue engine; with a model, structured outputs constrained to the vocabulary).
- `build`: the context builder the `ContextFunction` runs after each member message (rolling summary, profile,
  patterns, agreements, consented insights for the other members).
- `assemble`: what a chat turn reads (a bounded number of requests) and the token budget.
"""
