#!/usr/bin/env bash
# sweep-std.sh runs every connlint analyzer over the Go distribution's own
# packages (std and cmd) with the multichecker, and fails on any panic,
# load error or analyzer error. It is a robustness check on a large body of
# real, idiomatic code: the analyzers must not crash on it, and every
# finding it prints is a candidate false positive to review.
#
# Usage: scripts/sweep-std.sh [OUT]   (OUT: the findings, default
# sweep-std.txt in the current directory). Takes a few minutes and several
# GB of memory.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-sweep-std.txt}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/connlint" "$repo/cmd/connlint"
goroot=$(go env GOROOT)

# std and cmd are two modules of GOROOT/src; the multichecker loads them
# from source, as go vet would. GOFLAGS from the caller (-mod=mod) would
# make the go command try to update GOROOT's vendored modules.
status=0
(cd "$goroot/src" && GOFLAGS= GOWORK=off "$work/connlint" -json std cmd) >"$work/out.json" 2>"$work/stderr" || status=$?

# -json reports diagnostics with exit 0; anything on stderr, a non-zero
# exit, or an "error" entry in the JSON is a failure of the sweep.
fail=0
if [ "$status" -ne 0 ]; then
	echo "sweep-std: connlint exited $status" >&2
	fail=1
fi
if [ -s "$work/stderr" ]; then
	echo "sweep-std: connlint wrote to standard error:" >&2
	head -50 "$work/stderr" >&2
	fail=1
fi
if grep -q '"error":' "$work/out.json"; then
	echo "sweep-std: analyzer errors:" >&2
	grep -B2 '"error":' "$work/out.json" | head -50 >&2
	fail=1
fi

# One line per finding: analyzer, position relative to GOROOT/src, message
# (the JSON is go vet's: package → analyzer → diagnostics, tab-indented).
awk -v root="$goroot/src/" '
	/^\t\t"[a-z0-9_]+": \[/ { match($0, /"[a-z0-9_]+"/); analyzer = substr($0, RSTART+1, RLENGTH-2) }
	# A diagnostic'"'"'s own fields are indented four tabs; its related
	# positions and suggested fixes deeper.
	/^\t\t\t\t"posn": / { posn = $0; sub(/.*"posn": "/, "", posn); sub(/",?$/, "", posn); sub(root, "", posn) }
	/^\t\t\t\t"message": / { msg = $0; sub(/.*"message": "/, "", msg); sub(/",?$/, "", msg); print analyzer "\t" posn "\t" msg }
' "$work/out.json" | sort -u >"$out"

echo "sweep-std: $(wc -l <"$out") findings in std and cmd, written to $out"
awk -F'\t' '{ n[$1]++ } END { for (a in n) printf "  %-20s %d\n", a, n[a] }' "$out" | sort
exit "$fail"
