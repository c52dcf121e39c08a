"""Real-time push to members' open WebSocket connections (docs/architecture.md, "Real-time push").

`connections.ConnectionStore` keeps each member's open connections in the one table; `sender.Pusher` posts JSON
frames to them through API Gateway's management API (`post_to_connection`) and forgets the ones that are gone;
`frames` builds the frames. Push is best effort by design: a member who is not connected gets everything over
the HTTP API, so nothing here may ever fail the work that triggered it.
"""
