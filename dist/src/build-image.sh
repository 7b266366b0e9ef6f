#!/usr/bin/env bash
# Builds the self-contained distribution: a Java runtime cut down by jlink to the modules istiolint uses, the runnable
# jar, the launcher bin/istiolint, and class-data-sharing archives for the JDK's classes and for istiolint's, so a
# copy of the image starts as fast as a checkout whose archive is already written. Then packs it as a .tar.gz.
# Usage: build-image.sh JAVA_HOME JAR LAUNCHER SAMPLES TARGET VERSION
set -euo pipefail
java_home="$1" jar="$2" launcher="$3" samples="$4" target="$5" version="$6"

# A JDK without jmods (some distributions package them apart, as openjdk-17-jmods) cannot jlink; the rest of
# the build does not need the image.
if [ ! -d "$java_home/jmods" ]; then
  echo "istiolint dist: no runtime image: $java_home has no jmods/, which jlink needs (some distributions package them apart, as openjdk-17-jmods)"
  exit 0
fi
case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
name="istiolint-$version-$(uname -s | tr '[:upper:]' '[:lower:]')-$arch"
image="$target/$name"
app="$image/lib/istiolint"

# jdeps finds the modules the classes refer to; it cannot see a security provider, which the JDK loads by name:
# without jdk.crypto.ec, TLS with an API server that has an ECDSA certificate (as k3s issues) fails.
release="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")"
modules="$("$java_home/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$release" "$jar"),jdk.crypto.ec"
echo "istiolint dist: jlink $modules"
rm -rf "$image" "$target/$name.tar.gz"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$image"
# The archive of the image's JDK classes (lib/server/classes.jsa), which the application's extends. (jlink's
# --generate-cds-archive would add a second one, 12 MB, for heaps over 32 GB.)
"$image/bin/java" -Xshare:dump >/dev/null
mkdir -p "$app"
cp -p "$jar" "$app/istiolint.jar"
cp "$launcher" "$image/bin/istiolint"
chmod 755 "$image/bin/istiolint"

# The application's archive holds the classes of a lint of the bundled Istio samples (routing, gateways,
# EnvoyFilters, Telemetry: most of what any lint loads) written as text, JSON and SARIF; the class path is /dev/fd/3,
# as the launcher gives it (see there why). The samples' findings (exit code 1) do not matter here, only the classes
# they load.
training="$target/cds-training"
rm -rf "$training" && mkdir -p "$training"
status=0
(cd "$samples" && "$image/bin/java" -XX:ArchiveClassesAtExit="$app/istiolint.jsa" -XX:TieredStopAtLevel=1 \
  -cp /dev/fd/3 io.istiolint.cli.Istiolint lint --color never -o text -o json="$training/out.json" -o sarif="$training/out.sarif" \
  bookinfo/platform/kube/bookinfo.yaml bookinfo/networking/bookinfo-gateway.yaml bookinfo/networking/destination-rule-all.yaml \
  bookinfo/networking/virtual-service-reviews-80-20.yaml ratelimit/local-rate-limit-service.yaml \
  open-telemetry/tracing/telemetry.yaml 3<"$app/istiolint.jar" >/dev/null) || status=$?
if [ "$status" -gt 1 ] || [ ! -s "$app/istiolint.jsa" ]; then
  echo "istiolint dist: the lint that writes the class-data-sharing archive failed (exit code $status)" >&2
  exit 1
fi

# Owned by root in the tarball: extracted by root (into /opt, a container image) it is not writable by the builder's uid.
tar -C "$target" --owner=0 --group=0 --numeric-owner -czf "$target/$name.tar.gz" "$name"
echo "istiolint dist: $target/$name.tar.gz ($(du -sh "$image" | cut -f1) unpacked)"
