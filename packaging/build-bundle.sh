#!/usr/bin/env bash
# Build the one-folder desktop bundle packaging/dist/chainwire/ from this checkout.
#
# PyInstaller cannot follow an editable install (pyproject maps graph/ and editor/ under
# chainwire.*), so the app is installed normally into a build venv of its own,
# packaging/build/venv (reused on the next run; CHAINWIRE_BUILD_VENV moves it), with the
# `bundle` extra (pyinstaller). Then: python3 packaging/smoke-bundle.py checks the result.
# Measured on 2 cores: ~30 s for the venv (pip cache warm), ~20 s for PyInstaller.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="${CHAINWIRE_BUILD_VENV:-$here/build/venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip 'setuptools>=70.1'
# the dependencies (and pyinstaller), then this very source tree, freshly built each time
"$venv/bin/python" -m pip install -q --disable-pip-version-check "$root[bundle]"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation \
    --no-deps --force-reinstall "$root"

cd "$here"
rm -rf "$here/dist/chainwire"
"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$here/dist" --workpath "$here/build/pyinstaller" chainwire.spec
# an empty translations folder now; the Korean catalogue (issue 14, item 5) fills it
mkdir -p "$here/dist/chainwire/_internal/chainwire/resources/translations"
echo "bundle: $here/dist/chainwire/chainwire ($(du -sh "$here/dist/chainwire" | cut -f1))"
