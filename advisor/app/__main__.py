"""`python -m advisor.app` serves the page (as `python app.py` at the repository's root does)."""

import sys

from advisor.app.server import main

if __name__ == "__main__":
    sys.exit(main())
