"""Writes bench/results/redis-throughput.md from RedisRecordBenchmarks' JSON report and the baselines run.sh measured.

Usage (run.sh calls it): write-report.py <payload> <hset -P 1> <hset -P 16> <hset -P 16 -r> <load before> <load after> <redis version> [probe output file]
The hand-written explanation, bench/redis/throughput-notes.md, is appended unchanged.
"""
import datetime
import json
import sys

payload, hset1, hset16, hset16r = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
load_before, load_after, version = sys.argv[5], sys.argv[6], sys.argv[7]
report = json.load(open("bench/results/Rapport.Benchmarks.Storage.RedisRecordBenchmarks-report-brief.json"))
with open("bench/results/redis-throughput.md", "w") as f:
    f.write("# Redis recording throughput vs redis-benchmark HSET (same private server, same run)\n\n")
    f.write(f"Command: `bench/redis/run.sh` ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, redis-server {version}, no persistence, ")
    f.write(f"{report['HostEnvironmentInfo'].get('ProcessorName', '')}, 2 cores shared by the client and the server, load average {load_before} before and {load_after} after). ")
    f.write(f"Payload: the value of one intervention, vector included: {payload} bytes.\n\n")
    f.write("| baseline | requests/s |\n|---|---|\n")
    f.write(f"| `redis-benchmark -t hset -d {payload} -c 50 -P 1` (one field, overwritten) | {hset1:,.0f} |\n")
    f.write(f"| `redis-benchmark -t hset -d {payload} -c 50 -P 16` (one field, overwritten) | {hset16:,.0f} |\n")
    f.write(f"| `redis-benchmark -t hset -d {payload} -c 50 -P 16 -r 100000000` (a new field each time) | {hset16r:,.0f} |\n\n")
    f.write("| Rapport, 64 calls in flight (BenchmarkDotNet short job, median) | interventions/s | vs HSET -P 1 | vs HSET -P 16 | vs HSET -P 16 -r |\n")
    f.write("|---|---|---|---|---|\n")
    for b in report["Benchmarks"]:
        if not b.get("Statistics"):
            continue
        ops = 1e9 / b["Statistics"]["Median"]  # statistics are per operation (OperationsPerInvoke applied)
        f.write(f"| {b['Method']} | {ops:,.0f} | {ops / hset1:.0%} | {ops / hset16:.0%} | {ops / hset16r:.0%} |\n")
    f.write("\n")
    # Issue 17's measure: recording against plain pipelined SETs of the same bytes, same client, same run.
    ops = {b["Method"]: 1e9 / b["Statistics"]["Median"] for b in report["Benchmarks"] if b.get("Statistics")}
    if "RecordBatchesOf50" in ops and "SetSameBytesBatchesOf50" in ops:
        f.write(f"**RecordBatchesOf50 runs at {ops['RecordBatchesOf50'] / ops['SetSameBytesBatchesOf50']:.0%} of SetSameBytesBatchesOf50** "
                "(every key and value the store leaves per intervention, as plain SETs pipelined through the same client; target 50%)")
        if "RecordOnePerCall" in ops:
            f.write(f"; RecordOnePerCall at {ops['RecordOnePerCall'] / ops['SetSameBytesBatchesOf50']:.0%} of it")
        f.write(".\n\n")
    if len(sys.argv) > 8:
        f.write("Issue 17's measure with `bench/redis/RecordProbe` (same client, same run, 20,000 then 10,000 interventions; CPU time ")
        f.write("of the client process and of redis-server, which the machine's load moves less than rates):\n\n```\n")
        f.write(open(sys.argv[8]).read().strip() + "\n```\n\n")
    f.write(open("bench/redis/throughput-notes.md").read())
print(open("bench/results/redis-throughput.md").read())
