#!/usr/bin/env bash
# Builds Batten's portable Linux release into dist/ (or $BATTEN_DIST):
#
#   batten-VERSION-x86_64-linux.tar.gz          the binary, LICENSE and a short README
#   batten-VERSION-x86_64-linux.tar.gz.sha256   its SHA-256 checksum, in `sha256sum -c` format
#   batten-VERSION-py3-none-manylinux_2_N_x86_64.whl   a wheel that puts the same binary on PATH
#
# The binary is a release build with the Swift runtime and libyaml linked statically: it needs only
# the C and C++ runtime of a glibc distribution (the script fails when it needs anything else).
# `batten --version` prints the version and the commit, taken from Git or from $BATTEN_COMMIT.
# Needs Swift 6.3 with its static runtime, libyaml-dev (which ships libyaml.a), pkg-config,
# binutils and python3. The build goes to .build-release (or $BATTEN_RELEASE_SCRATCH).
set -euo pipefail
cd "$(dirname "$0")/.."

dist=${BATTEN_DIST:-dist}
scratch=${BATTEN_RELEASE_SCRATCH:-.build-release}
version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/Batten/Batten.swift)
commit=${BATTEN_COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || true)}
arch=$(uname -m)
if [ -z "$version" ]; then echo "error: no version in Sources/Batten/Batten.swift" >&2; exit 1; fi
if [ "$arch" != x86_64 ]; then echo "error: the release is built on x86_64 Linux, not $arch" >&2; exit 1; fi
case "$commit" in *[!0-9a-f]*) echo "error: BATTEN_COMMIT is not a hexadecimal commit: $commit" >&2; exit 1 ;; esac

# libyaml, statically: the module map links "yaml", so -lyaml must find libyaml.a first. A directory
# that holds only the archive is the one search path a pkg-config file that shadows the system's names.
yaml_libdir=$(pkg-config --variable=libdir yaml-0.1)
if [ ! -f "$yaml_libdir/libyaml.a" ]; then echo "error: $yaml_libdir/libyaml.a is missing (install libyaml-dev)" >&2; exit 1; fi
mkdir -p "$scratch/pkgconfig" "$scratch/static-yaml"
ln -sf "$yaml_libdir/libyaml.a" "$scratch/static-yaml/libyaml.a"
cat > "$scratch/pkgconfig/yaml-0.1.pc" <<PC
Name: LibYAML
Description: libyaml, linked statically into the release binary
Version: $(pkg-config --modversion yaml-0.1)
Cflags: $(pkg-config --cflags yaml-0.1)
Libs: -L$PWD/$scratch/static-yaml -lyaml
PC

echo "building batten $version (commit ${commit:-unknown}) in $scratch"
PKG_CONFIG_PATH="$PWD/$scratch/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
    swift build -c release --product batten --scratch-path "$scratch" --static-swift-stdlib \
    -Xcc "-DBATTEN_COMMIT=\"$commit\""
binary="$scratch/release/batten"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
name="batten-$version-$arch-linux"
mkdir "$stage/$name"
cp "$binary" "$stage/$name/batten"
strip "$stage/$name/batten"

# The binary may need the C and C++ runtime, nothing else.
needed=$(readelf -d "$stage/$name/batten" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for library in $needed; do
    case "$library" in
        libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*|libutil.so.*|ld-linux*|libstdc++.so.*|libgcc_s.so.*) ;;
        *) echo "error: the release binary needs $library" >&2; exit 1 ;;
    esac
done
"$stage/$name/batten" --version | grep -q "^$version (" || { echo "error: batten --version does not print $version" >&2; exit 1; }

if [ -f LICENSE ]; then cp LICENSE "$stage/$name/LICENSE"; else echo "warning: the repository has no LICENSE file to ship" >&2; fi
cat > "$stage/$name/README" <<TEXT
Batten $version (commit ${commit:-unknown}) for x86_64 Linux

Batten finds what makes a container dangerous in Docker Compose projects and Kubernetes manifests,
explains it, and writes the fix.

  ./batten audit path/to/project       audit a Compose project or a directory of manifests
  ./batten fix --write path/to/project fix what is safe to fix, in place
  ./batten override path/to/project    write a hardened Compose production override
  ./batten --help                      everything else

The binary carries its Swift runtime and libyaml; it needs glibc and libstdc++ (any current
Debian, Ubuntu, Fedora or RHEL). Copy it anywhere on your PATH, e.g. /usr/local/bin.
TEXT

mkdir -p "$dist"
archive="$name.tar.gz"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - "$name" | gzip -n -9 > "$dist/$archive"
(cd "$dist" && sha256sum "$archive" > "$archive.sha256")

# The wheel's platform tag is the newest glibc symbol version the binary uses.
glibc=$(objdump -T "$stage/$name/batten" | grep -o 'GLIBC_2\.[0-9]*' | sort -t. -k2 -n | tail -n 1)
platform="manylinux_2_${glibc#GLIBC_2.}_$arch"
license=()
if [ -f LICENSE ]; then license=(--license LICENSE); fi
python3 Scripts/make-wheel.py --binary "$stage/$name/batten" --version "$version" --platform "$platform" \
    --readme "$stage/$name/README" "${license[@]}" --output "$dist"

echo "built:"
(cd "$dist" && ls -l "$archive" "$archive.sha256" "batten-$version-py3-none-$platform.whl")
