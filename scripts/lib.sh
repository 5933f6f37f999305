# Shared by run.sh, test.sh and .ci/run: install what a fresh machine lacks, idempotently.
# shellcheck shell=bash

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

# npm dev tools (Azurite, Agents Playground, the official Adaptive Cards libraries) from package-lock.json.
ensure_npm_tools() {
  local root; root=$(repo_root)
  # A node_modules linked from another checkout (a git worktree) belongs to that checkout: npm ci would follow the
  # link and reinstall it under everyone using it. A fresh checkout's newer package-lock.json mtime is no reason.
  if [ -L "$root/node_modules" ]; then
    [ -d "$root/node_modules/.bin" ] && return 0
    echo "node_modules links to $(readlink "$root/node_modules"), which has no tools: run npm ci there." >&2; return 1
  fi
  if [ ! -f "$root/node_modules/.package-lock.json" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    echo "» npm ci (dev tools)"
    (cd "$root" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
}

# Debian packages the end-to-end tests need (a real browser and fonts for readable screenshots).
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "Missing Debian packages: ${missing[*]} — install them with apt-get as root." >&2; return 1
    fi
  fi
  echo "» apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Waits until something accepts TCP connections on 127.0.0.1:$1 (at most $2 seconds).
wait_for_port() {
  local port=$1 timeout=${2:-60} waited=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    sleep 0.5; waited=$((waited + 1))
    if [ $waited -ge $((timeout * 2)) ]; then return 1; fi
  done
}
