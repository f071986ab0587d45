"""stretchtui: a terminal guided stretch-session timer."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("stretchtui")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
