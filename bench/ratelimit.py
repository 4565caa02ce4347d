"""The rate limits' figures (bench/ratelimit.sh): two gateways of one cluster under a register
burst from one address (admitted against the limit), a legitimate login's latency while an
attacker floods logins (limits on, then off), and a read's latency with and without the limiter
(wrk, side by side)."""
import concurrent.futures
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

JAR = os.environ.get("BENCH_JAR", "target/vertok.jar")
PORT = int(os.environ.get("BENCH_PORT", "18080"))
BURST = int(os.environ.get("BENCH_BURST", "400"))
REGISTER_LIMIT = int(os.environ.get("BENCH_REGISTER_LIMIT", "50"))
FLOOD_SECONDS = float(os.environ.get("BENCH_FLOOD_SECONDS", "7"))
FLOODERS = int(os.environ.get("BENCH_FLOODERS", "64"))
READ_SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CLUSTER = "vertok-bench-%d" % os.getpid()
SECRET = "bench-cluster-secret-0123456789abcdefghijkl"
LOGS = tempfile.mkdtemp(prefix="vertok-ratelimit-bench-")
# The legitimate user's address: another one of the loopback range than the attacker's 127.0.0.1;
# the attacked accounts are registered from a third one.
USER_ADDRESS = "127.0.0.2"
SETUP_ADDRESS = "127.0.0.3"


def start(name, port, roles, cluster, extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERTOK_")}
    env.update({"VERTOK_HTTP_PORT": str(port), "VERTOK_JWT_SECRET": SECRET, "VERTOK_METRICS_PORT": "0",
                "VERTOK_DATA_DIR": tempfile.mkdtemp(prefix="vertok-" + name + "-"), "VERTOK_ACCESS_LOG": "false"})
    env.update(extra)
    args = ["java", "-Xmx512m", "-jar", JAR, "--roles", roles]
    if cluster:
        env["VERTOK_CLUSTER_NAME"] = CLUSTER
        args.insert(4, "--cluster")
    log = open(os.path.join(LOGS, name + ".log"), "ab")
    return subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)


def call(port, method, path, params, source=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                      source_address=(source, 0) if source else None)
    try:
        conn.request(method, path + "?" + urllib.parse.urlencode(params))
        response = conn.getresponse()
        body = response.read()
        return response.status, json.loads(body) if body else {}
    finally:
        conn.close()


def await_serving(port, node, timeout=120):
    """Until a read through `port` reaches the user domain (a read takes no register or login token)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if node.poll() is not None:
            sys.exit("a node died; logs in " + LOGS)
        try:
            if call(port, "GET", "/douyin/user/", {"user_id": 1})[0] == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    sys.exit("the nodes did not serve within %d s; logs in %s" % (timeout, LOGS))


def mode(port):
    return call(port, "GET", "/health", {})[1].get("rate_limits", {}).get("mode")


def burst(ports):
    def register(i):
        return call(ports[i % 2], "POST", "/douyin/user/register/",
                    {"username": "burst%d_%d" % (os.getpid(), i), "password": "benchpass"})
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=128) as pool:
        replies = list(pool.map(register, range(BURST)))
    seconds = time.time() - started
    admitted = sum(1 for status, body in replies if body.get("status_code") == 0)
    refused = sum(1 for status, body in replies if status == 429)
    # The buckets refill smoothly: what a burst of `seconds` may admit is the limit plus that refill.
    allowed = REGISTER_LIMIT + REGISTER_LIMIT * seconds / 60
    print("burst: %d registers from one address over 2 gateways in %.2f s: %d admitted, %d refused (429), "
          "limit %d (%.1f with the refill during the burst): %.3f x the limit"
          % (BURST, seconds, admitted, refused, REGISTER_LIMIT, allowed, admitted / allowed))


def flood(ports, label):
    """Attackers flood wrong-password logins of real accounts (each one hashes a password unless
    refused) from 127.0.0.1 while a user logs in from USER_ADDRESS once a second."""
    stop = threading.Event()
    statuses = {}
    lock = threading.Lock()

    def attack(i):
        while not stop.is_set():
            try:
                status = call(ports[i % 2], "POST", "/douyin/user/login/",
                              {"username": victims[i % len(victims)], "password": "wrong-password"})[0]
            except (OSError, http.client.HTTPException):
                status = "error"
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    name = "user%d_%s" % (os.getpid(), label.replace(" ", ""))
    call(ports[0], "POST", "/douyin/user/register/", {"username": name, "password": "benchpass"}, USER_ADDRESS)
    victims = ["victim%d_%s_%d" % (os.getpid(), label.replace(" ", ""), i) for i in range(4)]
    for victim in victims:
        call(ports[0], "POST", "/douyin/user/register/", {"username": victim, "password": "benchpass"}, SETUP_ADDRESS)
    quiet = []
    for _ in range(2):
        started = time.time()
        call(ports[0], "POST", "/douyin/user/login/", {"username": name, "password": "benchpass"}, USER_ADDRESS)
        quiet.append((time.time() - started) * 1000)
    attackers = [threading.Thread(target=attack, args=(i,), daemon=True) for i in range(FLOODERS)]
    for t in attackers:
        t.start()
    time.sleep(1)  # the flood is under way
    latencies = []
    failed = 0
    deadline = time.time() + FLOOD_SECONDS
    while time.time() < deadline:
        started = time.time()
        status, body = call(ports[len(latencies) % 2], "POST", "/douyin/user/login/",
                            {"username": name, "password": "benchpass"}, USER_ADDRESS)
        latencies.append((time.time() - started) * 1000)
        failed += body.get("status_code") != 0
        time.sleep(max(0, 1 - (time.time() - started)))
    stop.set()
    for t in attackers:
        t.join()
    latencies.sort()
    print("login flood, %s: %d attacker logins (%s); legitimate logins: %d, %d failed, p50 %.0f ms, max %.0f ms "
          "(without the flood: %.0f ms)"
          % (label, sum(statuses.values()), ", ".join("%s: %d" % kv for kv in sorted(statuses.items(), key=str)),
             len(latencies), failed, latencies[len(latencies) // 2], latencies[-1], min(quiet)))


def wrk_p99(port, label):
    out = subprocess.run(["wrk", "-t2", "-c16", "-d%ds" % READ_SECONDS, "--latency",
                          "http://127.0.0.1:%d/douyin/user/?user_id=1" % port],
                         capture_output=True, text=True, check=True).stdout
    rps = next(l.split()[1] for l in out.splitlines() if l.startswith("Requests/sec"))
    pct = {l.split()[0]: l.split()[1] for l in out.splitlines() if l.strip().startswith(("50%", "99%"))}
    non2xx = next((l.strip() for l in out.splitlines() if "Non-2xx" in l), "all 2xx")
    print("read %-22s %10s req/s  p50 %-9s p99 %-9s %s" % (label, rps, pct.get("50%"), pct.get("99%"), non2xx))


def main():
    nodes = []
    try:
        # Two gateways of one cluster; the first also runs the domains (embedded database).
        limits = {"VERTOK_RATE_LIMITS": "true", "VERTOK_RATE_REGISTER_PER_IP_PER_MINUTE": str(REGISTER_LIMIT),
                  "VERTOK_BCRYPT_COST": "10"}
        a = start("a", PORT, "all", True, limits)
        nodes.append(a)
        await_serving(PORT, a)
        b = start("b", PORT + 1, "gateway", True, limits)
        nodes.append(b)
        await_serving(PORT + 1, b)
        print("cluster up: gateways on %d and %d, rate limits %s / %s (logs: %s)"
              % (PORT, PORT + 1, mode(PORT), mode(PORT + 1), LOGS))
        burst([PORT, PORT + 1])
        flood([PORT, PORT + 1], "limits on")
        for node in nodes:
            node.terminate()
            node.wait()
        nodes.clear()

        # The same without limits: the flood reaches the password hashing.
        off = start("off", PORT + 2, "all", False, {"VERTOK_RATE_LIMITS": "false", "VERTOK_BCRYPT_COST": "10"})
        nodes.append(off)
        await_serving(PORT + 2, off)
        flood([PORT + 2, PORT + 2], "limits off")

        # Reads side by side: the limiter on (with a limit no load here reaches) and off.
        on = start("on", PORT + 3, "all", False, {"VERTOK_RATE_LIMITS": "true",
                                                  "VERTOK_RATE_READS_PER_IP_PER_SECOND": "1000000000"})
        nodes.append(on)
        await_serving(PORT + 3, on)
        for port in (PORT + 2, PORT + 3):
            call(port, "POST", "/douyin/user/register/", {"username": "reader", "password": "benchpass"})
            wrk_p99(port, "warm-up")
        wrk_p99(PORT + 2, "without the limiter")
        wrk_p99(PORT + 3, "with the limiter")
        wrk_p99(PORT + 2, "without the limiter")
        wrk_p99(PORT + 3, "with the limiter")
    finally:
        for node in nodes:
            node.terminate()
            node.wait()


if __name__ == "__main__":
    main()
