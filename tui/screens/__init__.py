"""Screens: layout and key bindings; they read the session and send it commands through the app."""
