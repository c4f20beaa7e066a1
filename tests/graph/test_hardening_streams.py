"""Issue 11, item 4: honest streams. A hypothesis fuzzer runs the real command in a child
with stdin, stdout and stderr each open, closed, full (/dev/full), read-only or a pipe,
under several locale encodings: the status is 0 with every byte out as UTF-8, or 2 with
one ``chainwire: error:`` line (nothing at all when stderr is gone), never a traceback,
never a silent 0. Plus: escaping in the table, the stdin byte limit, a broken pipe."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chainwire import resources
from chainwire.graph import cli, fileio
from chainwire.graph.circuit import Circuit

NEURON = str(Path(resources.__file__).parent / "examples" / "neuron.chainwire")
COMMANDS = {  # name: (argv, writes to stdout, reads stdin)
    "table": (["eval", NEURON], True, False),
    "json": (["eval", NEURON, "--json"], True, False),
    "print file": (["new", "--expr", "σ(x)*y + max(x, 1)".replace("σ", "sigmoid"),
                    "-o", "-"], True, False),
    "stdin": (["eval", "-"], True, True),
    "check": (["check", NEURON], True, False),
    "help": (["--help"], True, False),
    "version": (["--version"], True, False),
    "error": (["eval", "no/such/ﬁle.chainwire"], False, False),
    "write file": (["new", "--expr", "x*y", "-o", "{tmp}/out.chainwire"], False, False),
}
STATES = ("pipe", "closed", "full", "wrong way")


def _open(state: str, fd: int, stdin_data: bytes | None):
    """What the child gets as ``fd``: (the value for subprocess, a file to close)."""
    if state == "pipe":
        return subprocess.PIPE, None
    if state == "closed":
        return None, None  # closed in the child by preexec_fn
    if state == "full":
        f = open("/dev/full", "r+b")  # noqa: SIM115 - closed by the caller
        return f, f
    f = open(os.devnull, "wb" if fd == 0 else "rb")  # noqa: SIM115 - wrong direction
    return f, f


def run(argv: list[str], stdin: str, stdout: str, stderr: str, encoding: str | None,
        data: bytes = b"") -> tuple[int, bytes, bytes]:
    env = dict(os.environ)
    env.pop("PYTHONIOENCODING", None)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
        env["LC_ALL"] = "C"
    files, closed = [], []
    spec = []
    for fd, state in ((0, stdin), (1, stdout), (2, stderr)):
        value, f = _open(state, fd, data)
        spec.append(value)
        if f is not None:
            files.append(f)
        if state == "closed":
            closed.append(fd)
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "chainwire", *argv], stdin=spec[0], stdout=spec[1],
            stderr=spec[2], env=env, preexec_fn=(lambda: [os.close(fd) for fd in closed])
            if closed else None)
        out, err = child.communicate(data if stdin == "pipe" else None, timeout=60)
    finally:
        for f in files:
            f.close()
    return child.returncode, out or b"", err or b""


@settings(max_examples=16, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(COMMANDS)), stdin=st.sampled_from(STATES),
       stdout=st.sampled_from(STATES), stderr=st.sampled_from(STATES),
       encoding=st.sampled_from([None, "ascii", "latin-1", "utf-16"]))
def test_fuzz_streams_closed_full_or_wrong_never_lie(tmp_path, name, stdin, stdout, stderr,
                                                      encoding):
    argv, prints, reads = COMMANDS[name]
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    data = Path(NEURON).read_bytes()
    code, out, err = run(argv, stdin, stdout, stderr, encoding, data)
    out_ok = stdout == "pipe" or not prints
    in_ok = stdin == "pipe" or not reads
    assert b"Traceback" not in out + err and b"Exception ignored" not in err
    if name == "error" or not (out_ok and in_ok):
        assert code == 2, (code, out, err)
        if stderr == "pipe":
            assert err.startswith(b"chainwire: error: ") and err.count(b"\n") == 1, err
            err.decode("utf-8")  # UTF-8 whatever the locale
        else:
            assert err == b""
        return
    assert code == 0, (code, out, err)
    assert err == b""
    if prints:
        text = out.decode("utf-8")
        assert text.endswith("\n")
        if name == "print file":  # the file printed under any locale is a file we read
            assert len(fileio.loads(out, "<stdout>")) > 0
        if name == "json":
            assert json.loads(text)["output"] == "f"
    if name == "write file":
        assert fileio.load(tmp_path / "out.chainwire").output is not None


def test_a_reader_that_leaves_early_is_a_broken_pipe_error(tmp_path):
    """Python's text layer drops what a short pipe write left over and exits 0: we write
    every byte, so the reader leaving is seen and said."""
    c = Circuit()
    c.add_node("input", "x", value=0.5, pos=(0, 0))
    prev = "x"
    for i in range(3000):
        c.add_node("scale", f"g{i}", param=0.5, pos=(0, 0))
        c.connect(prev, f"g{i}", 0)
        prev = f"g{i}"
    p = tmp_path / "long.chainwire"
    fileio.save(c, p)
    child = subprocess.Popen([sys.executable, "-m", "chainwire", "eval", str(p)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout.read(10)
    child.stdout.close()  # the reader leaves, `| head -c 10`
    err = child.stderr.read()
    assert child.wait(timeout=60) == 2
    assert err == (b"chainwire: error: standard output was closed before everything was "
                   b"printed (broken pipe)\n")


# ----- in-process: escaping and the stdin limit --------------------------------------------
EVIL = {"format": "chainwire", "version": 1, "nodes": [
    {"id": "a\nb", "type": "input", "label": "\x1b[2J\x1b]0;pwned\x07", "value": 1,
     "pos": [0, 0]},
    {"id": "s\ud800", "type": "input", "label": "\u202eevil", "value": 2, "pos": [0, 80]},
    {"id": "f\r", "type": "multiply", "pos": [160, 40]}],
    "wires": [{"from": "a\nb", "to": "f\r", "port": 0},
              {"from": "s\ud800", "to": "f\r", "port": 1}]}


def test_table_output_escapes_controls_and_keeps_one_line_per_row(tmp_path, capsys):
    p = tmp_path / "evil.chainwire"
    p.write_text(json.dumps(EVIL), encoding="ascii")
    assert cli.main(["eval", str(p)]) == 0
    out = capsys.readouterr().out
    assert out.isprintable() or set(out) - set(filter(str.isprintable, out)) == {"\n"}
    lines = out.splitlines()
    assert lines[1].split()[:4] == ["a\\nb", "(\\x1b[2J\\x1b]0;pwned\\x07)", "f\\r/0", "1.00"]
    assert lines[2].split()[:4] == ["s\\ud800", "(\\u202eevil)", "f\\r/1", "2.00"]
    assert len(lines) == 9  # 3 table rows, a blank, 3 input rows, a blank, f = ...
    assert cli.main(["eval", str(p), "--json"]) == 0  # JSON escapes by itself
    assert set(json.loads(capsys.readouterr().out)["nodes"]) == {"a\nb", "s\ud800", "f\r"}


def test_error_lines_escape_what_they_quote(capsys):
    assert cli.main(["eval", "x\x1b[31m\nred"]) == 2
    err = capsys.readouterr().err
    assert err == "chainwire: error: cannot read x\\x1b[31m red: No such file or directory\n"


class Endless(io.RawIOBase):
    """A standard input that never ends (``eval - < /dev/zero``), counting what is read."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        b[:] = b"0" * len(b)
        self.given += len(b)
        return len(b)


def test_stdin_is_read_up_to_the_file_limit_and_no_further(monkeypatch, capsys):
    monkeypatch.setattr(fileio.spec, "MAX_BYTES", 10_000)
    raw = Endless()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(raw)))
    assert cli.main(["eval", "-"]) == 2
    err = capsys.readouterr().err
    assert "standard input is too large: more than 10,000 bytes" in err
    assert raw.given <= 10_001 + io.DEFAULT_BUFFER_SIZE
    monkeypatch.setattr(sys, "stdin", None)  # closed: `eval - <&-`
    assert cli.main(["eval", "-"]) == 2
    assert "standard input is closed" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_new_to_stdout_under_any_locale_writes_a_utf8_file_eval_reads(tmp_path, encoding):
    env = {**os.environ, "PYTHONIOENCODING": encoding, "LC_ALL": "C"}
    made = subprocess.run([sys.executable, "-m", "chainwire", "new", "--expr", "ℌ * σx",
                           "-o", "-"], capture_output=True, env=env, timeout=60)
    assert made.returncode == 0, made.stderr
    back = subprocess.run([sys.executable, "-m", "chainwire", "eval", "-", "--json"],
                          input=made.stdout, capture_output=True, env=env, timeout=60)
    assert back.returncode == 0, back.stderr
    assert set(json.loads(back.stdout)["nodes"]) >= {"ℌ", "σx"}
