"""whitecell's version: one number for the package, the journals it writes and `--version`.

A module of its own so that any layer can read it without importing the library's face.
"""

__version__ = "0.1.0"
