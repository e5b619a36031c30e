"""The command line, ``relu-varieties``: the only place that parses arguments and prints for a person.

``main`` (in ``app``) runs one subcommand; ``registry`` names every subcommand and the module that defines it,
imported only when that subcommand runs (so ``--help`` stays fast); ``options`` holds the argument
types and the spec arguments the subcommands share. Nothing outside this package imports it.

Public API: ``main``.
"""
from implicitize.cli.app import main

__all__ = ["main"]
