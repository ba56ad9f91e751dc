#!/usr/bin/env bash
# Builds, without pulling anything, the local images that stand in for the official ones on machines that
# cannot reach a container registry (docs/containers.md):
#
#   palm-local/jre:17                          Debian bookworm + OpenJDK 17 JRE (debootstrap, then docker import)
#   palm-local/kafka:4.3.1                     Apache Kafka 4.3.1 from Maven Central, apache/kafka's contract
#   palm-local/apicurio-registry:2.6.13.Final  Apicurio Registry 2.6.13.Final from Maven Central
#   palm/palm:local                            with --palm: this project's Dockerfile FROM palm-local/jre:17
#                                              (needs the built jars: mvn -B -DskipTests package)
#
# Needs a running Docker engine (DOCKER_HOST), Maven and, for the JRE image, root and debootstrap. An image that
# exists already is kept (--rebuild builds them again). The JRE root file system is cached as a tarball in
# PALM_IMAGE_CACHE (default /var/cache/palm-images) so a second machine run skips debootstrap.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JRE_IMAGE=palm-local/jre:17
KAFKA_IMAGE=palm-local/kafka:4.3.1
REGISTRY_IMAGE=palm-local/apicurio-registry:2.6.13.Final
PALM_IMAGE=palm/palm:local
CACHE="${PALM_IMAGE_CACHE:-/var/cache/palm-images}"
rebuild=0
palm=0

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo
  echo "usage: $0 [--palm] [--rebuild]"
}
for arg in "$@"; do
  case "$arg" in
    --palm) palm=1 ;;
    --rebuild) rebuild=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-images: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

log() { echo "build-images: $*" >&2; }
# the classic builder: Debian's engine has no BuildKit plugin, and newer clients would ask for one
export DOCKER_BUILDKIT=0
# An image is kept only while it was built from the same inputs (label palm.inputs: a hash of its folder).
inputs_of() { (cd "$ROOT/docker/local/$1" && cat $(ls | sort) ../build-images.sh) | sha256sum | cut -c1-16; }
have_image() {
  [ "$rebuild" = 0 ] || return 1
  local found
  found="$(docker image inspect -f '{{index .Config.Labels "palm.inputs"}}' "$1" 2>/dev/null)" || return 1
  [ -z "${2:-}" ] || [ "$found" = "$2" ]
}

if ! docker info >/dev/null 2>&1; then
  log "no Docker engine answers at ${DOCKER_HOST:-the default socket}; start one (see .ci/containers.sh) and set DOCKER_HOST"
  exit 4
fi

# The Debian mirror this machine's apt uses (deb822 .sources files or the one-line format).
debian_mirror() {
  local uri
  uri="$(grep -h -s -E '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v -- '-security' \
    | head -n1 | awk '{print $2}')"
  if [ -z "$uri" ]; then
    uri="$(grep -h -s -E '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -v -- '-security' | head -n1 | awk '{print $2}')"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

build_jre() {
  if have_image "$JRE_IMAGE"; then log "$JRE_IMAGE exists"; return; fi
  local tarball="$CACHE/debian-bookworm-openjdk17-jre.tar"
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; exit 4; }
    [ "$(id -u)" = 0 ] || { log "debootstrap needs root to build $JRE_IMAGE"; exit 4; }
    local rootfs mirror
    rootfs="$(mktemp -d /tmp/palm-rootfs.XXXXXX)"
    mirror="$(debian_mirror)"
    log "debootstrap bookworm + openjdk-17-jre-headless from $mirror (about a minute) ..."
    local start=$SECONDS
    if ! debootstrap --variant=minbase --include=openjdk-17-jre-headless,curl,ca-certificates \
        bookworm "$rootfs" "$mirror" > "$rootfs.log" 2>&1; then
      tail -20 "$rootfs.log" >&2
      log "debootstrap failed (log above)"
      exit 4
    fi
    rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
    mkdir -p "$CACHE"
    tar -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs" "$rootfs.log"
    log "root file system cached in $tarball after $(( SECONDS - start )) s"
  fi
  docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' "$tarball" "$JRE_IMAGE" >/dev/null
  log "$JRE_IMAGE imported"
}

# Builds IMAGE from docker/local/DIR on the JRE image, unless it exists built from the same inputs; FETCH fills
# the build context (its argument) with what comes from Maven Central.
build_local() {
  local dir="$1" image="$2" fetch="$3" inputs ctx
  inputs="$(inputs_of "$dir")"
  if have_image "$image" "$inputs"; then log "$image exists"; return; fi
  ctx="$(mktemp -d "/tmp/palm-$dir-image.XXXXXX")"
  "$fetch" "$ctx"
  cp "$ROOT/docker/local/$dir/"* "$ctx/"
  docker build -q --build-arg BASE_IMAGE="$JRE_IMAGE" --label "palm.inputs=$inputs" -t "$image" \
    "$ctx" >/dev/null
  rm -rf "$ctx"
  log "$image built"
}

fetch_kafka() {
  log "resolving Apache Kafka 4.3.1 from Maven Central ..."
  mvn -B -q -f "$ROOT/docker/local/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$1/libs"
}

fetch_registry() {
  log "resolving Apicurio Registry 2.6.13.Final from Maven Central (about 140 MB) ..."
  mvn -B -q -f "$ROOT/docker/local/kafka/pom.xml" dependency:copy \
    -Dartifact=io.apicurio:apicurio-registry-app:2.6.13.Final:tar.gz:all -DoutputDirectory="$1"
  mkdir -p "$1/apicurio-registry"
  tar -xzf "$1/apicurio-registry-app-2.6.13.Final-all.tar.gz" -C "$1/apicurio-registry"
  rm -f "$1/apicurio-registry-app-2.6.13.Final-all.tar.gz"
  [ -f "$1/apicurio-registry/apicurio-registry-app-2.6.13.Final-runner.jar" ] \
    || { log "the registry tarball has no apicurio-registry-app-2.6.13.Final-runner.jar at its top"; exit 4; }
}

build_palm() {
  if ! ls "$ROOT"/producers/cli/target/palm-cli-*.jar >/dev/null 2>&1 \
      || [ ! -d "$ROOT/producers/cli/target/lib" ]; then
    log "the PALM jars are not built; run: mvn -B -DskipTests package"
    exit 4
  fi
  docker build -q --build-arg JRE_IMAGE="$JRE_IMAGE" -t "$PALM_IMAGE" "$ROOT" >/dev/null
  log "$PALM_IMAGE built"
}

build_jre
build_local kafka "$KAFKA_IMAGE" fetch_kafka
build_local registry "$REGISTRY_IMAGE" fetch_registry
if [ "$palm" = 1 ]; then build_palm; fi
