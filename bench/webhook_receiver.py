#!/usr/bin/env python3
"""A local webhook receiver for bench/webhooks.sh: answers every POST 204 at once and, once it has
received N, writes "<count> <first arrival> <last arrival>" (epoch seconds) to OUT and keeps answering.
   webhook_receiver.py PORT N OUT"""
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, expected, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lock = threading.Lock()
seen = {"count": 0, "first": None, "last": None, "ids": set()}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        now = time.time()
        with lock:
            # count each notification once (at least once: a lease that ran out may send one twice)
            if self.headers.get("webhook-id") not in seen["ids"]:
                seen["ids"].add(self.headers.get("webhook-id"))
                seen["count"] += 1
                seen["first"] = seen["first"] or now
                seen["last"] = now
                if seen["count"] == expected:
                    with open(out, "w") as f:
                        f.write(f"{seen['count']} {seen['first']} {seen['last']}\n")
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
