"""The public API: the names DESIGN.md promises stay the functions, whatever was imported before."""

from __future__ import annotations

import subprocess
import sys


def test_api_functions_survive_importing_the_stage_packages() -> None:
    code = (
        "import newsdesk, newsdesk.pipeline, newsdesk.extraction.html, newsdesk.clustering.batch\n"
        "import newsdesk.extraction.html_bounds as bounds, newsdesk.clustering.graph as graph\n"
        "from newsdesk.clustering import ClusterSettings\n"
        "assert bounds.__name__.endswith('html_bounds') and newsdesk.extraction.html and graph\n"
        "assert callable(newsdesk.extract) and callable(newsdesk.cluster), (newsdesk.extract, newsdesk.cluster)\n"
        "a = newsdesk.extract('Harbour ferry strike\\n\\nThe ferry crews of Port Edda struck on Monday, and no boat '"
        "'left the harbour all day, the union said.\\n\\nTalks resume on Friday, the operator said.\\n')\n"
        "assert a.title == 'Harbour ferry strike', a.title\n"
        "assert newsdesk.cluster(['ferry strike in the harbour', 'harbour ferry strike goes on']) == [0, 0]\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
