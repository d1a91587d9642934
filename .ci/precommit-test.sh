#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml with pre-commit itself (Debian's package):
# both hooks, on a Go repository and on one without Go. Each hook must fail
# with connlint's message while a file is wrong and pass once it is fixed.
#
# Under CI=true a missing pre-commit is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v pre-commit >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    echo "precommit-test: pre-commit is not installed (apt-get install pre-commit); the hooks cannot be tested" >&2
    exit 1
  fi
  echo "precommit-test: SKIPPED: pre-commit is not installed (CI=true makes this a failure)" >&2
  exit 0
fi
pre-commit --version

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# pre-commit's own store, so that the hook is built from this tree once and
# nothing of the user's store is used or changed.
export PRE_COMMIT_HOME="$tmp/store"
# pre-commit points GOPATH at its environment directory; keep the module
# cache where it is, so that `go install` needs no download it already has.
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE
export GOWORK=off
git_quiet() { git -c user.name=ci -c user.email=ci@localhost -c init.defaultBranch=main "$@" >/dev/null; }

# The hook repository: this working tree as it is (tracked and new files),
# as one commit.
hooks="$tmp/hooks"
mkdir "$hooks"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  if [ -f "$f" ]; then
    mkdir -p "$hooks/$(dirname "$f")"
    cp "$f" "$hooks/$f"
  fi
done
git_quiet -C "$hooks" init
git_quiet -C "$hooks" add -A
git_quiet -C "$hooks" commit -m "connlint as it is being tested"
ref=$(git -C "$hooks" rev-parse HEAD)

# fixture NAME REPO: a git repository holding testdata/repos/REPO.
fixture() {
  local dir="$tmp/$1"
  mkdir -p "$dir"
  cp -R "$root/cmd/connlint/testdata/repos/$2/." "$dir"
  git_quiet -C "$dir" init
  echo "$dir"
}

# run_hooks DIR WANT PATTERN...: run both hooks on every file of DIR; WANT is
# pass or fail; each PATTERN (an extended regexp) must be in the output.
run_hooks() {
  local dir=$1 want=$2
  shift 2
  git_quiet -C "$dir" add -A
  local out status=0
  out=$(cd "$dir" && pre-commit try-repo "$hooks" --ref "$ref" --all-files --color never 2>&1) || status=$?
  if { [ "$want" = pass ] && [ "$status" -ne 0 ]; } || { [ "$want" = fail ] && [ "$status" -eq 0 ]; }; then
    echo "precommit-test: $(basename "$dir"): hooks should $want, exit $status:" >&2
    echo "$out" >&2
    exit 1
  fi
  for pattern in "$@"; do
    if ! grep -Eq -- "$pattern" <<<"$out"; then
      echo "precommit-test: $(basename "$dir"): no match for /$pattern/ in:" >&2
      echo "$out" >&2
      exit 1
    fi
  done
  echo "precommit-test: $(basename "$dir"): hooks $want as they should"
}

# A Go repository (a root module and a nested one) with an nginx config.
go_repo=$(fixture go-repo twomods)
mkdir -p "$go_repo/deploy/nginx"
cat >"$go_repo/deploy/nginx/nginx.conf" <<'NGINX'
events {}
http {
    keepalive_timeout 0;
    server {
        listen 80;
        location / { proxy_pass http://127.0.0.1:8080; }
    }
}
NGINX
run_hooks "$go_repo" fail \
  '^connlint\.+Failed' \
  '^connlint \(nginx\)\.+Failed' \
  '^client\.go:7:2: .*\[keepalive\]' \
  '^tools/probe\.go:11:2: .*\[keepalive\]' \
  '^deploy/nginx/nginx\.conf:3:[0-9]+: keepalive_timeout 0 .*\[nginx-keepalive\]'
sed -i 's/keepalive_timeout 0;/keepalive_timeout 65s;/' "$go_repo/deploy/nginx/nginx.conf"
sed -i '/DisableKeepAlives: true,/d' "$go_repo/client.go"
sed -i '/req.Close = true/d' "$go_repo/tools/probe.go"
run_hooks "$go_repo" pass '^connlint\.+Passed' '^connlint \(nginx\)\.+Passed'

# A repository without Go: nginx and Terraform.
ops_repo=$(fixture ops-repo opsonly)
run_hooks "$ops_repo" fail \
  '^connlint\.+Failed' \
  '^connlint \(nginx\)\.+Failed' \
  '^nginx/conf\.d/api\.conf:4:[0-9]+: client_max_body_size 0 .*\[nginx-body-size\]' \
  '^nginx/snippets/ratelimit\.conf:1:[0-9]+: .*\[nginx-rate-limit-status\]'
sed -i 's/client_max_body_size 0;/client_max_body_size 1m;/' "$ops_repo/nginx/conf.d/api.conf"
sed -i 's/^    keepalive_requests 1000;$/    keepalive_requests 1000;\n    limit_req_status 429;/' "$ops_repo/nginx/nginx.conf"
run_hooks "$ops_repo" pass '^connlint\.+Passed' '^connlint \(nginx\)\.+Passed'
