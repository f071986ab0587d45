"""What several test modules check against: the bundled routines and a minimal valid one.

Test modules import it as `samples`: pytest puts tests/ (which has no __init__.py)
on sys.path ahead of them.
"""

from __future__ import annotations

# In menu order: level (beginner, intermediate, advanced, desk), then length.
BUNDLED_IDS = [
    "beginner",
    "intermediate",
    "advanced",
    "desk-coffee-break",
    "desk-midday",
    "desk-evening",
    "desk-pre-gym",
]

# A user routine that loads without a problem; fill in {name}.
GOOD = "name: {name}\nlevel: desk\nsteps:\n  - name: Fold\n    hold: 20s\n"
