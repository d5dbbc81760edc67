"""Widgets that render parts of a session; they hold no game rules."""
