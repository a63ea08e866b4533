#!/usr/bin/env bash
# Proves that the release binary runs where Swift is not: in a minimal Debian root filesystem
# (debootstrap --variant=minbase, the base the Dockerfile's runtime stage uses) with no Swift and no
# libyaml, as a non-root user in /work, it audits, fixes and overrides the samples with the same
# output and exit codes as the normal build (Scripts/run-samples.sh on both, then diff -r).
#
#   Scripts/chroot-check.sh [ARCHIVE]
#
# ARCHIVE defaults to dist/batten-VERSION-x86_64-linux.tar.gz (Scripts/release.sh). The normal build
# is .build/debug/batten (or $BATTEN_REFERENCE), built with `swift build` when missing. The root
# filesystem is made once and cached in $BATTEN_ROOTFS (default
# ${XDG_CACHE_HOME:-~/.cache}/batten-rootfs/bookworm-minbase); making it needs debootstrap, root and
# the Debian mirror ($BATTEN_DEBIAN_MIRROR, default http://deb.debian.org/debian).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/Batten/Batten.swift)
archive=${1:-dist/batten-$version-x86_64-linux.tar.gz}
rootfs=${BATTEN_ROOTFS:-${XDG_CACHE_HOME:-$HOME/.cache}/batten-rootfs/bookworm-minbase}
mirror=${BATTEN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
reference=${BATTEN_REFERENCE:-.build/debug/batten}
user=10001

if [ "$(id -u)" -ne 0 ]; then echo "error: chroot needs root" >&2; exit 1; fi
if [ ! -f "$archive" ]; then echo "error: no archive $archive (run Scripts/release.sh)" >&2; exit 1; fi

if [ ! -f "$rootfs/.batten-rootfs-complete" ]; then
    command -v debootstrap >/dev/null || { echo "error: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
    echo "making the minimal Debian root in $rootfs (once)"
    rm -rf "$rootfs"
    mkdir -p "$(dirname "$rootfs")"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" > "$rootfs.log" 2>&1 \
        || { tail -n 20 "$rootfs.log" >&2; exit 1; }
    touch "$rootfs/.batten-rootfs-complete"
fi

# The root must hold neither Swift nor libyaml.
present=$(find "$rootfs" \( -name 'libyaml*' -o -name 'libswift*' -o -name 'libFoundation*' -o -name 'libdispatch*' -o -name swift \) -print -quit)
if [ -n "$present" ]; then echo "error: the root filesystem holds $present" >&2; exit 1; fi

if [ ! -x "$reference" ]; then swift build --product batten; fi
reference=$(realpath "$reference")

work=$(mktemp -d)
proc_mounted=0
cleanup() {
    if [ "$proc_mounted" = 1 ]; then umount "$rootfs/proc" || true; fi
    rm -rf "$rootfs/work" "$rootfs/usr/local/bin/batten" "$work"
}
trap cleanup EXIT

# The binary, as the archive ships it, in /usr/local/bin; the samples in /work, owned by the user.
tar -xzf "$archive" -C "$work"
install -m 0755 "$work"/batten-*/batten "$rootfs/usr/local/bin/batten"
rm -rf "$rootfs/work"
mkdir -p "$rootfs/work"
cp -R Samples Scripts/run-samples.sh "$rootfs/work/"
chown -R "$user:$user" "$rootfs/work"
if mount -t proc proc "$rootfs/proc"; then proc_mounted=1; fi

echo "libraries the binary loads in the root:"
chroot "$rootfs" /usr/bin/ldd /usr/local/bin/batten | sed 's/^/  /'

started=$(date +%s)
status=0
chroot --userspec="$user:$user" "$rootfs" /usr/bin/env -i HOME=/work PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
    /bin/bash -c 'cd /work && ./run-samples.sh batten /work/results' || status=$?
echo "samples in the root: $(( $(date +%s) - started ))s"
if [ "$status" -ne 0 ]; then echo "error: a command crashed in the root" >&2; exit 1; fi

# The same commands with the normal build, in a directory laid out the same way.
mkdir -p "$work/reference"
cp -R Samples Scripts/run-samples.sh "$work/reference/"
(cd "$work/reference" && ./run-samples.sh "$reference" "$work/reference-results" >/dev/null) \
    || { echo "error: a command of the normal build crashed" >&2; exit 1; }

# Only the commit differs: the normal build has none.
sed -i 's/(commit [0-9a-f]*)/(unknown commit)/' "$rootfs/work/results/version.out"
if ! diff -r "$work/reference-results" "$rootfs/work/results"; then
    echo "error: the release binary in the root does not do what the normal build does" >&2
    exit 1
fi
commands=$(find "$rootfs/work/results" -name '*.status' | wc -l)
failing=$(grep -lvx 0 "$rootfs/work/results"/*.status | wc -l)
echo "chroot check passed: $commands commands, same output and exit codes as $reference ($failing exit 1 or 2, as in the normal build)"
