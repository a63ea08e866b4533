#!/usr/bin/env python3
"""Writes the inputs that time `batten fix` at scale (docs/performance.md, "Fixing at scale").

    Scripts/fix-scale-input.py deployments N > deployments.yaml   # N Deployments, one file
    Scripts/fix-scale-input.py pods N > pods.yaml                 # N Pods, one file
    Scripts/fix-scale-input.py compose N > compose.yaml           # one Compose file of N services

Every container runs `nginx:latest` without securityContext, resources or probes, so each one has
fixes of every kind; time them with

    /usr/bin/time -f "%e s %M KB" batten fix --include decisions FILE > /dev/null
"""
import sys

CONTAINER = """      - name: web
        image: nginx:latest
        ports:
        - containerPort: 80
"""


def deployment(index):
    return f"""---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-{index}
  labels:
    app: web-{index}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web-{index}
  template:
    metadata:
      labels:
        app: web-{index}
    spec:
      containers:
{CONTAINER}"""


def pod(index):
    container = "".join(line[4:] + "\n" for line in CONTAINER.splitlines())
    return f"""---
apiVersion: v1
kind: Pod
metadata:
  name: web-{index}
  labels:
    app: web-{index}
spec:
  containers:
{container}"""


def service(index):
    return f"""  web-{index}:
    image: nginx:latest
"""


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("deployments", "pods", "compose") or not sys.argv[2].isdigit():
        sys.exit(__doc__)
    kind, count = sys.argv[1], int(sys.argv[2])
    out = sys.stdout
    if kind == "compose":
        out.write("services:\n")
        for index in range(count):
            out.write(service(index))
    else:
        make = deployment if kind == "deployments" else pod
        for index in range(count):
            out.write(make(index))


if __name__ == "__main__":
    main()
