#!/usr/bin/env python3
"""Writes a provider feed of N models in the OpenAI envelope, entries of ~150 bytes with a nested object.
Usage: gen_feed.py N PATH"""
import json, sys

if len(sys.argv) != 3 or not sys.argv[1].isdigit():
    # --help, or no N and PATH: the usage, not a traceback
    print(__doc__)
    sys.exit(0 if sys.argv[1:2] in (["--help"], ["-h"]) else 2)
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as out:
    out.write('{"object":"list","data":[')
    for i in range(n):
        entry = {"id": "org-%d/model-%07d" % (i % 97, i), "object": "model", "created": 1700000000 + i,
                 "owned_by": "org-%d" % (i % 97), "context_length": 8192 * (1 + i % 16),
                 "pricing": {"prompt": "0.000001", "completion": "0.000002"}}
        out.write(("," if i else "") + json.dumps(entry, separators=(",", ":")))
    out.write("]}")
