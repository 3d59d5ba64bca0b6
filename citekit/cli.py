"""The `citekit` command line: click commands only, a thin layer over the library.

Only this module knows exit codes: 0 success, 2 bad input (one line per problem on stderr).
Every command writes to standard output or to ``-o/--output FILE``; ``--bibliography FILE``
names items to read in ``format`` and ``render`` alike. Shell completion is click's:
``eval "$(_CITEKIT_COMPLETE=bash_source citekit)"`` (``zsh_source``, ``fish_source``).
"""
from __future__ import annotations

import gc
import os
import sys
from typing import IO, TYPE_CHECKING

import click

from . import __version__
from .export import WRITERS

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Iterator

_EPILOG = """\b
Shell completion: add to ~/.bashrc
  eval "$(_CITEKIT_COMPLETE=bash_source citekit)"
(zsh: zsh_source, in ~/.zshrc; fish: fish_source)"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=_EPILOG)
@click.version_option(__version__, "-V", "--version", prog_name="citekit",
                      message="%(prog)s %(version)s (distribution citekit-csl)")
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


def _complete_style(ctx: click.Context, param: click.Parameter,
                    incomplete: str) -> list[str]:
    """Style names for shell completion (a .csl path completes as a file)."""
    from .csl.library import style_ids

    return [name for name in style_ids() if name.startswith(incomplete)]


def _warn_locale(locale: str | None) -> None:
    """An unknown --locale is a warning (the run goes on with the fallback locale)."""
    from .csl.locale import locale_warning

    problem = locale_warning(locale) if locale else None
    if problem:
        report([], [problem])


def _emit(text: str, output: str | None) -> None:
    """``text`` to ``output`` (a file), else to standard output."""
    _emit_chunks((text,), output)


def _emit_chunks(chunks: Iterable[str], output: str | None) -> None:
    """The ``chunks`` in turn to ``output`` (a file), else to standard output."""
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(chunk)
    else:
        for chunk in chunks:
            click.echo(chunk, nl=False)


_OUTPUT = click.option("--output", "-o", default=None, type=click.Path(dir_okay=False),
                       help="write here instead of standard output")
_BIBLIOGRAPHY = click.option(
    "--bibliography", "-b", "bibliographies", multiple=True, type=click.Path(dir_okay=False),
    help="items file (any supported format); repeatable")
_STYLE_HELP = ("style: a name (apa, ieee, nature, ...; see `citekit styles`), a .csl file "
               "or a style URL")
_LOCALE = click.option("--locale", "-l", default=None,
                       help="locale such as en-GB (default: the style's)")


@main.command("format")
@click.argument("files", nargs=-1, type=click.Path())
@_BIBLIOGRAPHY
@click.option("--style", "-s", default="apa", show_default=True, help=_STYLE_HELP,
              shell_complete=_complete_style)
@click.option("--citations", "mode", flag_value="citations",
              help="print one citation per item, each cited once in turn")
@click.option("--document", type=click.Path(dir_okay=False),
              help="JSON list of CSL citation objects; prints each citation in order")
@click.option("--with-bibliography", "mode", flag_value="bibliography",
              help="with --document: print the bibliography after the citations")
@click.option("--to", "to", type=click.Choice(["text", "html", "rtf", "markdown"]),
              default="text", show_default=True)
@_OUTPUT
@_LOCALE
@click.option("--from", "fmt", default=None, help="input format (default: detected)")
@click.option("--jobs", "-j", default=0, show_default=True, type=click.IntRange(min=0),
              help="worker processes for large bibliographies (0: one per idle CPU)")
@click.option("--citation-abbreviations", "abbreviations", type=click.Path(dir_okay=False),
              help="JSON abbreviation list for short forms (pandoc's, citeproc-js's shape)")
@click.option("--links", is_flag=True, help="link DOIs and URLs (HTML, Markdown, RTF)")
@click.option("--standalone", is_flag=True, help="a whole HTML page or RTF document")
@click.option("--keep-titles", is_flag=True,
              help="keep BibTeX/BibLaTeX titles as written (English titles are otherwise put "
                   "in sentence case, as pandoc does)")
def format_cmd(files: tuple[str, ...], bibliographies: tuple[str, ...], style: str,
               mode: str | None, document: str | None, to: str, output: str | None,
               locale: str | None, fmt: str | None, jobs: int,
               abbreviations: str | None, links: bool, standalone: bool,
               keep_titles: bool) -> None:
    """Format the items in FILES (and --bibliography files) with a CSL style: the
    bibliography, one entry per line; or citations (--citations, --document)."""
    from .errors import CitekitError
    from .formatting import render_for_cli
    from .progress import TerminalProgress

    sources = files + bibliographies
    if not sources:
        raise click.UsageError("give the items: FILES or --bibliography FILE")
    _warn_locale(locale)
    items, errors = _gather(sources, fmt, keep_titles, unique=True)
    if mode is None and not document:
        mode = "bibliography"
    progress = TerminalProgress()
    warnings: list[str] = []
    spool = _Spool()
    try:
        lines, problems = render_for_cli(items, style, mode, document, to, locale, jobs,
                                         progress, warnings, abbreviations, links=links,
                                         standalone=standalone, own_items=True)
        del items  # the processor's now
        for line in lines:
            spool.write(line + "\n")
    except CitekitError as exc:
        spool.close()
        progress.close()  # the bar's line is cleared before the message is printed
        report(errors + [exc])
        sys.exit(2)
    finally:
        progress.close()
    with spool:
        _emit_chunks(spool.chunks(), output)
    report([], warnings)
    _finish(errors + problems)


class _Spool:
    """Output kept until the run has succeeded (nothing is written on an error): in memory
    up to 8 MiB, then in a temporary file, so that a large bibliography is never held
    whole."""

    LIMIT = 8 << 20

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.file: IO[str] | None = None

    def write(self, text: str) -> None:
        if self.file is not None:
            self.file.write(text)
            return
        self.parts.append(text)
        self.size += len(text)
        if self.size > self.LIMIT:
            import tempfile  # only large outputs pay for it

            # (closed by close(), the spool being a context manager)
            self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
            self.file.write("".join(self.parts))
            self.parts = []

    def chunks(self) -> Iterator[str]:
        if self.file is None:
            yield "".join(self.parts)
            return
        self.file.seek(0)
        while chunk := self.file.read(1 << 20):
            yield chunk

    def close(self) -> None:
        self.parts = []
        if self.file is not None:
            self.file.close()

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stdin_bytes() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")


def _read(files: tuple[str, ...], fmt: str | None, keep_titles: bool = False) -> list:
    """(label, LoadResult) per file; an unknown --from name ends the run with exit code 2.
    Many files show a progress bar on a terminal."""
    from .errors import CitekitError
    from .progress import TerminalProgress
    from .sources.batch import read_each

    progress = TerminalProgress(min_total=200)
    try:
        return read_each(files, fmt, _stdin_bytes, progress, keep_titles=keep_titles)
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


def _gather(files: tuple[str, ...], fmt: str | None, keep_titles: bool = False,
            unique: bool = False) -> tuple[list, list]:
    """Every item and error read from ``files``; warnings are printed as they come.

    An id defined more than once is one warning naming each place; with ``unique`` only its
    last definition is kept (pandoc's rule), else every definition is (conversions lose
    nothing).
    """
    from .model.keys import Origins, drop_duplicates

    items: list = []
    errors: list = []
    origins = Origins()
    for label, result in _read(files, fmt, keep_titles):
        report([], result.warnings)
        items.extend(result.items)
        origins.add(label, len(result.items))
        errors.extend(result.errors)
    items, warnings = drop_duplicates(items, origins, keep_all=not unique)
    report([], warnings)
    return items, errors


def _write(items: list, to: str, pandoc: bool, output: str | None) -> None:
    """The items in format ``to``, written as they are made (a large file is never whole in
    memory); then the writer's warnings."""
    from .export import write

    options = {"references": True} if pandoc and to == "yaml" else {}
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            warnings = write(items, to, handle, **options)
    else:
        warnings = write(items, to, sys.stdout, **options)
    report([], warnings)


_FROM = click.option("--from", "fmt", default=None, metavar="FORMAT",
                     help="input format: dtic, cfr, csl-json, yaml, bibtex, ris, html "
                          "(default: detected)")
_KEEP_TITLES = click.option("--keep-titles", is_flag=True,
                            help="keep BibTeX/BibLaTeX titles as written (English titles "
                                 "are otherwise put in sentence case, as pandoc does)")
_PANDOC = click.option("--pandoc", is_flag=True,
                       help="YAML as pandoc's 'references:' block (with --to yaml)")


@main.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--to", "to", type=click.Choice(["json", "yaml"]), default="json",
              show_default=True, help="output format")
@_OUTPUT
@_FROM
@_PANDOC
@_KEEP_TITLES
def parse_cmd(files: tuple[str, ...], to: str, output: str | None, fmt: str | None,
              pandoc: bool, keep_titles: bool) -> None:
    """Read FILES (``-`` is stdin) and print every item as one CSL-JSON (or YAML) list."""
    items, errors = _gather(files, fmt, keep_titles)
    _write(items, to, pandoc, output)
    _finish(errors)


@main.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_OUTPUT
@_FROM
def validate_cmd(files: tuple[str, ...], output: str | None, fmt: str | None) -> None:
    """Check that every item in FILES is valid CSL-JSON; one line per problem on stderr,
    then a count of items and problems (to --output when given)."""
    from .model.schema import validate_items

    errors: list = []
    count = 0
    for label, result in _read(files, fmt):
        report([], result.warnings)
        errors.extend(result.errors)
        errors.extend(validate_items(result.items, file=label))
        count += len(result.items)
    report(errors)
    _emit(f"{count} item(s) read, {len(errors)} problem(s)\n", output)
    if errors:
        sys.exit(2)


@main.command("convert")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--to", "to", type=click.Choice(list(WRITERS)), required=True,
              help="output format: json, yaml, bibtex, biblatex or ris")
@_OUTPUT
@_FROM
@_PANDOC
@_KEEP_TITLES
def convert_cmd(files: tuple[str, ...], to: str, output: str | None, fmt: str | None,
                pandoc: bool, keep_titles: bool) -> None:
    """Convert the items in FILES (``-`` is stdin) to another format, as one file."""
    items, errors = _gather(files, fmt, keep_titles)
    _write(items, to, pandoc, output)
    _finish(errors)


@main.command("render")
@click.argument("document", type=click.Path(dir_okay=False))
@_BIBLIOGRAPHY
@click.option("--style", "--csl", "-s", default=None, shell_complete=_complete_style,
              help=_STYLE_HELP + "; default: the front matter's csl, else apa")
@click.option("--locale", "-l", default=None, help="locale such as en-GB (default: lang)")
@click.option("--to", "to", type=click.Choice(["markdown", "html"]), default="markdown",
              show_default=True)
@_OUTPUT
@click.option("--metadata", "-M", multiple=True, metavar="KEY[=VALUE]",
              help="set metadata as pandoc's -M (link-citations=true, "
                   "reference-section-title=...)")
@click.option("--standalone", is_flag=True, help="a whole HTML page (with --to html)")
def render_cmd(document: str, bibliographies: tuple[str, ...], style: str | None,
               locale: str | None, to: str, output: str | None, metadata: tuple[str, ...],
               standalone: bool) -> None:
    """Render the pandoc-style citations of a Markdown DOCUMENT (``-`` is stdin); the
    items come from --bibliography files, else from the front matter."""
    from .document.cli import run_render
    from .errors import CitekitError

    _warn_locale(locale)
    try:
        text, warnings = run_render(document, bibliographies, style, locale, to, output,
                                    metadata, standalone)
    except CitekitError as exc:
        report([exc])
        sys.exit(2)
    report([], warnings)
    if output is None:
        click.echo(text, nl=False)


@main.command("styles")
@click.argument("query", nargs=-1)
@click.option("--format", "citation_format",
              type=click.Choice(["author-date", "numeric", "note", "author", "label"]),
              default=None, help="only styles of this citation format")
@click.option("--field", default=None, help="only styles of this field (e.g. medicine)")
def styles_cmd(query: tuple[str, ...], citation_format: str | None, field: str | None) -> None:
    """List the styles whose id or title holds every word of QUERY (all styles without one).

    One style a line: id, title, citation format, fields, and the parent of a dependent style.
    """
    from .csl.library import find_styles

    found = find_styles(" ".join(query), citation_format=citation_format, field=field)
    for info in found:
        extra = ", ".join(info.fields)
        parent = f"\t(uses {info.parent})" if info.parent else ""
        click.echo(f"{info.id}\t{info.title}\t{info.citation_format or '-'}\t{extra or '-'}"
                   f"{parent}")
    if not found:
        click.echo(f"citekit: no style matches {' '.join(query)!r}", err=True)
        sys.exit(1)


def pandoc_filter() -> None:
    """``citekit-pandoc``: the pandoc JSON filter (``pandoc --filter citekit-pandoc``)."""
    from .document.pandoc_filter import run
    from .errors import CitekitError

    try:
        text, warnings = run(sys.stdin.read, sys.argv[1:])
    except CitekitError as exc:
        click.echo(f"citekit-pandoc: error: {exc}", err=True)
        sys.exit(2)
    for w in warnings:
        click.echo(f"citekit-pandoc: warning: {w}", err=True)
    sys.stdout.write(text)


def run() -> None:
    """The ``citekit`` command (its console entry point): :func:`main`, then an exit that
    does not free the heap object by object, once the output is flushed. After a large run
    that teardown is the last thing the user waits for (about 50 ms at 2,000 entries)."""
    try:
        main()  # (standalone: ends by raising SystemExit)
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if not isinstance(code, int):
        raise SystemExit(code)  # a message, or None: Python's own exit handles it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`citekit ... | head`): Python's own exit reports it
        raise SystemExit(code) from None
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
