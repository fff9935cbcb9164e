"""The curation console in a real browser (Debian's Chromium through Playwright).

Run after `prakerja demo` (its history is the data): a copy of the demo's history gets an admin,
a viewer and a partner user of the reference payment partner; `prakerja serve` serves it on a
free port; the flows below are driven as people would, without JavaScript of the console's own,
at desktop and phone widths, each page saved as a screenshot (--shots DIR).

    python3 Tests/Browser/console_flow.py --prakerja .build/debug/prakerja --history .prakerja/history.sqlite
"""
import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time

from browser_support import PASSWORD, Checks, free_port, partner_config, partner_run_listed, sign_in, start_reference, wait_until_up
from playwright.sync_api import sync_playwright

PARTNER = "Reference payment partner"
PROVIDER = "Reference training provider"
PLATFORM = "Reference digital platform"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prakerja", default=".build/debug/prakerja")
    parser.add_argument("--history", default=".prakerja/history.sqlite")
    parser.add_argument("--shots", default="console-screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    os.makedirs(args.shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="console-flow-")
    history = os.path.join(work, "history.sqlite")
    shutil.copy(args.history, history)
    env = dict(os.environ, PRAKERJA_PASSWORD=PASSWORD)
    people = [
        ["admin", "--name", "Admin Program", "--role", "admin"],
        ["tamu", "--name", "Tamu", "--role", "viewer"],
        ["mitra", "--name", "Staf Mitra", "--role", "partner", "--partner", PARTNER],
        ["asesor.ugm", "--name", "Sari (UGM)", "--role", "assessor", "--institution", "UGM"],
        ["asesor.ui", "--name", "Dewi (UI)", "--role", "assessor", "--institution", "UI"],
    ]
    # A training provider the program registered, running: its user uploads proposals and starts its suite.
    provider, provider_url = start_reference(args.prakerja, "training-provider", os.path.join(work, "provider.log"))
    config_path = partner_config("reference-training-provider", provider_url, work)
    subprocess.run(
        [args.prakerja, "partners", "register", "--config", config_path, "--provider", "REFLP01", "--store", history], check=True, stdout=subprocess.DEVNULL)
    people.append(["lp.ref", "--name", "Staf LP (REFLP01)", "--role", "partner", "--partner", PROVIDER])
    # A digital platform the program registered: its users see the courses they must not sell.
    platform_config = partner_config("reference-digital-platform", "http://127.0.0.1:9", work)
    subprocess.run([args.prakerja, "partners", "register", "--config", platform_config, "--store", history], check=True, stdout=subprocess.DEVNULL)
    people.append(["dp.ref", "--name", "Staf Platform", "--role", "partner", "--partner", PLATFORM])
    for person in people:
        subprocess.run([args.prakerja, "users", "add", *person, "--store", history], env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [args.prakerja, "serve", "--store", history, "--port", str(port), "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    check = Checks()

    try:
        wait_until_up(base, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            for width, height, tag in [(1366, 900, "desktop"), (390, 844, "phone")]:
                context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
                page = context.new_page()
                shot = lambda name: page.screenshot(path=os.path.join(args.shots, f"{tag}-{name}.png"), full_page=True)

                # A wrong password: the form again, with the refusal, in Bahasa Indonesia.
                sign_in(page, base, "admin", "not the password at all")
                check("Nama pengguna atau kata sandi salah" in page.content(), f"{tag}: a wrong password is refused in Bahasa Indonesia")
                shot("sign-in-refused")
                sign_in(page, base, "admin")
                check(page.url == base + "/", f"{tag}: the admin lands on the dashboard")
                check(PARTNER in page.content() and "Mitra" in page.content(), f"{tag}: the dashboard lists the partners")
                shot("dashboard")
                page.click(f"text={PARTNER}")
                check("/runs/" in page.url and "Putusan" in page.content(), f"{tag}: a partner's latest run opens from the dashboard")
                shot("run")
                page.goto(base + "/runs?kind=monitoring")
                monitoring = page.locator("table a").first.get_attribute("href")
                page.goto(base + monitoring + "?show=problems")
                check("perlu ditinjau" in page.content(), f"{tag}: the monitoring sweep's problems are listed")
                shot("monitoring-problems")
                page.fill("input[name=check]", "M-PR-05")
                page.click("form.filters button")
                codes = {c.inner_text() for c in page.locator("td code").all()}
                check(codes == {"M-PR-05"}, f"{tag}: the sweep filtered to one indicator shows only it ({sorted(codes)[:3]})")
                page.locator("td a").first.click()
                check("/results/" in page.url and "Pertukaran HTTP" in page.content(), f"{tag}: a result's evidence is one click away")
                shot("result-evidence")
                page.goto(base + monitoring)
                page.click("text=Pelatihan dalam pemantauan ini")
                check("/courses" in page.url and "53 dari 53 pelatihan" in page.content(), f"{tag}: the sweep's courses are listed")
                shot("courses")
                page.select_option("select[name=indicator]", "M-PR-05")
                page.select_option("select[name=status]", "awaiting-review")
                page.click("form.filters button")
                check("indicator=M-PR-05" in page.url and "dari 53 pelatihan" in page.content(), f"{tag}: the courses filtered by indicator and status")
                shot("courses-filtered")
                page.locator("td.code a").first.click()
                groups = page.locator("section.group").count()
                check("group=monitoring." in page.url and groups == 1, f"{tag}: a course opens its own results ({groups} groups)")
                page.goto(base + "/runs?kind=conformance")
                page.locator("table a").first.click()
                page.goto(page.url + "?show=all")
                page.locator("td a").first.click()
                check(page.locator("details.exchange").count() > 0, f"{tag}: a conformance check's HTTP exchanges are shown")
                shot("conformance-evidence")
                page.go_back()
                with page.expect_download() as junit:
                    page.click("text=JUnit")
                saved = os.path.join(work, f"{tag}-junit.xml")
                junit.value.save_as(saved)
                with open(saved) as xml:
                    check("<testsuites" in xml.read(), f"{tag}: a run's JUnit downloads from its page")
                page.click("text=Perubahan sejak uji sebelumnya")
                check("/diff" in page.url and ("Uji sebelumnya" in page.content() or "Belum ada uji sebelumnya" in page.content()),
                      f"{tag}: a run's changes since the run before open from its page")
                shot("diff")

                # Review: the admin assigns an assessment to UGM and shares the rest out evenly (on
                # the phone pass nothing is left to assign); an assessor of UGM reviews a critical
                # indicator (A-LM-07), one of UI gives the second verdict, which decides it.
                page.goto(base + "/reviews")
                shot("reviews-admin")
                rows = page.locator("#unassigned tbody tr", has=page.locator("select"))
                if rows.count() > 0:
                    assigned_run = rows.first.locator("a").first.inner_text()
                    rows.first.locator("select[name=to]").select_option("institution:UGM")
                    rows.first.locator("button").click()
                    check(page.url == base + "/reviews" and assigned_run not in page.locator("#unassigned").inner_text(),
                          f"{tag}: the admin assigns an assessment to an institution")
                    page.click("#unassigned form button")
                    check(page.locator("#unassigned select").count() == 0, f"{tag}: the rest are shared out evenly")
                else:
                    check(page.locator("#unassigned select").count() == 0, f"{tag}: nothing is left to assign")
                context.clear_cookies()
                sign_in(page, base, "asesor.ugm")
                page.goto(base + "/reviews")
                shot("reviews-assessor")
                page.locator("#assigned a", has_text="A-LM-07").first.click()
                critical = page.url
                check("Rubrik" in page.content() and page.locator("form.review").count() == 1, f"{tag}: a result's page has the rubric and the verdict form")
                page.check("input[name=verdict][value=pass]")
                page.fill("textarea[name=note]", "Keterampilan untuk pekerjaan, bukan hobi.")
                shot("review-form")
                page.click("form.review button")
                check(page.url.startswith(critical) and "asesor.ugm (UGM)" in page.locator("ul.reviews").inner_text()
                      and "perlu ditinjau" in page.locator(".facts").inner_text(), f"{tag}: one assessor's verdict leaves a critical indicator waiting")
                context.clear_cookies()
                sign_in(page, base, "asesor.ui")
                page.goto(base + "/reviews")
                page.locator(f"#second a[href='{critical[len(base):]}']").click()
                page.check("input[name=verdict][value=pass]")
                page.fill("textarea[name=note]", "Setuju: mengarah ke pekerjaan berbayar.")
                page.click("form.review button")
                check("lulus" in page.locator(".facts").inner_text() and page.locator("form.review").count() == 0,
                      f"{tag}: a second assessor of another institution who agrees decides it")
                shot("reviewed")
                context.clear_cookies()
                sign_in(page, base, "admin")
                page.goto(base + "/language/en")
                page.goto(base + "/runs")
                check("Runs" in page.content() and "Riwayat uji" not in page.content(), f"{tag}: English by the switch")
                shot("runs-en")
                page.goto(base + "/people")
                check("Staf Mitra" in page.content(), f"{tag}: the admin sees the people")
                shot("people")
                page.click("text=Sign out")
                check(page.url == base + "/sign-in", f"{tag}: signing out ends at the sign-in page")
                page.goto(base + "/")
                check(page.url == base + "/sign-in", f"{tag}: signed out, the dashboard asks to sign in")

                # The partner user: their partner's runs only; another partner's run is not found.
                sign_in(page, base, "mitra")
                content = page.content()
                check(PARTNER in content and "Reference job portal" not in content, f"{tag}: a partner user sees only their partner")
                shot("partner-dashboard")
                page.goto(base + "/runs?kind=conformance")
                check("Reference job portal" not in page.content(), f"{tag}: the partner's run list leaves the others out")
                page.goto(base + "/language/id")
                context.clear_cookies()
                sign_in(page, base, "admin")
                page.goto(base + "/runs?kind=conformance")
                hrefs = [a.get_attribute("href") for a in page.locator("table a").all()]
                other = next(h for h, row in zip(hrefs, page.locator("table tr").all()[1:]) if "Reference job portal" in row.inner_text())
                context.clear_cookies()
                sign_in(page, base, "mitra")
                response = page.goto(base + other)
                check(response.status == 404, f"{tag}: another partner's run is 404 for a partner user")
                response = page.goto(base + "/people")
                check(response.status == 403, f"{tag}: the people page is the admin's")

                # A training provider's user: uploads a proposal and reads its assessment, then
                # starts its role's suite, which a worker runs against the registered host only.
                context.clear_cookies()
                sign_in(page, base, "lp.ref")
                page.goto(base + "/partner")
                check(provider_url in page.content() and "REFLP01" in page.content(), f"{tag}: the partner page shows the registered host")
                shot("partner-page")
                page.set_input_files("input[name=proposal]", "Conformance/fixtures/proposals/02-barista-offline.json")
                page.click("#proposal button")
                check(re.search(r"/runs/[0-9T]+-", page.url) is not None and "REFLP01" in page.content(), f"{tag}: an uploaded proposal is assessed")
                shot("partner-assessment")
                page.goto(base + "/partner")
                page.locator("#proposal textarea").fill('{"proposalID": "<script>alert(1)</script>"}')
                page.click("#proposal button")
                check("&lt;script&gt;" in page.content() or "provider" in page.content(), f"{tag}: a proposal that is not valid is refused with why")
                shot("partner-proposal-refused")
                page.goto(base + "/partner")
                for _ in range(180):
                    if page.locator("form[action='/partner/runs'] button").count():
                        break
                    time.sleep(1)
                    page.goto(base + "/partner")
                page.click("form[action='/partner/runs'] button")
                check(page.url == base + "/partner", f"{tag}: a run is started from the partner page")
                shot("partner-run-going")
                check(partner_run_listed(page, base, PROVIDER), f"{tag}: the worker ran the partner's suite and it is listed")
                page.click(f"#recent a:has-text('{PROVIDER}')")
                check(PROVIDER in page.content() and provider_url in page.content() or "/runs/" in page.url, f"{tag}: the partner reads its run")
                shot("partner-run")

                # Waivers: the partner's user proposes one for its partner; the admin approves it.
                page.goto(base + "/waivers")
                page.fill("#propose input[name=check]", "provider.catalogue.schema")
                page.fill("#propose input[name=expires]", time.strftime("%Y-%m-%d", time.gmtime(time.time() + 20 * 86400)))
                page.fill("#propose textarea[name=reason]", f"{tag}: the catalogue moves to the new schema next month")
                page.click("#propose button")
                check(page.url == base + "/waivers" and "provider.catalogue.schema" in page.content(), f"{tag}: a partner proposes a waiver")
                shot("waivers-proposed")
                context.clear_cookies()
                sign_in(page, base, "admin")
                page.goto(base + "/waivers")
                row = page.locator("tr", has_text=f"{tag}: the catalogue moves")
                row.locator("input[name=note]").fill("agreed: one month")
                row.locator("button[value=approve]").click()
                check("agreed: one month" in page.locator("tr", has_text=f"{tag}: the catalogue moves").inner_text(), f"{tag}: the admin approves it")
                shot("waivers-approved")

                # Sanctions: the demo's sweep opened one per troubled course (the second demo
                # re-checked them); the provider's user answers one, the admin extends it.
                context.clear_cookies()
                sign_in(page, base, "lp.ref")
                page.goto(base + "/sanctions")
                rows = page.locator("tbody tr")
                check(rows.count() >= 3 and "peringatan" in page.content(), f"{tag}: the provider sees its sanctions ({rows.count()})")
                check(page.locator("button[value=escalate]").count() == 0, f"{tag}: a provider answers, it does not decide")
                first = rows.first
                sanction = first.get_attribute("id")
                first.locator("input[name=note]").fill(f"{tag}: modul 3 diperbaiki, survei ulang dijadwalkan")
                first.locator("button[value=respond]").click()
                check(f"{tag}: modul 3 diperbaiki" in page.locator(f"tr#{sanction}").inner_text(), f"{tag}: the provider's response is a step")
                shot("sanctions-partner")
                context.clear_cookies()
                sign_in(page, base, "admin")
                page.goto(base + "/sanctions")
                row = page.locator(f"tr#{sanction}")
                row.locator("input[name=note]").fill("menunggu vendor LMS")
                row.locator("input[name=days]").fill("5")
                row.locator("button[value=extend]").click()
                check("diperpanjang" in page.locator(f"tr#{sanction}").inner_text(), f"{tag}: the admin extends the deadline")
                shot("sanctions-admin")
                # A decision the ladder refuses is a page saying why, and the sanction is unchanged
                # (an extension without its working days; the browser itself refuses 0 or 251).
                row = page.locator(f"tr#{sanction}")
                row.locator("input[name=note]").fill("tanpa hari kerja")
                row.locator("input[name=days]").fill("")
                row.locator("button[value=extend]").click()
                check("Keputusan tidak dicatat" in page.content() and "perpanjangan 1 sampai 250 hari kerja" in page.content(),
                      f"{tag}: a refused decision says why, in Bahasa Indonesia")
                shot("sanction-refused")
                # Escalated to suspension, the course must not be sold: the platform's user sees it, and only it.
                page.goto(base + "/sanctions")
                row = page.locator(f"tr#{sanction}")
                row.locator("input[name=note]").fill("tenggat lewat, modul belum diperbaiki")
                row.locator("button[value=escalate]").click()
                check("penangguhan" in page.locator(f"tr#{sanction}").inner_text(), f"{tag}: the admin escalates to suspension")
                context.clear_cookies()
                sign_in(page, base, "dp.ref")
                page.goto(base + "/sanctions")
                visible = page.locator("tbody tr")
                check(visible.count() >= 1 and page.locator(f"tr#{sanction}").count() == 1
                      and all("penangguhan" in text or "dikeluarkan" in text for text in visible.all_inner_texts()),
                      f"{tag}: the platform sees the suspended course, no warning ({visible.count()})")
                check(page.locator("button[value=escalate], button[value=extend], button[value=respond]").count() == 0,
                      f"{tag}: a platform decides and answers nothing")
                shot("sanctions-platform")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        provider.terminate()
        provider.wait(timeout=10)
    check.finish(args.shots)


if __name__ == "__main__":
    main()
