#!/usr/bin/env bash
# Redis store benchmarks with their baseline measured in the same run, on the same private server:
#   1. start redis-server on a free loopback port (no persistence, like redis-benchmark's usual setup);
#   2. redis-benchmark HSET with the payload size of one recorded intervention (-P 1 and -P 16, 50 clients);
#   3. the BenchmarkDotNet suites (short job) against that server;
#   4. bench/results/redis-throughput.md with the ratio, plus the suites' reports.
# Usage: bench/redis/run.sh [filter]    (from the repository root; filter defaults to '*Redis*', every suite)
set -euo pipefail
cd "$(dirname "$0")/../.."
folder=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --dir "$folder" --save "" --appendonly no --daemonize no --logfile redis.log &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$folder"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done

dotnet build bench/Rapport.Redis.Benchmarks -c Release -v q -nologo >/dev/null
payload=$(dotnet run -c Release --no-build --project bench/Rapport.Redis.Benchmarks -- payload-size)
hset1=$(redis-benchmark -p "$port" -t hset -d "$payload" -n 100000 -c 50 -P 1 -q --csv | tail -1 | cut -d, -f2 | tr -d '"')
hset16=$(redis-benchmark -p "$port" -t hset -d "$payload" -n 200000 -c 50 -P 16 -q --csv | tail -1 | cut -d, -f2 | tr -d '"')
echo "redis-benchmark HSET, payload $payload bytes: -P 1 $hset1 req/s, -P 16 $hset16 req/s"
redis-cli -p "$port" flushall >/dev/null

RAPPORT_BENCH_REDIS="127.0.0.1:$port" dotnet run -c Release --no-build --project bench/Rapport.Redis.Benchmarks -- --filter "${1:-*Redis*}"
mkdir -p bench/results
cp BenchmarkDotNet.Artifacts/results/Rapport.Redis.Benchmarks.*-report-github.md BenchmarkDotNet.Artifacts/results/Rapport.Redis.Benchmarks.*-report-brief.json bench/results/
rm -rf BenchmarkDotNet.Artifacts

python3 - "$payload" "$hset1" "$hset16" <<'PY'
import json, sys, glob
payload, hset1, hset16 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
report = json.load(open(glob.glob("bench/results/Rapport.Redis.Benchmarks.Storage.RedisRecordBenchmarks-report-brief.json")[0]))
rows = []
for b in report["Benchmarks"]:
    if not b.get("Statistics"):
        continue
    ops = 1e9 / b["Statistics"]["Median"]  # BenchmarkDotNet's statistics are per operation (OperationsPerInvoke applied)
    rows.append((b["Method"], ops))
with open("bench/results/redis-throughput.md", "w") as f:
    f.write("# Redis recording throughput vs redis-benchmark HSET (same server, same run)\n\n")
    f.write(f"Command: `bench/redis/run.sh` (private redis-server, no persistence). Payload of one intervention: {payload} bytes.\n\n")
    f.write(f"| baseline | requests/s |\n|---|---|\n| redis-benchmark -t hset -d {payload} -c 50 -P 1 | {hset1:,.0f} |\n| redis-benchmark -t hset -d {payload} -c 50 -P 16 | {hset16:,.0f} |\n\n")
    f.write("| Rapport (BenchmarkDotNet short job, median) | interventions/s | vs HSET -P 1 | vs HSET -P 16 |\n|---|---|---|---|\n")
    for method, ops in rows:
        f.write(f"| {method} | {ops:,.0f} | {ops / hset1:.0%} | {ops / hset16:.0%} |\n")
print(open("bench/results/redis-throughput.md").read())
PY
