"""Settings for the whole test suite."""
from __future__ import annotations

import os

# Progress lines on standard error depend on how long a step takes (a command that
# runs more than a couple of seconds prints them), so a test asserting what stderr
# holds would depend on the machine's load. The suite runs without them; the tests
# of progress (tests/pipeline/test_progress.py) turn them on explicitly.
os.environ["ACTORGRAPH_PROGRESS"] = "off"
