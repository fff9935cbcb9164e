"""The README's team set-up, end to end in a real browser (Debian's Chromium through Playwright).

One PostgreSQL history (a database made afresh on the server --postgres names), `prakerja serve`
over it with no workers of its own, two `prakerja worker --wait` processes, and people of three
roles: the program's admin, a monitor of IPB, and a training provider's user. A monitoring sweep
of --courses courses (2,000 by default) of the reference provider, a third of them sold by the
reference platform at another price than approved, is queued with `--queue-only`; the workers
judge it while the monitor watches its progress, then the monitor filters it to its violations
and reviews a result the admin assigned to IPB; the provider's user uploads a proposal and starts
their suite, which the workers run. Each page is saved at desktop and phone widths (--shots DIR).

    python3 Tests/Browser/team_flow.py --prakerja .build/debug/prakerja --postgres "$(.ci/postgres start)"
"""
import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse

from browser_support import PASSWORD, Checks, free_port, partner_config, partner_run_listed, sign_in, start_reference, wait_until_up
from playwright.sync_api import sync_playwright

PROVIDER = "Reference training provider"
DATABASE = "prakerja_team"


def fresh_database(server):
    """A database made afresh on the PostgreSQL server `server` (a store URL), and its store URL."""
    url = urllib.parse.urlsplit(server)
    query = urllib.parse.parse_qs(url.query)
    password = query.get("password", [""])[0]
    if password.startswith("file:"):
        with open(password[5:]) as file:
            password = file.read().strip()
    env = dict(os.environ, PGPASSWORD=password)
    for statement in [f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", f"CREATE DATABASE {DATABASE}"]:
        subprocess.run(
            ["psql", "-h", url.hostname, "-p", str(url.port), "-U", url.username, "-d", "postgres", "-qc", statement], env=env, check=True)
    return urllib.parse.urlunsplit(url._replace(path=f"/{DATABASE}")), env, url


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prakerja", default=".build/debug/prakerja")
    parser.add_argument("--postgres", required=True, help="the PostgreSQL server's store URL (.ci/postgres start prints one)")
    parser.add_argument("--courses", type=int, default=2000)
    parser.add_argument("--shots", default="team-screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    args.prakerja = os.path.abspath(args.prakerja)
    os.makedirs(args.shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="team-flow-")
    store, pg_env, pg_url = fresh_database(args.postgres)
    prakerja = lambda *arguments, **options: subprocess.run(
        [args.prakerja, *arguments, "--store", store], check=True, stdout=subprocess.PIPE, text=True, **options)
    processes = []

    def start(name, *arguments):
        log = open(os.path.join(work, f"{name}.log"), "w")
        process = subprocess.Popen([args.prakerja, *arguments, "--store", store], stdout=log, stderr=subprocess.STDOUT, cwd=work)
        processes.append((name, process))
        return process

    # The partners: the reference provider's catalogue of --courses courses, approved as it is;
    # the platform sells the same catalogue (generated around the same instant), every third
    # course at another price (a critical indicator: those courses are violations).
    at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    catalogue = ["--courses", str(args.courses), "--at", at]
    approved = os.path.join(work, "approved")
    subprocess.run([args.prakerja, "reference", "proposals", *catalogue, "--output", approved], check=True, stdout=subprocess.DEVNULL)
    provider, provider_url = start_reference(args.prakerja, "training-provider", os.path.join(work, "provider.log"), *catalogue)
    platform, platform_url = start_reference(
        args.prakerja, "digital-platform", os.path.join(work, "platform.log"), *catalogue, "--defect", "price-differs")
    processes += [("provider", provider), ("platform", platform)]
    provider_config = partner_config("reference-training-provider", provider_url, work, requests_per_second=2000)
    platform_config = partner_config("reference-digital-platform", platform_url, work, requests_per_second=2000)
    expected_violations = math.ceil(args.courses / 3)

    # The team: the program registers the provider and makes its people; the console serves the
    # history with no workers of its own, and two workers wait for whatever is queued.
    prakerja("partners", "register", "--config", provider_config, "--provider", "REFLP01")
    env = dict(os.environ, PRAKERJA_PASSWORD=PASSWORD)
    for person in [
        ["admin", "--name", "Admin Program", "--role", "admin"],
        ["monitor.ipb", "--name", "Rina (IPB)", "--role", "monitor", "--institution", "IPB"],
        ["lp.ref", "--name", "Staf LP (REFLP01)", "--role", "partner", "--partner", PROVIDER],
    ]:
        prakerja("users", "add", *person, env=env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start("serve", "serve", "--port", str(port))
    for number in (1, 2):
        start(f"worker-{number}", "worker", "--wait", "--items", "2")
    check = Checks()
    try:
        wait_until_up(base, server)
        queued = prakerja(
            "sweep", "monitoring", "--approved", approved, "--platform", platform_config, "--provider", provider_config,
            "--chunk", "100", "--queue-only").stdout
        sweep = re.search(r"sweep (\S+):", queued).group(1)
        print(f"queued sweep {sweep} of {args.courses} courses", flush=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1366, "height": 900}, java_script_enabled=False)
            page = context.new_page()
            shot = lambda name: page.screenshot(path=os.path.join(args.shots, f"desktop-{name}.png"), full_page=True)

            # The monitor watches the sweep being judged by the two workers, until it is finished.
            sign_in(page, base, "monitor.ipb")
            check(page.url == base + "/", "the monitor signs in")
            page.goto(f"{base}/runs/{sweep}")
            check(page.locator("progress, .bar, svg").count() > 0 or "Kemajuan" in page.content(), "the sweep's page shows its progress")
            shot("sweep-running")
            # The running sweep's page reloads itself every few seconds: between looks the browser
            # waits on a blank page, so that reload never races (and aborts) the next look.
            page.goto("about:blank")
            started = time.time()
            finished = False
            while time.time() - started < 900:
                page.goto(f"{base}/runs/{sweep}")
                if page.locator("meta[http-equiv=refresh]").count() == 0:
                    finished = True
                    break
                page.goto("about:blank")
                time.sleep(2)
            progress = page.locator(".facts .sub").all_inner_texts()
            finished = finished and any(f"{math.ceil(args.courses / 100)} dari {math.ceil(args.courses / 100)} bagian selesai" in text for text in progress)
            check(finished, f"the workers finished the sweep, every part done ({time.time() - started:.0f} s; {progress})")
            owners = subprocess.run(
                ["psql", "-h", pg_url.hostname, "-p", str(pg_url.port), "-U", pg_url.username, "-d", DATABASE, "-Atc",
                 f"SELECT count(DISTINCT split_part(owner, '#', 1)) FROM sweep_item WHERE sweepID = '{sweep}'"], env=pg_env, check=True, stdout=subprocess.PIPE, text=True).stdout
            check(owners.strip() == "2", f"both workers took parts of the sweep ({owners.strip()} workers)")
            shot("sweep-finished")

            # Its courses, filtered to the violations: every third course, and only those.
            page.click("text=Pelatihan dalam pemantauan ini")
            check(f"{args.courses} dari {args.courses} pelatihan" in page.content(), f"the sweep lists its {args.courses} courses")
            shot("courses")
            page.select_option("select[name=status]", "violation")
            page.click("form.filters button")
            check(f"{expected_violations} dari {args.courses} pelatihan" in page.content(),
                  f"filtered to its violations: {expected_violations} of {args.courses} ({page.locator('p.sub').first.inner_text()})")
            badges = {b.inner_text() for b in page.locator("td span.badge").all()}
            check(len(badges) == 1 and page.locator("td span.badge.violation").count() == min(100, expected_violations),
                  f"a page of 100 violations and nothing else ({sorted(badges)})")
            shot("courses-violations")
            if expected_violations > 100:
                page.locator("nav.pages a", has_text="→").click()
                pages = math.ceil(expected_violations / 100)
                check(f"Halaman 2 dari {pages}" in page.content() and page.locator("td span.badge.violation").count() > 0
                      and "status=violation" in page.url, "the violations' second page")
            page.locator("td.code a").first.click()
            check("M-PR-01" in page.content() and "gagal" in page.content(), "a violating course opens on its failed price indicator")
            shot("course-violation")

            # The admin assigns the sweep to IPB; the monitor reviews one of its results from the queue.
            context.clear_cookies()
            sign_in(page, base, "admin")
            page.goto(base + "/reviews")
            row = page.locator("#unassigned tbody tr", has=page.locator(f"a[href='/runs/{sweep}']"))
            check(row.count() == 1, "the sweep waits to be assigned")
            row.locator("select[name=to]").select_option("institution:IPB")
            row.locator("button").click()
            check(page.locator(f"#unassigned a[href='/runs/{sweep}']").count() == 0, "the admin assigns the sweep to IPB")
            shot("reviews-admin")
            context.clear_cookies()
            sign_in(page, base, "monitor.ipb")
            page.goto(base + "/reviews")
            shot("reviews-monitor")
            page.locator("#assigned a[href*='/results/']").first.click()
            result = page.url
            page.check("input[name=verdict][value=fail]")
            page.fill("textarea[name=note]", "Harga di platform berbeda dari yang disetujui.")
            page.click("form.review button")
            check(page.url.startswith(result) and "monitor.ipb (IPB)" in page.locator("ul.reviews").inner_text(),
                  "the monitor's verdict is recorded in the shared history")
            shot("reviewed")

            # The provider's user: a proposal assessed at once, and a run of their suite that the
            # workers take from the queue and run against the registered host only.
            context.clear_cookies()
            sign_in(page, base, "lp.ref")
            page.goto(base + "/partner")
            check(provider_url in page.content(), "the partner page shows the registered host")
            page.set_input_files("input[name=proposal]", "Conformance/fixtures/proposals/02-barista-offline.json")
            page.click("#proposal button")
            check(re.search(r"/runs/[0-9T]+-", page.url) is not None, "an uploaded proposal is assessed")
            page.goto(base + "/partner")
            page.click("form[action='/partner/runs'] button")
            shot("partner-run-queued")
            check(partner_run_listed(page, base, PROVIDER), "the workers ran the partner's suite")
            page.click(f"#recent a:has-text('{PROVIDER}')")
            with page.expect_download() as junit:
                page.click("text=JUnit")
            saved = os.path.join(work, "partner-junit.xml")
            junit.value.save_as(saved)
            with open(saved) as xml:
                check("<testsuites" in xml.read(), "the partner downloads its run's JUnit")
            shot("partner-run")

            # The same pages at a phone's width.
            phone = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
            page = phone.new_page()
            sign_in(page, base, "monitor.ipb")
            for name, path in [("sweep", f"/runs/{sweep}"), ("courses-violations", f"/runs/{sweep}/courses?status=violation"),
                               ("reviews-monitor", "/reviews")]:
                page.goto(base + path)
                page.screenshot(path=os.path.join(args.shots, f"phone-{name}.png"), full_page=True)
            check(f"{expected_violations} dari {args.courses} pelatihan" in page.goto(f"{base}/runs/{sweep}/courses?status=violation").text(),
                  "the violations at a phone's width")
            browser.close()
    except BaseException:
        check.failures.append("the flow stopped with an error")
        raise
    finally:
        for _, process in processes:
            process.terminate()
        for _, process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if check.failures:
            for name in ["serve", "worker-1", "worker-2"]:
                with open(os.path.join(work, f"{name}.log")) as log:
                    print(f"--- {name}.log (last lines)\n" + "".join(log.readlines()[-15:]), file=sys.stderr)
    check.finish(args.shots)


if __name__ == "__main__":
    main()
