#!/usr/bin/env python3
"""A local stand-in for Anthropic's GET /v1/models: N models in pages of ?limit= (at most 1000),
then &after_id=<last_id> while has_more. Also writes the same N models as one feed file.
Usage: anthropic_stub.py PORT N FILE   (serves until killed; FILE gets {"data": [all N]})"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

port, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
MODELS = [{"type": "model", "id": "claude-bench-%05d" % i, "display_name": "Claude Bench %d" % i,
           "created_at": "2026-01-01T00:00:00Z", "max_input_tokens": 200000, "max_tokens": 64000,
           "capabilities": {"batch": {"supported": True}, "citations": {"supported": i % 2 == 0}}} for i in range(n)]
INDEX = {m["id"]: i for i, m in enumerate(MODELS)}
with open(path, "w") as out:
    json.dump({"data": MODELS}, out, separators=(",", ":"))


class Models(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path != "/v1/models" or self.headers.get("x-api-key") != "bench-key":
            self.send_response(404 if url.path != "/v1/models" else 401)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        limit = min(int(query.get("limit", ["20"])[0]), 1000)
        start = INDEX[query["after_id"][0]] + 1 if "after_id" in query else 0
        page = MODELS[start:start + limit]
        body = json.dumps({"data": page, "has_more": start + limit < n, "first_id": page[0]["id"] if page else None,
                           "last_id": page[-1]["id"] if page else None}, separators=(",", ":")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Models).serve_forever()
