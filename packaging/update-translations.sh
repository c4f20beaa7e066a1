#!/usr/bin/env bash
# Refresh resources/i18n/chainwire_*.ts from the sources: lupdate (from the PySide6 wheel)
# over editor/ plus the texts that live in data (gate titles, summaries, formulas and
# pattern words; theme and example titles), listed by chainwire.editor.catalogue from
# their one source. Existing translations are kept; strings no longer in the sources are
# dropped; new ones arrive "unfinished" for a translator (pyside6-linguist opens the file).
# tests/editor/test_i18n.py fails while any entry is unfinished or missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
exec "$python" -m chainwire.editor.catalogue update
