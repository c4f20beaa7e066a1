"""``python -m graph``: the ``chainwire`` command line."""

from graph.cli import main

raise SystemExit(main())
