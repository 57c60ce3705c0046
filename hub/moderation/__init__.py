"""Moderation: reports, the queue, decisions with public reasons, appeals, the log, guards."""
