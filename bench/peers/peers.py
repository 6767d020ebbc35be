"""Runs the peers of bench/peers/run.sh on the data data.py wrote, reads Rapport's timings, prints one table."""
import os, sqlite3, statistics, sys, time

DIMS, K = 384, 10


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main(folder, vec0, out):
    import numpy as np

    data = np.fromfile(f"{folder}/vectors.f32", dtype="<f4").reshape(-1, DIMS)
    others = np.fromfile(f"{folder}/others.f32", dtype="<f4").reshape(-1, DIMS)
    queries = np.fromfile(f"{folder}/queries.f32", dtype="<f4").reshape(-1, DIMS)
    exact = [list(np.argsort(-(data @ q), kind="stable")[:K]) for q in queries]
    rows = []

    def record(name, timings, results, note=""):
        recall = statistics.mean(len(set(map(int, r)) & set(map(int, e))) / K for r, e in zip(results, exact))
        rows.append((name, percentile(timings, 0.5), percentile(timings, 0.99), recall, note))

    # Rapport: the dotnet probe wrote latency (us) and the top ids per query.
    with open(f"{folder}/rapport.tsv") as f:
        lines = [line.rstrip("\n").split("\t") for line in f]
    record("Rapport exact scan (UserVectorSet, fp32)", [float(l[0]) for l in lines], [l[1:] for l in lines])
    for suffix, name, note in (("compact", "Rapport compact (int8 scan, exact re-score of top 50)", "VectorPrecision.Compact"),
                               ("compact-scan", "Rapport int8 scan alone (estimates, no re-score)", "diagnostic: what the re-score adds")):
        if os.path.exists(f"{folder}/rapport-{suffix}.tsv"):
            with open(f"{folder}/rapport-{suffix}.tsv") as f:
                lines = [line.rstrip("\n").split("\t") for line in f]
            record(name, [float(l[0]) for l in lines], [l[1:] for l in lines], note)

    def timed(search):
        timings, results = [], []
        for q in queries:
            started = time.perf_counter()
            ids = search(q)
            timings.append((time.perf_counter() - started) * 1e6)
            results.append(ids)
        return timings, results

    try:
        import faiss
        faiss.omp_set_num_threads(1)
        index = faiss.IndexFlatIP(DIMS)  # one index per user: the user's partition
        index.add(data)
        timed(lambda q: index.search(q.reshape(1, -1), K)[1][0])
        record("faiss IndexFlatIP (exact)", *timed(lambda q: index.search(q.reshape(1, -1), K)[1][0]), f"faiss {faiss.__version__}")
    except ImportError as e:
        rows.append(("faiss", None, None, None, f"skipped: {e}"))

    try:
        import hnswlib
        index = hnswlib.Index(space="ip", dim=DIMS)
        index.init_index(max_elements=len(data), ef_construction=200, M=16, random_seed=1)
        index.set_num_threads(1)
        index.add_items(data, np.arange(len(data)))
        for ef in (10, 64, 256, 1024):
            index.set_ef(max(ef, K))
            timed(lambda q: index.knn_query(q, k=K)[0][0])
            record(f"hnswlib HNSW (M=16, ef={max(ef, K)})", *timed(lambda q: index.knn_query(q, k=K)[0][0]), "approximate")
    except ImportError as e:
        rows.append(("hnswlib", None, None, None, f"skipped: {e}"))

    if vec0 and os.path.exists(vec0):
        db = sqlite3.connect(":memory:")
        db.enable_load_extension(True)
        db.load_extension(vec0.removesuffix(".so"))
        db.execute(f"CREATE VIRTUAL TABLE vec USING vec0(user_id text partition key, embedding float[{DIMS}] distance_metric=cosine)")
        db.executemany("INSERT INTO vec(rowid, user_id, embedding) VALUES (?, 'ana', ?)", ((i, v.tobytes()) for i, v in enumerate(data)))
        db.executemany("INSERT INTO vec(rowid, user_id, embedding) VALUES (?, ?, ?)",
                       ((len(data) + i, f"other{i // len(data)}", v.tobytes()) for i, v in enumerate(others)))
        sql = "SELECT rowid FROM vec WHERE embedding MATCH ? AND k = ? AND user_id = 'ana'"
        search = lambda q: [r[0] for r in db.execute(sql, (q.tobytes(), K))]
        timed(search)
        version = db.execute("SELECT vec_version()").fetchone()[0]
        record("sqlite-vec vec0 (partition key user_id)", *timed(search), f"sqlite-vec {version}, exact")
    else:
        rows.append(("sqlite-vec", None, None, None, "skipped: vec0.so not found (npm @photostructure/sqlite-vec not installed)"))

    probe = " ".join(l.strip() for l in open(f"{folder}/rapport.out") if l.startswith("snapshot bytes")) if os.path.exists(f"{folder}/rapport.out") else ""
    import subprocess
    run = lambda *c: subprocess.run(c, capture_output=True, text=True).stdout.strip()
    model = next((l.split(":", 1)[1].strip() for l in run("lscpu").splitlines() if l.startswith("Model name")), "?")
    flags = run("lscpu")
    simd = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    load = open("/proc/loadavg").read().split()[:3]
    lines = [f"10,000 x {DIMS} unit vectors of one user ({len(others) // len(data)} other users beside them), {len(queries)} queries, "
             f"top {K}, one query at a time on one thread; {model} ({simd}), {os.cpu_count()} cores, load {' '.join(load)}; "
             f"commit {run('git', 'rev-parse', '--short', 'HEAD')}. Command: bench/peers/run.sh", "",
             "| engine | p50 (us) | p99 (us) | recall@10 | note |", "|---|---:|---:|---:|---|"]
    for name, p50, p99, recall, note in rows:
        if p50 is None:
            lines.append(f"| {name} | | | | {note} |")
        else:
            lines.append(f"| {name} | {p50:.0f} | {p99:.0f} | {recall:.3f} | {note} |")
    if probe:
        lines += ["", f"Rapport's probe: {probe}"]
    text = "\n".join(lines)
    print(text)
    if out:
        with open(out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "", sys.argv[3] if len(sys.argv) > 3 else "")
