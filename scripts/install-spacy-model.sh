#!/usr/bin/env bash
# Installs the official Dutch spaCy model nl_core_news_sm 3.4.0.
#  - SPACY_MODEL_WHEELS=<folder> installs it offline from a folder of wheels;
#  - otherwise it tries the official release URL once, with a short timeout and
#    no retries, so an unreachable network fails fast.
# When neither works the assistant uses its built-in fallback pipeline; this
# script then exits 1 with an explanation (the set-up continues).
set -uo pipefail
cd "$(dirname "$0")/.."
MODEL=nl_core_news_sm
VERSION=3.4.0
URL="https://github.com/explosion/spacy-models/releases/download/${MODEL}-${VERSION}/${MODEL}-${VERSION}-py3-none-any.whl"
say() { printf '[kernteamwijzer] %s\n' "$*"; }

if [ -n "${SPACY_MODEL_WHEELS:-}" ]; then
  if .venv/bin/python -m pip install --no-index --find-links "$SPACY_MODEL_WHEELS" "${MODEL}==${VERSION}" >>logs/install.log 2>&1; then
    say "$MODEL $VERSION geinstalleerd uit $SPACY_MODEL_WHEELS"; exit 0
  fi
  say "$MODEL niet gevonden in SPACY_MODEL_WHEELS=$SPACY_MODEL_WHEELS"
  exit 1
fi
if [ "${KERNTEAMWIJZER_SKIP_MODEL_DOWNLOAD:-0}" = "1" ]; then
  say "$MODEL overgeslagen (KERNTEAMWIJZER_SKIP_MODEL_DOWNLOAD=1); fallback-pipeline wordt gebruikt"
  exit 1
fi
if timeout 60 .venv/bin/python -m pip install --timeout 5 --retries 0 "${MODEL} @ ${URL}" >>logs/install.log 2>&1; then
  say "$MODEL $VERSION geinstalleerd"; exit 0
fi
say "$MODEL kon niet gedownload worden (geen netwerk naar de spaCy-release?)."
say "De assistent gebruikt nu de ingebouwde Nederlandse fallback-pipeline. Zie README, 'Offline installeren'."
exit 1
