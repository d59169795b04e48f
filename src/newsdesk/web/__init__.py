"""The reading room: a library of stories -> web pages, a JSON API and one-file HTML reports."""
