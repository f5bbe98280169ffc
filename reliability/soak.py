#!/usr/bin/env python3
"""Ghost Records soak: two replicas under steady mixed load with faults, then checks from outside.

    python3 reliability/soak.py               # 10 minutes
    python3 reliability/soak.py --minutes 2   # what .ci/run runs

Runs target/ghost-records.jar (built if missing) twice against one throwaway PostgreSQL (Debian's
binaries, like reliability/run.py, whose helpers it uses), one shared watched folder, no balancer:
clients alternate between the replicas. At once: inference events, feeds of 5 providers with churn,
fetches from a stub provider that answers 429 and 5xx now and then, mark stale and purge every
minute with short windows, two webhook receivers (one flaky, and down for a minute), a change-feed
reader; PostgreSQL restarted twice and one replica kill -9'd and restarted. Prints one line per
check and exits 1 if any failed.
"""
import argparse, base64, collections, datetime, http.server, json, os, random, re, signal, sys, tempfile
import subprocess, threading, time

sys.dont_write_bytecode = True  # no __pycache__ left in the working tree by the import below
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as rel  # noqa: E402  the fault suite's PostgreSQL, Service and HTTP helpers

PROVIDERS = ["alpha", "bravo", "charlie", "delta", "echo"]
STOP = threading.Event()
T0 = time.time()


def now():
    return time.time() - T0


def log(msg):
    print("[%6.1fs] %s" % (now(), msg))
    sys.stdout.flush()


# ---------- webhook receivers ----------
class Receiver:
    """Counts each webhook-id it accepted (2xx); flaky ones answer 500 to a share of requests."""

    def __init__(self, name, fail_share=0.0):
        self.name, self.fail_share = name, fail_share
        self.port = rel.free_port()
        self.accepted = collections.Counter()
        self.refused = 0
        self.lock = threading.Lock()
        self.server = None
        self.up()

    def up(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                wid = self.headers.get("webhook-id")
                fail = random.random() < receiver.fail_share
                with receiver.lock:
                    if fail:
                        receiver.refused += 1
                    else:
                        receiver.accepted[wid] += 1
                self.send_response(500 if fail else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self):
        self.server.shutdown()
        self.server.server_close()

    def url(self):
        return "http://127.0.0.1:%d/hook" % self.port


# ---------- a stub provider for the fetch route ----------
class StubProvider:
    """An OpenAI-compatible GET /v1/models that answers 429 or 503 now and then."""

    def __init__(self):
        self.port = rel.free_port()
        self.answers = collections.Counter()
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                r = random.random()
                if r < 0.15:
                    status, body, extra = 429, b'{"error":{"message":"slow down"}}', {"Retry-After": "1"}
                elif r < 0.30:
                    status, body, extra = 503, b'{"error":{"message":"overloaded"}}', {}
                else:
                    n = 10 + int(time.time() / 30) % 5  # the list moves slowly
                    body = json.dumps({"object": "list", "data": [{"id": "stub-%02d" % i, "object": "model"}
                                                                  for i in range(n)]}).encode()
                    status, extra = 200, {}
                stub.answers[status] += 1
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


# ---------- load ----------
# the heap fixed and touched at start: G1 otherwise grows and returns heap as it sees fit, which alone moves a
# short run's RSS by 20 %; a heap that leaks shows in the live heap after a full collection, checked beside RSS
HEAP = ("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch")


class Replicas:
    """The running replicas; a restarted one replaces its slot (new ports), clients alternate."""

    def __init__(self, pg, db, inbox, env):
        self.pg, self.db, self.inbox, self.env = pg, db, inbox, env
        self.slots = [self.start() for _ in range(2)]
        self.all = list(self.slots)  # every process started, for the log check
        self.turn = 0
        self.lock = threading.Lock()

    def start(self):
        svc = rel.Service(dict(self.pg.env(self.db), **self.env), self.inbox, java_opts=HEAP)
        svc.started = time.time()
        return svc

    def next(self):
        with self.lock:
            self.turn += 1
            return self.slots[self.turn % 2]

    def restart(self, i):
        svc = self.start()
        self.all.append(svc)
        self.slots[i] = svc
        return svc


class Events:
    """Inference events at a steady rate, singles and batches, known and new models."""

    def __init__(self, replicas, feeds, rate):
        self.replicas, self.feeds, self.rate = replicas, feeds, rate
        self.last_ok = {}  # (provider, model) -> latest send time answered 200
        self.samples = []  # (send time since start, seconds, status)
        self.lock = threading.Lock()
        self.n = 0

    def body(self, rnd):
        items = []
        for _ in range(1 if rnd.random() < 0.6 else rnd.randrange(2, 50)):
            if rnd.random() < 0.5:
                provider = rnd.choice(PROVIDERS)
                known = self.feeds.known(provider)
                model = rnd.choice(known) if known else "x"
            else:
                provider, model = "gateway", "new-%d" % rnd.randrange(2000)
            items.append({"providerId": provider, "modelId": model})
        return items

    def loop(self, seed, share):
        rnd = random.Random(seed)
        interval = share / self.rate
        next_at = time.time()
        while not STOP.is_set():
            items = self.body(rnd)
            svc = self.replicas.next()
            sent = time.time()
            status, _, took = rel.http_call("POST", svc.url("/api/inference-events"),
                                            json.dumps(items if len(items) > 1 else items[0]).encode(),
                                            {"Content-Type": "application/json", "Authorization": "Bearer " + rel.TOKEN},
                                            timeout=15)
            with self.lock:
                self.n += 1
                self.samples.append((sent - T0, took, status))
                if status == 200:
                    for it in items:
                        key = (it["providerId"], it["modelId"])
                        self.last_ok[key] = max(self.last_ok.get(key, 0), sent)
            next_at += interval
            STOP.wait(max(0, next_at - time.time()))


class Feeds:
    """Each provider's feed, dropped every 10 s with churn: added, dropped, repriced, retiring."""

    def __init__(self, inbox):
        self.inbox = inbox
        self.work = tempfile.mkdtemp(prefix="ghost-soak-feeds-")
        self.models = {p: {"%s-%03d" % (p, i): {"price": 1 + i, "retires": None} for i in range(30)} for p in PROVIDERS}
        self.lock = threading.Lock()
        self.next_id = 30
        self.dropped = 0

    def known(self, provider):
        with self.lock:
            return list(self.models[provider])

    def churn(self, rnd, provider):
        with self.lock:
            ms = self.models[provider]
            for _ in range(rnd.randrange(0, 3)):
                ms["%s-%03d" % (provider, self.next_id)] = {"price": rnd.randrange(1, 50), "retires": None}
                self.next_id += 1
            if len(ms) > 25 and rnd.random() < 0.7:
                ms.pop(rnd.choice(sorted(ms)))
            for m in rnd.sample(sorted(ms), 2):
                ms[m]["price"] = rnd.randrange(1, 50)
            if rnd.random() < 0.3:
                ms[rnd.choice(sorted(ms))]["retires"] = (datetime.date.today() + datetime.timedelta(days=rnd.randrange(5, 200))).isoformat()
            return {m: dict(v) for m, v in ms.items()}

    def loop(self):
        rnd = random.Random(11)
        tick = 0
        while not STOP.is_set():
            for p in PROVIDERS:
                ms = self.churn(rnd, p)
                data = [{"id": m, "object": "model", "context_length": 8192,
                         "pricing": {"prompt": "%.7f" % (v["price"] / 1e6), "completion": "%.7f" % (2 * v["price"] / 1e6)},
                         **({"expiration_date": v["retires"]} if v["retires"] else {})} for m, v in sorted(ms.items())]
                stamp = datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")
                path = os.path.join(self.work, "%s_models_%s_%04d.json" % (p, stamp, tick))
                with open(path, "w") as f:
                    json.dump({"object": "list", "data": data}, f)
                rel.drop(path, self.inbox)
                os.remove(path)
                self.dropped += 1
            tick += 1
            STOP.wait(10)


class ChangeReader:
    """Follows GET /api/changes from the start, alternating replicas; remembers each event id seen."""

    def __init__(self, replicas):
        self.replicas = replicas
        self.after = None
        self.seen = collections.Counter()
        self.errors = 0

    def poll(self):
        """One page; False when it was empty (caught up)."""
        q = "/api/changes?limit=1000" + ("&after=" + self.after if self.after else "")
        status, body, _ = rel.http_call("GET", self.replicas.next().url(q), timeout=15)
        if status != 200 or not isinstance(body, dict):
            self.errors += 1
            return False
        for c in body["changes"]:
            # the cursor is base64 of "<transaction>:<event id>"
            self.seen[int(base64.b64decode(c["cursor"] + "==").decode().split(":")[1])] += 1
        self.after = body["next"]
        return bool(body["changes"])

    def loop(self):
        while not STOP.is_set():
            if not self.poll():
                STOP.wait(1)


class NotificationLog:
    """Snapshots of the notification table, as purge prunes settled ones during the run."""

    def __init__(self, pg, db):
        self.pg, self.db = pg, db
        self.ids = {}

    def snapshot(self):
        try:
            for line in self.pg.psql(self.db, "select id || ' ' || status from notification").splitlines():
                nid, status = line.split()
                self.ids[nid] = status
        except Exception:
            pass  # PostgreSQL away: the next snapshot catches up

    def loop(self):
        while not STOP.is_set():
            self.snapshot()
            STOP.wait(5)


def metric(svc, name):
    status, text, _ = rel.http_call("GET", "http://127.0.0.1:%d/observe/metrics" % svc.mgmt, timeout=10)
    if status != 200:
        return None
    for line in str(text).splitlines():
        if line.startswith(name + "{") and 'pool="catalog"' in line:
            return float(line.rsplit(" ", 1)[1])
    return None


def memory_mb(svc):
    """(RSS, live heap) right after a full collection (jcmd GC.run): what the replica holds, not garbage
    that happens not to be collected yet."""
    live = -1
    try:
        subprocess.run(["jcmd", str(svc.proc.pid), "GC.run"], capture_output=True, timeout=30)
        time.sleep(1)
        info = subprocess.run(["jcmd", str(svc.proc.pid), "GC.heap_info"], capture_output=True, text=True, timeout=30).stdout
        used = re.search(r"used (\d+)K", info)
        live = int(used.group(1)) / 1024 if used else -1
    except (OSError, subprocess.TimeoutExpired):
        pass
    try:
        return int(open("/proc/%d/status" % svc.proc.pid).read().split("VmRSS:")[1].split()[0]) / 1024, live
    except Exception:
        return -1, live


LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\.\d{3} (\w+)\s")


def errors_outside(svc, windows):
    """ERROR lines of a replica's log whose time falls outside every window (with 2 s of slack)."""
    out = []
    for line in svc.text().splitlines():
        m = LOG_LINE.match(line)
        if not m or m.group(2) != "ERROR":
            continue
        t = time.mktime(time.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")) - T0
        if not any(a - 2 <= t <= b + 2 for a, b in windows):
            out.append(line[:200])
    return out


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100.0 * len(values)))] if values else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--rate", type=float, default=20, help="event requests per second (both replicas)")
    args = ap.parse_args()
    duration = args.minutes * 60
    if not os.path.exists(rel.JAR):
        import subprocess
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=rel.ROOT, check=True)

    pg = rel.Postgres()
    db = pg.fresh_db()
    inbox = tempfile.mkdtemp(prefix="ghost-soak-inbox-")
    work = tempfile.mkdtemp(prefix="ghost-soak-")
    steady, flaky = Receiver("steady"), Receiver("flaky", 1 / 3.0)
    stub = StubProvider()
    providers_file = os.path.join(work, "providers.yaml")
    with open(providers_file, "w") as f:
        f.write("providers:\n  - {id: stub, kind: openai, baseUrl: http://127.0.0.1:%d/v1}\n" % stub.port)
    env = {
        "GHOST_PROVIDERS_FILE": providers_file, "GHOST_FETCH_CRON": "*/20 * * * * ?", "GHOST_FETCH_BACKOFF_MS": "200",
        "GHOST_STALE_CRON": "0 * * * * ?", "GHOST_PURGE_CRON": "30 * * * * ?",
        # stale after 36 s, purged 60 s after, settled rows pruned after about 3 minutes
        "GHOST_STALE_AFTER_HOURS": "0.01", "GHOST_PURGE_AFTER_DAYS": "0.0007", "GHOST_HISTORY_RETENTION_DAYS": "0.002",
        "GHOST_WEBHOOK_URLS": steady.url() + "," + flaky.url(), "GHOST_WEBHOOK_BACKOFF_MS": "100",
        "GHOST_WEBHOOK_SCAN_DELAY": "5000", "GHOST_MODELS_QUIET_PERIOD": "500", "GHOST_MODELS_POLL_DELAY": "500",
    }
    replicas = Replicas(pg, db, inbox, env)
    failures = []

    def check(name, ok, observed):
        print(("PASS " if ok else "FAIL ") + name + ": " + observed)
        sys.stdout.flush()
        if not ok:
            failures.append(name)

    try:
        if not all(s.wait_up() for s in replicas.slots):
            check("replicas start", False, "not up; logs in %s" % [s.log_path for s in replicas.slots])
            return 1
        global T0
        T0 = time.time()  # the run's clock starts with the load, once both replicas are up
        log("2 replicas up (http %s), PostgreSQL on %d, inbox %s; running %.0f s"
            % ([s.http for s in replicas.slots], pg.port, inbox, duration))
        feeds = Feeds(inbox)
        events = Events(replicas, feeds, args.rate)
        reader = ChangeReader(replicas)
        notes = NotificationLog(pg, db)
        threads = [threading.Thread(target=feeds.loop), threading.Thread(target=reader.loop),
                   threading.Thread(target=notes.loop)]
        threads += [threading.Thread(target=events.loop, args=(i, 4)) for i in range(4)]
        for t in threads:
            t.daemon = True
            t.start()

        # the faults, at fixed shares of the run; outage windows exclude their time from log and latency checks
        windows = []
        plan = [(0.10, "kill"), (0.45, "pg"), (0.55, "hook-down"), (0.60, "rss"), (0.75, "pg")]
        hook_down = min(60, duration * 0.15)
        memory_start = {}
        for share, what in plan:
            STOP.wait(max(0, T0 + share * duration - time.time()))
            if what == "kill":
                victim = replicas.slots[1]
                a = now()
                victim.signal(signal.SIGKILL); victim.proc.wait(); victim.log.close()
                log("kill -9 replica 2 (pid %d)" % victim.proc.pid)
                svc = replicas.restart(1)
                up = svc.wait_up()
                windows.append((a, now() + 5))
                log("replica 2 restarted: up %s (http %d)" % (up, svc.http))
            elif what == "pg":
                a = now()
                pg.stop()
                log("PostgreSQL stopped")
                time.sleep(10)
                pg.start()
                log("PostgreSQL started")
                # until both replicas answer again, plus the retries it takes to settle
                rel.wait_for(lambda: all(rel.http_call("GET", "http://127.0.0.1:%d/observe/health" % s.mgmt, timeout=5)[0] == 200
                                         for s in replicas.slots), 60, 1)
                windows.append((a, now() + 5))
            elif what == "hook-down":
                flaky.down()
                log("flaky receiver down for %.0f s" % hook_down)
                threading.Timer(hook_down, lambda: (flaky.up(), log("flaky receiver up"))).start()
            elif what == "rss":
                # a JVM grows its heap, code cache and threads over its first minute of load and its first
                # outage (reconnects, retries): measure from after both, so the second outage is a repeat
                def baseline(i, svc):
                    memory_start[i] = memory_mb(svc)
                    log("replica %d after warm-up: RSS %.0f MB, live heap %.0f MB" % (i + 1, *memory_start[i]))
                for i, svc in enumerate(replicas.slots):
                    threading.Timer(max(0, svc.started + 60 - time.time()), baseline, (i, svc)).start()
        STOP.wait(max(0, T0 + duration - time.time()))
        memory_end = {i: memory_mb(s) for i, s in enumerate(replicas.slots)}  # before the load stops: same conditions
        STOP.set()
        for t in threads:
            t.join(30)
        load_end = now()
        log("load stopped; %d event requests, %d feeds dropped; draining notifications" % (events.n, feeds.dropped))

        # drain: until no notification is pending, or 2 minutes: a receiver that failed several times in a
        # row is retried with exponential backoff, so a few may still be waiting for their next attempt
        drained = rel.wait_for(lambda: pg.psql(db, "select count(*) from notification where status = 'PENDING'") == "0", 120, 2)
        notes.snapshot()
        # pending ones are in flight when their next attempt is scheduled; overdue by 30 s, they are stuck
        in_flight, stuck = {}, []
        for line in pg.psql(db, "select id || ' ' || attempts || ' ' || (next_attempt_at < now() - interval '30 seconds') || ' ' "
                                "|| ceil(extract(epoch from next_attempt_at - now())) from notification where status = 'PENDING'").splitlines():
            nid, attempts, overdue, wait = line.split()
            (stuck.append(nid) if overdue == "true" else in_flight.__setitem__(nid, (int(attempts), int(wait))))
        while reader.poll():
            pass
        rows = {t: pg.psql(db, "select count(*) from %s" % t) for t in
                ("model", "model_event", "model_past_version", "provider", "ingestion", "feed_file_version", '"fetch"',
                 "notification", "maintenance_run", "model_occurrence")}
        event_ids = [int(x) for x in pg.psql(db, "select id from model_event order by id").split()]
        while reader.poll():  # anything committed since the table was read
            pass
        log("drained in %.0f s" % (now() - load_end))

        # 1. every event answered 200 is in the catalog, or was purged after it by maintenance
        state = {}
        for line in pg.psql(db, "select provider_id || E'\\t' || model_id || E'\\t' || coalesce(extract(epoch from last_inference_at)::text, '') from model").splitlines():
            p, m, t = (line + "\t").split("\t")[:3]  # psql's output is stripped: a last empty field loses its tab
            state[(p, m)] = float(t) if t else None
        purged = collections.defaultdict(list)
        for line in pg.psql(db, "select provider_id || E'\\t' || model_id || E'\\t' || extract(epoch from at) from model_event where kind = 'PURGED'").splitlines():
            p, m, t = line.split("\t")
            purged[(p, m)].append(float(t))
        lost, via_purge = [], 0
        for key, sent in events.last_ok.items():
            t = state.get(key)
            if t is not None and t >= sent - 0.001:
                continue
            if any(at >= sent for at in purged.get(key, ())):
                via_purge += 1
                continue
            lost.append(key)
        answered = sum(1 for s in events.samples if s[2] == 200)
        check("events", not lost and answered > 0,
              "%d requests, %d answered 200 (%d others), %d models touched: all in the catalog (%d purged after their last event); missing: %d %s"
              % (events.n, answered, events.n - answered, len(events.last_ok), via_purge, len(lost), lost[:3]))

        # 2. the change feed: every model_event exactly once
        dup = [i for i, n in reader.seen.items() if n > 1]
        missing = sorted(set(event_ids) - set(reader.seen))
        check("change feed", not dup and not missing and reader.seen,
              "%d events in the table, %d seen by the reader; missing %d %s, seen twice %d %s (%d failed polls, during outages)"
              % (len(event_ids), len(set(reader.seen)), len(missing), missing[:5], len(dup), dup[:5], reader.errors))

        # 3. webhooks: each notification accepted once by each live receiver
        dead = [n for n, s in notes.ids.items() if s == "DEAD"]
        settled = set(notes.ids) - set(in_flight) - set(stuck)
        parts, ok = [], not dead and not stuck
        for r in (steady, flaky):
            with r.lock:
                got = set(r.accepted)
                twice = sum(1 for n in r.accepted.values() if n > 1)
            miss = settled - got
            ok = ok and not miss
            parts.append("%s: %d accepted, %d missing, %d accepted again (at-least-once)%s"
                         % (r.name, len(got & settled), len(miss), twice,
                            ", %d answered 500" % r.refused if r.refused else ""))
        check("webhooks", ok, "%d notifications: %d settled (dead %d), %d still retrying after the drain (attempts, next in s: %s), %d stuck; %s"
              % (len(notes.ids), len(settled), len(dead), len(in_flight), sorted(in_flight.values())[:5], len(stuck), "; ".join(parts)))

        # 4. memory: RSS and live heap after warm-up to the end, of the replicas that ran the whole time since;
        # the live heap may grow by a tenth of the heap (caches filling), no more
        growth = {i + 1: ((memory_end[i][0] - memory_start[i][0]) / memory_start[i][0], memory_end[i][1] - memory_start[i][1])
                  for i in memory_start if memory_start[i][0] > 0 and memory_start[i][1] >= 0 and memory_end[i][1] >= 0}
        check("memory", len(growth) == 2 and all(g < 0.10 and h < 51.2 for g, h in growth.values()),
              "; ".join("replica %d RSS %.0f -> %.0f MB (%+.1f %%), live heap %.0f -> %.0f MB"
                        % (i, memory_start[i - 1][0], memory_end[i - 1][0], 100 * g, memory_start[i - 1][1], memory_end[i - 1][1])
                        for i, (g, _) in growth.items()) + " (" + " ".join(HEAP) + ")")

        # 5. the pool: every connection back
        def pools():
            return [(metric(s, "hikaricp_connections_active"), metric(s, "hikaricp_connections_idle")) for s in replicas.slots]
        idle = rel.wait_for(lambda: all(a == 0 for a, _ in pools()), 30, 0.5)
        check("connection pools", idle, "active/idle per replica: %s; server backends: %s"
              % (pools(), pg.psql(db, "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")))

        # 6. no ERROR outside the outage windows
        errs = [e for s in replicas.all for e in errors_outside(s, windows)]
        total = sum(1 for s in replicas.all for line in s.text().splitlines() if (LOG_LINE.match(line) or [None, None, ""])[2] == "ERROR")
        check("logs", not errs, "%d ERROR lines outside the outage windows %s (%d inside) %s"
              % (len(errs), [(round(a), round(b)) for a, b in windows], total - len(errs), errs[:3]))

        # 7. latency outside the outage windows
        calm = [s[1] for s in events.samples if not any(a - 1 <= s[0] <= b for a, b in windows)]
        p50, p99 = percentile(calm, 50), percentile(calm, 99)
        check("latency", p99 < 2.0, "events outside outages: %d requests, p50 %.0f ms, p99 %.0f ms, max %.0f ms"
              % (len(calm), p50 * 1000, p99 * 1000, max(calm) * 1000 if calm else 0))

        # 8. what is left: rows and files
        files = [n for n in os.listdir(inbox) if not n.startswith(".")]
        print("INFO rows: %s; watched folder: %d files (%d dropped, %d fetched); stub answers %s"
              % (", ".join("%s %s" % (t.strip('"'), n) for t, n in rows.items()), len(files), feeds.dropped,
                 sum(1 for n in files if n.startswith("stub_")), dict(stub.answers)))
        fetches = pg.psql(db, "select string_agg(status || ' ' || n, ', ') from (select status, count(*) n from \"fetch\" group by 1) x")
        runs = pg.psql(db, "select string_agg(job || ' ' || n, ', ') from (select job, count(*) n from maintenance_run group by 1) x")
        print("INFO fetches now kept: %s; maintenance runs kept: %s; load (1/5/15 min): %s"
              % (fetches, runs, open("/proc/loadavg").read().split()[:3]))
    finally:
        STOP.set()
        for s in replicas.all:
            s.stop()
        try:
            pg.stop()
        except Exception:
            pass
    print("\n%d checks failed" % len(failures) if failures else "\nall checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
