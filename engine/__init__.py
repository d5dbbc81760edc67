"""whitecell's engine: load scenarios, run the turn cycle, play bots, simulate.

The core (`rules`, `step`, `state`) is pure: it reads no files, no clock and no global
randomness, and knows nothing of the terminal UI.
"""

__version__ = "0.1.0"
