#!/usr/bin/env bash
# Build the one-folder desktop bundle packaging/dist/chainwire/ from this checkout.
#
# PyInstaller cannot follow an editable install (pyproject maps graph/ and editor/ under
# chainwire.*), so the app is installed normally into a build venv of its own,
# packaging/build/venv (reused on the next run; CHAINWIRE_BUILD_VENV moves it), with the
# `bundle` extra (pyinstaller). Then: python3 packaging/smoke-bundle.py checks the result.
# Measured on 2 busy cores, clean clone, warm pip cache: ~50 s (PyInstaller ~17 s of it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="${CHAINWIRE_BUILD_VENV:-$here/build/venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip 'setuptools>=70.1'
# the dependencies and pyinstaller, and this source tree (pip rebuilds a local folder on
# every install, so the bundle always holds the checkout as it is now)
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation \
    "$root[bundle]"

cd "$here"
rm -rf "$here/dist/chainwire"
"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$here/dist" --workpath "$here/build/pyinstaller" chainwire.spec
# the Korean catalogue: resources/i18n/*.ts compiled with the wheel's lrelease (flattened,
# see editor/catalogue.py) beside where the app looks first; no .ts in the bundle
"$venv/bin/python" -m chainwire.editor.catalogue compile \
    "$here/dist/chainwire/_internal/chainwire/resources/i18n/chainwire_ko.qm"
echo "bundle: $here/dist/chainwire/chainwire ($(du -sh "$here/dist/chainwire" | cut -f1))"
