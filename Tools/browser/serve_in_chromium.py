#!/usr/bin/env python3
"""evlog serve in a real browser: headless Chromium (Debian's) driven by Playwright for Python.

usage: serve_in_chromium.py EVLOG SCREENSHOT.png

Starts `evlog serve --simulate` on a fresh home, records a failing `evlog run` there, then in Chromium:
the plan list links the plan, its page shows the output (ANSI colour drawn, no raw escapes) and the
failure kind, a plan is reviewed and started from /install and followed to done; takes a screenshot of
the failed plan's page. Exits 0 when all of that holds; prints what did not, and exits 1.
"""
import re
import subprocess
import sys
import tempfile

from checks import run_check
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    evlog, screenshot = sys.argv[1:3]
    home = tempfile.mkdtemp(prefix="evlog-browser-")
    subprocess.run(
        [evlog, "run", "--home", home, "--no-color", "--", "sh", "-c",
         'for i in 1 2 3; do printf "\\033[32mfetched part %s\\033[0m\\n" "$i"; done; '
         'printf "progress 10%%\\rprogress 100%%\\n"; echo "E: Unable to locate package nosuchpkg-evlog" >&2; exit 100'],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    server = subprocess.Popen([evlog, "serve", "--home", home, "--listen", "127.0.0.1:0", "--simulate"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = server.stdout.readline().strip()
        if not re.match(r"^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{64}$", url):
            print(f"evlog serve's first line is not its URL: {url!r}")
            return 1
        base = url.split("/?")[0]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 760})
            page.goto(url)
            link = page.locator("a[href*='/plans/p-']").first
            link.wait_for(timeout=10000)
            link.click()
            page.wait_for_function("document.body.innerText.includes('package-not-found')", timeout=15000)
            text = page.inner_text("body")
            for want in ["fetched part 3", "progress 100%", "Unable to locate package", "Refresh the apt package index"]:
                if want not in text:
                    print(f"the plan page does not show {want!r}")
                    return 1
            output = page.locator("pre.out").first.inner_text()
            if "\x1b" in output or "[32m" in output or "progress 10%" in output:
                print("the plan page shows raw escape sequences or overwritten progress")
                return 1
            if page.locator("pre.out .fg2").count() < 3:
                print("green output is not drawn in colour")
                return 1
            page.screenshot(path=screenshot, full_page=True)
            page.goto(base + "/install?tools=ripgrep")
            page.wait_for_function("document.body.innerText.includes('verify-ripgrep')", timeout=20000)
            page.get_by_role("button", name="Run").click()
            page.wait_for_url(re.compile(r".*/plans/p-[0-9a-f]+$"), timeout=20000)
            page.wait_for_function("document.getElementById('plan-status').innerText === 'done'", timeout=60000)
            browser.close()
        return 0
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    run_check("browser check", main)
