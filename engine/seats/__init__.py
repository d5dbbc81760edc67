"""Team seats: the seat protocol, its server (in the facilitator's process) and client, and programs in a seat.

A seat is a team's own screen on another machine, or a program playing a team. It connects over
TCP with its team's join code, is sent only what its team may see (computed here, on the server,
by `engine.audience`), and sends drafts and orders, which become ordinary commands of the
session: the journal stays the one truth and replay needs no network. The protocol is described
in docs/seat-protocol.md; `protocol` and `messages` hold it, `server` serves it over a `SeatHost`
(the facilitator's console, or `host.SessionHost` for programs and tests), `client` speaks it.

May import the layers below it: documents, lint, msel, templates, audience, journal, bots, load, prose, core.
"""
