"""CLI: digest and extract over the bundled examples, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from child import child_env
from newsdesk.cli import app
from newsdesk.ingest import SUFFIXES

runner = CliRunner()


def test_extract_jsonl_one_object_per_input(examples: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(examples), "--jsonl"])
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    ok = [x for x in lines if "error" not in x]
    bad = [x for x in lines if "error" in x]
    assert ok and bad, "the examples hold good articles and at least one broken file"
    for x in ok:
        assert {"path", "title", "text", "published", "authors"} <= set(x)
    assert result.exit_code == 1  # a file was refused
    assert all(x["path"] for x in bad)


def _bad_batch(folder: Path) -> dict[str, str]:
    """Invented bad inputs, one per kind, with a word the error line must hold."""
    story = "".join(
        f"<p>The invented town of Westmere said on {day} that its harbour ferry would run every hour "
        "from spring, after two years of repairs to the old pier and a long quarrel over the cost.</p>"
        for day in ("Monday", "Tuesday", "Friday")
    )
    bad = {
        "empty.txt": (b"", "empty"),
        "binary.html": (bytes(range(256)) * 20, "binary"),
        "corrupt.html.gz": (b"\x1f\x8b\x08\x00" + bytes(range(200, 256)) * 9, "gzip"),
        "noise.txt": (bytes(range(128, 256)) * 4, "encoding"),
        "no-article.html": (b"<html><body><nav><a href='/'>Home</a> <a href='/s'>Sport</a></nav></body></html>",
                            "no article"),
        "menu.txt": (b"Home\nNews\nSport\nContact\n", "no run of body text"),
        "latin1-declared.html": (f"<meta charset='iso-8859-1'><article>{story}</article>".replace(
            "town", "t\u00f4wn").encode("utf-8"), ""),
    }
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    (folder / "nothing").mkdir()
    (folder / "nothing" / "notes.md").write_text("not an input", encoding="utf-8")
    return {name: word for name, (_, word) in bad.items() if word} | {"nothing": "holds no"}


def test_bad_inputs_one_error_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    expected = _bad_batch(tmp_path)
    result = runner.invoke(app, ["extract", str(tmp_path), str(tmp_path / "nothing"), "--jsonl"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == len(expected), lines
    for name, word in expected.items():
        mine = [line for line in lines if line.startswith("error: ") and f"{name}: " in line]
        assert len(mine) == 1 and word in mine[0], (name, lines)
    good = [json.loads(x) for x in result.stdout.splitlines() if '"error"' not in x]
    assert len(good) == 1 and "t\u00f4wn" in good[0]["text"]  # declared Latin-1, read as the UTF-8 it is


def _jsonl(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, ["extract", *args, "--jsonl"])
    return result.exit_code, result.stdout


def test_extract_parallel_equals_serial(examples: Path, tmp_path: Path) -> None:
    _bad_batch(tmp_path)
    copy = tmp_path / "copy-of-one-example.txt"  # a duplicate is still one object per input
    copy.write_bytes(sorted((examples / "kiel-ferry").glob("*.txt"))[0].read_bytes())
    inputs = [str(examples), str(tmp_path)]
    serial = _jsonl(inputs)
    objects = [json.loads(x) for x in serial[1].splitlines()]
    n_inputs = sum(1 for f in [*examples.rglob("*"), *tmp_path.rglob("*")] if f.name.endswith(SUFFIXES))
    assert serial[0] == 1 and len(objects) == n_inputs
    assert len({o["path"] for o in objects}) == len(objects)
    assert any(o["path"] == str(copy) and o["text"] for o in objects)
    assert _jsonl([*inputs, "--jobs", "2"]) == serial
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    runner.invoke(app, ["extract", str(examples), "--out", str(one)])
    runner.invoke(app, ["extract", str(examples), "--out", str(two), "--jobs", "2"])
    assert one.read_text(encoding="utf-8") and one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_digest_writes_json_and_markdown(examples: Path, tmp_path: Path) -> None:
    out, md = tmp_path / "d.json", tmp_path / "d.md"
    result = runner.invoke(app, ["digest", str(examples), "--json", str(out), "--md", str(md), "--words", "120"])
    assert result.exit_code == 1, result.output  # the broken example file is reported, the rest goes on
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "newsdesk/2" and len(data["stories"]) >= 3
    assert md.read_text(encoding="utf-8").startswith("# newsdesk digest")
    assert "Brief" in result.stdout and "Files not used" in result.stdout


def test_missing_path_is_one_clean_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "nope.txt: no such file or folder" in result.output


def test_a_duplicate_file_is_a_note_not_an_error(examples: Path, tmp_path: Path) -> None:
    original = examples / "kiel-ferry" / "eastmark-observer-ferry.txt"
    (tmp_path / "a.txt").write_bytes(original.read_bytes())
    (tmp_path / "b.txt").write_bytes(original.read_bytes())
    out = tmp_path / "d.json"
    result = runner.invoke(app, ["-v", "digest", str(tmp_path), "-q", "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["errors"] == [] and len(data["notes"]) == 1
    assert "same article as" in data["notes"][0]["note"] and "note: " in result.output
    assert "stage extract" in result.output  # -v logs the stages


def test_the_console_script_exits_quickly_with_the_same_status_output_and_exit_handlers(examples: Path) -> None:
    """``main`` skips the interpreter's teardown, not what an exit must do: status, flushed output
    (here a pipe), every exit handler."""
    import subprocess
    import sys

    script = ("import atexit, sys; atexit.register(lambda: print('handler ran', flush=True)); "
              "from newsdesk.cli import main; sys.argv[0] = 'newsdesk'; main()")
    env = child_env()
    broken = str(examples / "broken")
    cases = [(["--help"], 0, "digest"), (["digest", "--words", "x", broken], 2, "words"),
             (["extract", broken, "--jsonl"], 1, '"error"')]
    for args, status, shown in cases:
        run = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env,
                             timeout=300)
        assert run.returncode == status, (args, run.stderr)
        assert shown in run.stdout + run.stderr and run.stdout.rstrip().endswith("handler ran"), args
