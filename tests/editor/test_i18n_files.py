"""Broken files opened in the real Korean editor: the message box says why in Korean.

Every hostile or broken file of the engine's tests (tests/graph/test_fileio_refused.py,
test_hardening_*.py) is written to disk and opened through File → Open's path
(``open_path``); the critical message box must hold no Latin word beyond what the file
itself spells (quoted ids and keys, ``nodes[3]``, gate type names), JSON's own words and
names. ``str`` of the same error (what ``chainwire eval`` prints) stays English.
"""

from __future__ import annotations

import copy
import json
import os
import re

import pytest

from chainwire.graph import fileio
from chainwire.graph.errors import FileFormatError
from chainwire.graph.gates import GATES
from tests.graph.fileio_cases import doc, example
from tests.graph.test_hardening_arrays_groups import (
    GROUP_ATTACKS,
    file_with,
    nested,
    sigmoid_entry,
)
from tests.graph.test_hardening_values_exprs import VALUE_ATTACKS

from .test_i18n import english_words, korean, korean_window  # noqa: F401 (fixtures)

# what a file spells, or JSON's and the format's own words: names, not English
NAMES = set(GATES) | {"null", "true", "false", "nan", "infinity", "utf", "mib", "fifo", "id",
                      "pos", "nodes", "wires", "annotations", "font_size", "view", "group",
                      "ports", "output", "name", "symbol", "value", "param", "label",
                      "type", "text", "title", "notes", "format", "version", "from", "to",
                      "port"}
QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
JSON_PATH = re.compile(r"\b[a-z_]+\[\d+\]")  # nodes[3], wires[0]
NUMBER = re.compile(r"\b0x[0-9a-f]+|\b\d[\d.]*e[+-]?\d+")  # 0xe9, 1e999
# the known list of gate types ("input, add, multiply, …"): names
GATE_LIST = re.compile(", ".join(GATES))


def latin_words(text: str) -> list[str]:
    """``english_words`` of ``text`` once the file's own spellings are taken out."""
    text = GATE_LIST.sub(" ", QUOTED.sub(" ", JSON_PATH.sub(" ", NUMBER.sub(" ", text))))
    return [w for w in english_words(text) if w.lower() not in NAMES]


JSON_REFUSES = ("[1e999]", "[" + "9" * 5000 + "]")  # values the JSON reader refuses first


def _node(node: dict) -> dict:
    return doc(nodes=[node], wires=[])


def _group(change) -> dict:
    entry = sigmoid_entry()
    change(entry)
    return file_with(entry)


def _value(text: str) -> str:
    return json.dumps(file_with(sigmoid_entry())).replace('"value": 0.5', f'"value": {text}', 1)


def broken_files() -> dict[str, str | bytes | dict]:
    """Name → the file (a dict is written as JSON)."""
    good = fileio.dumps(example())
    nodes = [{"id": "x", "type": "input", "value": 1, "pos": [0, 0]},
             {"id": "a", "type": "add", "pos": [9, 0]}, {"id": "s", "type": "square",
                                                         "pos": [9, 9]}]
    cases: dict[str, str | bytes | dict] = {
        "empty": b"", "cut": good[: len(good) // 2], "json": '{"format": 1,,}',
        "not utf-8": b'{"format": "chainwire",\n "x": "caf\xe9"}',
        "utf-16": "{}".encode("utf-16"), "top list": "[1, 2]",
        "no format": {"version": 1, "nodes": []},
        "other format": {"format": "drawio", "version": 1, "nodes": []},
        "no version": {"format": "chainwire", "nodes": []},
        "newer": {"format": "chainwire", "version": 3, "nodes": []},
        "no nodes": {"format": "chainwire", "version": 1},
        "nodes object": doc(nodes={"x": {}}),
        "node number": doc(nodes=[nodes[0], 7], wires=[]),
        "wires object": doc(wires={}), "wire list": doc(wires=[[]]),
        "no id": _node({"type": "add", "pos": [0, 0]}),
        "empty id": _node({"id": "", "type": "add", "pos": [0, 0]}),
        "no type": _node({"id": "g", "pos": [0, 0]}),
        "type number": _node({"id": "g", "type": 5, "pos": [0, 0]}),
        "unknown type": _node({"id": "t", "type": "softmax", "pos": [0, 0]}),
        "label number": _node({"id": "g", "type": "add", "label": 5, "pos": [0, 0]}),
        "no pos": _node({"id": "g", "type": "add"}),
        "pos list of 3": _node({"id": "g", "type": "add", "pos": [1, 2, 3]}),
        "pos y text": _node({"id": "g", "type": "add", "pos": [1, "2"]}),
        "pos x huge": _node({"id": "g", "type": "add", "pos": [10**400, 0]}),
        "no value": _node({"id": "x", "type": "input", "pos": [0, 0]}),
        "value null": _node({"id": "x", "type": "input", "value": None, "pos": [0, 0]}),
        "value on add": _node({"id": "g", "type": "add", "value": 2.0, "pos": [0, 0]}),
        "param on exp": _node({"id": "g", "type": "exp", "param": 2.0, "pos": [0, 0]}),
        "param text": _node({"id": "g", "type": "scale", "param": "2", "pos": [0, 0]}),
        "duplicate id": doc(nodes=[nodes[0], dict(nodes[0])], wires=[]),
        "duplicate key": '{"format": "chainwire", "version": 1, "version": 1, "nodes": []}',
        "NaN": '{"format": "chainwire", "version": 1, "nodes": [], "x": NaN}',
        "1e999": '{"format": "chainwire", "version": 1, "nodes": [], "x": 1e999}',
        "dangling wire": doc(wires=[{"from": "ghost", "to": "q", "port": 0}]),
        "wire no port": doc(wires=[{"from": "x", "to": "q"}]),
        "wire port text": doc(wires=[{"from": "x", "to": "q", "port": "0"}]),
        "wire into input": doc(nodes=nodes, wires=[{"from": "a", "to": "x", "port": 0}]),
        "one-port gate": doc(nodes=nodes, wires=[{"from": "x", "to": "s", "port": 1}]),
        "port too high": doc(nodes=nodes, wires=[{"from": "x", "to": "a", "port": 999}]),
        "port taken": doc(nodes=nodes, wires=[{"from": "x", "to": "a", "port": 0},
                                              {"from": "x", "to": "a", "port": 0}]),
        "loop": doc(nodes=nodes, wires=[{"from": "a", "to": "s", "port": 0},
                                        {"from": "s", "to": "a", "port": 0}]),
        "output ghost": doc(output="zz"), "output number": doc(output=3),
        "title number": doc(title=5), "view list": doc(view=[1]),
        "annotations object": doc(annotations={}),
        "annotation text": doc(annotations=[{"pos": [0, 0]}]),
        "annotation size": doc(annotations=[{"text": "a", "pos": [0, 0], "font_size": -1}]),
        "too deep": '{"format": "chainwire", "version": 1, "nodes": [], "x": '
                    + "[" * 70 + "]" * 70 + "}",
        "huge integer": '{"format": "chainwire", "version": 1, "nodes": [], "x": '
                        + "9" * 5000 + "}",
        "group on add": file_with(sigmoid_entry(), node_type="add"),
        "group missing": file_with(None),
        "group null": {**file_with(None), "nodes": [
            {"id": "x", "type": "input", "value": 0.5, "pos": [0, 0]},
            {"id": "g", "type": "group", "pos": [0, 0], "group": None}]},
        "nine deep": file_with(nested(8)),
    }
    for text in JSON_REFUSES:
        cases[f"value {text[:12]}"] = _value(text)
    for text, name in VALUE_ATTACKS:  # value_text's refusals, inside a group's part
        if text not in JSON_REFUSES:
            cases[f"value: {name} ({text[:12]})"] = _value(text)
    far = copy.deepcopy(doc())
    far["nodes"][1]["pos"] = [1e300, 0]
    cases["too far to draw"] = far  # extent.too_far, after the file is read
    for version in (0, "2", 2.5, None):
        cases[f"version {version!r}"] = file_with(sigmoid_entry(), version=version)
    for change, needle in GROUP_ATTACKS:
        cases[f"group: {needle}"] = _group(change)
    return cases


def _write(path, data) -> None:
    if isinstance(data, dict):
        data = json.dumps(data)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def _refused_in(win, no_dialogs, folder, files: dict) -> dict[str, str]:
    """Open each file in ``win``; the message boxes that still hold English, by name."""
    english: dict[str, str] = {}
    for i, (name, data) in enumerate(files.items()):
        path = folder / f"bad{i}.chainwire"
        _write(path, data)
        no_dialogs.clear()
        assert not win.open_path(str(path), ask=False), name
        assert [k for k, _t in no_dialogs] == ["critical"], (name, no_dialogs)
        shown = no_dialogs[0][1].replace(str(path), "").replace(path.name, "")
        assert "“”" in shown and "열려 있던 회로는 그대로입니다" in shown, shown  # the frame
        if latin_words(shown):
            english[name] = shown.split("\n\n")[1] + f"  {latin_words(shown)}"
    return english


def test_every_broken_file_is_refused_in_korean(request, no_dialogs, tmp_path):
    win = request.getfixturevalue("korean_window")  # test_i18n's: the Korean editor
    english = _refused_in(win, no_dialogs, tmp_path, broken_files())
    assert not english, "\n".join(f"{k}: {v}" for k, v in english.items())
    assert win.doc.circuit.node_ids()  # the neuron, still open


@pytest.mark.usefixtures("korean")
def test_the_command_line_keeps_the_english():
    """The same refusal, ``str`` of it: what ``chainwire eval`` prints, unchanged."""
    with pytest.raises(FileFormatError) as caught:
        fileio.loads(json.dumps(_node({"id": "g", "type": "add", "pos": [1, "2"]})),
                     "bad.chainwire")
    assert str(caught.value) == ("bad.chainwire: node 'g' (nodes[0]): \"pos\" y must be a "
                                 "number, not the text '2'")


def _os_refusals(folder) -> dict[str, str]:
    """Paths the system or the reader refuses (OSError): a folder, a named pipe, a file
    that is not there, a save into a folder that is not there."""

    (folder / "dir.chainwire").mkdir()
    paths = {"folder": folder / "dir.chainwire", "missing": folder / "gone.chainwire"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.chainwire")
        paths["fifo"] = folder / "pipe.chainwire"
    return {name: str(p) for name, p in paths.items()}


@pytest.mark.usefixtures("korean")
def test_files_the_system_refuses_are_said_in_korean(tmp_path):
    from chainwire.editor import i18n

    said = {}
    for name, path in _os_refusals(tmp_path).items():
        with pytest.raises(OSError) as caught:
            fileio.load(path)
        said[name] = (caught.value.strerror, i18n.error_text(caught.value))
    assert said["folder"] == ("it is a folder, not a file", "파일이 아니라 폴더입니다")
    assert said["missing"] == ("No such file or directory", "파일이나 폴더가 없습니다")
    if "fifo" in said:
        assert said["fifo"] == ("it is a named pipe (FIFO), not a regular file",
                                "일반 파일이 아니라 이름 있는 파이프(FIFO)입니다")
    target = tmp_path / "no" / "such" / "x.chainwire"
    with pytest.raises(OSError) as caught:
        fileio.save(example(), target)
    assert str(caught.value) == (f"cannot save {target}: the folder {target.parent} does "
                                 "not exist")
    assert i18n.error_text(caught.value) == (f"{target}을(를) 저장할 수 없습니다: 폴더 "
                                             f"{target.parent}이(가) 없습니다")


def test_files_the_system_refuses_are_said_in_korean_in_the_message_box(request, no_dialogs,
                                                                          tmp_path):
    win = request.getfixturevalue("korean_window")
    english = {}
    for name, path in _os_refusals(tmp_path).items():
        no_dialogs.clear()
        assert not win.open_path(path, ask=False)
        shown = no_dialogs[0][1].replace(path, "").replace(os.path.basename(path), "")
        if latin_words(shown):
            english[name] = shown
    assert not english, english
