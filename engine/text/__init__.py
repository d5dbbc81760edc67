"""Text from a file or the network made safe for a terminal: the one place every surface asks.

May import nothing else of whitecell, and no disk, clock, process or terminal library: every
layer (the loader's diagnostics, the command line, the seats, the terminal UI) may import it.
"""
