#!/usr/bin/env bash
# realistic-network.sh start|stop: a docker-registry behind a 100 Mbit/s link, for `berth bench
# --registry URL --latency 50` (the bench's proxy adds the 50 ms round trip per request: this kernel
# has no netem or tbf qdisc, but network namespaces, veth pairs and htb work). Needs root.
#   ./bench/realistic-network.sh start      # prints the registry URL
#   ./berth bench --registry http://10.231.0.2:5000 --latency 50 --clients berth --sequential ...
#   ./bench/realistic-network.sh stop
set -euo pipefail
ns=berth-bench-net
host_if=berth-bn0
ns_if=berth-bn1
rate=${BERTH_BENCH_RATE:-100mbit}
dir=${TMPDIR:-/tmp}/berth-bench-net

start() {
  ip netns add "$ns"
  ip link add "$host_if" type veth peer name "$ns_if"
  ip link set "$ns_if" netns "$ns"
  ip addr add 10.231.0.1/24 dev "$host_if"
  ip link set "$host_if" up
  ip netns exec "$ns" ip addr add 10.231.0.2/24 dev "$ns_if"
  ip netns exec "$ns" ip link set "$ns_if" up
  ip netns exec "$ns" ip link set lo up
  # The same rate each way: htb shapes what leaves an interface, so each end shapes its own egress.
  tc qdisc add dev "$host_if" root handle 1: htb default 10
  tc class add dev "$host_if" parent 1: classid 1:10 htb rate "$rate" ceil "$rate"
  ip netns exec "$ns" tc qdisc add dev "$ns_if" root handle 1: htb default 10
  ip netns exec "$ns" tc class add dev "$ns_if" parent 1: classid 1:10 htb rate "$rate" ceil "$rate"
  mkdir -p "$dir/storage"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 10.231.0.2:5000
health:
  storagedriver:
    enabled: false
YAML
  ip netns exec "$ns" /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  echo $! >"$dir/registry.pid"
  for _ in $(seq 50); do
    curl -sf -o /dev/null http://10.231.0.2:5000/v2/ && { echo "http://10.231.0.2:5000"; return 0; }
    sleep 0.2
  done
  echo "registry did not start; see $dir/registry.log" >&2
  return 1
}

stop() {
  [ -f "$dir/registry.pid" ] && kill "$(cat "$dir/registry.pid")" 2>/dev/null || true
  rm -f "$dir/registry.pid"
  ip link del "$host_if" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$dir/storage"
}

case "${1-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
