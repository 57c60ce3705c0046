"""Work done after the request: `jobs` is the transactional outbox and its worker, `mail`
renders and enqueues e-mail, `housekeeping` clears finished jobs."""
