"""Recall@10 of a 1-bit (sign) prefilter before the int8 estimate and the exact re-score, on bench/peers/data.py's files:
keep the best N of 10,000 by sign bits, then the best 50 of those by int8 estimate, then the exact top 10.
Usage: /usr/bin/python3 bench/peers/prefilter.py <folder written by data.py>   (needs python3-numpy)"""
import sys
import numpy as np


def main(folder):
    vectors = np.fromfile(f"{folder}/vectors.f32", dtype=np.float32).reshape(-1, 384)
    queries = np.fromfile(f"{folder}/queries.f32", dtype=np.float32).reshape(-1, 384)
    truth = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]

    def int8(x):
        scale = np.abs(x).max(1, keepdims=True) / 127
        return np.round(x / scale) * scale

    estimates = int8(queries) @ int8(vectors).T
    signs = np.sign(vectors)
    for name, prefilter in (("sign bits, both sides", np.sign(queries) @ signs.T), ("float query, sign bits", queries @ signs.T)):
        for n in (250, 500, 1000, 2000):
            recalls = []
            for q in range(len(queries)):
                kept = np.argpartition(-prefilter[q], n)[:n]
                best50 = kept[np.argsort(-estimates[q, kept])[:50]]
                top = best50[np.argsort(-(vectors[best50] @ queries[q]))[:10]]
                recalls.append(len(set(top.tolist()) & set(truth[q].tolist())) / 10)
            print(f"{name}: keep {n}: recall@10 {np.mean(recalls):.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
