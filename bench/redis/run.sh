#!/usr/bin/env bash
# The Redis suites of bench/Rapport.Benchmarks with their baseline measured in the same run, on the same server:
#   1. start a private redis-server on a free loopback port (no persistence, like redis-benchmark's usual setup);
#   2. run the suites (short job) against it; RedisRecordBenchmarks writes the payload size of one intervention;
#   3. FLUSHALL, then redis-benchmark HSET with that payload size (-P 1 and -P 16, 50 clients);
#   4. write bench/results/redis-throughput.md with the ratios (the suites' reports are published by the runner).
# Usage: bench/redis/run.sh [filter]   (from the repository root; the filter defaults to every Redis suite)
set -euo pipefail
cd "$(dirname "$0")/../.."
folder=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --dir "$folder" --save "" --appendonly no --daemonize no --logfile redis.log &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$folder"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done

RAPPORT_BENCH_REDIS="127.0.0.1:$port" RAPPORT_BENCH_PAYLOAD_FILE="$folder/payload" \
  dotnet run -c Release --project bench/Rapport.Benchmarks -- --filter "${1:-*Redis*}"
[ -f "$folder/payload" ] || { echo "No payload size: RedisRecordBenchmarks did not run."; exit 0; }
payload=$(cat "$folder/payload")
redis-cli -p "$port" flushall >/dev/null
hset1=$(redis-benchmark -p "$port" -t hset -d "$payload" -n 100000 -c 50 -P 1 -q --csv | tail -1 | cut -d, -f2 | tr -d '"')
hset16=$(redis-benchmark -p "$port" -t hset -d "$payload" -n 200000 -c 50 -P 16 -q --csv | tail -1 | cut -d, -f2 | tr -d '"')
echo "redis-benchmark HSET, payload $payload bytes: -P 1 $hset1 req/s, -P 16 $hset16 req/s"

python3 - "$payload" "$hset1" "$hset16" <<'PY'
import json, sys
payload, hset1, hset16 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
report = json.load(open("bench/results/Rapport.Benchmarks.Storage.RedisRecordBenchmarks-report-brief.json"))
with open("bench/results/redis-throughput.md", "w") as f:
    f.write("# Redis recording throughput vs redis-benchmark HSET (same private server, same run)\n\n")
    f.write(f"Command: `bench/redis/run.sh` (redis-server {report['HostEnvironmentInfo'].get('OsVersion', '')}, no persistence). ")
    f.write(f"Payload of one intervention (hash field values + vector entry): {payload} bytes.\n\n")
    f.write(f"| baseline | requests/s |\n|---|---|\n| `redis-benchmark -t hset -d {payload} -c 50 -P 1` | {hset1:,.0f} |\n")
    f.write(f"| `redis-benchmark -t hset -d {payload} -c 50 -P 16` | {hset16:,.0f} |\n\n")
    f.write("| Rapport, 64 calls in flight (BenchmarkDotNet short job, median) | interventions/s | vs HSET -P 1 | vs HSET -P 16 |\n|---|---|---|---|\n")
    for b in report["Benchmarks"]:
        if not b.get("Statistics"):
            continue
        ops = 1e9 / b["Statistics"]["Median"]  # statistics are per operation (OperationsPerInvoke applied)
        f.write(f"| {b['Method']} | {ops:,.0f} | {ops / hset1:.0%} | {ops / hset16:.0%} |\n")
print(open("bench/results/redis-throughput.md").read())
PY
