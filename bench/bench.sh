#!/usr/bin/env bash
# bench/bench.sh: what connlint costs beside its floor and its peer, with a
# warm build cache (the compiled packages are cached; only analysis
# results are cold or warm).
#
#   bench/bench.sh [-n RUNS] [-std] [-nginx] [-corpus demo,gen]
#
# Rows, on each corpus:
#   vet noop cold/warm      go vet -vettool=bench/noop -json ./...  (the floor:
#                           one process per package, parse and type-check)
#   vet connlint cold/warm  go vet -vettool=connlint -json ./...
#   check cold/warm         connlint check -format json DIR (through go vet's
#                           cache; warm, nothing changed: the run memo)
#   check -cache=false      connlint check -cache=false (in-process, keeps nothing)
#   vet connlint/check new config
#                           cold for go vet (a new tool ID, as after an edit of
#                           connlint.toml or other flags; a new executable file
#                           for the run memo), with connlint's own cache of
#                           standard-library facts warm
#   staticcheck cold/warm   staticcheck ./... (v0.8.2, its own cache)
# "cold" means no analysis result is cached: the vet tool is a fresh copy
# of the binary with bytes appended (a new tool ID for go vet) with an
# empty CONNLINT_CACHE_DIR, and staticcheck gets an empty STATICCHECK_CACHE. "warm" repeats a run that
# has just been made.
#
# CPU is user+system time of the whole process tree and peak RSS the
# largest single process, both from /usr/bin/time -v; each figure is the
# median of RUNS runs (default 5), taken round by round (every row once,
# then again), and ratio divides by the row named in brackets. Corpora: testdata/demo, a generated 200-package module
# (bench/gen), and with -std the standard library (go vet std; slow on a
# small machine, so off by default).
#
# With -nginx it also runs connlint nginx on generated configurations
# (bench/gennginx) of 14.5 MB and 50 MB, and reports peak RSS against the
# configuration's bytes (the target: at most 10 times).
set -euo pipefail

runs=5
std=0
nginx=0
corpora="demo,gen"
while [ $# -gt 0 ]; do
	case "$1" in
	-n) runs="$2"; shift 2 ;;
	-std) std=1; shift ;;
	-nginx) nginx=1; shift ;;
	-corpus) corpora="$2"; shift 2 ;;
	*) echo "usage: $0 [-n RUNS] [-std] [-nginx] [-corpus demo,gen]" >&2; exit 2 ;;
	esac
done
[ "$std" = 1 ] && corpora="$corpora,std"

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/connlint-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export GOWORK=off

echo "building connlint, bench/noop and staticcheck v0.8.2 ..." >&2
# Both as README.md installs connlint: without cgo, static.
(cd "$repo" && CGO_ENABLED=0 go build -o "$work/connlint" ./cmd/connlint && CGO_ENABLED=0 go build -o "$work/noop" ./bench/noop)
GOBIN="$work" go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
(cd "$repo" && go run ./bench/gen -n 200 -o "$work/gen")

dir_of() {
	case "$1" in
	demo) echo "$repo/testdata/demo" ;;
	gen) echo "$work/gen" ;;
	std) echo "$(go env GOROOT)/src" ;;
	nginx*) echo "$work/$1" ;;
	esac
}
pattern_of() { if [ "$1" = std ]; then echo std; else echo ./...; fi; }

# fresh TOOL: a copy of the tool with a unique tail, so that go vet keys
# nothing it has cached on it.
fresh() {
	local copy
	copy="$work/$1.$(date +%s%N)"
	cp "$work/$1" "$copy"
	printf 'connlint-bench %s' "$copy" >>"$copy"
	echo "$copy"
}

# measure LABEL CORPUS SETUP CMD: runs SETUP (untimed, may set $tool and
# $cache) then CMD once under /usr/bin/time -v and keeps its figures;
# summarize turns each row's samples into medians.
declare -A cpu rss wall cpus rsss walls
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() {
	local label=$1 corpus=$2 setup=$3 cmd=$4 dir k=$1/$2
	dir=$(dir_of "$corpus")
	eval "$setup"
	export tool="${tool:-}" cache="${cache:-}" ccache="${ccache:-}"
	(cd "$dir" && /usr/bin/time -v -o "$work/time" bash -c "$cmd" >/dev/null 2>"$work/err") || true
	if grep -q "Exit status: [^01]" "$work/time"; then
		echo "$label on $corpus failed:" >&2; tail -5 "$work/err" >&2
	fi
	cpus[$k]+="$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$work/time")"$'\n'
	rsss[$k]+="$(awk -F': ' '/Maximum resident/ {print $2/1024}' "$work/time")"$'\n'
	walls[$k]+="$(awk -F': ' '/Elapsed/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time")"$'\n'
}
summarize() {
	local k
	for k in "${!cpus[@]}"; do
		cpu[$k]=$(printf '%s' "${cpus[$k]}" | median)
		rss[$k]=$(printf '%s' "${rsss[$k]}" | median)
		wall[$k]=$(printf '%s' "${walls[$k]}" | median)
	done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "-" }'; }

rows=()
for corpus in ${corpora//,/ }; do
	pat=$(pattern_of "$corpus")
	echo "== $corpus ($runs rounds)" >&2
	# Round by round rather than row by row: a drift of the machine
	# (another tenant, the page cache, thermal state) then reaches a row
	# and the row it is divided by alike.
	for _ in $(seq "$runs"); do
		measure "vet noop cold" "$corpus" 'tool=$(fresh noop)' 'go vet -vettool=$tool -json '"$pat"
		measure "vet noop warm" "$corpus" '' 'go vet -vettool=$tool -json '"$pat"
		newcache='ccache=$(mktemp -d "$work/cc.XXXX")'
		measure "vet connlint cold" "$corpus" 'tool=$(fresh connlint); '"$newcache" 'CONNLINT_CACHE_DIR=$ccache go vet -vettool=$tool -json '"$pat"
		measure "vet connlint warm" "$corpus" '' 'CONNLINT_CACHE_DIR=$ccache go vet -vettool=$tool -json '"$pat"
		measure "vet connlint new config" "$corpus" 'tool=$(fresh connlint)' 'CONNLINT_CACHE_DIR=$ccache go vet -vettool=$tool -json '"$pat"
		if [ "$corpus" != std ]; then
			measure "check cold" "$corpus" 'tool=$(fresh connlint); '"$newcache" 'CONNLINT_CACHE_DIR=$ccache $tool check -format json .'
			measure "check warm" "$corpus" '' 'CONNLINT_CACHE_DIR=$ccache $tool check -format json .'
			measure "check new config" "$corpus" 'tool=$(fresh connlint)' 'CONNLINT_CACHE_DIR=$ccache $tool check -format json .'
			measure "check -cache=false" "$corpus" '' '$tool check -cache=false -format json .'
		fi
		measure "staticcheck cold" "$corpus" 'cache=$(mktemp -d "$work/sc.XXXX")' 'STATICCHECK_CACHE=$cache '"$work"'/staticcheck '"$pat"
		measure "staticcheck warm" "$corpus" '' 'STATICCHECK_CACHE=$cache '"$work"'/staticcheck '"$pat"
	done
	rows+=("$corpus")
done

summarize
cat <<EOF

machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3)
medians of $runs runs; CPU = user+system seconds; RSS = peak of the largest process

| corpus | run | CPU s | wall s | peak RSS MB | CPU ratio | RSS ratio |
|---|---|---|---|---|---|---|
EOF
for corpus in "${rows[@]}"; do
	row() { # LABEL BASE
		local k=$1/$corpus b=$2/$corpus
		local cr="" rr=""
		if [ -n "$2" ] && [ -n "${cpu[$b]:-}" ]; then
			cr="$(ratio "${cpu[$k]}" "${cpu[$b]}") [$2]"; rr="$(ratio "${rss[$k]}" "${rss[$b]}") [$2]"
		fi
		printf '| %s | %s | %.2f | %.2f | %.0f | %s | %s |\n' "$corpus" "$1" "${cpu[$k]}" "${wall[$k]}" "${rss[$k]}" "$cr" "$rr"
	}
	row "vet noop cold" ""
	row "vet connlint cold" "vet noop cold"
	row "vet noop warm" ""
	row "vet connlint warm" "vet noop warm"
	row "vet connlint new config" "vet noop cold"
	if [ "$corpus" != std ]; then
		row "check cold" "staticcheck cold"
		row "check warm" "staticcheck warm"
		row "check new config" "staticcheck cold"
		row "check -cache=false" "staticcheck cold"
	fi
	row "staticcheck cold" ""
	row "staticcheck warm" ""
done

[ "$nginx" = 1 ] || exit 0
echo "== nginx ($runs runs each)" >&2
cat <<TABLE

| configuration | MB | CPU s | wall s | peak RSS MB | RSS / bytes |
|---|---|---|---|---|---|
TABLE
# 22,000 and 76,000 servers of about 660 bytes: 14.5 MB and 50 MB.
for servers in 22000 76000; do
	corpus=nginx$servers
	(cd "$repo" && go run ./bench/gennginx -servers "$servers" -o "$work/$corpus" >/dev/null)
	bytes=$(cat "$work/$corpus/nginx.conf" "$work/$corpus"/servers/*.conf | wc -c)
	tool="$work/connlint"
	for _ in $(seq "$runs"); do
		measure "nginx" "$corpus" '' '$tool nginx -format json nginx.conf'
	done
	summarize
	k=nginx/$corpus
	printf '| %d servers | %.1f | %.2f | %.2f | %.0f | %s |\n' "$servers" "$(ratio "$bytes" 1000000)" "${cpu[$k]}" "${wall[$k]}" "${rss[$k]}" \
		"$(ratio "$(awk -v r="${rss[$k]}" 'BEGIN {print r*1048576}')" "$bytes")"
done
