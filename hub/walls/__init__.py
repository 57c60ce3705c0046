"""Walls: the company wall (with known issues and their updates) and member walls, with comments,
likes, uploads and blocks."""
