#!/usr/bin/env bash
# Builds the Dockerfile for real with podman (no Docker engine needed), runs
# the image, asks it a real question through the parley CLI from the host,
# stops it with SIGTERM and checks it exits 0 within the grace period, then
# removes everything it made. Used by scripts/test; needs root (or sudo).
#
# The base image is made locally with debootstrap from the machine's own
# Debian mirror and tagged docker.io/library/debian:bookworm, so the
# Dockerfile stays as it is. Storage lives in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
root_dir=$PWD
cli=${PARLEY_CLI:-$root_dir/build/client/parley}
[[ -x $cli ]] || { echo "container: build the CLI first (scripts/build.sh)" >&2; exit 1; }
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo -E"; fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  podman buildah debootstrap runc uidmap >/dev/null

work=$(mktemp -d /tmp/parley-container-XXXXXX)
name=parley-test-$$
image=localhost/parley:test-$$
cleanup() {
  $SUDO podman rm -f "$name" >/dev/null 2>&1 || true
  $SUDO podman rmi -f "$image" localhost/debian:bookworm docker.io/library/debian:bookworm \
    >/dev/null 2>&1 || true
  $SUDO rm -rf "$work"
}
trap cleanup EXIT

# podman's own configuration: runc (crun fails on these machines' cgroups),
# ulimits for running containers, and storage under $work.
cat >"$work/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
CONF
cat >"$work/storage.conf" <<CONF
[storage]
driver = "${PARLEY_CONTAINER_STORAGE_DRIVER:-overlay}"
runroot = "$work/run"
graphroot = "$work/storage"
CONF
export CONTAINERS_CONF=$work/containers.conf CONTAINERS_STORAGE_CONF=$work/storage.conf

echo "container: base image (debootstrap bookworm)"
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null ||
         true)
mirror=${mirror:-$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)}
mirror=${mirror:-http://deb.debian.org/debian}
$SUDO debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }
$SUDO mkdir -p "$work/rootfs/etc/apt/sources.list.d"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources; do
  [[ -f $f ]] && $SUDO cp "$f" "$work/rootfs$f"
done
$SUDO tar -C "$work/rootfs" -c . | $SUDO podman import - localhost/debian:bookworm >/dev/null
$SUDO podman tag localhost/debian:bookworm docker.io/library/debian:bookworm

echo "container: podman build (the Dockerfile builds and tests Parley inside)"
start=$(date +%s)
if ! $SUDO podman build --format docker --network=host --pull=never -t "$image" . >"$work/build.log" 2>&1; then
  tail -40 "$work/build.log" >&2
  # Then what each failed test said (gtest's "Failure" blocks), last, where
  # a reader of only the end of the output sees it.
  echo "container: the failures in the build's log:" >&2
  grep -E -A8 ': Failure$' "$work/build.log" | cut -c1-400 | head -120 >&2 || true
  echo "container: podman build failed" >&2
  exit 1
fi
echo "container: built in $(( $(date +%s) - start )) s; image size:" \
  "$($SUDO podman image inspect --format '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1/1e6}')"
user=$($SUDO podman image inspect --format '{{.Config.User}}' "$image")
[[ $user != "" && $user != "0" && $user != root* ]] ||
  { echo "container: the image runs as root ($user)" >&2; exit 1; }

echo "container: run"
$SUDO podman run -d --name "$name" -p 127.0.0.1::50051 "$image" >/dev/null
port=$($SUDO podman port "$name" 50051 | head -n1 | sed 's/.*://')
server=127.0.0.1:$port
for _ in $(seq 1 300); do  # at most ~30 s
  if "$cli" health --server="$server" --deadline=1s >/dev/null 2>&1; then break; fi
  sleep 0.1
done
"$cli" health --server="$server" --deadline=2s
answer=$("$cli" person "Janet Napolitano" --server="$server" --deadline=5s)
grep -q "Secretary of Homeland Security" <<<"$answer" ||
  { echo "container: unexpected answer:" >&2; echo "$answer" >&2; exit 1; }
echo "container: answered: $(grep -m1 'Secretary of Homeland Security' <<<"$answer")"
health=$($SUDO podman healthcheck run "$name" >/dev/null 2>&1 && echo healthy || echo unhealthy)
echo "container: HEALTHCHECK (parley health inside): $health"
[[ $health == healthy ]] || { echo "container: the HEALTHCHECK failed" >&2; exit 1; }

echo "container: stop (SIGTERM, 15 s allowed)"
start=$(date +%s%N)
$SUDO podman stop -t 15 "$name" >/dev/null
took=$(( ($(date +%s%N) - start) / 1000000 ))
code=$($SUDO podman inspect --format '{{.State.ExitCode}}' "$name")
echo "container: stopped in $took ms with exit code $code"
$SUDO podman logs "$name" 2>&1 | tail -n 3
[[ $code == 0 ]] || { echo "container: exit code $code, expected 0" >&2; exit 1; }
(( took < 10000 )) || { echo "container: stopping took $took ms" >&2; exit 1; }
echo "container: OK"
