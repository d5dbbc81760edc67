"""Everything the engine says in words: conditions, events, causes, turn names, effects and triggers.

May import only `engine.core`.
"""
