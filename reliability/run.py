#!/usr/bin/env python3
"""Ghost Records fault suite: the service's bad days, provoked for real, checked from outside.

    python3 reliability/run.py            # every fault (about 4 minutes)
    python3 reliability/run.py hostile-http graceful   # some of them

Runs target/ghost-records.jar (built if missing) as a user would, against a throwaway PostgreSQL
started from the machine's Debian binaries (/usr/lib/postgresql/*/bin), or the embedded one where
the fault is about it. Prints one line per check and a table for docs/RELIABILITY.md; exits 1 if
any check failed.
"""
import glob, http.client, json, os, random, shutil, signal, socket, string, subprocess, sys, tempfile, time
import urllib.error, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target/ghost-records.jar")
TOKEN = "reliability-token"
NEVER = "0 0 0 1 1 ? 2099"
RESULTS = []  # (fault, done, expected, observed, ok)


def record(fault, done, expected, observed, ok):
    RESULTS.append((fault, done, expected, observed, bool(ok)))
    print(("PASS " if ok else "FAIL ") + fault + ": " + observed)
    sys.stdout.flush()


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


# ---------- a throwaway PostgreSQL we can stop and start ----------
class Postgres:
    def __init__(self):
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="ghost-rel-pg-")
        os.chmod(self.dir, 0o777)
        self.data = os.path.join(self.dir, "data")
        self.as_postgres([self.bin + "/initdb", "-D", self.data, "-A", "trust", "-U", "postgres"])
        self.start()

    def as_postgres(self, cmd):
        if os.geteuid() == 0:
            cmd = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join("'%s'" % c for c in cmd)]
        subprocess.run(cmd, check=True, capture_output=True)

    def start(self):
        self.as_postgres([self.bin + "/pg_ctl", "-D", self.data, "-o",
                          "-p %d -k %s -c listen_addresses=127.0.0.1" % (self.port, self.dir),
                          "-l", self.dir + "/log", "-w", "start"])

    def stop(self):
        self.as_postgres([self.bin + "/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])

    def psql(self, db, sql):
        r = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db,
                            "-qtAX", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, timeout=120)
        if r.returncode:
            raise RuntimeError(r.stderr)
        return r.stdout.strip()

    def fresh_db(self):
        name = "rel_%d" % random.randrange(10 ** 9)
        self.psql("postgres", "create database " + name)
        return name

    def env(self, db):
        return {"GHOST_DB_URL": "jdbc:postgresql://127.0.0.1:%d/%s" % (self.port, db),
                "GHOST_DB_USER": "postgres", "GHOST_DB_PASSWORD": ""}


class Service:
    def __init__(self, env, inbox, data=None, java_opts=()):
        self.http, self.mgmt = free_port(), free_port()
        self.data = data or tempfile.mkdtemp(prefix="ghost-rel-data-")
        self.inbox = inbox
        e = dict(os.environ, GHOST_MODELS_DIR=inbox, GHOST_DATA_DIR=self.data, GHOST_HTTP_PORT=str(self.http),
                 GHOST_MANAGEMENT_PORT=str(self.mgmt), GHOST_API_TOKEN=TOKEN, GHOST_STALE_CRON=NEVER,
                 GHOST_PURGE_CRON=NEVER, GHOST_MODELS_QUIET_PERIOD="200", GHOST_MODELS_POLL_DELAY="100")
        e.update(env)
        self.log_path = os.path.join(self.data, "service.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(["java", *java_opts, "-jar", JAR, "serve"], env=e, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.http, path)

    def wait_up(self, timeout=90):
        end = time.time() + timeout
        while time.time() < end and self.proc.poll() is None:
            if http_call("GET", self.url("/api/stats"))[0] == 200:
                return True
            time.sleep(0.3)
        return False

    def signal(self, sig):
        os.kill(self.proc.pid, sig)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill(); self.proc.wait()
        self.log.close()

    def text(self):
        return open(self.log_path, errors="replace").read()

    def rss_mb(self):
        try:
            return int(open("/proc/%d/status" % self.proc.pid).read().split("VmHWM:")[1].split()[0]) // 1024
        except Exception:
            return -1


def http_call(method, url, body=None, headers=None, timeout=30):
    """(status, parsed JSON or text, seconds); status 0 when the connection failed."""
    t0 = time.time()
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, txt = r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        status, txt = e.code, e.read().decode("utf-8", "replace")
    except Exception as e:
        return 0, repr(e), time.time() - t0
    try:
        return status, json.loads(txt), time.time() - t0
    except ValueError:
        return status, txt, time.time() - t0


def post_event(svc, provider, model, token=TOKEN, ctype="application/json", raw=None):
    body = raw if raw is not None else json.dumps({"providerId": provider, "modelId": model}).encode()
    headers = {"Content-Type": ctype} if ctype else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    return http_call("POST", svc.url("/api/inference-events"), body, headers)


def write_feed(path, n, prefix="m"):
    with open(path, "w") as f:
        f.write('{"object":"list","data":[')
        f.write(",".join('{"id":"%s-%06d","object":"model","owned_by":"x","context_length":8192,'
                         '"pricing":{"prompt":"1","completion":"2"}}' % (prefix, i) for i in range(n)))
        f.write("]}")


def drop(src, inbox, name=None):
    name = name or os.path.basename(src)
    tmp = os.path.join(inbox, ".incoming-" + str(random.random()))
    shutil.copy(src, tmp)
    os.rename(tmp, os.path.join(inbox, name))


def wait_for(cond, timeout, step=0.2):
    end = time.time() + timeout
    while time.time() < end:
        try:
            if cond():
                return True
        except Exception:
            pass
        time.sleep(step)
    return False


# ---------- faults ----------
def f_kill9(pg):
    """kill -9 at several points of a 100k-model ingestion; all or nothing, then exactly once."""
    work = tempfile.mkdtemp(); feed = os.path.join(work, "big_models.json"); write_feed(feed, 100000)
    outcomes = []
    for delay, sig in ((0.3, signal.SIGKILL), (0.9, signal.SIGKILL), (1.6, signal.SIGKILL), (2.5, signal.SIGKILL),
                       (6.0, signal.SIGKILL), (1.6, signal.SIGTERM)):
        db = pg.fresh_db(); inbox = tempfile.mkdtemp()
        svc = Service(pg.env(db), inbox)
        svc.wait_up()
        drop(feed, inbox)
        time.sleep(delay)
        svc.signal(sig); svc.proc.wait(); svc.log.close()
        during = int(pg.psql(db, "select count(*) from model where provider_id='big'"))
        svc = Service(pg.env(db), inbox)
        svc.wait_up()
        done = wait_for(lambda: pg.psql(db, "select count(*) from ingestion where file_name='big_models.json' and status='OK'") == "1", 120)
        time.sleep(2)
        runs = pg.psql(db, "select count(*) from ingestion where file_name='big_models.json'")
        after = int(pg.psql(db, "select count(*) from model where provider_id='big'"))
        svc.stop()
        outcomes.append(("%s at %.1fs" % ("SIGTERM" if sig == signal.SIGTERM else "kill -9", delay), during, runs, after, done))
    ok = all(d in (0, 100000) and r == "1" and a == 100000 and done for _, d, r, a, done in outcomes)
    record("kill -9 (and SIGTERM) during a 100k-model ingestion",
           "%s after the drop, then restart" % ", ".join(o[0] for o in outcomes),
           "catalog holds none or all of the file; ingested exactly once after restart; no model lost",
           "; ".join("%s: %d rows after it, %s run(s), %d rows after restart" % (o[0], o[1], o[2], o[3])
                     for o in outcomes), ok)


def f_db_down(pg):
    """PostgreSQL down for 30 s while files arrive and events are posted."""
    db = pg.fresh_db(); inbox = tempfile.mkdtemp(); work = tempfile.mkdtemp()
    svc = Service(pg.env(db), inbox)
    svc.wait_up()
    before = post_event(svc, "outage", "before")[0]
    pg.stop(); t_down = time.time()
    for i in range(3):
        path = os.path.join(work, "down%d_models.json" % i); write_feed(path, 50, "d%d" % i); drop(path, inbox)
    answers = [post_event(svc, "outage", "during-%d" % i) for i in range(3)]
    stats = http_call("GET", svc.url("/api/stats"))
    health = http_call("GET", "http://127.0.0.1:%d/observe/health" % svc.mgmt)
    time.sleep(max(0, 30 - (time.time() - t_down)))
    pg.start()
    ingested = wait_for(lambda: pg.psql(db, "select count(*) from ingestion where file_name like 'down%' and status='OK'") == "3", 60)
    failed = pg.psql(db, "select count(*) from ingestion where status='FAILED'")
    health_up = wait_for(lambda: http_call("GET", "http://127.0.0.1:%d/observe/health" % svc.mgmt)[0] == 200, 30)
    after = post_event(svc, "outage", "after")[0]
    kept = pg.psql(db, "select count(*) from model where provider_id='outage' and model_id in ('before','after')")
    svc.stop()
    statuses = [a[0] for a in answers]
    slowest = max(a[2] for a in answers + [stats])
    ok = (before == 200 and all(s == 503 for s in statuses) and all(isinstance(a[1], dict) and "error" in a[1] for a in answers)
          and stats[0] == 503 and slowest < 12 and health[0] == 503 and ingested and failed == "0" and health_up
          and after == 200 and kept == "2")
    record("PostgreSQL down for 30 s", "pg_ctl stop -m fast; 3 files dropped, events and GETs sent; pg_ctl start after 30 s",
           "503 JSON (no hang), health DOWN then UP, files ingested on return (not FAILED), no 200 lost",
           "events %s in <= %.1f s, GET %d, health %d then %s; files OK after return: %s, FAILED rows %s; "
           "before/after events kept: %s/2" % (statuses, slowest, stats[0], health[0], "UP" if health_up else "not UP",
                                                ingested, failed, kept), ok)


def hostile_corpus(folder):
    """At least 200 hostile files; returns {file name: 'fail' | 'name' | 'ok' | 'empty'} (what a careful reader
    expects; 'name': a name that gives no provider id, FAILED naming the rule)."""
    expect = {}
    rnd = random.Random(7)
    good = json.dumps({"data": [{"id": "g%d" % i, "display_name": "Good %d" % i} for i in range(20)]})

    def put(name, content, kind):
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(os.path.join(folder, name), mode) as f:
            f.write(content)
        expect[name] = kind
    for i in range(40):
        put("trunc%02d_models.json" % i, good[: rnd.randrange(1, len(good) - 1)], "fail")
    for i in range(20):
        put("noise%02d_models.json" % i, bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 5000))), "fail")
    for i in range(20):
        bad = bytes([0x80 + rnd.randrange(0x40)])
        put("utf%02d_models.json" % i, b'{"data":[{"id":"ok"},{"id":"x' + bad + b'"}]}', "fail")
    for i in range(20):
        put("types%02d_models.json" % i, json.dumps({"data": [{"id": 1}, {"id": {"a": i}}, {"id": [i]}, {"id": True},
                                                                {"id": "real-%d" % i}]}), "ok")
    for i in range(20):
        put("bignum%02d_models.json" % i, '{"data":[{"id":"n%d","context_length":%s,"x":1e%d}]}'
            % (i, "9" * (20 + i), 300 + i), "ok")
    for i in range(10):
        put("deep%02d_models.json" % i, '{"data":[' + "[" * (2000 + i * 1000) + "]" * (2000 + i * 1000) + "]}", "fail")
    for i in range(20):
        put("empty%02d_models.json" % i, b"" if i % 2 == 0 else b"   \n", "fail")
    for i in range(10):
        put("scalar%02d_models.json" % i, ["42", '"x"', "null", "true", "[1,2", "{}garbage", '{"error":{"code":429}}',
                                           '{"data":null}', '{"data":{}}', "1e999"][i], "fail")
    for i in range(20):
        put("sp ace ünï %02d ☃_models.json" % i, json.dumps({"data": [{"id": "u%d" % i}]}), "name")
    for i in range(10):
        put(("L%02d" % i) + "x" * 230 + "_models.json", json.dumps({"data": [{"id": "long%d" % i}]}), "name")
    for i in range(10):
        put("noid%02d_models.json" % i, json.dumps({"data": [{"name": None}, {"display_name": "x"}, 5, "s"]}), "empty")
    put("bigstring_models.json", '{"data":[{"id":"s","description":"' + "x" * (50 * 1024 * 1024) + '"}]}', "fail")
    with open(os.path.join(folder, "million_noids_models.json"), "w") as f:
        f.write('{"data":[' + ",".join(['{"object":"model"}'] * 1000000) + "]}")
    expect["million_noids_models.json"] = "empty"
    return expect


def f_hostile_feeds(pg):
    db = pg.fresh_db(); inbox = tempfile.mkdtemp(); staging = tempfile.mkdtemp()
    expect = hostile_corpus(staging)
    svc = Service(pg.env(db), inbox, java_opts=("-Xmx256m",))
    svc.wait_up()
    for name in sorted(expect):
        drop(os.path.join(staging, name), inbox, name)
    wait_for(lambda: int(pg.psql(db, "select count(*) from ingestion")) >= len(expect), 300, 1)
    rows = {}
    for line in pg.psql(db, "select file_name || E'\\t' || status || E'\\t' || coalesce(error,'') from ingestion").splitlines():
        name, status, error = line.split("\t", 2)
        rows[name] = (status, error)
    wrong = [n for n, kind in expect.items()
             if rows.get(n, ("?",))[0] != {"fail": "FAILED", "name": "FAILED", "ok": "OK", "empty": "EMPTY"}[kind]]
    # a broken file's reason names the file and the position; a bad name's names the file and the rule
    no_reason = [n for n, (s, e) in rows.items() if s == "FAILED" and not (n in e and (
        ("provider id" in e) if expect.get(n) == "name" else ("line" in e or "column" in e)))]
    failed_providers = [n.split("_models")[0].lower() for n, k in expect.items() if k != "ok"]
    leaked = pg.psql(db, "select count(*) from model where provider_id = any(array[%s])"
                     % ",".join("$q$%s$q$" % p for p in failed_providers))
    alive = svc.proc.poll() is None and http_call("GET", svc.url("/api/stats"))[0] == 200
    rss = svc.rss_mb()
    svc.stop()
    ok = not wrong and not no_reason and leaked == "0" and alive and len(rows) == len(expect)
    record("hostile feeds", "%d files: truncated, binary noise, invalid UTF-8, ids of the wrong type, numbers beyond int64, "
           "nesting to 11,000, 0-byte and blank, scalars, error responses, a 50 MB string, 1,000,000 entries without ids, "
           "names with spaces, Unicode and 240 characters; service at -Xmx256m" % len(expect),
           "each FAILED (reason with file and position, or a name that gives no provider id naming the rule) or handled; "
           "failed files change nothing; service up, memory bounded",
           "%d/%d recorded as expected (wrong: %s); FAILED without file+position: %d %s; rows from failed files: %s; "
           "up: %s; peak RSS %d MB" % (len(expect) - len(wrong), len(expect), wrong[:3], len(no_reason), no_reason[:3], leaked, alive, rss), ok)


def f_hostile_http(pg):
    db = pg.fresh_db(); inbox = tempfile.mkdtemp()
    svc = Service(pg.env(db), inbox)
    svc.wait_up()
    checks = []
    # oversized body
    sk = socket.create_connection(("127.0.0.1", svc.http))
    sk.sendall(("POST /api/inference-events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Authorization: Bearer %s\r\nContent-Length: %d\r\n\r\n" % (TOKEN, 2 * 1024 * 1024)).encode())
    try:
        sk.sendall(b"x" * 2 * 1024 * 1024)
    except OSError:
        pass
    sk.settimeout(10)
    try:
        head = sk.recv(64)
    except OSError:
        head = b""
    sk.close()
    checks.append(("2 MiB body", b" 413 " in head, head[:20]))
    # slow client: trickles headers for 6 s while others are served
    slow = socket.create_connection(("127.0.0.1", svc.http))
    t_end = time.time() + 6; served = []
    while time.time() < t_end:
        try:
            slow.send(b"X")
        except OSError:
            break
        served.append(http_call("GET", svc.url("/api/stats"), timeout=5)[0])
        time.sleep(0.5)
    slow.close()
    checks.append(("slow client does not block others", served and all(s == 200 for s in served), served[:3]))
    s, b, _ = post_event(svc, None, None, raw=b"{not json")
    checks.append(("invalid JSON", s == 400 and isinstance(b, dict), s))
    for ctype in ("text/plain", None, "application/x-www-form-urlencoded", "application/xml"):
        s, b, _ = post_event(svc, "p", "m", ctype=ctype)
        checks.append(("content type %s" % ctype, s == 415 and isinstance(b, dict), s))
    nasty = ["'; DROP TABLE model; --", 'quote"s and \\back', "../../etc/passwd", "模型/☃ é\u0301", "a/b:c@d%2Fe", " spaced "]
    for mid in nasty:
        s, _, _ = post_event(svc, "nasty", mid)
        g = http_call("GET", svc.url("/api/model?provider=nasty&model=" + urllib.parse.quote(mid, safe="")))
        checks.append(("id %r stored verbatim" % mid, s == 200 and isinstance(g[1], dict) and g[1].get("modelId") == mid, (s, g[0])))
    s, b, _ = post_event(svc, "nasty", "x" * 10240)
    checks.append(("10 KB id refused by the 1024 limit", s == 400 and "1024" in str(b), s))
    s, b, _ = post_event(svc, "nasty", "n", token="wrong")
    checks.append(("wrong token", s == 401, s))
    s, b, _ = post_event(svc, "nasty", "n", token=None)
    checks.append(("missing token", s == 401, s))
    tables = pg.psql(db, "select count(*) from information_schema.tables where table_name='model'")
    alive = svc.proc.poll() is None
    svc.stop()
    failed = [c for c in checks if not c[1]]
    record("hostile HTTP", "oversized body, a client trickling headers, invalid JSON, 4 wrong content types, ids with SQL "
           "metacharacters, quotes, ../, Unicode, %2F, a 10 KB id, wrong and missing tokens",
           "413 / 400 / 415 / 401 with JSON errors; ids stored verbatim or refused by the documented limit; others served",
           "%d/%d checks passed%s; model table intact: %s; up: %s" % (len(checks) - len(failed), len(checks),
                                                                     (" (failed: %s)" % failed[:2]) if failed else "", tables == "1", alive),
           not failed and tables == "1" and alive)


def postgres_pids(data_dir):
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [l.split()[0] for l in out.splitlines() if "postgres" in l and data_dir in l]


def f_graceful(_pg):
    inbox = tempfile.mkdtemp(); data = tempfile.mkdtemp(prefix="ghost-rel-embedded-")
    svc = Service({}, inbox, data=data)
    up = svc.wait_up()
    first = post_event(svc, "grace", "kept")[0]
    t0 = time.time(); svc.stop(); took = time.time() - t0
    code = svc.proc.returncode
    left = postgres_pids(data)
    svc = Service({}, inbox, data=data)
    clean = svc.wait_up() and "orphan" not in svc.text()
    kept = http_call("GET", svc.url("/api/model?provider=grace&model=kept"))[0]
    record("graceful shutdown (SIGTERM)", "SIGTERM to the service on its embedded PostgreSQL; start again",
           "exits in time, stops the embedded PostgreSQL, no postgres left, next start clean, data kept",
           "up %s, event %d, exited %s in %.1f s, postgres processes left: %d, next start clean: %s, model kept: %d"
           % (up, first, code, took, len(left), clean, kept), up and first == 200 and took < 35 and not left and clean and kept == 200)
    svc.signal(signal.SIGKILL); svc.proc.wait(); svc.log.close()
    orphans = postgres_pids(data)
    svc = Service({}, inbox, data=data)
    recovered = svc.wait_up()
    kept = http_call("GET", svc.url("/api/model?provider=grace&model=kept"))[0]
    said = "orphaned" in svc.text()
    svc.stop()
    left = postgres_pids(data)
    record("kill -9 of the service on its embedded PostgreSQL", "kill -9, then start again with no manual step",
           "the next start stops the orphaned PostgreSQL and recovers the database",
           "orphan postgres processes after kill: %d; next start up: %s (logged the orphan: %s); model kept: %d; left after SIGTERM: %d"
           % (len(orphans), recovered, said, kept, len(left)), recovered and kept == 200 and not left)


def f_replicas(pg):
    db = pg.fresh_db(); inbox = tempfile.mkdtemp(); work = tempfile.mkdtemp()
    every_second = {"GHOST_STALE_CRON": "* * * * * ?"}
    a = Service(dict(pg.env(db), **every_second), inbox); b = Service(dict(pg.env(db), **every_second), inbox)
    up = a.wait_up() and b.wait_up()
    for i in range(30):
        path = os.path.join(work, "r%02d_models.json" % i); write_feed(path, 100, "r%d" % i); drop(path, inbox)
    answers = [post_event(a if i % 2 else b, "both", "e%03d" % i)[0] for i in range(200)]
    ingested = wait_for(lambda: pg.psql(db, "select count(*) from ingestion") == "30", 60)
    runs_before = int(pg.psql(db, "select count(*) from maintenance_run"))
    t0 = time.time()
    time.sleep(8)
    runs = int(pg.psql(db, "select count(*) from maintenance_run")) - runs_before
    seconds = time.time() - t0
    files = pg.psql(db, "select count(*) from ingestion")
    per_file = pg.psql(db, "select max(n) from (select count(*) n from ingestion group by file_name, file_size, file_modified_at) x")
    events = pg.psql(db, "select count(*) from model where provider_id='both'")
    instances = pg.psql(db, "select count(*) from qrtz_scheduler_state")
    a.stop(); b.stop()
    ok = (up and ingested and files == "30" and per_file == "1" and runs <= seconds + 1 and runs >= 3
          and answers.count(200) == 200 and events == "200" and instances == "2")
    record("two replicas, one database, one watched folder", "30 files dropped into the shared folder, 200 events posted "
           "alternately to both, mark stale every second for 8 s", "each file version once, each tick once, every event recorded",
           "%s ingestion rows for 30 files (max %s per version); %d runs in %.1f s with 2 schedulers in the cluster (%s); "
           "%d/200 answered 200, %s recorded" % (files, per_file, runs, seconds, instances, answers.count(200), events), ok)


FAULTS = {"kill9": f_kill9, "db-down": f_db_down, "hostile-feeds": f_hostile_feeds, "hostile-http": f_hostile_http,
          "replicas": f_replicas, "graceful": f_graceful}


def main(wanted):
    if not os.path.exists(JAR):
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=ROOT, check=True)
    pg = Postgres()
    try:
        for name in wanted or FAULTS:
            t0 = time.time()
            try:
                FAULTS[name](pg)
            except Exception as e:
                record(name, "-", "runs to the end", "crashed: %r" % e, False)
            print("  (%s took %.0f s)" % (name, time.time() - t0))
    finally:
        try:
            pg.stop()
        except Exception:
            pass
    print("\n| fault | what was done | expected | observed | result |\n|---|---|---|---|---|")
    for fault, done, expected, observed, ok in RESULTS:
        print("| %s | %s | %s | %s | %s |" % (fault, done, expected, observed.replace("|", "/"), "PASS" if ok else "FAIL"))
    failed = sum(1 for r in RESULTS if not r[4])
    print("\n%d passed, %d failed" % (len(RESULTS) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
