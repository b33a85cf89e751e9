#!/usr/bin/env bash
# Follows the README's "Use it in your project" section from an empty folder,
# as a new user would: `swift package init --type executable`, then the
# README's dependency block as Package.swift and the README's program as
# main.swift (both extracted from README.md, between the markers
# `<!-- readme-consumer:package -->` and `<!-- readme-consumer:main -->`),
# then builds and runs it. The dependency line is used exactly as written:
# its path `../swift-logit` is made to point at this checkout by a symbolic
# link named swift-logit beside the new package.
#
#   LOGIT_README_CONSUMER_DIR  work folder (default .build-readme-consumer/ at
#                              the top, ignored by git). The package folder is
#                              recreated empty on every run; its build folder
#                              (scratch path) is kept, so a rerun rebuilds only
#                              what changed.
#
# Run by scripts/consumers.sh (and so by CI).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="${LOGIT_README_CONSUMER_DIR:-$root/.build-readme-consumer}"
start=$SECONDS

# The fenced ```swift block right after a marker line, without the fences.
block() {
    awk -v marker="<!-- readme-consumer:$1 -->" '
        $0 == marker { found = 1; next }
        found && !inside && /^```swift$/ { inside = 1; next }
        inside && /^```$/ { exit }
        inside { print }
    ' README.md
}
package_block="$(block package)"
main_block="$(block main)"
if [[ -z "$package_block" || -z "$main_block" ]]; then
    echo "readme consumer: README.md lacks the readme-consumer:package or readme-consumer:main block" >&2
    exit 1
fi
tools_version="$(sed -n 's|^// Package.swift (swift-tools-version: \([0-9.]*\)).*|\1|p' <<<"$package_block")"
if [[ -z "$tools_version" ]]; then
    echo "readme consumer: the README's Package.swift block does not start with '// Package.swift (swift-tools-version: X)'" >&2
    exit 1
fi

mkdir -p "$work"
ln -sfn "$root" "$work/swift-logit"
rm -rf "$work/my-tool"
mkdir "$work/my-tool"
cd "$work/my-tool"
swift package init --type executable --name my-tool >/dev/null

# Package.swift: the package's name, then the README's block as written.
{
    echo "// swift-tools-version: $tools_version"
    echo "import PackageDescription"
    echo
    echo "let package = Package("
    echo "    name: \"my-tool\","
    grep -v '^// Package.swift' <<<"$package_block" | sed 's/^/    /'
    echo ")"
} > Package.swift
# main.swift: the README's program, instead of the sources `swift package init`
# generated (6.x writes Sources/my-tool/my_tool.swift with an @main type).
find Sources -name '*.swift' -delete
mkdir -p Sources/my-tool
printf '%s\n' "$main_block" > Sources/my-tool/main.swift

echo "== readme consumer: Package.swift"
cat Package.swift
build_start=$SECONDS
swift build --scratch-path "$work/scratch"
build_seconds=$((SECONDS - build_start))
out="$("$work/scratch/debug/my-tool")"
printf '%s\n' "$out"
# the accuracy the README states in its comment (`// 0.85`) is the one printed
documented="$(grep -o 'print("accuracy".*// [0-9.]*' <<<"$main_block" | awk '{print $NF}')"
if [[ -n "$documented" ]]; then
    grep -qx "accuracy ${documented}[0-9]*" <<<"$out" \
        || { echo "readme consumer: the README says accuracy $documented; the program printed: $(grep '^accuracy' <<<"$out")" >&2; exit 1; }
fi
grep -q "^accuracy 0\.[89]" <<<"$out" || { echo "readme consumer: expected an accuracy of at least 0.8" >&2; exit 1; }
grep -q "reloaded predicts the same: true" <<<"$out" || { echo "readme consumer: the reloaded model predicts differently" >&2; exit 1; }
echo "readme consumer: built in ${build_seconds}s, $((SECONDS - start))s in all"
