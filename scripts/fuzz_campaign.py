"""A long fuzz campaign: the checks of tests/test_fuzz.py on random input for a set time per target.

    python scripts/fuzz_campaign.py TARGET MINUTES   # textdump, times, quotes or reports

Runs rounds of hypothesis (fresh random seed each, no example database) until the time is up;
prints one line per round and every falsifying example found (shrunk), then a summary.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
ROUND = 300  # examples per round


def main(target: str, minutes: float) -> int:
    from test_fuzz import TARGETS

    check, strategies = TARGETS[target]
    calls = [0]

    def counted(args: tuple[object, ...]) -> None:
        calls[0] += 1
        check(*args)

    conf = settings(max_examples=ROUND, deadline=None, database=None, derandomize=False,
                    phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    run = conf(given(st.tuples(*strategies))(counted))
    end = time.monotonic() + minutes * 60
    started, rounds, found = time.process_time(), 0, []
    while time.monotonic() < end:
        rounds += 1
        try:
            run()
        except Exception:  # noqa: BLE001 - every failure is a finding to print, then the campaign goes on
            found.append(traceback.format_exc(limit=3))
            print(f"FINDING in round {rounds}:\n{found[-1]}", flush=True)
        print(f"{target}: round {rounds}, {calls[0]} examples, {len(found)} findings", flush=True)
    cpu = time.process_time() - started
    print(f"SUMMARY {target}: {minutes} min wall, {cpu / 60:.1f} min CPU, {calls[0]} examples, "
          f"{rounds} rounds, {len(found)} findings")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
