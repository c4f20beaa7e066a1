"""Issue 11, items 2 and 7: the step-through is linear in the circuit. Each step used to
hold the set of everything revealed so far: an 8,000-gate chain needed 4.7 GB, a
20,000-gate one about 39 GB. Measured in a fresh interpreter (peak RSS), so nothing this
test process holds counts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

LIMIT_MB = 300

PEAK = r"""
def peak_mb():
    # VmHWM, not ru_maxrss: Linux carries the forking parent's peak across exec
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
"""

CHILD = PEAK + r"""
import sys, time
from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import evaluate
from chainwire.graph.steps import build_steps

n = int(sys.argv[1])
c = Circuit()
c.add_node("input", "x", value=0.5, pos=(0, 0))
prev = "x"
for i in range(n):
    gid = f"g{i}"
    if i % 2:
        c.add_node("sigmoid", gid, pos=(160.0 * (i + 1), 0))
    else:
        c.add_node("scale", gid, param=0.9, pos=(160.0 * (i + 1), 0))
    c.connect(prev, gid, 0)
    prev = gid
ev = evaluate(c)
t = time.monotonic()
seq = build_steps(c, ev)
seen = 0
for i in range(0, len(seq), max(1, len(seq) // 400)):  # what the overlay asks of a step
    s = seq[i]
    seen += len(s.values) + len(s.grads) + len(s.callouts)
    assert (None in s.grads) == (s.phase == "backward")
last = seq[len(seq) - 1]
assert len(last.grads) == n + 1 and set(last.values) == set(last.values)
print(len(seq), time.monotonic() - t, peak_mb())
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak RSS from /proc")
def test_step_through_of_a_20000_gate_chain_stays_under_300_mb():
    out = subprocess.run([sys.executable, "-c", CHILD, "20000"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    steps, seconds, mb = out.stdout.split()
    assert int(steps) == 40_001
    assert int(mb) < LIMIT_MB, f"peak {mb} MB"
    assert float(seconds) < 20, f"{seconds} s"


HUGE_VALUE = PEAK + r"""
from chainwire.graph import fileio
from chainwire.graph.errors import FileFormatError
from chainwire.graph.fileio import spec

n = spec.MAX_TOKENS - 100  # as many numbers as the token limit lets a file hold
rows = sys.argv[1] == "matrix"
item = "[0.5, 0.5], " if rows else "0.5, "
count = n // 3 if rows else n  # a row of two: "[", "," and the "," after it
text = ('{"format": "chainwire", "version": 2, "nodes": [{"id": "W", "type": "input", '
        '"value": [' + item * (count - 1) + item[:-2] + '], "pos": [0, 0]}]}').encode()
try:
    fileio.loads(text, "huge.chainwire")
except FileFormatError as e:
    print(e)
print(peak_mb())
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak RSS from /proc")
@pytest.mark.parametrize("shape", ["vector", "matrix"])
def test_a_value_as_large_as_the_token_limit_is_refused_within_the_parsing_budget(shape):
    """docs/file-format.md, "Limits": parsing at the token limit costs at most ~400 MB;
    a value that large is refused by the element limit from its lengths, before numpy
    builds anything from it."""
    child = "import sys\n" + HUGE_VALUE
    out = subprocess.run([sys.executable, "-c", child, shape], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    message, mb = out.stdout.strip().rsplit("\n", 1)
    assert message.startswith("huge.chainwire: node 'W' (nodes[0]): \"value\": a value has "
                              "at most 1,048,576 numbers"), message
    assert int(mb) < 400, f"peak {mb} MB"
