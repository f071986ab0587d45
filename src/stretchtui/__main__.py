"""`python -m stretchtui` runs the same entry point as the `stretchtui` command."""

import sys

from stretchtui.entry import main

sys.exit(main())
