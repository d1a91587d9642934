#!/usr/bin/env bash
# Builds a custom golangci-lint v2 that includes connlint, with golangci-lint's
# own `golangci-lint custom` and the .custom-gcl.yml of testdata/golangci, and
# runs it on that fixture module: connlint's findings must appear, the plugin
# settings (disable, thresholds) must take effect, and an unknown setting must
# be an error.
#
# `golangci-lint custom` clones golangci-lint's sources with git from
# github.com. This machine reaches only the Go module proxy, so the clone is
# served from the same release's module zip: git's url.<base>.insteadOf
# points the clone at a local repository made from it. Everything else —
# go mod edit -replace to this checkout, go mod tidy, go build — is
# golangci-lint's own builder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(sed -n 's/^version: *//p' testdata/golangci/.custom-gcl.yml)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "== golangci-lint $version"
GOBIN="$work/bin" go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$version"

# A git repository of the release's sources, tagged as the release.
src=$(go mod download -json "github.com/golangci/golangci-lint/v2@$version" | sed -n 's/^.*"Dir": "\(.*\)",$/\1/p')
cp -R "$src" "$work/golangci-lint.git"
chmod -R u+w "$work/golangci-lint.git"
(
  cd "$work/golangci-lint.git"
  git init -q
  git add -A
  git -c user.name=ci -c user.email=ci@localhost commit -q -m "golangci-lint $version from the module proxy"
  git tag "$version"
)
export GIT_CONFIG_COUNT=1
export GIT_CONFIG_KEY_0="url.file://$work/golangci-lint.git.insteadOf"
export GIT_CONFIG_VALUE_0="https://github.com/golangci/golangci-lint.git"

fixture="$work/fixture"
cp -R testdata/golangci "$fixture"
sed -i "s|CONNLINT_PATH|$root|; s|BIN_DIR|$work/bin|" "$fixture/.custom-gcl.yml"

echo "== golangci-lint custom"
(cd "$fixture" && "$work/bin/golangci-lint" custom)
gcl="$work/bin/custom-gcl"

lint() { # lint CONFIG: runs the custom binary on the fixture; prints its output
  (cd "$fixture" && "$gcl" run --config "$1" --output.text.path stdout ./... 2>&1) || true
}
fail() { echo "FAIL: $*"; exit 1; }

echo "== default settings: connlint's findings appear"
out=$(lint golangci.default.yml)
echo "$out"
grep -q 'poller.go:12:.*DisableKeepAlives: true.*(connlint)' <<<"$out" || fail "no keepalive finding from connlint"
grep -q 'poller.go:23:.*polls an HTTP endpoint.*(connlint)' <<<"$out" || fail "no pollinterval finding from connlint"

echo "== settings: disable [keepalive], poll_min_interval 5m"
out=$(lint golangci.settings.yml)
echo "$out"
grep -q 'DisableKeepAlives' <<<"$out" && fail "keepalive reported although disabled"
grep -q 'polls an HTTP endpoint' <<<"$out" && fail "a 10m poll reported under poll_min_interval 5m"
grep -q '0 issues' <<<"$out" || fail "want a clean run"

echo "== unknown setting: an error naming it"
out=$(lint golangci.unknown.yml)
echo "$out"
grep -q 'poll_interval' <<<"$out" || fail "the unknown setting poll_interval is not named"

echo "golangci-lint integration: 3 passed, 0 failed"
