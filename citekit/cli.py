"""The `citekit` command line: click commands only, a thin layer over the library.

Only this module knows exit codes: 0 success, 2 bad input (one line per problem on stderr).
"""
from __future__ import annotations

import sys

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citekit")
def main() -> None:
    """citekit: turn sources into correct citations."""


def report(errors: list, warnings: list | None = None) -> None:
    """Print each error (and warning) as one line on stderr."""
    for w in warnings or ():
        click.echo(f"citekit: warning: {w}", err=True)
    for e in errors:
        click.echo(f"citekit: error: {e}", err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
