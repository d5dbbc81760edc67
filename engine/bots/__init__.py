"""Programs that play a team: the policies, their registry, and many games at once for statistics.

May import `engine.core`, `engine.prose` and `engine.load`.
"""
