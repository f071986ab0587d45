"""The app in a browser (`stretchtui serve`), through textual-serve: the `web` extra."""
