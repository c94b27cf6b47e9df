"""Use cases: each takes a command and a unit of work, opens it, commits it, and audits the change."""
