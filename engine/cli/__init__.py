"""The `whitecell` command line: one module per command, registered in one list.

May import every layer of the engine; the terminal UI adds its own commands through the same registry.
"""
