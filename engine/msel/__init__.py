"""The events-list (MSEL) bridge: a scenario's shocks as a spreadsheet planners can edit, and back."""
