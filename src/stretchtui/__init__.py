"""stretchtui: a terminal guided stretch-session timer."""

# The one place the version is written; pyproject.toml reads it from here, and
# keeping it a literal spares every start-up the cost of importlib.metadata.
__version__ = "0.1.0"
