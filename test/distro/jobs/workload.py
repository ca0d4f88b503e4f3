# json, hashlib, re, struct and a compute loop: a deterministic workout for python3.13.
import hashlib
import json
import re
import struct

records = [{"id": i, "name": f"item-{i:05d}", "tags": ["even" if i % 2 == 0 else "odd", f"mod7={i % 7}"],
            "score": (i * 7919) % 1000 / 10.0} for i in range(3000)]
blob = json.dumps(records, sort_keys=True, separators=(",", ":"))
back = json.loads(blob)
print("json:", len(blob), "bytes;", back[1234]["name"], back[2999]["tags"], sum(r["score"] for r in back))

print("sha256:", hashlib.sha256(blob.encode()).hexdigest())
print("md5:", hashlib.md5(b"rvemu" * 1000).hexdigest())
print("sha1:", hashlib.sha1(b"").hexdigest())
h = hashlib.blake2b(digest_size=16)
for r in records[:500]:
    h.update(r["name"].encode())
print("blake2b:", h.hexdigest())

text = " ".join(r["name"] + ("!" if r["id"] % 13 == 0 else "") for r in records)
pat = re.compile(r"item-(\d{2})(\d{3})(!?)")
found = pat.findall(text)
print("re:", len(found), found[:2], sum(1 for f in found if f[2]), re.sub(r"\d", "#", "a1b22c333"))
print("re split:", re.split(r"[,;]\s*", "alpha, beta;gamma,delta"))

packed = struct.pack("<4sIqd", b"RVEM", 0xDEADBEEF, -1234567890123, 3.25)
print("struct:", packed.hex(), struct.unpack("<4sIqd", packed))
values = struct.unpack("<100H", bytes(range(200)))
print("struct sum:", sum(values), struct.calcsize("@iqc"))

def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

best = max(range(1, 30000), key=collatz)
print("collatz:", best, collatz(best))
primes = [p for p in range(2, 20000) if all(p % d for d in range(2, int(p ** 0.5) + 1))]
print("primes:", len(primes), primes[-3:])
d = {}
for i in range(50000):
    d[i % 997] = d.get(i % 997, 0) + i
print("dict:", len(d), d[0], d[996])
print("floats:", f"{sum(1 / (k * k) for k in range(1, 100000)):.12f}", round(2.675, 2), 0.1 + 0.2)
