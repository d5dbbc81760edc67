"""The game itself, pure: the scenario model, commands, events, state, the rules compiler, the turn cycle and the dice.

May import nothing else of whitecell, and no disk, clock or global randomness.
"""
