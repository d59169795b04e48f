"""Reports: paths checked before any work (exit 2), atomic writes, any-bytes file names, SIGINT -> 130, SIGTERM -> 143."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsdesk.pipeline
from child import child_env
from newsdesk.cli import app
from newsdesk.report.files import OutputError, write_atomic

runner = CliRunner()
STORY = ("Westmere harbour council said on Monday that the ferry will sail every hour from May. "
         "Engineers finished the repairs to the old pier after two years of work and a quarrel over cost. "
         "The mayor said residents had waited long enough for the boats to return to the town.\n")


@pytest.fixture
def no_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The digest must not start: a bad report path is refused before any work."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("digest ran although a report path was bad")

    monkeypatch.setattr(newsdesk.pipeline, "digest", refuse)


def _article(folder: Path) -> Path:
    path = folder / "a.txt"
    path.write_text("Ferry returns to Westmere\n\n" + STORY * 2, encoding="utf-8")
    return path


@pytest.mark.parametrize(("target", "words"), [
    (lambda t: t, "is a folder"),
    (lambda t: t / "missing" / "d.json", "does not exist"),
    (lambda t: t / "a.txt", "is one of the inputs"),
])  # fmt: skip
def test_bad_report_paths_stop_before_work_with_exit_2(tmp_path: Path, no_digest: None, target, words) -> None:  # type: ignore[no-untyped-def]
    article = _article(tmp_path)
    for option in ("--json", "--md"):
        result = runner.invoke(app, ["digest", str(article), option, str(target(tmp_path))])
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {option} ") and words in lines[0]
    assert article.read_text(encoding="utf-8").startswith("Ferry returns")


def test_a_report_inside_an_input_folder_with_an_article_suffix_is_refused(tmp_path: Path, no_digest: None) -> None:
    _article(tmp_path)
    result = runner.invoke(app, ["digest", str(tmp_path), "--md", str(tmp_path / "report.txt")])
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr


def test_extract_out_is_checked_too(tmp_path: Path) -> None:
    article = _article(tmp_path)
    result = runner.invoke(app, ["extract", str(article), "--out", str(article)])
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_refused(tmp_path: Path, no_digest: None) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    result = runner.invoke(app, ["digest", str(_article(tmp_path)), "--json", str(folder / "d.json")])
    assert result.exit_code == 2 and "not writable" in result.stderr


def test_a_failed_write_leaves_the_old_report_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "d.json"
    out.write_text("old\n", encoding="utf-8")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(out, "new\n")
    assert out.read_text(encoding="utf-8") == "old\n" and os.listdir(tmp_path) == ["d.json"]


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_a_new_report_gets_the_umask_mode_and_a_replaced_one_keeps_its_mode(tmp_path: Path, mask: int) -> None:
    old = os.umask(mask)
    try:
        write_atomic(tmp_path / "new.json", "{}\n")
        kept = tmp_path / "kept.md"
        kept.write_text("old\n", encoding="utf-8")
        kept.chmod(0o604)
        write_atomic(kept, "new\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.json").stat().st_mode & 0o7777 == 0o666 & ~mask
    assert kept.stat().st_mode & 0o7777 == 0o604 and kept.read_text(encoding="utf-8") == "new\n"


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc, where no file can be made")
def test_a_report_path_where_no_file_can_be_made_is_named_plainly(tmp_path: Path, no_digest: None) -> None:
    """The user's path and the system's reason, never Python's errno text or the temporary name."""
    target = "/proc/newsdesk-report.json"
    result = runner.invoke(app, ["digest", str(_article(tmp_path)), "--json", target, "-q"])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: --json {target}: cannot create a file in folder ")
    assert "Errno" not in line and ".tmp" not in line


def test_a_failed_temp_file_names_the_report_not_the_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".d.json.1234.tmp"))

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path / "d.json", "new\n")
    assert str(info.value) == f"{tmp_path / 'd.json'}: cannot write: Permission denied"


def test_non_utf8_file_names_round_trip_through_every_report(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9 `<img src=x onerror=alert(1)>`.txt")
    (tmp_path / name).write_text("Ferry returns to Westmere\n\n" + STORY * 2, encoding="utf-8")
    out, md = tmp_path / "d.json", tmp_path / "d.md"
    result = runner.invoke(app, ["digest", str(tmp_path / name), "--json", str(out), "--md", str(md), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_bytes().decode("utf-8"))  # valid UTF-8: the byte is a \udce9 escape
    assert os.fsencode(data["articles"][0]["path"]) == os.fsencode(tmp_path / name)
    text = md.read_text(encoding="utf-8")
    assert "caf\\\\xe9 \\`\\<img src=x onerror=alert(1)\\>\\`.txt" in text


def _interrupt_after(seconds: float, args: list[str], tmp: Path, sig: int = signal.SIGINT) -> subprocess.CompletedProcess[str]:
    """Run the CLI with its temporary files in ``tmp``, send ``sig`` after ``seconds``."""
    env = child_env(TMPDIR=str(tmp))
    proc = subprocess.Popen([sys.executable, "-m", "newsdesk.cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(seconds)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize("seconds", [0.3, 4.0])
def test_sigint_stops_the_run_with_130_and_writes_nothing(examples: Path, tmp_path: Path, seconds: float) -> None:
    out, tmp = tmp_path / "d.json", tmp_path / "tmp"
    tmp.mkdir()
    run = _interrupt_after(seconds, ["digest", str(examples), "--json", str(out), "-q"], tmp)
    assert run.returncode in (130, -signal.SIGINT), run.stderr  # -SIGINT: before our handler, Python's own
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp]
    assert not list(tmp.glob("newsdesk-*"))  # the run's scratch folder went with it


def test_sigterm_stops_the_run_with_143_writes_nothing_and_leaves_no_temporary_file(examples: Path, tmp_path: Path) -> None:
    """What a service manager or ``kill`` sends: the same clean stop as Ctrl-C, status 128 + 15."""
    out, tmp = tmp_path / "d.json", tmp_path / "tmp"
    tmp.mkdir()
    run = _interrupt_after(3.0, ["digest", str(examples), "--json", str(out), "-q"], tmp, signal.SIGTERM)
    assert run.returncode == 143, run.stderr
    assert "terminated; no report written" in run.stderr
    assert not out.exists() and not list(tmp.glob("newsdesk-*"))
