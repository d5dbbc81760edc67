"""Lint: what a careful author would want to know about a scenario that validates.

Static checks reason about the declarative rules (``static``, with value intervals from
``bounds``); the dynamic pass plays bot games (``dynamic``). Both report `Diagnostic`s.

May import the layers below the author's tools: core, prose, load, bots, journal and audience.
"""
