"""Reminders: a scheduler that decides when to stretch, and the adapters around it.

The scheduler (`scheduler.py`) is pure: it runs on an injected clock and only
decides. Notifiers, activity sources and launchers are adapters the runner
plugs in, each replaceable. Nothing here imports Textual, and the modules the
`status` command needs (`state.py`, `status.py`) import nothing heavy.
"""
