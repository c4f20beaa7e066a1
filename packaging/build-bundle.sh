#!/usr/bin/env bash
# Build a one-folder desktop bundle in packaging/dist/chainwire (about 160 MB, ~20 s).
# Needs: pip install pyinstaller (not a runtime dependency).
set -euo pipefail
cd "$(dirname "$0")"
python -m PyInstaller --noconfirm --clean chainwire.spec
echo "bundle: $(pwd)/dist/chainwire/chainwire"
