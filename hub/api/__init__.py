"""The JSON API under /api/v1: token sign-in, the request and response schemas, and the OpenAPI
document generated from them. Each feature owns its endpoints in its own `api.py`."""
