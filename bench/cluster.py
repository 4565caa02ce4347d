#!/usr/bin/env python3
"""Failover under load: a gateway and two domain nodes (every domain, one MariaDB database).

Scenarios, each under load at BENCH_CONNECTIONS connections (reads: a profile or a follow list;
one request in five a follow of a new pair of users, an idempotent write):
  kill-9   one domain node is killed with SIGKILL, then started again;
  rolling  each domain node in turn stops with SIGTERM and is started again (a rolling restart).
For each it prints the requests, the failed reads and writes and how long errors lasted (first
to last failed answer), with each node's share of the gateway's requests to the domains (before
the kill, once the killed node is back, after the rolling restart).
Run through bench/cluster.sh.
"""
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

JAR = os.environ.get("BENCH_JAR", "target/vertok.jar")
PORT = int(os.environ.get("BENCH_PORT", "18080"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
USERS = int(os.environ.get("BENCH_USERS", "60"))
SETTLE = float(os.environ.get("BENCH_SETTLE_SECONDS", "3"))
DB_URL = os.environ["VERTOK_DB_URL"]
CLUSTER = "vertok-bench-%d" % os.getpid()
SECRET = "bench-cluster-secret-0123456789abcdefghijkl"
DOMAINS = "user,video,favorite,comment,relation,message,recommend"
LOGS = tempfile.mkdtemp(prefix="vertok-cluster-bench-")


def start(name, roles, extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERTOK_")}
    env.update({"VERTOK_CLUSTER_NAME": CLUSTER, "VERTOK_JWT_SECRET": SECRET, "VERTOK_DB_URL": DB_URL,
                "VERTOK_DATA_DIR": tempfile.mkdtemp(prefix="vertok-" + name + "-"), "VERTOK_METRICS_PORT": "0",
                "VERTOK_BCRYPT_COST": "4", "VERTOK_ACCESS_LOG": "false",
                # The load comes from one address; bench/ratelimit.sh measures the limits.
                "VERTOK_RATE_LIMITS": "false"})
    env.update(extra or {})
    log = open(os.path.join(LOGS, name + ".log"), "ab")
    return subprocess.Popen(["java", "-Xmx512m", "-jar", JAR, "--cluster", "--roles", roles],
                            env=env, stdout=log, stderr=subprocess.STDOUT)


def call(conn, method, path, params):
    query = urllib.parse.urlencode(params)
    conn.request(method, path + "?" + query, headers={"Connection": "keep-alive"})
    response = conn.getresponse()
    body = response.read()
    return response.status, json.loads(body) if body else {}


def get(path, **params):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    try:
        return call(conn, "GET", path, params)
    finally:
        conn.close()


def health_domains():
    try:
        status, body = get("/health")
        return body.get("domains", {})
    except (OSError, ValueError, http.client.HTTPException):
        return {}


def routes():
    return {d: s.get("routes", []) for d, s in health_domains().items()}


def await_routes(count, timeout=120):
    """Until the gateway routes every domain to `count` nodes. A jar without per-node routes (a
    baseline built before them) lists its nodes' discovery records instead, which keep a killed
    node: then a shrinking cluster is waited for BENCH_SETTLE_SECONDS twice."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        domains = health_domains()
        if len(domains) == 6 and any("routes" not in d for d in domains.values()):
            listed = [len(d.get("nodes", [])) for d in domains.values()]
            if all(n == count for n in listed):
                return
            if all(n > count for n in listed):
                time.sleep(2 * SETTLE)
                return
        elif len(domains) == 6 and all(len(d["routes"]) == count for d in domains.values()):
            return
        time.sleep(0.1)
    sys.exit("the domains did not reach %d node(s); logs in %s" % (count, LOGS))


def sent_by_node():
    totals = {}
    for domain_routes in routes().values():
        for route in domain_routes:
            totals[route["node"]] = totals.get(route["node"], 0) + route["requests"]
    return totals


class Load:
    """CONNECTIONS threads, each on one keep-alive connection, recording (end, read, ok) per request."""

    def __init__(self, accounts):
        self.accounts = accounts
        self.pairs = iter(random.sample([(a, b) for a in accounts for b in accounts if a != b],
                                        len(accounts) * (len(accounts) - 1)))
        self.lock = threading.Lock()
        self.calls = []
        self.running = True
        self.threads = [threading.Thread(target=self.loop, daemon=True) for _ in range(CONNECTIONS)]
        for t in self.threads:
            t.start()

    def next(self):
        if random.random() < 0.2:
            with self.lock:
                pair = next(self.pairs, None)
            if pair:
                (follower, token), (followed, _) = pair
                return False, "POST", "/douyin/relation/action/", {"token": token, "to_user_id": followed, "action_type": 1}
        user, token = random.choice(self.accounts)
        path = random.choice(["/douyin/user/", "/douyin/relation/follow/list/"])
        return True, "GET", path, {"user_id": user, "token": token}

    def loop(self):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        while self.running:
            read, method, path, params = self.next()
            try:
                status, body = call(conn, method, path, params)
                ok = status == 200 and body.get("status_code") == 0
            except (OSError, ValueError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            with self.lock:
                self.calls.append((time.time(), read, ok))
        conn.close()

    def stop(self):
        self.running = False
        for t in self.threads:
            t.join(15)
        return self.calls


def report(name, calls):
    def span(kind):
        ends = [end for end, read, ok in calls if read == kind and not ok]
        return len(ends), (max(ends) - min(ends)) * 1000 if ends else 0

    failed_reads, read_span = span(True)
    failed_writes, write_span = span(False)
    seconds = calls[-1][0] - calls[0][0] if calls else 1
    print("%-8s %6d requests %6.0f req/s  failed reads %4d over %5.0f ms  failed writes %4d over %5.0f ms"
          % (name, len(calls), len(calls) / seconds, failed_reads, read_span, failed_writes, write_span))


def share(label, before, after):
    counts = {node: after[node] - before.get(node, 0) for node in after}
    total = sum(counts.values()) or 1
    print("         share %-34s %s" % (label, "  ".join(
        "%s %.0f%%" % (node[:8], 100.0 * n / total) for node, n in sorted(counts.items()))))


def main():
    nodes = {"a": start("node-a", DOMAINS)}
    gateway = start("gateway", "gateway", {"VERTOK_HTTP_PORT": str(PORT)})
    await_routes(1)
    nodes["b"] = start("node-b", DOMAINS)
    await_routes(2)
    accounts = []
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    for i in range(USERS):
        status, body = call(conn, "POST", "/douyin/user/register/",
                            {"username": "bc_%d_%d" % (os.getpid(), i), "password": "benchpass"})
        accounts.append((body["user_id"], body["token"]))
    conn.close()
    print("cluster %s up, %d users, %d connections; logs in %s" % (CLUSTER, USERS, CONNECTIONS, LOGS))
    try:
        # kill -9 of node b under load; then b starts again under load and takes its share.
        load = Load(accounts)
        time.sleep(1)
        before = sent_by_node()
        time.sleep(SETTLE)
        share("of two nodes before the kill", before, sent_by_node())
        nodes["b"].send_signal(signal.SIGKILL)
        nodes["b"].wait()
        killed = time.time()
        await_routes(1)
        print("         the dead node left the gateway's roster %.2f s after the kill" % (time.time() - killed))
        time.sleep(SETTLE)
        nodes["b"] = start("node-b", DOMAINS)
        await_routes(2)
        before = sent_by_node()
        time.sleep(SETTLE)
        share("%.0f s after b joined again" % SETTLE, before, sent_by_node())
        report("kill-9", load.stop())

        # rolling restart: a, then b, each SIGTERM and started again, under load.
        load = Load(accounts)
        time.sleep(SETTLE)
        for name in ("a", "b"):
            stopped = time.time()
            nodes[name].send_signal(signal.SIGTERM)
            code = nodes[name].wait(60)
            print("         node %s drained and exited (code %d) in %.2f s" % (name, code, time.time() - stopped))
            nodes[name] = start("node-" + name, DOMAINS)
            await_routes(2)
            time.sleep(SETTLE)
        before = sent_by_node()
        time.sleep(SETTLE)
        share("after the rolling restart", before, sent_by_node())
        report("rolling", load.stop())
    finally:
        for p in list(nodes.values()) + [gateway]:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in list(nodes.values()) + [gateway]:
            try:
                p.wait(60)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
