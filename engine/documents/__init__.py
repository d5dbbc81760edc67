"""Documents made from scenarios and sessions: the after-action report, the briefing book and the format reference.

May import every layer below the command line; never the terminal UI. The report and the briefing
book share `engine.documents.kit` (page, tables, escaping, stylesheets), which imports neither.
"""
