"""The newsdesk exception tree; every error carries a one-line, user-facing message.

    NewsdeskError
    ├── InputError            a file could not be used (names the file)
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── DecodeError
    │   └── NoArticleFound
    ├── UsageError            the caller asked for something impossible
    │   └── SettingError      an option out of range (also a ValueError)
    └── StoreError            the library file cannot be used
        ├── NoLibrary         a command that only reads was given a library file that does not exist
        └── NotInLibrary      an unknown story or article id
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        return f"{text}; {self.hint}" if self.hint else text


class InputError(NewsdeskError):
    """An input file could not be read or gave no article."""

    hint = "check the file or leave it out"


class EmptyInput(InputError):
    hint = "the file is empty or holds only whitespace"


class BinaryInput(InputError):
    hint = "pass .txt, .html, .htm files or gzip of them"


class DecodeError(InputError):
    hint = "re-save the file as UTF-8"


class NoArticleFound(InputError):
    hint = "the page holds no article text newsdesk could find"


class UsageError(NewsdeskError):
    """The caller asked for something newsdesk cannot do."""


class SettingError(UsageError, ValueError):
    """An option of ``Settings`` is out of its range (also a ``ValueError``)."""


class StoreError(NewsdeskError):
    """The library file cannot be opened or used."""

    hint = "check the --db path (or NEWSDESK_DB) and that the file is a newsdesk library"


class NoLibrary(StoreError):
    """A library that a command only reads is not there (it is never created by a read)."""

    hint = "check the --db path (or NEWSDESK_DB), or add articles first with `newsdesk ingest PATH --db FILE`"


class NotInLibrary(StoreError):
    """A story or article id the library does not hold."""

    hint = "list the ids with `newsdesk stories` or find them with `newsdesk search`"
