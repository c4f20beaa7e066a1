"""SIGKILL a process at random moments while it saves over a file, again and again.

After every kill the file must parse as the old or the new version: never empty, never
cut off, never a mix. That is what ``graph.fileio.save`` promises (temp file, fsync,
rename). Usage::

    python benchmarks/kill_during_save.py [--runs 200] [--nodes 300] [--seed N]

Starting Python and importing networkx takes about a second, far longer than a save, so
one helper process (a small fork server) imports ``graph.fileio`` once and forks a fresh
saver for every run; we kill the saver, the helper reaps it. Exit status 1 if any run
left a bad file. ``tests/graph/test_kill_during_save.py`` runs a short version.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _circuits(nodes: int):
    """Two versions of one lesson, different in every node (so a mix would show)."""
    from chainwire.graph.circuit import Circuit

    versions = []
    for v in (1.0, 2.0):
        c = Circuit()
        c.title = f"version {int(v)}"
        prev = c.add_node("input", "x0", value=v, pos=(0, 0))
        for i in range(1, nodes):
            nid = c.add_node("scale", f"n{i}", param=v * i, pos=(i * 10.0, v))
            c.connect(prev, nid, 0)
            prev = nid
        versions.append(c)
    return versions


def _server(folder: str, nodes: int) -> None:
    """The fork server: reads "go"/"reap PID" lines, answers one line each."""
    from chainwire.graph import fileio

    old, new = _circuits(nodes)
    target = os.path.join(folder, "lesson.chainwire")
    for line in sys.stdin:
        cmd = line.split()
        if cmd[0] == "go":
            fileio.save(old, target)  # every run starts from the old version on disk
            pid = os.fork()
            if pid == 0:  # the saver: new, old, new, ... until killed (or 20 s pass)
                end = time.monotonic() + 20
                i = 0
                while time.monotonic() < end:
                    fileio.save(new if i % 2 == 0 else old, target)
                    i += 1
                os._exit(0)
            print(pid, flush=True)
        elif cmd[0] == "reap":
            _, status = os.waitpid(int(cmd[1]), 0)
            print(status, flush=True)


def run(runs: int = 200, nodes: int = 300, seed: int | None = None,
        folder: str | None = None, max_delay: float | None = None) -> dict:
    """Kill ``runs`` savers after random delays; returns counts. Raises nothing: a bad
    file is counted in ``bad`` with its first bytes in ``examples``.

    ``max_delay`` defaults to the time of three saves measured here, so the kills fall
    before, during and after renames however fast or busy the machine is.
    """
    from chainwire.graph import fileio
    from chainwire.graph.errors import FileFormatError

    rng = random.Random(seed)
    own = folder is None
    folder = folder or tempfile.mkdtemp(prefix="chainwire-kill-")
    target = Path(folder) / "lesson.chainwire"
    old, new = _circuits(nodes)
    if max_delay is None:
        t = time.perf_counter()
        fileio.save(new, target)
        max_delay = 3 * (time.perf_counter() - t)
        target.unlink()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, __file__, "--serve", folder, "--nodes",
                               str(nodes)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=env, cwd=ROOT)
    result = {"runs": runs, "max_delay_s": round(max_delay, 4), "old": 0, "new": 0,
              "bad": 0, "temp_files_left": 0, "examples": []}
    try:
        for _ in range(runs):
            server.stdin.write("go\n")
            server.stdin.flush()
            pid = int(server.stdout.readline())
            time.sleep(rng.uniform(0, max_delay))
            os.kill(pid, signal.SIGKILL)
            server.stdin.write(f"reap {pid}\n")
            server.stdin.flush()
            server.stdout.readline()
            try:
                got = fileio.load(target)
            except (FileFormatError, OSError) as e:
                result["bad"] += 1
                result["examples"].append(f"{e}: {target.read_bytes()[:80]!r}")
                continue
            if got == old:
                result["old"] += 1
            elif got == new:
                result["new"] += 1
            else:
                result["bad"] += 1
                result["examples"].append(f"a third version: {got.title!r}")
            temps = [p for p in Path(folder).iterdir() if p.name.endswith(".tmp")]
            result["temp_files_left"] += len(temps)  # a kill mid-write leaves its temp
            for p in temps:
                p.unlink()
    finally:
        server.stdin.close()
        server.wait(10)
        server.stdout.close()
        if own:
            for p in Path(folder).iterdir():
                p.unlink()
            os.rmdir(folder)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=200)
    p.add_argument("--nodes", type=int, default=300)
    p.add_argument("--seed", type=int)
    p.add_argument("--serve", metavar="FOLDER", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.serve:
        _server(args.serve, args.nodes)
        return 0
    t = time.perf_counter()
    r = run(args.runs, args.nodes, args.seed)
    r["seconds"] = round(time.perf_counter() - t, 1)
    print(json.dumps(r, indent=2))
    return 1 if r["bad"] else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
