#!/usr/bin/env python3
"""Write riscv-tests/manifest.json: one entry per riscv-tests/*.S with the
expected exit status (0 = all cases pass; selftest-fail deliberately exits 3)
and the number of test cases in the file.

    python3 riscv-tests/gen/gen_manifest.py
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.dirname(HERE)
EXPECTED_EXIT = {"selftest-fail": 3}

entries = []
for f in sorted(os.listdir(DIR)):
    if not f.endswith(".S"):
        continue
    name = f[:-2]
    src = open(os.path.join(DIR, f)).read()
    nums = set(re.findall(r"^\s*TEST_\w+\((\d+),", src, re.M))
    entries.append({"name": name, "exit": EXPECTED_EXIT.get(name, 0), "tests": len(nums)})
with open(os.path.join(DIR, "manifest.json"), "w") as fh:
    fh.write("[\n" + ",\n".join("  " + json.dumps(e) for e in entries) + "\n]\n")
print("manifest: %d files, %d test cases" % (len(entries), sum(e["tests"] for e in entries)))
