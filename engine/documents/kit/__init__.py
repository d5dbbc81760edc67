"""The pieces the after-action report and the briefing book are both made of.

Both documents must look alike and escape untrusted scenario and journal text the same way, so
the page, the tables, the blocks of scenario Markdown and the stylesheets live here once. The kit
knows neither document: `engine.documents.report` and `engine.documents.briefing` import it,
never the other way round.
"""
