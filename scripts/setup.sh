#!/usr/bin/env bash
# Installs Kernteamwijzer into .venv (Python 3.10) and prepares machine-local
# artefacts. Safe to run again: it only reinstalls when the pins changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '[kernteamwijzer] %s\n' "$*"; }

is_python310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }

find_python310() {
  if [ -n "${KERNTEAMWIJZER_PYTHON:-}" ] && is_python310 "$KERNTEAMWIJZER_PYTHON"; then
    echo "$KERNTEAMWIJZER_PYTHON"; return 0
  fi
  if command -v python3.10 >/dev/null 2>&1 && is_python310 python3.10; then
    command -v python3.10; return 0
  fi
  if command -v pyenv >/dev/null 2>&1; then
    local root candidate
    root=$(pyenv root)
    for candidate in $(ls -d "$root"/versions/3.10* 2>/dev/null | sort -V -r); do
      if is_python310 "$candidate/bin/python3.10"; then echo "$candidate/bin/python3.10"; return 0; fi
    done
  fi
  return 1
}

if ! PYTHON=$(find_python310); then
  say "Python 3.10 niet gevonden. Rasa 3.6 werkt alleen met Python 3.10."
  say "Installeer het, bijvoorbeeld: 'pyenv install 3.10' of 'apt-get install python3.10 python3.10-venv'."
  say "Python 3.10 not found (Rasa 3.6 needs exactly 3.10). Install it, e.g. 'pyenv install 3.10'."
  exit 1
fi

if [ -x .venv/bin/python ] && ! is_python310 .venv/bin/python; then
  say ".venv gebruikt geen Python 3.10; ik maak hem opnieuw."
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  say "virtuele omgeving maken met $PYTHON"
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.kernteamwijzer-installed
wanted=$(cat requirements.in requirements.lock | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  mkdir -p logs
  say "afhankelijkheden installeren (vastgepind in requirements.lock); log: logs/install.log"
  if ! .venv/bin/python -m pip install -r requirements.in -c requirements.lock >logs/install.log 2>&1; then
    tail -n 20 logs/install.log
    say "Installatie mislukt; zie logs/install.log"
    exit 1
  fi
  .venv/bin/python -m pip check >>logs/install.log 2>&1 || { tail -n 5 logs/install.log; exit 1; }
  scripts/install-spacy-model.sh || true
  echo "$wanted" > "$stamp"
fi

# Machine-local artefacts (spaCy fallback, NLU lookups, deduce cache) are
# prepared by the CLI command that needs them (`python -m bot.cli prepare`).

mkdir -p logs
# Debian's OpenTaal word list (wdutch): the de-identification uses it to tell
# Dutch words from names typed in lower case (bot/privacy/lowercase_names.py).
if [ ! -f /usr/share/dict/dutch ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "Nederlandse woordenlijst installeren (apt-get install wdutch)"
    { DEBIAN_FRONTEND=noninteractive apt-get update -q && \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wdutch; } >>logs/install.log 2>&1 \
      || say "wdutch kon niet worden geïnstalleerd; zie logs/install.log (namen in kleine letters worden dan minder goed herkend)"
  else
    say "Installeer de Nederlandse woordenlijst: sudo apt-get install wdutch (namen in kleine letters worden anders minder goed herkend)"
  fi
fi
