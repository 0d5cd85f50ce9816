#!/usr/bin/env python3
"""A followed plan's page keeps a window of its output, in a real browser (serve16 #9).

usage: live_window_in_chromium.py EVLOG [MEGABYTES]

Starts `evlog serve` on a fresh home, opens the plan page of an `evlog run` that prints MEGABYTES (default 12)
of output in bursts while Chromium follows it, and samples the page's text as it grows. Exits 0 when the page
never held 5 MB of text or more, said that earlier lines are in the raw output, and showed the plan's last line;
prints what did not hold, and exits 1.
"""
import re
import subprocess
import sys
import tempfile
import time

from checks import run_check
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
TEXT_MAX = 5_000_000
CATCH_UP_SECONDS = 120


def main() -> int:
    evlog = sys.argv[1]
    megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    home = tempfile.mkdtemp(prefix="evlog-live-window-")
    server = subprocess.Popen([evlog, "serve", "--home", home, "--listen", "127.0.0.1:0"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    run = None
    try:
        url = server.stdout.readline().strip()
        if not re.match(r"^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{64}$", url):
            print(f"evlog serve's first line is not its URL: {url!r}")
            return 1
        # Waits for a file the page's opening creates, so the page is open before the output starts.
        started = home + "/started"
        script = (f'while [ ! -e {started} ]; do sleep 0.1; done; for i in $(seq 1 {megabytes * 10}); do '
                  'seq -f "live row $i %g ................................................................................" 1 1000; '
                  'sleep 0.02; done; echo "LAST-LINE-$((6 * 7))"; sleep 20')
        run = subprocess.Popen([evlog, "run", "--home", home, "--no-color", "--", "sh", "-c", script],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(url)
            link = page.locator("a[href*='/plans/p-']").first
            for _ in range(100):
                if link.count():
                    break
                time.sleep(0.1)
                page.reload()
            link.click()
            page.wait_for_function("document.body.dataset.live === 'true'", timeout=15000)
            open(started, "w").close()
            largest, dropped, ended = 0, False, None
            while True:
                try:
                    size = page.evaluate("document.body.innerText.length")
                    dropped = dropped or page.locator("pre.out .dropped a[href$='/output']").count() > 0
                    # Made by the shell: the plan's command line, on the page too, holds the expression, not this.
                    shown = page.evaluate("[...document.querySelectorAll('pre.out')].some((pre) => pre.innerText.includes('LAST-LINE-42'))")
                except PlaywrightError:
                    # The page was drawn again (its event stream ended): it follows on from there.
                    time.sleep(0.3)
                    continue
                largest = max(largest, size)
                if size >= TEXT_MAX:
                    print(f"the page holds {size} characters of text while it follows the plan")
                    return 1
                if shown:
                    break
                # A busy machine may leave the page behind the plan: it has a while after the plan ends to catch up
                # (what is checked is that the last line arrives, not how fast).
                if run.poll() is not None:
                    ended = ended or time.monotonic()
                    if time.monotonic() - ended > CATCH_UP_SECONDS:
                        print(f"the plan ended {CATCH_UP_SECONDS} s ago and the page never showed its last line; script errors: {errors}")
                        return 1
                time.sleep(0.3)
            if not dropped:
                print("the page dropped no lines, or does not say where they are")
                return 1
            print(f"largest page text while following: {largest} characters")
            browser.close()
        return 0
    finally:
        if run and run.poll() is None:
            run.terminate()
            run.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    run_check("live window check", main)
