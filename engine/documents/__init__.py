"""Documents made from scenarios and sessions: the after-action report, the briefing book and the format reference.

May import every layer below the command line; never the terminal UI.
"""
