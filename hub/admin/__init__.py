"""Pages for admins: the delivery queue (jobs) for now."""
