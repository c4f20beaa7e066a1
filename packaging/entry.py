"""Entry point for the desktop bundle: the same command line as the ``chainwire`` script."""

import sys

from chainwire.entry import main

if __name__ == "__main__":
    sys.exit(main())
