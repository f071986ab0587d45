"""The Textual app: screens, widgets and the factory that wires them."""
