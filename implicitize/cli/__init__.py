"""The command line, ``relu-varieties``: the only place that parses arguments and prints for a person.

``main`` (in ``app``) runs one subcommand; ``registry`` names every subcommand and the module that
defines it, imported only when that subcommand runs (so ``--help`` stays fast); one module per
subcommand; what they share: ``options`` (argument types, ``--timeout``, progress bars),
``spec_options`` (a spec file or ``--example``), ``ideal_options`` (the implicitization options and
the result cache). Nothing outside this package imports it.

Public API: ``main``.
"""

from implicitize.cli.app import main

__all__ = ["main"]
