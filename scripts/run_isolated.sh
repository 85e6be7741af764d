#!/usr/bin/env bash
# Run a command as on a new user's machine: a home of its own with empty caches (matplotlib's
# font cache, XDG caches, Paddle's ~/.cache/paddle), and no network but loopback.
# The network is dropped with a network namespace (`unshare --net`, which needs root or user
# namespaces). Where that is not allowed the command runs with the network and says so; in CI
# (CI=true) that is an error, because CI must prove that nothing needs the network.
# Usage: bash scripts/run_isolated.sh COMMAND [ARGS...]
set -euo pipefail
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
export HOME="$fresh/home" XDG_CACHE_HOME="$fresh/cache" XDG_CONFIG_HOME="$fresh/config"
export MPLCONFIGDIR="$fresh/matplotlib"
mkdir -p "$HOME"
if unshare --net true 2>/dev/null && command -v ip >/dev/null; then
  echo "run_isolated: empty caches in $fresh; no network but loopback (network namespace)"
  unshare --net sh -c 'ip link set lo up && exec "$@"' sh "$@"
elif [ "${CI:-}" = true ]; then
  echo "run_isolated: CI must run without a network, but 'unshare --net' or 'ip' is not available" >&2
  exit 1
else
  echo "run_isolated: empty caches in $fresh; cannot drop the network here, running with it" >&2
  "$@"
fi
