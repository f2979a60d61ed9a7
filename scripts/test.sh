#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is absent, then runs every test.
#   bash scripts/test.sh [extra Maven arguments, e.g. -Dpit.skip]
# Needs Maven 3.8.7+ and a JDK 25 (found by Maven toolchains under /usr/lib/jvm, JAVA_HOME, ...).
# Installs, when absent, Debian's chromium and chromium-driver (the dashboard test in headless
# Chromium), prometheus (its promtool checks /metrics) and postgresql (a real server the journal's
# tests start on loopback; as root it runs as the user nobody): as root with apt-get, otherwise with
# sudo when it needs no password; else it names the packages and stops. Everything else comes from
# Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v mvn >/dev/null || { echo "scripts/test.sh: Maven (mvn) is not on the PATH" >&2; exit 1; }
if ! compgen -G "/usr/lib/jvm/*25*" >/dev/null && ! "${JAVA_HOME:-/nonexistent}/bin/java" -version 2>&1 | grep -q '"25'; then
  echo "scripts/test.sh: no JDK 25 found under /usr/lib/jvm or JAVA_HOME; install one (e.g. Temurin 25)" >&2
  exit 1
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v promtool >/dev/null || missing+=(prometheus)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null || missing+=(postgresql)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "scripts/test.sh: the tests need the Debian packages ${missing[*]}; install them" \
      "(apt-get install ${missing[*]}) or run this as root" >&2
    exit 1
  fi
  echo "scripts/test.sh: installing ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

exec mvn -B --no-transfer-progress verify "$@"
