#!/usr/bin/env bash
# The Redis suites of bench/Rapport.Benchmarks with their baselines measured in the same run, on the same server:
#   1. start a private redis-server on a free loopback port (no persistence, like redis-benchmark's usual setup);
#   2. run the suites (short job) against it; RedisRecordBenchmarks writes the payload size of one intervention;
#   3. FLUSHALL, then redis-benchmark HSET with that payload size: -P 1 and -P 16 (the target's baseline: every request
#      overwrites the same field), and -P 16 with -r (every request adds a new field: the data grows, as recording does);
#   4. write bench/results/redis-throughput.md with the ratios and the machine's load before and after;
#   5. issue 17's measure: bench/redis/RecordProbe records through the store, then writes the same bytes as plain pipelined
#      SETs through the same client (batches of 50, then one intervention per call), and the ratios go under the tables.
# Usage: bench/redis/run.sh [filter]   (from the repository root; the filter defaults to every Redis suite)
set -euo pipefail
cd "$(dirname "$0")/../.."
folder=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --dir "$folder" --save "" --appendonly no --daemonize no --logfile redis.log &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$folder"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

RAPPORT_BENCH_REDIS="127.0.0.1:$port" RAPPORT_BENCH_PAYLOAD_FILE="$folder/payload" \
  dotnet run -c Release --project bench/Rapport.Benchmarks -- --filter "${1:-*Redis*}"
[ -f "$folder/payload" ] || { echo "No payload size: RedisRecordBenchmarks did not run."; exit 0; }
payload=$(cat "$folder/payload")
hset() { redis-cli -p "$port" flushall >/dev/null; redis-benchmark -p "$port" -t hset -d "$payload" -c 50 -q --csv "$@" | tail -1 | cut -d, -f2 | tr -d '"'; }
hset1=$(hset -n 100000 -P 1)
hset16=$(hset -n 200000 -P 16)
hset16r=$(hset -n 200000 -P 16 -r 100000000)
redis-cli -p "$port" flushall >/dev/null
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "redis-benchmark HSET, payload $payload bytes: -P 1 $hset1, -P 16 $hset16, -P 16 -r $hset16r req/s; load $load_before -> $load_after"

redis-cli -p "$port" flushall >/dev/null
probe50=$(dotnet run -c Release -v q --project bench/redis/RecordProbe -- "127.0.0.1:$port" 50 20000)
redis-cli -p "$port" flushall >/dev/null
probe1=$(dotnet run -c Release -v q --project bench/redis/RecordProbe -- "127.0.0.1:$port" 1 10000)
echo "$probe50"; echo "$probe1"
printf '%s\n\n%s\n' "$probe50" "$probe1" > "$folder/probe"
python3 bench/redis/write-report.py "$payload" "$hset1" "$hset16" "$hset16r" "$load_before" "$load_after" "$(redis-server --version | cut -d' ' -f3)" "$folder/probe"
