"""CLI: digest and extract over the bundled examples, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app

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


def test_extract_parallel_equals_serial(examples: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    runner.invoke(app, ["extract", str(examples), "--out", str(one)])
    runner.invoke(app, ["extract", str(examples), "--out", str(two), "--jobs", "2"])
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_digest_writes_json_and_markdown(examples: Path, tmp_path: Path) -> None:
    out, md = tmp_path / "d.json", tmp_path / "d.md"
    result = runner.invoke(app, ["digest", str(examples), "--json", str(out), "--md", str(md), "--words", "120"])
    assert result.exit_code == 1, result.output  # the broken example file is reported, the rest goes on
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "newsdesk/1" and len(data["stories"]) >= 3
    assert md.read_text(encoding="utf-8").startswith("# newsdesk digest")
    assert "Brief" in result.stdout and "Files not used" in result.stdout


def test_missing_path_is_one_clean_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "nope.txt: no such file or folder" in result.output
