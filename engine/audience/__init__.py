"""Who sees what: the projections of a session that each screen renders.

May import the layers below it: core, prose, load, bots, journal.
"""
