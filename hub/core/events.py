"""Domain signals, sent after a service has committed. Receivers must not write the same rows.

One is sent before its commit, inside the transaction: `account_opening`, so that a feature
below the accounts (the legal pages) can refuse the account or add rows that commit with it.
"""

from blinker import Namespace

_signals = Namespace()

user_registered = _signals.signal("user-registered")
# Before the commit (sender: the new user, flushed; accepted_terms=bool, shown=the versions of
# the terms the form showed, or None): receivers may raise Invalid to refuse the account, or
# add rows that commit with it.
account_opening = _signals.signal("account-opening")
topic_created = _signals.signal("topic-created")
post_created = _signals.signal("post-created")
post_edited = _signals.signal("post-edited")
post_hidden = _signals.signal("post-hidden")
answer_accepted = _signals.signal("answer-accepted")
post_marked_official = _signals.signal("post-marked-official")
post_restored = _signals.signal("post-restored")  # a hidden post shown again
post_deleted = _signals.signal("post-deleted")  # legal deletion: text blanked for good
faq_entry_changed = _signals.signal("faq-entry-changed")  # created, edited, published, moved
topics_moved = _signals.signal("topics-moved")  # into another category (sender: topic ids)
issue_updated = _signals.signal("issue-updated")  # an update on a known issue (resolved=bool)
issue_resolved = _signals.signal("issue-resolved")  # a known issue closed (update=the last word)
worker_started = _signals.signal("worker-started")  # a job worker begins polling (sender: app)
realtime_resumed = _signals.signal("realtime-resumed")  # Redis hears a process again (rooms, since)
