"""Writes the shared data of bench/peers/run.sh: 10k x 384 unit vectors of the user under test, 3 other users' 10k each
(they share sqlite-vec's table, partitioned by user), and 200 queries (unit vectors, half near a memory, half random).
Standard library only, so that it runs before numpy is known to be there. Deterministic (seeded)."""
import math, random, struct, sys

DIMS, MEMORIES, USERS, QUERIES = 384, 10_000, 4, 200


def unit(rng):
    v = [rng.gauss(0, 1) for _ in range(DIMS)]
    n = math.sqrt(sum(x * x for x in v))
    return [x / n for x in v]


def write(path, rows):
    with open(path, "wb") as f:
        for row in rows:
            f.write(struct.pack(f"<{DIMS}f", *row))


def main(folder):
    rng = random.Random(17)
    users = [[unit(rng) for _ in range(MEMORIES)] for _ in range(USERS)]
    queries = []
    for q in range(QUERIES):
        if q % 2 == 0:
            base, noise = users[0][rng.randrange(MEMORIES)], unit(rng)
            v = [b + 0.6 * x for b, x in zip(base, noise)]
            n = math.sqrt(sum(x * x for x in v))
            queries.append([x / n for x in v])
        else:
            queries.append(unit(rng))
    write(f"{folder}/vectors.f32", users[0])
    write(f"{folder}/others.f32", [row for user in users[1:] for row in user])
    write(f"{folder}/queries.f32", queries)


if __name__ == "__main__":
    main(sys.argv[1])
