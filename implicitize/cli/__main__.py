"""``python -m implicitize.cli``: the ``relu-varieties`` command."""

import sys

from implicitize.cli.app import main

sys.exit(main())
