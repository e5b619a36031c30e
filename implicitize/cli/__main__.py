"""``python -m implicitize.cli``: the ``relu-varieties`` command."""
import sys

from implicitize.cli.main import main

sys.exit(main())
