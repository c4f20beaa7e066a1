"""The numbers a backward step's callouts show, put on the wires they come from.

A callout "w0 · g = 2.00 × 0.1966 = 0.3932" shows more digits than the wires' labels
("0.20", "0.39") so that its arithmetic checks; a student then looks for 0.1966 and
0.3932 on the wires. So while that step is shown, the wires it refers to show the same
numbers: each input wire's gradient (the result), the gate's outgoing gradient (the
upstream factor, when one wire carries it) and, for a two-input multiply, the other
input's value (the local factor). A number that grows past its room finds another spot
on its wire (``LabelPresenter``), clear of every other number.
"""

from __future__ import annotations

from chainwire.graph.circuit import Circuit
from chainwire.graph.steps import Step

LabelKey = tuple  # (wire key, is_grad): a Wire or None (the output stub), and which number
MAX_EXTRA = 4  # digits past the chosen decimals a wire label may take from a callout


def parse(text: str) -> tuple[str, str, str] | None:
    """``(local, upstream, result)`` as a callout shows them; None if it reads otherwise.

    >>> parse("w0 · g = 2.00 × 0.1966 = 0.3932")
    ('2.00', '0.1966', '0.3932')
    >>> parse("σ(1−σ) · g = 0.20 × 1.00 = 0.20"), parse("hello") is None
    (('0.20', '1.00', '0.20'), True)
    """
    _, sep, arith = text.rpartition(" · g = ")
    if not sep:
        return None
    head, sep, result = arith.rpartition(" = ")
    if not sep:
        head, sep, result = arith.rpartition(" ≈ ")
    a, sep2, b = head.partition(" × ")
    if not (sep and sep2):
        return None
    return a, b, result


def step_texts(circuit: Circuit, step: Step | None, decimals: int = 2) -> dict[LabelKey, str]:
    """The label texts ``step``'s callouts ask for, by (wire key, is_grad). A number with
    more than MAX_EXTRA digits past ``decimals`` stays in its callout only: on a wire it
    would crowd out its neighbours."""
    out: dict[LabelKey, str] = {}

    def put(key: LabelKey, text: str) -> None:
        _, dot, frac = text.partition(".")
        if "e" not in text and len(frac) <= decimals + MAX_EXTRA:
            out[key] = text

    if step is None or step.phase != "backward" or not step.callouts:
        return out
    gate = step.node
    outs = circuit.wires_out_of(gate)
    ins = circuit.wires_into(gate)
    for co in step.callouts:
        shown = parse(co.text)
        if shown is None:
            continue
        local, upstream, result = shown
        put((co.wire, True), result)
        if len(outs) == 1:
            put((outs[0], True), upstream)
        elif not outs and circuit.resolved_output()[0] == gate:
            put((None, True), upstream)
        if circuit.type_of(gate) == "multiply" and len(ins) == 2:
            other = ins[1] if ins[0] == co.wire else ins[0]
            if other != co.wire:
                put((other, False), local)
    return out
