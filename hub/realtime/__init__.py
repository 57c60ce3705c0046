"""Live updates over Socket.IO: `rooms` names the rooms and builds their payloads, `queue`
watches the Redis message queue that carries them between processes."""
