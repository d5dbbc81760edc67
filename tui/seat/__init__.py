"""The team's seat console: what a team member sees and does from `whitecell join HOST --code CODE`.

The seat holds no scenario, session or engine state: it renders the observation the server sends
(its JSON form, read by `tui.seat.model`) and sends drafts and submissions through one seam,
`tui.seat.link.SeatLink`, so the app is built and tested without a network and the client library
plugs in behind it.
"""
