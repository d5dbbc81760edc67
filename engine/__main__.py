"""`python -m engine` runs the whitecell command line."""

from engine.cli.main import run

run()
