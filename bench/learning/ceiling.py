#!/usr/bin/env python3
"""The ceiling of learning from outcomes under the demo's constraints (issue 7), with no embeddings at all.

The demo's rules: 6 kinds, 4 types of situation drawn uniformly, each user's best kind per type drawn independently
(success 0.75), the others uniform in 0.15..0.45, 5 interventions per session, 10 sessions. The learners here are
*told* each situation's type (Rapport must infer it from the words) and, for the Bayes learners, also know the rules
above exactly: that one kind per type succeeds with 0.75 and the others are uniform in 0.15..0.45. The greedy Bayes
learner picks the kind with the highest posterior expected success, which is close to optimal for this horizon.
It prints the success rate per session and the share of the no-memory-to-oracle gap closed at session 10.

    python3 bench/learning/ceiling.py [--users 4000] [--seed 1]
"""
import argparse
import random

KINDS, TYPES, BEST, LOW, HIGH = 6, 4, 0.75, 0.15, 0.45


def simulate(policy, users, sessions, per_session, seed):
    rnd = random.Random(seed)
    helped, total = [0] * sessions, [0] * sessions
    for _ in range(users):
        best = [rnd.randrange(KINDS) for _ in range(TYPES)]
        rates = [[BEST if k == best[t] else rnd.uniform(LOW, HIGH) for k in range(KINDS)] for t in range(TYPES)]
        history = [[[0, 0] for _ in range(KINDS)] for _ in range(TYPES)]  # per type and kind: helped, not helped
        for s in range(sessions):
            for _ in range(per_session):
                t = rnd.randrange(TYPES)
                k = policy(history[t], rnd)
                ok = rnd.random() < rates[t][k]
                history[t][k][0 if ok else 1] += 1
                helped[s] += ok
                total[s] += 1
    return [h / n for h, n in zip(helped, total)]


_other = {}


def other_likelihood(s, f, steps=60):
    """The mean of p^s (1-p)^f over p uniform in LOW..HIGH: how likely the outcomes are if the kind is not the best."""
    if (s, f) not in _other:
        qs = (LOW + (HIGH - LOW) * (j + 0.5) / steps for j in range(steps))
        _other[(s, f)] = sum(q ** s * (1 - q) ** f for q in qs) / steps
    return _other[(s, f)]


def posterior_best(history):
    weights = [BEST ** s * (1 - BEST) ** f / other_likelihood(s, f) for s, f in history]
    z = sum(weights)
    return [w / z for w in weights]


def bayes_greedy(history, rnd):
    post = posterior_best(history)
    expected = [p * BEST + (1 - p) * other_likelihood(s + 1, f) / other_likelihood(s, f)
                for p, (s, f) in zip(post, history)]
    top = max(expected)
    return rnd.choice([k for k, e in enumerate(expected) if e >= top - 1e-12])


def bayes_thompson(history, rnd):
    x = rnd.random()
    for k, p in enumerate(posterior_best(history)):
        x -= p
        if x <= 0:
            return k
    return KINDS - 1


def beta_ucb(history, rnd, bonus=0.5):
    """The demo's type-aware reference: Beta(1,1) per kind, mean plus 0.5 standard deviations."""
    def score(s, f):
        a, b = s + 1, f + 1
        mean = a / (a + b)
        return mean + bonus * (mean * (1 - mean) / (a + b + 1)) ** 0.5
    scores = [score(s, f) for s, f in history]
    top = max(scores)
    return rnd.choice([k for k, v in enumerate(scores) if v >= top - 1e-12])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=4000)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--per-session", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    run = lambda policy: simulate(policy, args.users, args.sessions, args.per_session, args.seed)
    baseline = run(lambda history, rnd: rnd.randrange(KINDS))
    print(f"{args.users} users x {args.sessions} sessions x {args.per_session}, seed {args.seed}")
    print("no memory       " + " ".join(f"{r:.3f}" for r in baseline))
    for name, policy in [("beta-ucb (told the type)", beta_ucb),
                         ("bayes thompson (told the type and the rules)", bayes_thompson),
                         ("bayes greedy (told the type and the rules)", bayes_greedy)]:
        rates = run(policy)
        gap = (rates[-1] - baseline[-1]) / (BEST - baseline[-1])
        print(f"{name}: " + " ".join(f"{r:.3f}" for r in rates) + f"  -> session {args.sessions} closes {gap:.1%} of the gap")


if __name__ == "__main__":
    main()
