# Batten's container image: the static release binary (Scripts/release.sh) on a minimal Debian, the
# same bookworm minbase root that Scripts/chroot-check.sh runs the samples in.
#
#   docker build --build-arg BATTEN_COMMIT="$(git rev-parse --short=12 HEAD)" -t batten .
#   docker run --rm -v "$PWD:/work:ro" batten audit .
#
# The build stage is Debian 12 like the runtime stage, so the binary needs no newer glibc than it has.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libyaml-dev pkg-config python3 binutils \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ARG BATTEN_COMMIT=""
RUN BATTEN_COMMIT="$BATTEN_COMMIT" BATTEN_DIST=/dist Scripts/release.sh \
    && mkdir /out \
    && tar -xzf /dist/batten-*-x86_64-linux.tar.gz -C /out --strip-components=1

FROM debian:bookworm-slim
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /work --shell /usr/sbin/nologin batten
COPY --from=build /out/batten /usr/local/bin/batten
WORKDIR /work
USER batten
# A one-shot command has nothing to probe; this only proves the binary starts in the image.
HEALTHCHECK --interval=60s --timeout=5s CMD ["batten", "--version"]
ENTRYPOINT ["batten"]
CMD ["audit", "."]
