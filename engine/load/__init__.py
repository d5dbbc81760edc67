"""From text to a checked `Scenario`: the JSON parser that keeps positions, the schema and meaning checks, the bundled scenarios.

May import `engine.core` and `engine.prose`.
"""
