"""`python -m engine` runs the whitecell command line."""

from engine.cli import run

run()
