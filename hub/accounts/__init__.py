"""Accounts: registration, sign-in (password and social), tokens for the API, profiles and roles."""
