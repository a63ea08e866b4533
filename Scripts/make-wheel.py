#!/usr/bin/env python3
"""Packs the release binary into a wheel, the way ruff ships its binary: the wheel holds no Python
code, only `batten-VERSION.data/scripts/batten`, which pip installs into the environment's bin
directory. Uses the standard library only (no network, no build backend)."""

import argparse
import base64
import hashlib
import os
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--platform", required=True, help="e.g. manylinux_2_34_x86_64")
    parser.add_argument("--readme", required=True)
    parser.add_argument("--license")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    name = "batten"
    tag = f"py3-none-{args.platform}"
    dist_info = f"{name}-{args.version}.dist-info"
    with open(args.readme, encoding="utf-8") as readme:
        description = readme.read()
    metadata = "\n".join([
        "Metadata-Version: 2.1",
        f"Name: {name}",
        f"Version: {args.version}",
        "Summary: Find what makes a container dangerous in Docker Compose projects and Kubernetes manifests, explain it, and write the fix.",
        "Home-page: https://github.com/batten-dev/batten",
        "Requires-Python: >=3.7",
        "Classifier: Operating System :: POSIX :: Linux",
        "Classifier: Topic :: Security",
        "Description-Content-Type: text/plain",
        "",
        description,
    ])
    wheel = "\n".join([
        "Wheel-Version: 1.0",
        "Generator: batten Scripts/make-wheel.py",
        "Root-Is-Purelib: false",
        f"Tag: {tag}",
        "",
    ])

    with open(args.binary, "rb") as binary:
        entries = [(f"{name}-{args.version}.data/scripts/{name}", binary.read(), 0o755)]
    if args.license:
        with open(args.license, "rb") as license_file:
            entries.append((f"{dist_info}/LICENSE", license_file.read(), 0o644))
    entries.append((f"{dist_info}/METADATA", metadata.encode(), 0o644))
    entries.append((f"{dist_info}/WHEEL", wheel.encode(), 0o644))
    record = "".join(f"{path},{record_hash(data)},{len(data)}\n" for path, data, _ in entries)
    record += f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode(), 0o644))

    os.makedirs(args.output, exist_ok=True)
    path = os.path.join(args.output, f"{name}-{args.version}-{tag}.whl")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry, data, mode in entries:
            info = zipfile.ZipInfo(entry, date_time=FIXED_TIME)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    print(path)


if __name__ == "__main__":
    main()
