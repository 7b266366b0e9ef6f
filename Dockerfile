# istiolint in a container: the self-contained distribution (mvn -B package writes it; see the README's Install)
# on a slim Debian, which has the C and C++ runtimes and zlib it links against and the /bin/sh its launcher runs in.
#   mvn -B -DskipTests package && docker build -t istiolint .
#   docker run --rm -v "$PWD:/work" istiolint lint k8s/
FROM debian:bookworm-slim
ARG VERSION=0.1.0-SNAPSHOT
# ADD unpacks the tarball, keeping the jar's modification time, which the class-data-sharing archive checks.
ADD dist/target/istiolint-${VERSION}-linux-x64.tar.gz /opt/
RUN ln -s /opt/istiolint-${VERSION}-linux-x64/bin/istiolint /usr/local/bin/istiolint
USER nobody
WORKDIR /work
ENTRYPOINT ["istiolint"]
