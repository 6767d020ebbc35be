#!/usr/bin/env bash
# The Redis server's work per recorded intervention, in CPU instructions counted by callgrind: deterministic, so it
# can be compared on a loaded machine where wall-clock numbers cannot. Runs redis-server under valgrind, then for each
# case zeroes the counters, runs the client, dumps the counters and divides by the number of operations:
#   redis-benchmark HSET/SET of the same payload (-P 16 and -P 1, overwriting one field, or -r: a new key each time),
#   the parts of a record on their own (a small new key, a new sorted-set member), and bench/redis/RecordProbe
#   (RedisMemoryStore.RecordAsync, 64 calls in flight, 100 users of 200 records, or 10 users of 2,000) in batches of 50 and of 1,
#   for the working tree and for each git revision given (the same probe built against that revision's src/).
# Writes bench/results/redis-server-cost.md. Needs valgrind (Debian package valgrind) and redis-server.
# Usage: bench/redis/server-cost.sh [revision ...]   (from the repository root), e.g. bench/redis/server-cost.sh de3b118
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { echo "valgrind is missing (apt-get install valgrind)."; exit 1; }
payload=${PAYLOAD:-1794}
folder=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
valgrind --tool=callgrind --callgrind-out-file="$folder/cg.%p" \
  redis-server --port "$port" --bind 127.0.0.1 --dir "$folder" --save "" --appendonly no >"$folder/valgrind.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
  for tree in "$folder"/tree-*; do [ -d "$tree" ] && git worktree remove --force "$tree"; done
  rm -rf "$folder"
}
trap cleanup EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.5; done
pid=$(pgrep -f "callgrind-out-file=$folder" | head -1)

results="$folder/results"
measure() { # label operations command...
  local label=$1 ops=$2; shift 2
  redis-cli -p "$port" flushall >/dev/null
  callgrind_control -z "$pid" >/dev/null 2>&1
  "$@" >"$folder/client.log" 2>&1 || { cat "$folder/client.log"; exit 1; }
  callgrind_control -d "$pid" >/dev/null 2>&1
  sleep 1
  local total
  total=$(grep -h '^totals:' "$(ls -t "$folder"/cg."$pid".* | head -1)" | awk '{print $2}')
  printf '| %s | %s | %s |\n' "$label" "$ops" "$(( total / ops ))" | tee -a "$results"
}

bench() { redis-benchmark -p "$port" -d "$payload" -c 50 -q "$@"; }
measure "redis-benchmark -t hset -P 16 (one field, overwritten)" 20000 bench -t hset -n 20000 -P 16
measure "redis-benchmark -t hset -P 1 (one field, overwritten)" 20000 bench -t hset -n 20000 -P 1
measure "redis-benchmark -t hset -P 16 -r 100000000 (a new field each time)" 20000 bench -t hset -n 20000 -P 16 -r 100000000
measure "redis-benchmark -t set -P 16 -r 100000000 (a new key each time)" 20000 bench -t set -n 20000 -P 16 -r 100000000
measure "redis-benchmark -t set -d 8 -P 16 -r 100000000 (a new small key each time, like an id mapping)" 20000 \
  redis-benchmark -p "$port" -d 8 -c 50 -q -t set -n 20000 -P 16 -r 100000000
value=$(head -c "$payload" /dev/zero | tr '\0' x)
measure "redis-benchmark EVAL \"return redis.call('SET', KEYS[1], ARGV[1])\" with the value, a new key each time (the value passes through Lua)" 20000 \
  redis-benchmark -p "$port" -c 50 -q -n 20000 -P 16 -r 100000000 eval "return redis.call('SET', KEYS[1], ARGV[1])" 1 "key:__rand_int__" "$value"
measure "redis-benchmark -t zadd -P 16 -r 100000000 (a new member of one sorted set each time, like an index entry)" 20000 \
  redis-benchmark -p "$port" -c 50 -q -t zadd -n 20000 -P 16 -r 100000000

probe() { # label source-folder
  local out="$folder/probe-$(echo "$1" | tr -c 'a-zA-Z0-9' _)"
  dotnet build bench/redis/RecordProbe -c Release -o "$out" -p:RapportSource="$2" -nologo -v:q -clp:ErrorsOnly >/dev/null
  measure "RecordAsync, batches of 50 ($1)" 20000 dotnet "$out/RecordProbe.dll" "127.0.0.1:$port" 50 20000
  measure "RecordAsync, one per call ($1)" 4000 dotnet "$out/RecordProbe.dll" "127.0.0.1:$port" 1 4000
  measure "RecordAsync, batches of 50, 10 users of 2,000: large indexes ($1)" 20000 dotnet "$out/RecordProbe.dll" "127.0.0.1:$port" 50 20000 64 10
}
probe "working tree $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+changes')" "$PWD/src"
for revision in "$@"; do
  tree="$folder/tree-$revision"
  git worktree add --detach "$tree" "$revision" >/dev/null 2>&1
  probe "$revision" "$tree/src"
done

{
  echo "# Redis server work per operation (callgrind instruction counts)"
  echo
  echo "Command: \`bench/redis/server-cost.sh $*\` ($(date -u '+%Y-%m-%d %H:%M') UTC, $(redis-server --version | cut -d' ' -f3), payload $payload bytes)."
  echo "Instructions executed by redis-server per operation (one request, or one recorded intervention), counted by"
  echo "valgrind's callgrind: deterministic, unlike time on a shared machine. They leave out what callgrind does not count"
  echo "(the kernel, cache misses, page faults), which makes storing new data look cheaper than it is in wall-clock time."
  echo
  echo "| client | operations | instructions per operation |"
  echo "|---|---|---|"
  cat "$results"
} > bench/results/redis-server-cost.md
cat bench/results/redis-server-cost.md
