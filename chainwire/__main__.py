"""``python -m chainwire``: the same command line as the ``chainwire`` script."""

from chainwire.entry import main

raise SystemExit(main())
