#!/usr/bin/env bash
# Builds and runs the two consumers of swift-logit, proving that other Swift
# projects can link the engine (run by scripts/test.sh, and so by CI):
#
#  0. scripts/readme_consumer.sh: the README's "Use it in your project" path
#     from an empty package (its dependency line and program, as written).
#  1. Examples/SwiftPMConsumer, a separate SwiftPM package with a path
#     dependency on this checkout: once with the OpenBLAS trait (its default)
#     and once with --disable-default-traits (pure-Swift backend).
#  2. Examples/CMakeConsumer, a CMake project: CMakeStubs builds the engine and
#     installs it into a prefix, then the consumer finds it with
#     find_package(SwiftLogit) and links SwiftLogit::Logit.
#
# Each consumer trains on Raisin and prints its held-out accuracy. Installs
# cmake and ninja-build with apt-get when missing (through sudo when not root),
# and OpenBLAS/LAPACKE/pkg-config through scripts/setup.sh.
#
#   LOGIT_CONSUMERS_CLEAN=1  delete the consumers' build folders first (CI
#                            starts from a clean clone anyway)
#
# Build folders (all ignored by git): .build-readme-consumer/ (README
# consumer, LOGIT_CONSUMERS_CLEAN removes it too), Examples/SwiftPMConsumer/.build and
# .build-noblas, and .build-cmake/ at the top (engine, prefix, consumer).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

bash scripts/setup.sh

# --- cmake (>= 3.25) and ninja ---------------------------------------------
need=()
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v ninja >/dev/null 2>&1 || need+=(ninja-build)
if ((${#need[@]} > 0)); then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "consumers: missing ${need[*]} and no apt-get here; install CMake >= 3.25 and Ninja" >&2
        exit 1
    fi
    sudo=()
    if [[ "$(id -u)" != "0" ]]; then
        if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
            echo "consumers: need root or sudo to install ${need[*]}" >&2
            exit 1
        fi
    fi
    echo "consumers: installing ${need[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
cmake_version="$(cmake --version | head -n1 | awk '{print $3}')"
if [[ "$(printf '%s\n' 3.25 "$cmake_version" | sort -V | head -n1)" != "3.25" ]]; then
    echo "consumers: CMake $cmake_version is older than 3.25" >&2
    exit 1
fi

spm="$root/Examples/SwiftPMConsumer"
cmake_dir="$root/.build-cmake"
if [[ "${LOGIT_CONSUMERS_CLEAN:-0}" == "1" ]]; then
    rm -rf "$spm/.build" "$spm/.build-noblas" "$cmake_dir" "$root/.build-readme-consumer"
fi

timings=()
step() {  # step NAME COMMAND...: runs and times a step
    local name="$1"; shift
    local start=$SECONDS
    "$@"
    timings+=("$(printf '%-48s %4ds' "$name" $((SECONDS - start)))")
}
expect() {  # expect PATTERN COMMAND...: runs, prints, and checks the output
    local pattern="$1"; shift
    local out
    out="$("$@")"
    printf '%s\n' "$out"
    grep -q -- "$pattern" <<<"$out" || { echo "consumers: expected '$pattern' in the output above" >&2; return 1; }
}

echo "== README consumer: swift package init + the README's dependency line and program"
step "readme consumer (init, build, run)" bash scripts/readme_consumer.sh

echo "== SwiftPM consumer, OpenBLAS trait on"
step "swiftpm consumer build (OpenBLAS trait)" swift build --package-path "$spm"
step "swiftpm consumer run (OpenBLAS trait)" \
    expect "BLAS available: yes" "$spm/.build/debug/RaisinAccuracy"

echo "== SwiftPM consumer, --disable-default-traits (pure Swift)"
step "swiftpm consumer build (no traits)" \
    swift build --package-path "$spm" --disable-default-traits --scratch-path "$spm/.build-noblas"
step "swiftpm consumer run (no traits)" \
    expect "BLAS available: no" "$spm/.build-noblas/debug/RaisinAccuracy"

echo "== CMake: build and install the engine with CMakeStubs"
step "cmake engine configure" cmake -S CMakeStubs -B "$cmake_dir/engine" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$cmake_dir/prefix"
step "cmake engine build (release)" cmake --build "$cmake_dir/engine"
step "cmake engine install" cmake --install "$cmake_dir/engine"

echo "== CMake consumer: find_package(SwiftLogit) from the prefix"
step "cmake consumer configure" cmake -S Examples/CMakeConsumer -B "$cmake_dir/consumer" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DUSE_INSTALLED_SWIFT_LOGIT=ON -DCMAKE_PREFIX_PATH="$cmake_dir/prefix"
step "cmake consumer build" cmake --build "$cmake_dir/consumer"
step "cmake consumer run" expect "BLAS available: yes" "$cmake_dir/consumer/raisin-accuracy"

echo "== consumers: timings"
printf '%s\n' "${timings[@]}"
echo "consumers: all consumers built and ran"
