"""``python -m advisor.services.providers [bench [N] | check | search QUESTION]``: the command line (cli.py)."""

from advisor.services.providers.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
