"""Work done after the request: `jobs` is the transactional outbox, `runner` its worker loop,
`mail` renders and enqueues e-mail, `housekeeping` clears finished jobs."""
