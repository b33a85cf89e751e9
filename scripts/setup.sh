#!/usr/bin/env bash
# Installs what swift-logit needs on a Debian/Ubuntu machine that has the Swift
# toolchain: OpenBLAS (CBLAS), LAPACKE, pkg-config, and libpng, libjpeg-turbo and
# giflib for LogitImages (the logit CLI needs them with or without the OpenBLAS
# trait); for the tests and scripts: Chromium (page tests), GNU time, wrk (the
# service's load test, scripts/serve/loadtest.py). Idempotent: installs nothing
# when they are already there. Uses sudo when not root.
#
#   LOGIT_SKIP_APT=1  skip the system packages (e.g. when building with
#                     --disable-default-traits on a machine without OpenBLAS)
set -euo pipefail

packages=(libopenblas-dev liblapacke-dev pkg-config chromium time libpng-dev libjpeg62-turbo-dev libgif-dev wrk)

if [[ "${LOGIT_SKIP_APT:-0}" == "1" ]]; then
    echo "setup: LOGIT_SKIP_APT=1, not installing ${packages[*]}"
    exit 0
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: the Swift toolchain (swift) is not on PATH; install Swift 6.1 or newer first" >&2
    exit 1
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
    echo "setup: ${packages[*]} already installed"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing ${missing[*]} and no apt-get here; install OpenBLAS and LAPACKE with your package manager" >&2
    exit 1
fi

sudo=()
if [[ "$(id -u)" != "0" ]]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
        echo "setup: need root or sudo to install ${missing[*]}" >&2
        exit 1
    fi
fi

echo "setup: installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
pkg-config --exists openblas lapacke || { echo "setup: pkg-config cannot find openblas/lapacke after install" >&2; exit 1; }
echo "setup: done"
