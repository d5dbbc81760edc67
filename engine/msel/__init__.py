"""The events-list (MSEL) bridge: a scenario's shocks as a spreadsheet planners can edit, and back.

May import the layers below the author's tools: core, prose, load, bots, journal and audience.
"""
