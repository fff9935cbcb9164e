"""What the console's browser tests share: free ports, processes to wait for, partner configs
pointed at running reference partners, signing in, and checks that are counted and printed."""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

PASSWORD = "correct horse battery staple"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url, process, name="prakerja serve"):
    for _ in range(100):
        if process.poll() is not None:
            sys.exit(f"{name} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url + "/sign-in", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{name} did not answer within 10 s")


def start_reference(prakerja, role, log, *arguments):
    """`prakerja reference ROLE` on a free port, its output in `log`; returns the process and its URL once it listens."""
    port = free_port()
    with open(log, "w") as out:
        process = subprocess.Popen([prakerja, "reference", role, "--port", str(port), *arguments], stdout=out, stderr=subprocess.STDOUT)
    for _ in range(600):
        with open(log) as written:
            if "listening on" in written.read():
                return process, f"http://127.0.0.1:{port}"
        if process.poll() is not None:
            break
        time.sleep(0.1)
    with open(log) as written:
        sys.exit(f"prakerja reference {role} did not start:\n{written.read()[-2000:]}")


def partner_config(name, url, folder, requests_per_second=None):
    """The sample config `Conformance/configs/NAME.yaml` pointed at `url`, written into `folder`."""
    root = os.getcwd()
    with open(f"Conformance/configs/{name}.yaml") as source:
        config = re.sub(r"baseURL: .*", f"baseURL: {url}", source.read())
    if requests_per_second:
        config = re.sub(r"requestsPerSecond: .*", f"requestsPerSecond: {requests_per_second}", config)
    config = config.replace("{ file: secrets/", f"{{ file: {root}/Conformance/configs/secrets/").replace("contract: ../../Specs/", f"contract: {root}/Specs/")
    path = os.path.join(folder, f"{name}.yaml")
    with open(path, "w") as target:
        target.write(config)
    return path


def sign_in(page, base, login, password=PASSWORD):
    page.goto(base + "/sign-in")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("form.stack button")


def partner_run_listed(page, base, partner, seconds=300):
    """Waits (reloading the partner page) until no run of the partner is going and `partner`'s run is listed."""
    for _ in range(seconds):
        page.goto(base + "/partner")
        if page.locator("form[action='/partner/runs'] button").count() and partner in page.locator("#recent").inner_text():
            return True
        time.sleep(1)
    return False


class Checks:
    """Checks printed as they are made; `finish` exits non-zero if any failed."""

    def __init__(self):
        self.failures = []

    def __call__(self, condition, what):
        print(("ok   " if condition else "FAIL ") + what, flush=True)
        if not condition:
            self.failures.append(what)
        return condition

    def finish(self, shots):
        if self.failures:
            sys.exit(f"{len(self.failures)} browser checks failed: {self.failures}")
        print(f"every browser check passed; screenshots in {shots}/")
