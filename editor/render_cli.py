"""``chainwire render FILE -o OUT.{png,svg,pdf,json} [--theme NAME] [--step N] [--scale S]
[--size WxH]``.

Slide images without opening a window: the circuit is loaded into a Document and a
CircuitScene exactly as the editor does, the classroom overlay is set to the requested
step, and the scene is rendered with QPainter. With no display (a server, CI) Qt's
offscreen platform is used. Errors are one ``chainwire: error:`` line, exit status 2,
like the rest of the command line (DESIGN §4).

With ``--size WxH`` (and always for ``.json``) the picture is framed as presentation mode
frames it on a screen of that size (``camera``): the whole circuit when it reads from the
back row, else the step's gate. ``.json`` writes what would be drawn, in screen pixels
(``drawn``): gates, wires, numbers, callouts and the viewport.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

PROG = "chainwire render"
EXIT_OK, EXIT_ERROR = 0, 2
THEMES = ("light", "dark", "projector")  # editor.theme.THEME_NAMES, without importing Qt
MAX_NODES = 3_000
"""Larger circuits are refused before drawing: the scene takes ~15 KB a gate and an SVG
~6 KB more (a 20,000-gate chain needed 1.2 GB and 37 s); a slide shows far fewer."""


class _Error(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Error(f"{message} (see '{self.prog} --help')")


def _parser() -> _Parser:
    p = _Parser(prog=PROG, description="Render a circuit, with its values and gradients, "
                "to a PNG, SVG or PDF image (for slides), or its geometry as JSON.")
    p.add_argument("file", metavar="FILE", help="a .chainwire file")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="the image to write: .png, .svg or .pdf; or .json: the drawn "
                   "geometry in screen pixels (gates, wires, labels, callouts, viewport); "
                   "or .tex: a standalone TikZ picture for LaTeX (--step, --decimals and "
                   "--colorblind apply)")
    p.add_argument("--theme", choices=THEMES, default="light", help="colour theme "
                   "(default: light, the notes' look)")
    p.add_argument("--step", type=int, metavar="N", help="show step N of the step-through: "
                   "0 is the start, then one per gate forward, then one per gate backward; "
                   "-1 is the last")
    p.add_argument("--scale", type=float, default=2.0, metavar="S",
                   help="PNG pixels per canvas unit (default 2)")
    p.add_argument("--colorblind", action="store_true", help="colour-blind-safe colours")
    p.add_argument("--decimals", type=int, default=2, metavar="D",
                   help="decimals on the wires (0-6, default 2)")
    p.add_argument("--size", type=_size, metavar="WxH", help="frame the picture as "
                   "presentation mode does on a screen of W×H pixels (default for .json: "
                   "1920x1080)")
    return p


def _size(text: str) -> tuple[int, int]:
    w, sep, h = text.lower().replace("×", "x").partition("x")
    try:
        size = (int(w), int(h))
    except ValueError:
        size = (0, 0)
    if not sep or not (100 <= size[0] <= 16384 and 100 <= size[1] <= 16384):
        raise argparse.ArgumentTypeError(f"--size wants WIDTHxHEIGHT in pixels (100 to "
                                         f"16384 each), like 1920x1080, not '{text}'")
    return size


def _ensure_app():
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([PROG])


def render(args: argparse.Namespace) -> str:
    """Render as ``args`` say; returns the path written. Raises _Error on user errors."""
    from chainwire.graph import fileio
    from chainwire.graph.errors import ChainwireError

    ext = os.path.splitext(args.output)[1].lower()
    if ext == ".tex":  # a TikZ picture for LaTeX: drawn by graph.tikz, no Qt needed
        return _render_tex(args)
    if ext not in (".png", ".svg", ".pdf", ".json"):
        raise _Error(f"cannot tell the image format from '{args.output}': use .png, .svg, "
                     ".pdf, .json or .tex")
    if not 0.05 <= args.scale <= 16:
        raise _Error(f"--scale must be between 0.05 and 16, not {args.scale:g}")
    if not 0 <= args.decimals <= 6:
        raise _Error(f"--decimals must be between 0 and 6, not {args.decimals}")
    try:
        circuit = fileio.load(args.file)
    except ChainwireError as e:
        raise _Error(str(e)) from None
    except OSError as e:
        raise _Error(f"cannot read '{args.file}': {e.strerror or e}") from None
    _check_drawable(args, circuit)
    try:
        return _draw(args, circuit, ext)
    except (OverflowError, MemoryError) as e:  # a safety net: never an internal error
        raise _Error(f"{args.file}: the circuit is too large to draw ({type(e).__name__})"
                     ) from None


def _render_tex(args: argparse.Namespace) -> str:
    from chainwire.graph.errors import ChainwireError
    from chainwire.graph.tikz import render_tex

    try:
        return render_tex(args.file, args.output, step=args.step, decimals=args.decimals,
                          colorblind=args.colorblind)
    except (ChainwireError, ValueError) as e:
        raise _Error(str(e)) from None
    except OSError as e:
        raise _Error(f"cannot read or write '{e.filename or args.file}': "
                     f"{e.strerror or e}") from None


def _check_drawable(args: argparse.Namespace, circuit) -> None:
    """Refuse, before any drawing, what cannot be drawn or written (issue 11): positions
    whose arithmetic overflows, and an output that is not a regular file (a FIFO would
    block the writer forever)."""
    from chainwire.graph.extent import too_far
    from chainwire.graph.fileio.targets import save_target

    problem = too_far(circuit)
    if problem:
        raise _Error(f"{args.file}: {problem}")
    if len(circuit) > MAX_NODES:
        raise _Error(f"{args.file}: {len(circuit):,} nodes are more than render draws (at "
                     f"most {MAX_NODES:,}: a picture that large needs gigabytes of memory)")
    if os.path.splitext(args.output)[1].lower() == ".png" and args.size is None and len(circuit):
        xs, ys = zip(*(d.pos for d in circuit.nodes()), strict=True)
        # a lower bound of the picture: the nodes' own span, before any label or margin
        _check_pixels(args, max(1, round((max(xs) - min(xs)) * args.scale)),
                      max(1, round((max(ys) - min(ys)) * args.scale)), "at least ")
    try:
        save_target(args.output)
    except OSError as e:
        raise _Error(f"cannot write {args.output}: {e.strerror or e}") from None


def _check_pixels(args: argparse.Namespace, width: int, height: int, least: str = "") -> None:
    from PySide6.QtCore import QSize

    from chainwire.editor.export import MAX_PIXELS, MAX_SIDE, fits  # File → Export's cap

    if not fits(QSize(width, height)):
        raise _Error(f"the image would be {least}{width:,} × {height:,} pixels, more than this "
                     f"renders (at most {MAX_PIXELS:,} pixels and {MAX_SIDE:,} on a side): "
                     "use a smaller --scale, or .svg or .pdf")


def _draw(args: argparse.Namespace, circuit, ext: str) -> str:
    """Build the scene as the editor does and write the picture."""
    app = _ensure_app()  # noqa: F841 - must outlive the scene
    from chainwire.editor import export
    from chainwire.editor.document import Document
    from chainwire.editor.overlay import ClassroomOverlay
    from chainwire.editor.scene import CircuitScene
    from chainwire.editor.theme import THEMES as QT_THEMES

    doc = Document(circuit)
    scene = CircuitScene(doc)
    scene.style.theme = QT_THEMES[args.theme]
    scene.style.colorblind = args.colorblind
    scene.style.decimals = args.decimals
    scene.show_grid = False
    scene.restyle()
    overlay = ClassroomOverlay(scene)
    if args.step is not None:
        n = len(overlay.seq)
        step = args.step + n if args.step < 0 else args.step
        if not 0 <= step < n:
            raise _Error(f"--step {args.step} is out of range: this circuit has steps 0 to "
                         f"{n - 1}")
    shot = _frame(args, scene, overlay, step if args.step is not None else None)
    if ext == ".png" and shot is None:
        size = export.image_size(scene, args.scale)
        _check_pixels(args, size.width(), size.height())
    try:
        if ext == ".json":
            _write_json(args, scene, overlay, shot)
        elif shot is not None:
            export.save_framed(scene, args.output, shot.rect, args.size)
        else:
            export.save(scene, args.output, args.scale)
    except (OSError, ValueError) as e:
        raise _Error(str(e)) from None
    return args.output


def _frame(args, scene, overlay, step: int | None):
    """Frame the picture as presentation mode would on a ``--size`` screen (the JSON's
    default screen is 1920×1080); None when no screen is asked for."""
    if args.size is None and not args.output.lower().endswith(".json"):
        if step is not None:
            overlay.go(step)
        return None
    from PySide6.QtCore import QSizeF

    from chainwire.editor import camera

    args.size = args.size or (1920, 1080)
    screen = QSizeF(*args.size)
    overlay.camera = lambda s, room: camera.shot_for(scene, s, screen, room=room)
    if step is not None:
        overlay.go(step)
        return overlay.shot
    return camera.shot_for(scene, None, screen)


def _write_json(args, scene, overlay, shot) -> None:
    import json

    from chainwire.editor import drawn
    from chainwire.graph.fileio.atomic import write_atomic

    data = drawn.collect(scene, overlay, shot, args.size)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    write_atomic(args.output, text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``chainwire render``; ``argv`` is what follows "render"."""
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
        render(args)
    except _Error as e:
        from chainwire.graph.cli import report_error  # escaped, one line, stderr may be gone

        return report_error(str(e))
    except SystemExit as e:  # --help
        return int(e.code or 0)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
