"""Command line: a thin layer that parses arguments, calls the API and renders the result.

Exit statuses: 0 every input was used; 1 some inputs were refused (one ``error:`` line each);
2 a usage or output error (bad option, a report path that cannot be written), nothing written;
130 interrupted (SIGINT), 143 terminated (SIGTERM): no report written, nothing half-stored,
the run's temporary files removed.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsdesk.cli_library import Words, plain_help, setting_option
from newsdesk.errors import NewsdeskError
from newsdesk.settings import DEFAULT, Settings

EXIT_OK, EXIT_FILE_ERRORS, EXIT_USAGE = 0, 1, 2  # interrupted or terminated: 128 + the signal
_INTERRUPTED = threading.Event()
_STOPPED_BY: list[int] = []  # the signal that stopped the run (its exit status is 128 + it)


def _on_stop_signal(signum: int, frame: object) -> None:
    """Remember the interrupt (SIGINT) or termination (SIGTERM), then raise it as a
    KeyboardInterrupt, so every ``finally`` runs (transactions roll back, temporary files go): a
    KeyboardInterrupt swallowed by a ``__del__`` ("Exception ignored in ...") still stops the run
    at the next check of the flag."""
    _STOPPED_BY[:] = [signum]
    _INTERRUPTED.set()
    raise KeyboardInterrupt


if threading.current_thread() is threading.main_thread():
    for _signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(_signal, _on_stop_signal)

HELP = """Turn piles of news articles into sourced stories.

Exit status: 0 every input was used; 1 some inputs were refused (one line "error: FILE: PROBLEM"
each, on stderr); 2 a usage or output error (a bad option, a report path that cannot be written, a
library that does not exist), nothing written; 130 interrupted, 143 terminated: no report written,
nothing half-stored."""
app = typer.Typer(add_completion=False, no_args_is_help=True, help=plain_help(HELP))


@app.callback()
def _options(
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="Log what each stage does (-vv: more).")
    ] = 0,
) -> None:
    """Turn piles of news articles into sourced stories."""
    level = logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    handler = _Stderr()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("newsdesk")
    root.handlers = [h for h in root.handlers if isinstance(h, logging.NullHandler)] + [handler]
    root.setLevel(level)
err = Console(stderr=True, soft_wrap=True)

Paths = Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .htm, .gz) or folders.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]


Workers = Annotated[Optional[int], setting_option("workers", "-w")]  # None: the --settings file's, else the default
ReadWorkers = Annotated[  # extract runs only the reading and extraction stages
    Optional[int], setting_option("workers", "-w", help="Parallel workers for reading and extraction.")]
Backend = Annotated[Optional[str], setting_option("backend")]
Tune = Annotated[
    Optional[list[str]],
    typer.Option("--tune", metavar="GROUP.NAME=VALUE",
                 help="Change one tuned threshold (repeatable); docs/settings.md lists them."),
]
SettingsFile = Annotated[
    Optional[Path], typer.Option("--settings", help="Read options and tunables from this TOML file (flags win).")
]
# `extract --jobs N` before the flag was named as in `digest`; kept working, not shown
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", hidden=True, min=1)]


@app.command()
def digest(
    paths: Paths,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the JSON report here.")] = None,
    md_out: Annotated[Optional[Path], typer.Option("--md", help="Write the Markdown report here.")] = None,
    html_out: Annotated[Optional[Path], typer.Option("--html", help="Write every story page in one HTML file here.")] = None,
    words: Words = None,
    workers: Workers = None,
    backend: Backend = None,
    tune: Tune = None,
    settings_file: SettingsFile = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No terminal report.")] = False,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Keep no parses or vectors between runs (as NEWSDESK_CACHE=off).")] = False,
    debug: Debug = False,
) -> None:
    """Group articles into stories and print sourced briefs, claims, conflicts, quotes and timelines."""
    from newsdesk.pipeline import digest as run_digest
    from newsdesk.report import check_outputs, write_atomic
    from newsdesk.report.terminal import render

    outputs = [(o, p) for o, p in (("--json", json_out), ("--md", md_out), ("--html", html_out)) if p is not None]
    if no_cache:  # through the environment, so that worker processes see it too
        os.environ["NEWSDESK_CACHE"] = "off"
    with _guard(debug):
        check_outputs(outputs, paths)
        settings = run_settings(settings_file, tune, words=words, workers=workers, backend=backend)
        with _progress() as progress:
            result = run_digest([str(p) for p in paths], settings=settings, progress=progress)
        _stop_if_interrupted()
        for option, path in outputs:
            write_atomic(path, _report(option, result))
    if not quiet:
        render(result, Console())
    print_problems(result.errors, result.notes)
    raise typer.Exit(EXIT_FILE_ERRORS if result.errors else EXIT_OK)  # notes are no failure


def _report(option: str, result: Any) -> str | Iterator[str]:
    """The text of the report ``option`` names, for a ``Digest`` (JSON in pieces: an article or
    a story at a time)."""
    from newsdesk.report import json_chunks
    from newsdesk.report.markdown import to_markdown

    if option == "--json":
        return json_chunks(result)
    if option == "--md":
        return to_markdown(result)
    from newsdesk.web.render import digest_html

    return digest_html(result)


@app.command()
def extract(
    paths: Paths,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per input on stdout.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write JSON lines here.")] = None,
    workers: ReadWorkers = None,
    backend: Backend = None,
    jobs: Jobs = None,
    tune: Tune = None,
    settings_file: SettingsFile = None,
    debug: Debug = False,
) -> None:
    """Clean each input into text and metadata (title, date, authors, dateline, wire, ...).

    One result per input file (a copy of another file is listed under its own path), the same
    with any ``--workers``; files that fail are listed after the articles, one error line each.
    """
    from newsdesk.extraction.batch import extract_batch
    from newsdesk.ingest import read_inputs
    from newsdesk.models import FileError, Note
    from newsdesk.report import check_outputs, write_atomic

    with _guard(debug):
        check_outputs([("--out", out)] if out else [], paths)
        settings = run_settings(settings_file, tune, workers=jobs or workers, backend=backend)
        notes: list[Note] = []  # symlink loops met in folders
        docs, errors = read_inputs([str(p) for p in paths], settings.limits, notes)
        results = extract_batch(docs, workers=cap_workers(settings.workers, len(docs)), backend=settings.backend,
                                tuning=settings.tuning)
        _stop_if_interrupted()
    articles = [r for r in results if not isinstance(r, FileError)]
    errors += [r for r in results if isinstance(r, FileError)]
    if jsonl or out:
        rows = [a.to_dict() for a in articles] + [{"path": e.path, "error": e.error} for e in errors]
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    else:
        text = "".join(f"# {a.title or a.label}\n{a.published or ''} {', '.join(a.authors)}\n\n{a.text}\n\n"
                       for a in articles)
    with _guard(debug):
        if out:
            write_atomic(out, text)
        else:
            sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace"))
            sys.stdout.flush()
    print_problems(errors, notes)
    raise typer.Exit(EXIT_FILE_ERRORS if errors else EXIT_OK)


def run_settings(path: Path | None, tune: list[str] | None, **flags: Any) -> Settings:
    """The run's settings: the defaults, then the ``--settings`` file, the flags given, ``--tune``."""
    from newsdesk.settings import load_settings
    from newsdesk.tuning import parse_overrides

    settings = load_settings(path) if path is not None else DEFAULT
    settings = settings.with_options(**flags).with_tuning(parse_overrides(tune or []))
    return settings.with_options(workers=cap_workers(settings.workers, None))


def cap_workers(workers: int, inputs: int | None) -> int:
    """``workers`` capped at the cores and at the number of inputs (more only add start-up cost)."""
    return max(1, min(workers, os.cpu_count() or 1, inputs or workers))


def print_problems(errors: Iterable[Any], notes: Iterable[Any] = ()) -> None:
    """One line on stderr per input not used, ``error: <file>: <problem>``, and per note,
    ``note: <file>: <note>``: plain text, never wrapped (a line is one input, whatever the width),
    control characters and bytes that are not UTF-8 shown escaped."""
    from newsdesk.ingest import shown
    from newsdesk.report.library import safe

    lines = [f"error: {shown(e.path)}: {e.error}" for e in errors]
    lines += [f"note: {shown(n.path)}: {n.note}" for n in notes]
    for line in lines:
        sys.stderr.write(safe(line) + "\n")
    sys.stderr.flush()


def _stop_if_interrupted() -> None:
    if _INTERRUPTED.is_set():
        raise KeyboardInterrupt


@app.command()
def serve(
    db: Annotated[Optional[Path], typer.Option("--db", help="Library file (default: $NEWSDESK_DB, else the user data folder).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on: loopback unless --public.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    public: Annotated[bool, typer.Option("--public", help="Allow an address other machines can reach.")] = False,
    allow_writes: Annotated[bool, typer.Option("--allow-writes", help="Let requests other than GET/HEAD through.")] = False,
    debug: Debug = False,
) -> None:
    """Serve the library as a local web reading room: story pages, search and a JSON API under /api."""
    from newsdesk.web.serve import check_host, run

    with _guard(debug):
        check_host(host, public)
        from newsdesk.store import open_library
        from newsdesk.web.store_library import StoreLibrary

        library = StoreLibrary(open_library(db, create=False))
        err.print(f"newsdesk: reading room on http://{host}:{port}/ (Ctrl-C stops it)", markup=False, highlight=False)
    run(library, host, port, public=public, allow_writes=allow_writes)


class _Stderr(logging.Handler):
    """Log lines to whatever ``sys.stderr`` is when they are written (tests swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except (OSError, ValueError):
            self.handleError(record)


class _guard:
    """Expected errors become one clean line and exit status 2, an interrupt status 130;
    tracebacks only with --debug."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:  # type: ignore[no-untyped-def]
        if isinstance(exc, KeyboardInterrupt):
            stopped = _STOPPED_BY[0] if _STOPPED_BY else signal.SIGINT  # Python's own before our handler
            word = "terminated" if stopped == signal.SIGTERM else "interrupted"
            err.print(f"{word}; no report written", markup=False, highlight=False)
            raise typer.Exit(128 + stopped)
        if exc is None or self.debug or not isinstance(exc, (NewsdeskError, OSError)):
            return False
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(EXIT_USAGE)


class _progress:
    """A Rich progress bar on stderr (only on a terminal), fed by the pipeline's callbacks."""

    def __init__(self) -> None:
        self.bar: Progress | None = None
        self.tasks: dict[str, int] = {}

    def __enter__(self) -> _progress:
        if err.is_terminal:
            self.bar = Progress(TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=err, transient=True)
            self.bar.start()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        _stop_if_interrupted()
        if self.bar is None:
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _library_commands() -> None:
    from newsdesk.cli_follow import register as register_follow
    from newsdesk.cli_library import register

    register(app)
    register_follow(app)
    for typer_app in [app] + [g.typer_instance for g in app.registered_groups if g.typer_instance]:
        for command in typer_app.registered_commands:  # docstrings as help: one line a paragraph
            command.help = plain_help(command.help or (command.callback.__doc__ if command.callback else ""))


_library_commands()


def main() -> None:
    """The console script: the app, then a quick exit (``quick_exit``)."""
    try:
        app()
    except SystemExit as done:
        quick_exit(done.code)
    quick_exit(0)


def quick_exit(code: object) -> NoReturn:
    """Exit as ``sys.exit(code)`` would, minus the interpreter's teardown of every module one by
    one (0.3-0.5 CPU s after a digest has imported spaCy, scikit-learn and SciPy): the exit
    handlers still run and the standard streams are flushed.  With other threads still running,
    a normal exit (which waits for them)."""
    if threading.active_count() > 1:
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError) as exc:  # a closed pipe: what Python's own exit reports as 120
            os.write(2, f"newsdesk: cannot flush {stream.name}: {exc}\n".encode())
            code = code or 120
    os._exit(code or 0)


if __name__ == "__main__":
    main()
