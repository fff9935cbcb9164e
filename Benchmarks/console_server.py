"""What the console's benchmarks share: a console served on a free port, people signed in, the
console's memory and percentiles."""
import re
import socket
import subprocess
import sys
import time

import requests


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(prakerja, history):
    """`prakerja serve` over `history` on a free port, once it answers: (process, base URL)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([prakerja, "serve", "--store", history, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            requests.get(base + "/sign-in", timeout=1)
            return server, base
        except requests.ConnectionError:
            time.sleep(0.1)
    server.terminate()
    sys.exit("prakerja serve did not answer within 20 s")


def memory(pid):
    """The process's resident memory now (VmRSS) and at its highest (VmHWM), in MB."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) / 1024
    return fields


def form_token(html):
    """The `csrf` field of the first form of a page."""
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def signed_in(base, login, password):
    """A session signed in as `login`, as a browser signs in: the form, its token, the password."""
    session = requests.Session()
    token = form_token(session.get(base + "/sign-in").text)
    answer = session.post(base + "/sign-in", data={"csrf": token, "login": login, "password": password}, allow_redirects=False)
    if answer.status_code != 302:
        sys.exit(f"{login}: signing in answered {answer.status_code}")
    return session


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]
