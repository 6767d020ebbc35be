"""How evenly a Redis Cluster spreads Rapport's users: every key of a user carries the hash tag {user}, so a user is one
slot (CRC16/XMODEM of the tag mod 16384, as Redis computes it). For U users named user-00000.. and N primaries owning
equal slot ranges, prints the most loaded primary's users against the mean. Usage: python3 bench/scale/slot-balance.py"""


def crc16(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def main():
    print("| users | primaries | mean users per primary | most loaded primary | max / mean |")
    print("|---:|---:|---:|---:|---:|")
    for users in (10_000, 100_000, 1_000_000):
        slots = [0] * 16384
        for u in range(users):
            slots[crc16(f"user-{u:07d}".encode()) % 16384] += 1
        for primaries in (3, 6, 12):
            per = [0] * primaries
            for slot, count in enumerate(slots):
                per[slot * primaries // 16384] += count
            mean = users / primaries
            print(f"| {users:,} | {primaries} | {mean:,.0f} | {max(per):,} | {max(per) / mean:.3f} |")


if __name__ == "__main__":
    main()
