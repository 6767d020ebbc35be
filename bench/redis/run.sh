#!/usr/bin/env bash
# The Redis suites of bench/Rapport.Benchmarks with their baselines measured in the same run, on the same server:
#   1. start a private redis-server on a free loopback port (no persistence, like redis-benchmark's usual setup);
#   2. run the suites (short job) against it; RedisRecordBenchmarks writes the payload size of one intervention;
#   3. FLUSHALL, then redis-benchmark HSET with that payload size: -P 1 and -P 16 (the target's baseline: every request
#      overwrites the same field), and -P 16 with -r (every request adds a new field: the data grows, as recording does);
#   4. write bench/results/redis-throughput.md with the ratios and the machine's load before and after.
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

python3 - "$payload" "$hset1" "$hset16" "$hset16r" "$load_before" "$load_after" "$(redis-server --version | cut -d' ' -f3)" <<'PY'
import json, sys, datetime
payload, hset1, hset16, hset16r = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
load_before, load_after, version = sys.argv[5], sys.argv[6], sys.argv[7]
report = json.load(open("bench/results/Rapport.Benchmarks.Storage.RedisRecordBenchmarks-report-brief.json"))
with open("bench/results/redis-throughput.md", "w") as f:
    f.write("# Redis recording throughput vs redis-benchmark HSET (same private server, same run)\n\n")
    f.write(f"Command: `bench/redis/run.sh` ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, redis-server {version}, no persistence, ")
    f.write(f"{report['HostEnvironmentInfo'].get('ProcessorName', '')}, load average {load_before} before and {load_after} after). ")
    f.write(f"Payload: the value of one intervention, vector included: {payload} bytes.\n\n")
    f.write(f"| baseline | requests/s |\n|---|---|\n")
    f.write(f"| `redis-benchmark -t hset -d {payload} -c 50 -P 1` (one field, overwritten) | {hset1:,.0f} |\n")
    f.write(f"| `redis-benchmark -t hset -d {payload} -c 50 -P 16` (one field, overwritten) | {hset16:,.0f} |\n")
    f.write(f"| `redis-benchmark -t hset -d {payload} -c 50 -P 16 -r 100000000` (a new field each time) | {hset16r:,.0f} |\n\n")
    f.write("| Rapport, 64 calls in flight (BenchmarkDotNet short job, median) | interventions/s | vs HSET -P 1 | vs HSET -P 16 | vs HSET -P 16 -r |\n|---|---|---|---|---|\n")
    for b in report["Benchmarks"]:
        if not b.get("Statistics"):
            continue
        ops = 1e9 / b["Statistics"]["Median"]  # statistics are per operation (OperationsPerInvoke applied)
        f.write(f"| {b['Method']} | {ops:,.0f} | {ops / hset1:.0%} | {ops / hset16:.0%} | {ops / hset16r:.0%} |\n")
print(open("bench/results/redis-throughput.md").read())
PY
