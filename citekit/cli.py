"""The `citekit` command line: click commands only, a thin layer over the library.

Only this module knows exit codes: 0 success, 2 bad input (one line per problem on stderr).
"""
from __future__ import annotations

import gc
import sys

import click

from . import __version__
from .export import WRITERS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citekit")
def main() -> None:
    """citekit: turn sources into correct citations."""
    # A batch run allocates millions of small objects that live to the end (items, names,
    # output trees) and makes almost no reference cycles: with Python's default thresholds
    # the cyclic collector rescans them all the time (a third of the run at 10,000 entries).
    gc.set_threshold(100_000, 50, 100)


def _visible(message: object) -> str:
    """A message as one printable line: control characters from the input shown escaped."""
    text = str(message)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def report(errors: list, warnings: list | None = None) -> None:
    """Print each error (and warning) as one line on stderr."""
    for w in warnings or ():
        click.echo(f"citekit: warning: {_visible(w)}", err=True)
    for e in errors:
        click.echo(f"citekit: error: {_visible(e)}", err=True)


@main.command("format")
@click.argument("files", nargs=-1, required=True)
@click.option("--style", "-s", default="apa", show_default=True,
              help="bundled style (apa, mla, chicago, chicago-notes) or a .csl file")
@click.option("--bibliography", "mode", flag_value="bibliography",
              help="print the bibliography (the default without --document)")
@click.option("--citations", "mode", flag_value="citations",
              help="print one citation per item, each cited once in turn")
@click.option("--document", type=click.Path(dir_okay=False),
              help="JSON list of CSL citation objects; prints each citation in order")
@click.option("--to", "output", type=click.Choice(["text", "html", "rtf", "markdown"]),
              default="text", show_default=True)
@click.option("--locale", "-l", default=None, help="locale such as en-GB (default: style's)")
@click.option("--from", "fmt", default=None, help="input format (default: detected)")
@click.option("--jobs", "-j", default=0, show_default=True, type=click.IntRange(min=0),
              help="worker processes for large bibliographies (0: one per CPU)")
def format_cmd(files: tuple[str, ...], style: str, mode: str | None, document: str | None,
               output: str, locale: str | None, fmt: str | None, jobs: int) -> None:
    """Format the items in FILES with a CSL style: one entry or citation per line."""
    from .errors import CitekitError
    from .formatting import render_for_cli
    from .progress import TerminalProgress

    items, errors = _gather(files, fmt, unique=True)
    if mode is None and not document:
        mode = "bibliography"
    progress = TerminalProgress()
    try:
        lines, problems = render_for_cli(items, style, mode, document, output, locale, jobs,
                                         progress)
    except CitekitError as exc:
        report(errors + [exc])
        sys.exit(2)
    finally:
        progress.close()
    for line in lines:
        click.echo(line)
    _finish(errors + problems)


def _stdin_bytes() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")


def _read(files: tuple[str, ...], fmt: str | None) -> list:
    """(label, LoadResult) per file; an unknown --from name ends the run with exit code 2.
    Many files show a progress bar on a terminal."""
    from .errors import CitekitError
    from .progress import TerminalProgress
    from .sources.batch import read_each

    progress = TerminalProgress(min_total=200)
    try:
        return read_each(files, fmt, _stdin_bytes, progress)
    except CitekitError as exc:
        report([exc])
        sys.exit(2)
    finally:
        progress.close()


def _finish(errors: list) -> None:
    """Report the errors, one line each; any error means exit code 2."""
    report(errors)
    if errors:
        sys.exit(2)


def _gather(files: tuple[str, ...], fmt: str | None, unique: bool = False
            ) -> tuple[list, list]:
    """Every item and error read from ``files``; warnings are printed as they come.

    An id defined more than once is one warning naming each place; with ``unique`` only its
    last definition is kept (pandoc's rule), else every definition is (conversions lose
    nothing).
    """
    from .model.keys import drop_duplicates

    items: list = []
    errors: list = []
    origins: list[str] = []
    for label, result in _read(files, fmt):
        report([], result.warnings)
        items.extend(result.items)
        origins.extend(f"{label} item {n}" for n in range(1, len(result.items) + 1))
        errors.extend(result.errors)
    items, warnings = drop_duplicates(items, origins, keep_all=not unique)
    report([], warnings)
    return items, errors


def _write(items: list, to: str, pandoc: bool, output: str | None) -> None:
    from .export import export

    result = export(items, to, **({"references": True} if pandoc and to == "yaml" else {}))
    report([], result.warnings)
    text = result.text if result.text.endswith("\n") else result.text + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False)


_FROM = click.option("--from", "fmt", default=None, metavar="FORMAT",
                     help="input format: dtic, cfr, csl-json, yaml, bibtex, ris, html "
                          "(default: detected)")
_PANDOC = click.option("--pandoc", is_flag=True,
                       help="YAML as pandoc's 'references:' block (with --to yaml)")


@main.command("parse")
@click.argument("files", nargs=-1, required=True)
@click.option("--to", "to", type=click.Choice(["json", "yaml"]), default="json",
              show_default=True, help="output format")
@_FROM
@_PANDOC
def parse_cmd(files: tuple[str, ...], to: str, fmt: str | None, pandoc: bool) -> None:
    """Read FILES (``-`` is stdin) and print every item as one CSL-JSON (or YAML) list."""
    items, errors = _gather(files, fmt)
    _write(items, to, pandoc, None)
    _finish(errors)


@main.command("validate")
@click.argument("files", nargs=-1, required=True)
@_FROM
def validate_cmd(files: tuple[str, ...], fmt: str | None) -> None:
    """Check that every item in FILES is valid CSL-JSON; one line per problem on stderr."""
    from .model.schema import validate_items

    errors: list = []
    count = 0
    for label, result in _read(files, fmt):
        report([], result.warnings)
        errors.extend(result.errors)
        errors.extend(validate_items(result.items, file=label))
        count += len(result.items)
    report(errors)
    click.echo(f"{count} item(s) read, {len(errors)} problem(s)")
    if errors:
        sys.exit(2)


@main.command("convert")
@click.argument("files", nargs=-1, required=True)
@click.option("--to", "to", type=click.Choice(list(WRITERS)), required=True,
              help="output format: json, yaml, bibtex, biblatex or ris")
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False),
              help="write here instead of standard output")
@_FROM
@_PANDOC
def convert_cmd(files: tuple[str, ...], to: str, output: str | None, fmt: str | None,
                pandoc: bool) -> None:
    """Convert the items in FILES (``-`` is stdin) to another format, as one file."""
    items, errors = _gather(files, fmt)
    _write(items, to, pandoc, output)
    _finish(errors)


@main.command("render")
@click.argument("document", type=click.Path(dir_okay=False))
@click.option("--bibliography", "-b", "bibliographies", multiple=True,
              help="items file (any supported format); default: the front matter's")
@click.option("--style", "-s", default=None,
              help="bundled style (apa, mla, chicago, chicago-notes) or a .csl file; "
                   "default: the front matter's csl, else apa")
@click.option("--locale", "-l", default=None, help="locale such as en-GB (default: lang)")
@click.option("--to", "to", type=click.Choice(["markdown", "html"]), default="markdown",
              show_default=True)
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False),
              help="write here instead of standard output")
def render_cmd(document: str, bibliographies: tuple[str, ...], style: str | None,
               locale: str | None, to: str, output: str | None) -> None:
    """Render the pandoc-style citations of a Markdown DOCUMENT (``-`` is stdin)."""
    from .document.cli import run_render
    from .errors import CitekitError

    try:
        text, warnings = run_render(document, bibliographies, style, locale, to, output)
    except CitekitError as exc:
        report([exc])
        sys.exit(2)
    report([], warnings)
    if output is None:
        click.echo(text, nl=False)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
