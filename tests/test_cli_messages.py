"""CLI messages: a missing library, help texts, per-file error lines, counts and plurals."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.models import Digest, FileError

runner = CliRunner()


@pytest.mark.parametrize("command", [["stories"], ["show", "1"], ["search", "harbour"], ["follow", "list"],
                                     ["follow", "remove", "https://example.invalid/feed"], ["serve"]])
def test_a_read_command_on_a_missing_library_fails_and_creates_nothing(
        tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import newsdesk.web.serve

    monkeypatch.setattr(newsdesk.web.serve, "run", lambda *a, **k: None)  # a server must not start
    db = tmp_path / "sub" / "nowhere.db"
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {db}: no library at this path; ") and "newsdesk ingest" in line
    assert list(tmp_path.iterdir()) == []


def _one_of_two_used() -> Digest:
    """A story of one article; the other article of the digest is kept out (another language)."""
    from test_report import _digest

    d = _digest()
    used, other = d.articles
    story = replace(d.stories[0], articles=(used.id,), coverage={used.id: [0, 1]})
    out = (FileError(other.path or other.id, "article is in 'de', not English; kept out of stories"),)
    return replace(d, stories=(story,), errors=out)


def test_counts_are_singular_for_one_and_skip_the_articles_not_used() -> None:
    from newsdesk.report.markdown import to_markdown
    from newsdesk.report.terminal import render
    from newsdesk.web.render import digest_html

    d = _one_of_two_used()
    console = Console(record=True, width=100, color_system=None)
    render(d, console)
    shown, md, page = console.export_text(), to_markdown(d), digest_html(d)
    assert shown.startswith("newsdesk digest: 1 story from 1 article\n") and "1 article, 1 independent source" in shown
    assert md.startswith("# newsdesk digest: 1 story from 1 article\n") and "\n1 article, 1 independent source: " in md
    assert '<h1 class="page">1 story from 1 article</h1>' in page
    for wrong in ("1 articles", "1 stories", "1 independent sources", "2 articles"):
        assert wrong not in shown + md + page, wrong


def test_the_ingest_line_counts_in_the_singular_too() -> None:
    from newsdesk.report.library import render_ingest
    from newsdesk.store.records import IngestReport

    console = Console(record=True, width=200, color_system=None)
    render_ingest(IngestReport(added=("a1",), known=1, stories_new=("1",)), console)
    assert console.export_text().startswith("added 1 article (1 file already known); 1 new story, 0 updated")


def test_the_ingest_line_counts_articles_kept_out_of_stories_apart() -> None:
    from newsdesk.report.library import render_ingest
    from newsdesk.store.records import IngestReport

    console = Console(record=True, width=200, color_system=None)
    render_ingest(IngestReport(added=("a1", "a2", "a3"), kept_out=("a3",), stories_new=("1",)), console)
    assert console.export_text().startswith("added 2 articles, kept 1 article out of stories (0 files already known)")


def _help(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "400", "TERMINAL_WIDTH": "400"})
    assert result.exit_code == 0, result.output
    return result.output


COMMANDS = [(), ("digest",), ("extract",), ("ingest",), ("stories",), ("show",), ("search",), ("serve",),
            ("fetch",), ("follow",), ("follow", "add"), ("follow", "import"), ("follow", "list"), ("follow", "remove")]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_raw_markup_and_no_broken_lines(command: tuple[str, ...]) -> None:
    text = _help(*command)
    assert "`" not in text
    intro = text.split("╭")[0].split("Usage:")[1].splitlines()[1:]  # the description: one line a paragraph
    assert all(a.strip() == "" or b.strip() == "" for a, b in zip(intro, intro[1:])), intro
    if "Commands" in text:  # each command's summary on one line, ending its sentence
        rows = text.split("Commands")[1].split("╰")[0].splitlines()[1:]
        assert rows and all(row.rstrip(" │").endswith((".", ")")) for row in rows), rows


def _option_line(text: str, option: str) -> str:
    return next(x for x in text.splitlines() if x.lstrip("│ ").startswith(option))


def test_settings_options_show_what_is_accepted_and_one_default_format() -> None:
    for command in ("digest", "ingest"):
        line = _option_line(_help(command), "--words")
        assert "x>=20" in line and "[default: 200]" in line and "(200)" not in line, line
    assert "[default: 1]" in _option_line(_help("digest"), "--workers")
    workers = _option_line(_help("extract"), "--workers")
    assert "analysis" not in workers and "extraction" in workers
    refused = runner.invoke(app, ["ingest", "x.txt", "--words", "5"])  # refused by the shown bound, before any work
    assert refused.exit_code == 2 and "greater than or equal to 20" in refused.output


def _troubles(folder: Path) -> tuple[set[str], set[str]]:
    """Invented inputs that cannot be used, some met only in a folder; the error and note lines due."""
    long_name = "a-report-with-a-file-name-long-enough-to-pass-eighty-columns-on-its-own-line-" * 2 + ".txt"
    (folder / long_name).write_bytes(b"")
    os.mkfifo(folder / "fifo.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "inner").mkdir()
    (folder / "inner" / "back").symlink_to(folder)
    errors = {f"error: {folder / long_name}: file is empty",
              f"error: {folder / 'fifo.txt'}: is a named pipe (FIFO), not a regular file; refused",
              f"error: {folder / 'dangling.txt'}: is a symlink to {folder / 'nowhere.txt'}, which does not exist; refused"}
    notes = {f"note: {folder / 'inner' / 'back'}: symlink loop (links back to a folder above it); not followed"}
    return errors, notes


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_digest_and_ingest_give_one_unwrapped_line_per_file_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    folder.mkdir()
    errors, notes = _troubles(folder)
    for args in (["digest", str(folder)], ["ingest", str(folder), "--db", str(tmp_path / "l.db")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        lines = result.stderr.splitlines()
        assert sorted(lines) == sorted(errors | notes), (args, lines)  # once each, no WARNING log line
        assert "error:" not in result.stdout
    assert "Files not used" in runner.invoke(app, ["digest", str(folder)]).stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_dangling_link_gets_the_same_line_named_or_met_in_a_folder(tmp_path: Path) -> None:
    errors, notes = _troubles(tmp_path)
    named = runner.invoke(app, ["extract", str(tmp_path / "fifo.txt"), str(tmp_path / "dangling.txt"), "--jsonl"])
    walked = runner.invoke(app, ["extract", str(tmp_path), "--jsonl"])
    assert set(named.stderr.splitlines()) == {e for e in errors if "fifo.txt" in e or "dangling.txt" in e}
    assert sorted(walked.stderr.splitlines()) == sorted(errors | notes)


STORY = ("Westmere harbour council said on Monday that the ferry will sail every hour from May. "
         "Engineers finished the repairs to the old pier after two years of work and a quarrel over cost. "
         "The mayor said residents had waited long enough for the boats to return to the town.\n")


def test_ingest_notes_an_article_the_library_already_holds(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    first, again = tmp_path / "first.txt", tmp_path / "again.txt"
    first.write_text("Ferry returns to Westmere\n\n" + STORY * 2, encoding="utf-8")
    again.write_text("Ferry returns to Westmere\n\n" + STORY * 2 + "\n", encoding="utf-8")  # other bytes
    assert runner.invoke(app, ["ingest", str(first), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(again), "--db", db])
    assert result.exit_code == 0, result.output  # a note is no failure
    assert result.stderr.splitlines() == [f"note: {again}: same article as {first}; kept once"]
