"""Scalar circuits give the very same bits as before arrays and the gate contract came.

The reference numbers were computed by the evaluator as it was before issue 9 (gates with
a scalar ``local``, a plan with a hand-inlined copy of each gate): every value, node
gradient and wire gradient of each shipped example, written as ``float.hex``, and a
SHA-256 of the same for 40 seeded random circuits with every scalar gate type, forks,
n-ary gates and IEEE corners (about a quarter of their numbers are inf or NaN).
Both passes of today's plan must reproduce them bit for bit.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from chainwire import resources
from chainwire.graph import fileio
from chainwire.graph.circuit import Circuit
from chainwire.graph.evaluate import Plan, evaluate

EXAMPLES = Path(resources.__file__).parent / "examples"

# example node value grad | example src>dst:port wire-grad   (float.hex, before issue 9)
REFERENCE = """
add-multiply f -0x1.8000000000000p+3 0x1.0000000000000p+0
add-multiply q 0x1.8000000000000p+1 -0x1.0000000000000p+2
add-multiply x -0x1.0000000000000p+1 -0x1.0000000000000p+2
add-multiply y 0x1.4000000000000p+2 -0x1.0000000000000p+2
add-multiply z -0x1.0000000000000p+2 0x1.8000000000000p+1
add-multiply q>f:0 -0x1.0000000000000p+2
add-multiply x>q:0 -0x1.0000000000000p+2
add-multiply y>q:1 -0x1.0000000000000p+2
add-multiply z>f:1 0x1.8000000000000p+1
neuron dot 0x1.0000000000000p+0 0x1.92a946fa34394p-3
neuron f 0x1.764d4f5d5a2bdp-1 0x1.0000000000000p+0
neuron w0 0x1.0000000000000p+1 -0x1.92a946fa34394p-3
neuron w0x0 -0x1.0000000000000p+1 0x1.92a946fa34394p-3
neuron w1 -0x1.8000000000000p+1 -0x1.92a946fa34394p-2
neuron w1x1 0x1.8000000000000p+2 0x1.92a946fa34394p-3
neuron w2 -0x1.8000000000000p+1 0x1.92a946fa34394p-3
neuron x0 -0x1.0000000000000p+0 0x1.92a946fa34394p-2
neuron x1 -0x1.0000000000000p+1 -0x1.2dfef53ba72afp-1
neuron dot>f:0 0x1.92a946fa34394p-3
neuron w0>w0x0:0 -0x1.92a946fa34394p-3
neuron w0x0>dot:0 0x1.92a946fa34394p-3
neuron w1>w1x1:0 -0x1.92a946fa34394p-2
neuron w1x1>dot:1 0x1.92a946fa34394p-3
neuron w2>dot:2 0x1.92a946fa34394p-3
neuron x0>w0x0:1 0x1.92a946fa34394p-2
neuron x1>w1x1:1 -0x1.2dfef53ba72afp-1
neuron-expanded den 0x1.5e2d58d8b3bcep+0 -0x1.11a2fd9ecd1d8p-1
neuron-expanded dot 0x1.0000000000000p+0 0x1.92a946fa34395p-3
neuron-expanded e 0x1.78b56362cef38p-2 -0x1.11a2fd9ecd1d8p-1
neuron-expanded f 0x1.764d4f5d5a2bdp-1 0x1.0000000000000p+0
neuron-expanded neg -0x1.0000000000000p+0 -0x1.92a946fa34395p-3
neuron-expanded w0 0x1.0000000000000p+1 -0x1.92a946fa34395p-3
neuron-expanded w0x0 -0x1.0000000000000p+1 0x1.92a946fa34395p-3
neuron-expanded w1 -0x1.8000000000000p+1 -0x1.92a946fa34395p-2
neuron-expanded w1x1 0x1.8000000000000p+2 0x1.92a946fa34395p-3
neuron-expanded w2 -0x1.8000000000000p+1 0x1.92a946fa34395p-3
neuron-expanded x0 -0x1.0000000000000p+0 0x1.92a946fa34395p-2
neuron-expanded x1 -0x1.0000000000000p+1 -0x1.2dfef53ba72b0p-1
neuron-expanded den>f:0 -0x1.11a2fd9ecd1d8p-1
neuron-expanded dot>neg:0 0x1.92a946fa34395p-3
neuron-expanded e>den:0 -0x1.11a2fd9ecd1d8p-1
neuron-expanded neg>e:0 -0x1.92a946fa34395p-3
neuron-expanded w0>w0x0:0 -0x1.92a946fa34395p-3
neuron-expanded w0x0>dot:0 0x1.92a946fa34395p-3
neuron-expanded w1>w1x1:0 -0x1.92a946fa34395p-2
neuron-expanded w1x1>dot:1 0x1.92a946fa34395p-3
neuron-expanded w2>dot:2 0x1.92a946fa34395p-3
neuron-expanded x0>w0x0:1 0x1.92a946fa34395p-2
neuron-expanded x1>w1x1:1 -0x1.2dfef53ba72b0p-1
pattern-add-distributes f -0x1.0000000000000p+3 0x1.0000000000000p+0
pattern-add-distributes s 0x1.0000000000000p+2 -0x1.0000000000000p+1
pattern-add-distributes w -0x1.0000000000000p+1 0x1.0000000000000p+2
pattern-add-distributes x 0x1.8000000000000p+1 -0x1.0000000000000p+1
pattern-add-distributes y -0x1.0000000000000p+0 -0x1.0000000000000p+1
pattern-add-distributes z 0x1.0000000000000p+1 -0x1.0000000000000p+1
pattern-add-distributes s>f:0 -0x1.0000000000000p+1
pattern-add-distributes w>f:1 0x1.0000000000000p+2
pattern-add-distributes x>s:0 -0x1.0000000000000p+1
pattern-add-distributes y>s:1 -0x1.0000000000000p+1
pattern-add-distributes z>s:2 -0x1.0000000000000p+1
pattern-fork-adds f 0x1.8000000000000p+2 0x1.0000000000000p+0
pattern-fork-adds x 0x1.8000000000000p+1 0x1.4000000000000p+2
pattern-fork-adds xx 0x1.2000000000000p+3 0x1.0000000000000p+0
pattern-fork-adds xy -0x1.8000000000000p+1 0x1.0000000000000p+0
pattern-fork-adds y -0x1.0000000000000p+0 0x1.8000000000000p+1
pattern-fork-adds x>xx:0 0x1.8000000000000p+1
pattern-fork-adds x>xx:1 0x1.8000000000000p+1
pattern-fork-adds x>xy:0 -0x1.0000000000000p+0
pattern-fork-adds xx>f:0 0x1.0000000000000p+0
pattern-fork-adds xy>f:1 0x1.0000000000000p+0
pattern-fork-adds y>xy:1 0x1.8000000000000p+1
pattern-max-routes f -0x1.4000000000000p+4 0x1.0000000000000p+0
pattern-max-routes m 0x1.0000000000000p+1 0x1.0000000000000p+1
pattern-max-routes s -0x1.4000000000000p+3 0x1.0000000000000p+1
pattern-max-routes w -0x1.0000000000000p+0 0x0.0p+0
pattern-max-routes x 0x1.8000000000000p+1 -0x1.0000000000000p+3
pattern-max-routes xy -0x1.8000000000000p+3 0x1.0000000000000p+1
pattern-max-routes y -0x1.0000000000000p+2 0x1.8000000000000p+2
pattern-max-routes z 0x1.0000000000000p+1 0x1.0000000000000p+1
pattern-max-routes m>s:1 0x1.0000000000000p+1
pattern-max-routes s>f:0 0x1.0000000000000p+1
pattern-max-routes w>m:1 0x0.0p+0
pattern-max-routes x>xy:0 -0x1.0000000000000p+3
pattern-max-routes xy>s:0 0x1.0000000000000p+1
pattern-max-routes y>xy:1 0x1.8000000000000p+2
pattern-max-routes z>m:0 0x1.0000000000000p+1
pattern-max-tie a 0x1.0000000000000p+1 0x1.0000000000000p-1
pattern-max-tie b 0x1.0000000000000p+1 0x1.0000000000000p-1
pattern-max-tie c -0x1.0000000000000p+0 0x0.0p+0
pattern-max-tie f 0x1.0000000000000p+1 0x1.0000000000000p+0
pattern-max-tie a>f:0 0x1.0000000000000p-1
pattern-max-tie b>f:1 0x1.0000000000000p-1
pattern-max-tie c>f:2 0x0.0p+0
pattern-multiply-swaps a 0x1.0000000000000p+1 -0x1.8000000000000p+3
pattern-multiply-swaps b -0x1.8000000000000p+1 0x1.0000000000000p+3
pattern-multiply-swaps c 0x1.0000000000000p+2 -0x1.8000000000000p+2
pattern-multiply-swaps f -0x1.8000000000000p+4 0x1.0000000000000p+0
pattern-multiply-swaps a>f:0 -0x1.8000000000000p+3
pattern-multiply-swaps b>f:1 0x1.0000000000000p+3
pattern-multiply-swaps c>f:2 -0x1.8000000000000p+2
staged den 0x1.f3dbe5e1b7d5ep+0 -0x1.954bbc7f87025p-1
staged f 0x1.8baf621477be4p+0 0x1.0000000000000p+0
staged invden 0x1.0637cc1530362p-1 0x1.824d5f43c8786p+1
staged num 0x1.824d5f43c8786p+1 0x1.0637cc1530362p-1
staged sigx 0x1.e7b7cbc36fabdp-1 -0x1.954bbc7f87025p-1
staged sigy 0x1.26afa1e43c2c2p-6 0x1.0637cc1530362p-1
staged x 0x1.8000000000000p+1 0x1.079ffba9e7eadp+1
staged xpy -0x1.0000000000000p+0 0x1.954bbc7f87025p+0
staged xpysqr 0x1.0000000000000p+0 -0x1.954bbc7f87025p-1
staged y -0x1.0000000000000p+2 0x1.979c90cb3e38fp+0
staged den>invden:0 -0x1.954bbc7f87025p-1
staged invden>f:1 0x1.824d5f43c8786p+1
staged num>f:0 0x1.0637cc1530362p-1
staged sigx>den:0 -0x1.954bbc7f87025p-1
staged sigy>num:1 0x1.0637cc1530362p-1
staged x>num:0 0x1.0637cc1530362p-1
staged x>sigx:0 -0x1.24f566c9e8f6cp-5
staged x>xpy:0 0x1.954bbc7f87025p+0
staged xpy>xpysqr:0 0x1.954bbc7f87025p+0
staged xpysqr>den:1 -0x1.954bbc7f87025p-1
staged y>sigy:0 0x1.286a25db9b523p-7
staged y>xpy:1 0x1.954bbc7f87025p+0
"""

RANDOM_DIGESTS = {
    0: "28fa6c56813ed6bd3ba48b824e3a95531bb6330e7a9306254487cc160b5d454f",
    1: "8d2a17812063deedded6335192babea7b5838a69ee2c750bd8bd072606ca0621",
    2: "b3f7104da1876d31ea955e3bf09919ff61914d2d7e7c5abe0dd03ca2740992eb",
    3: "8a7d3a3e0cc034c908ae1e92946c3e8aa37ea6b17171f3907588a8cff4f2cbf1",
    4: "407386badf4e263eb894e0fa2ba59b4bfb4df3d682225d979300446a62f01743",
    5: "ee335b90e0fe9f3fd2f6ae4212f8e842b22be2dc20293b6b8506a69114f9361b",
    6: "c4d7bf0ca4f73ef6d3855515185451aa1ad9b785879d9157ebe3b2a1ccdbec9e",
    7: "852852b85ebe309825bb7ea3c08daa465bb6fedbcf08ae9ae5e8e0bb3f47f3e1",
    8: "04f033b238b31f45c476bf0d4b9c3e39c4c43a902066f30f0096143badd10a7d",
    9: "77516a1754048b6ba565f18214472ed22708f03324b6f4ad6784343c10fdfb73",
    10: "d23f54217898857d712ebc3e11a5d880d8e845a01119ad92038be60c8acb8a09",
    11: "935d97d8265933fbb049463ff643fe7f139da69127cefd7352150278ff7e5482",
    12: "efa30f9ba6c6fe06f1b281b9ab66bd774fc5cbcc7b4ac5ed7c35e964c7644a47",
    13: "663eb07588216d73580b3470d1ba2d90b38e75b736cd26f2772bd093c965ea50",
    14: "e4365f15836265998ca7eb4ab28ff0634a65208e1d7636b697c86f42922556d4",
    15: "5cc3e61878b018b9f6dd784c175f2103f32492974262520fb2e12e7a97ab65e6",
    16: "86064e25f98e0cfaaa1ed475d57c6b77b6eae10899030663b7254787ed5d842f",
    17: "f385d89d04705ad4046695c8648e39640d84ef4531170f775c58269a0bae8dc9",
    18: "cba869c795fcd2f9bb37d4e1dce834cadd226ebeeb013985f834dd82f36042f8",
    19: "3cb7d99c77a0cf77f9e978232b97499c7ba306035d4b21a1c4b831af2a1087ba",
    20: "da7586340c033659128a78fb6cc936d367b6a155ec004b874d96b39f4e38b132",
    21: "7415db9db35d9b0adb6e1ff6a62e60863b59c0f36132132c45c48bf6e8d788e2",
    22: "393523c32133b47e1622c11819a05c88bf61ca591f0bcbd73e51294d192bdd87",
    23: "03707c0c683ae87f8069ae5e7f812f9276249b18494e0b73668fd1b2cdcfd5d3",
    24: "dddb77a82104925ba0d18a714335321e53c1f1e8bdf01b356438500d49587008",
    25: "8cca9b8fcd8650ba8e56c1c0ebde54c9e0966f6dd27cf3b7aa6629c3c72a8020",
    26: "fc75975b82017f4b3c240216ac3af3fd8776191a4c47f1ec1b848b1fb986b906",
    27: "15101d86475d4dd174f9b49660c7df9ebe55f4b8a051dea36817cad1227eed9b",
    28: "dc936331bb5bdde3ec3899d8907fbd61b77f5d3bc5f7c86c5a831536733528d7",
    29: "18dbc5244b17878412c9e8ff35a4e65471078550b8f18df8e888d46a7c3ace89",
    30: "51ee6829c59ecafa2f50bb722223523673b363fb59cc09b9095a42c77de1ecb5",
    31: "d17dd1663447072a2193c6b3fdbe03da0c2ecd0f2d3a5ab0afb78356fe8c66b0",
    32: "2cc8ae1c43511d2f54d342653017bb28f04b2a2cc9a818756e541fa40a3ab372",
    33: "b3bf9829807ea103cba3d1110d5f5f3c3612034c91d1f57ebf73ba8e9e19d20f",
    34: "45e3fbaae887eb8e1c05c5a154ff37028ba902980a49748f1901c700e0be0260",
    35: "fd1239cf5ede9898acc411fc22be20135d697bcbf57a55be3699086ba78d7832",
    36: "3e525d6e7adfcd85fec9e2edd2ad82d2b34fc3e341cf59424d7614959c8d601d",
    37: "b2adb102ab3560560ec8ac5373794ffdbae53c1da6183cc9becf261533a64607",
    38: "abbca416cfcbdf0596cb8ee7fdea1aca34ba9c995bf691080dff78ef0d9e40df",
    39: "da535c196679fbaafaea5c5346a4ea9151a0226aa05d4a3c7bf081b3cf6f8993",
}

TYPES = ["add", "multiply", "max", "sigmoid", "exp", "reciprocal", "square", "scale", "offset"]


def random_circuit(seed: int, n_gates: int = 60) -> Circuit:
    """The generator the reference digests were made with (do not change it)."""
    rng = random.Random(seed)
    c = Circuit()
    nodes = []
    for i in range(6):
        v = rng.choice([rng.uniform(-2, 2)] * 6 + [0.0, -0.0, 750.0, 1e-300])
        nodes.append(c.add_node("input", f"x{i}", value=v))
    for i in range(n_gates):
        t = rng.choice(TYPES)
        param = rng.choice([rng.uniform(-2, 2), -1.0, 0.0]) if t in ("scale", "offset") else None
        nid = c.add_node(t, f"g{i}", param=param)
        k = 1 if t not in ("add", "multiply", "max") else rng.choice((2, 2, 3, 4))
        for port in range(k):
            c.connect(rng.choice(nodes[-12:]), nid, port)
        nodes.append(nid)
    c.set_output(nodes[-1])
    return c


def digest(ev) -> str:
    def h(v):
        return "-" if v is None else float(v).hex()
    parts = [f"{n} {h(ev.raw_value(n))} {h(ev.raw_grad(n))}" for n in ev.order]
    parts += [f"{w.src}>{w.dst}:{w.port} {h(ev.raw_wire_grad(w))}" for w in ev.wires]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def both_passes(c: Circuit) -> list:
    plan = Plan(c)
    fast = plan.run(*plan.gather(c))
    assert plan.scalar_ready  # the scalar fast pass really ran
    return [fast, plan.run_general(*plan.gather(c))]


def reference() -> dict[str, tuple[dict, dict]]:
    table: dict[str, tuple[dict, dict]] = {}
    for row in REFERENCE.split("\n"):
        if not row:
            continue
        name, key, *nums = row.split()
        nodes, wires = table.setdefault(name, ({}, {}))
        if len(nums) == 2:
            nodes[key] = tuple(float.fromhex(x) for x in nums)
        else:
            wires[key] = float.fromhex(nums[0])
    return table


@pytest.mark.parametrize(("name", "expected"), sorted(reference().items()))
def test_every_shipped_example_gives_the_same_bits(name, expected):
    c = fileio.load(EXAMPLES / f"{name}.chainwire")
    nodes, wires = expected
    for ev in both_passes(c):
        assert not ev.output_summed and not ev.has_arrays
        got_nodes = {n: (ev.raw_value(n), ev.raw_grad(n)) for n in ev.order}
        got_wires = {f"{w.src}>{w.dst}:{w.port}": ev.raw_wire_grad(w) for w in ev.wires}
        assert {k: tuple(map(float.hex, v)) for k, v in got_nodes.items()} == \
            {k: tuple(map(float.hex, v)) for k, v in nodes.items()}
        assert {k: float.hex(v) for k, v in got_wires.items()} == \
            {k: float.hex(v) for k, v in wires.items()}
        assert all(type(v) is float for pair in got_nodes.values() for v in pair)


@pytest.mark.parametrize("seed", sorted(RANDOM_DIGESTS))
def test_random_scalar_circuits_give_the_same_bits(seed):
    c = random_circuit(seed)
    for ev in both_passes(c):
        assert digest(ev) == RANDOM_DIGESTS[seed]
    assert digest(evaluate(c)) == RANDOM_DIGESTS[seed]
