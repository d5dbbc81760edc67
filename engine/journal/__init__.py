"""Sessions and their journals: the pure history of commands, the file format, writing and reading it,
verifying a replay, following, forking and reloading.

May import the layers below it: core, prose, load, bots.
"""
