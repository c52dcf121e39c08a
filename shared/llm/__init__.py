"""The coach's voice: one interface, two implementations (an OpenAI-compatible model, and the offline coach)."""
