# Parley: build and test on Debian 12, then a runtime image with only the
# runtime libraries, the two binaries and the bundled corpus.
#
#   docker build -t parley .            (or: podman build --network=host -t parley .)
#   docker run --rm -p 127.0.0.1:50051:50051 parley
#   parley health --server=127.0.0.1:50051

FROM debian:bookworm AS build
WORKDIR /src
# One package list for machines and images: scripts/setup.sh.
COPY scripts/setup.sh scripts/setup.sh
RUN scripts/setup.sh && rm -rf /var/lib/apt/lists/*
COPY CMakeLists.txt Dockerfile README.md ./
COPY cmake cmake
COPY proto proto
COPY service service
COPY client client
COPY tools tools
COPY tests tests
COPY deploy deploy
COPY data data
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build -j "$(nproc)" \
 && ctest --test-dir build --output-on-failure -j "$(nproc)" \
 && strip build/service/parley-server build/client/parley

FROM debian:bookworm AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libgrpc++1.51 libprotobuf32 libabsl20220623 libspdlog1.10 libfmt9 libicu72 libssl3 libmicrohttpd12 \
      libjemalloc2 libgvc6 libcgraph6 fonts-dejavu-core libpqxx-6.4 libpq5 libxxhash0 libxapian30 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt/* /var/log/dpkg.log \
      /usr/share/doc/* /usr/share/man/* /usr/share/info/* /usr/share/locale/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin parley
COPY --from=build /src/build/service/parley-server /src/build/client/parley /usr/local/bin/
COPY --chown=root:root data /srv/parley/data
USER 10001:10001
EXPOSE 50051
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["parley", "health", "--server=127.0.0.1:50051", "--deadline=2s"]
# parley-server handles SIGTERM itself (health NOT_SERVING, drain, exit 0).
STOPSIGNAL SIGTERM
ENTRYPOINT ["parley-server", "--listen=0.0.0.0:50051", "--data=/srv/parley/data"]
