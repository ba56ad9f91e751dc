#!/usr/bin/env bash
# The container part of CI (docs/containers.md): a Docker engine, the local images, the compose smoke test.
#
#   source .ci/containers.sh; containers_up      installs and starts an engine when it can, builds the images;
#                                                sets CONTAINERS_READY=1 and exports what the Testcontainers
#                                                tests need (DOCKER_HOST, TESTCONTAINERS_*, *_IMAGE), or
#                                                prints why not and leaves CONTAINERS_READY=0
#   containers_smoke DIR                         docker-compose up of DIR's docker-compose.yml (DIR holds the
#                                                built jars), publish an operation from the host, read its
#                                                decision and verify the audit chain through the containers
#   containers_down                              removes the containers and stops the engine it started
#
# Rules of these machines: no registry to pull from, no bridge network; every container uses host networking
# and every service binds 127.0.0.1 (docker/compose/docker-compose.host.yml). The engine's images and the JRE
# root file system are cached under /var/lib/palm-ci between runs on one machine.
PALM_CI_DOCKER_GROUP=palmci-docker
PALM_CI_CACHE=/var/lib/palm-ci
CONTAINERS_READY=0
_palm_started_dockerd=""
_palm_docker_run=""

_containers_log() { echo "containers: $*"; }

containers_up() {
  if [ "$(id -u)" != 0 ]; then
    _containers_log "not root: cannot install or start a Docker engine here; the container tests will be skipped"
    return 0
  fi
  local start=$SECONDS
  if ! command -v dockerd >/dev/null || ! command -v docker-compose >/dev/null \
      || ! command -v debootstrap >/dev/null; then
    _containers_log "installing docker.io, docker-compose and debootstrap (apt-get) ..."
    # when the install fails (no package lists yet on a fresh machine), update them and try once more
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io docker-compose debootstrap \
          > /tmp/palm-ci-apt.log 2>&1 \
        && ! { apt-get update -q >> /tmp/palm-ci-apt.log 2>&1 \
          && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io docker-compose debootstrap \
            >> /tmp/palm-ci-apt.log 2>&1; }; then
      tail -5 /tmp/palm-ci-apt.log
      _containers_log "apt-get install failed (log above); the container tests will be skipped"
      return 0
    fi
  fi
  getent group "$PALM_CI_DOCKER_GROUP" >/dev/null || groupadd "$PALM_CI_DOCKER_GROUP"
  _palm_docker_run="$(mktemp -d /tmp/palm-docker.XXXXXX)"
  # the build runs as another user: it must reach the socket in here (the socket itself is 660, group-owned)
  chmod 755 "$_palm_docker_run"
  mkdir -p "$PALM_CI_CACHE/docker"
  export DOCKER_HOST="unix://$_palm_docker_run/docker.sock"
  # no bridge and no iptables: containers use the host's network (loopback only)
  dockerd --data-root "$PALM_CI_CACHE/docker" --exec-root "$_palm_docker_run/exec" \
    --pidfile "$_palm_docker_run/dockerd.pid" -H "$DOCKER_HOST" --group "$PALM_CI_DOCKER_GROUP" \
    --bridge=none --iptables=false --ip6tables=false > "$_palm_docker_run/dockerd.log" 2>&1 &
  _palm_started_dockerd=$!
  local i
  for i in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    if ! kill -0 "$_palm_started_dockerd" 2>/dev/null; then
      tail -5 "$_palm_docker_run/dockerd.log"
      _containers_log "the Docker engine did not start (log above); the container tests will be skipped"
      _palm_started_dockerd=""
      return 0
    fi
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    _containers_log "the Docker engine did not answer within 60 s; the container tests will be skipped"
    return 0
  fi
  _containers_log "Docker engine $(docker version --format '{{.Server.Version}}') at $DOCKER_HOST"
  # leftovers of an interrupted run on this machine
  docker ps -aq | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume prune -f >/dev/null 2>&1 || true
  if ! PALM_IMAGE_CACHE="$PALM_CI_CACHE/images" bash docker/local/build-images.sh; then
    _containers_log "the local images could not be built (above); the container tests will be skipped"
    return 0
  fi
  export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
  export PALM_JRE_IMAGE=palm-local/jre:17 KAFKA_IMAGE=palm-local/kafka:4.3.1
  export REGISTRY_IMAGE=palm-local/apicurio-registry:2.6.13.Final
  CONTAINERS_READY=1
  _containers_log "ready after $(( SECONDS - start )) s"
}

# The environment the build's container tests get (as NAME=VALUE words for env -i).
containers_env() {
  [ "$CONTAINERS_READY" = 1 ] || return 0
  echo "DOCKER_HOST=$DOCKER_HOST TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1" \
    "PALM_JRE_IMAGE=$PALM_JRE_IMAGE KAFKA_IMAGE=$KAFKA_IMAGE REGISTRY_IMAGE=$REGISTRY_IMAGE PALM_REQUIRE_DOCKER=1"
}

_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

containers_smoke() {
  local dir="$1" start=$SECONDS status=0
  [ "$CONTAINERS_READY" = 1 ] || { _containers_log "smoke test skipped: no Docker engine"; return 0; }
  local work
  work="$(mktemp -d /tmp/palm-smoke.XXXXXX)"
  export PALM_KAFKA_PORT PALM_KAFKA_CONTROLLER_PORT PALM_REGISTRY_PORT PALM_REGISTRY_MANAGEMENT_PORT PALM_HTTP_PORT
  PALM_KAFKA_PORT=$(_free_port); PALM_KAFKA_CONTROLLER_PORT=$(_free_port); PALM_REGISTRY_PORT=$(_free_port)
  PALM_REGISTRY_MANAGEMENT_PORT=$(_free_port); PALM_HTTP_PORT=$(_free_port)
  export PALM_HTTP_TOKEN JRE_IMAGE=palm-local/jre:17 PALM_IMAGE=palm/palm:smoke
  PALM_HTTP_TOKEN="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  python3 "$dir/docker/compose/without-ports.py" "$dir/docker-compose.yml" > "$work/base.yml"
  local compose=(docker-compose -p palmsmoke -f "$work/base.yml" -f "$dir/docker/compose/docker-compose.host.yml"
    --project-directory "$dir")
  _containers_log "smoke: docker-compose up --build (kafka 127.0.0.1:$PALM_KAFKA_PORT, registry" \
    "127.0.0.1:$PALM_REGISTRY_PORT, PALM query API 127.0.0.1:$PALM_HTTP_PORT) ..."
  (
    set -e
    DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0 "${compose[@]}" up -d --build 2>&1 | grep -v -i 'legacy builder\|buildkit'
    local i
    for i in $(seq 1 90); do
      [ "$(docker inspect -f '{{.State.Health.Status}}' palmsmoke_palm_1 2>/dev/null)" = healthy ] && break
      sleep 2
    done
    "${compose[@]}" ps
    [ "$(docker inspect -f '{{.State.Health.Status}}' palmsmoke_palm_1)" = healthy ] \
      || { _containers_log "smoke: the pipeline container is not healthy"; "${compose[@]}" logs --tail 40; exit 1; }
    local bootstrap="127.0.0.1:$PALM_KAFKA_PORT" registry="http://127.0.0.1:$PALM_REGISTRY_PORT/apis/ccompat/v7"
    _containers_log "smoke: publishing from the host (the project's palm launcher) ..."
    (cd "$dir" && PALM_SKIP_BUILD=1 ./palm publish --bootstrap-servers "$bootstrap" --registry-url "$registry" \
      --pack mapleverse --operation create_deployment --deployment smoke-1 --actor smoke-agent \
      --target-replicas 1 --operation-id smoke-op-1 --wait 60s) | tee "$work/decision.txt"
    grep -q '^ALLOWED create_deployment on smoke-1' "$work/decision.txt"
    local key
    key="$(docker logs palmsmoke_palm_1 2>&1 | sed -n 's/.*--trusted-key \([^ ]*\).*/\1/p' | head -n1)"
    _containers_log "smoke: audit query and verify with the PALM image (docker run) ..."
    docker run --rm --network host "$PALM_IMAGE" audit query --bootstrap-servers "$bootstrap" \
      --registry-url "$registry" --pack mapleverse --operation smoke-op-1
    docker run --rm --network host "$PALM_IMAGE" audit verify --bootstrap-servers "$bootstrap" \
      --registry-url "$registry" --pack mapleverse --trusted-key "$key"
    _containers_log "smoke: query API /health through the container: $(curl -fsS "http://127.0.0.1:$PALM_HTTP_PORT/health" | tr -d ' \n')"
  ) || status=$?
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  docker rmi "$PALM_IMAGE" >/dev/null 2>&1 || true
  rm -rf "$work"
  if [ "$status" = 0 ]; then
    _containers_log "smoke test PASSED: a decision read back through the containers ($(( SECONDS - start )) s)"
  else
    _containers_log "smoke test FAILED (status $status, $(( SECONDS - start )) s)"
  fi
  return "$status"
}

# The figures the container tests print (kill recovery, takeover, broker restart), from DIR's test reports.
containers_figures() {
  local dir="$1"
  [ "$CONTAINERS_READY" = 1 ] || return 0
  echo "containers: figures printed by the container tests:"
  grep -h -E '^(KILL RECOVERY|TAKEOVER|BROKER RESTART):' \
    "$dir"/containers/target/integration-test-reports/*-output.txt 2>/dev/null | sed 's/^/  /' || true
}

containers_down() {
  [ -n "$_palm_started_dockerd" ] || return 0
  docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume prune -f >/dev/null 2>&1 || true
  kill "$_palm_started_dockerd" 2>/dev/null || true
  local i
  for i in $(seq 1 20); do kill -0 "$_palm_started_dockerd" 2>/dev/null || break; sleep 1; done
  kill -9 "$_palm_started_dockerd" 2>/dev/null || true
  # containerd-shims of a killed engine would outlive it
  pkill -f "containerd.*$_palm_docker_run" 2>/dev/null || true
  # the engine leaves its network-namespace mount behind
  awk -v dir="$_palm_docker_run" 'index($2, dir) == 1 {print $2}' /proc/mounts | sort -r \
    | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$_palm_docker_run"
  _containers_log "Docker engine stopped"
  _palm_started_dockerd=""
}
