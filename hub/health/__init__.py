"""GET /healthz: is every part the hub needs (database, search, Redis, the job worker) answering?"""
