"""newsdesk.settings -> docs/settings.md: keeps the introduction, rewrites the tables after it."""

from pathlib import Path

from newsdesk.settings import settings_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"

if __name__ == "__main__":
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(text[: text.index("| option |")] + settings_markdown(), encoding="utf-8")
