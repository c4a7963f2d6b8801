"""Web entry point: `python app.py` serves the advisor on http://127.0.0.1:7860 (builds the index first
when there is none)."""

import sys

from advisor.app import main

if __name__ == "__main__":
    sys.exit(main())
