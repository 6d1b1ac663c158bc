#!/usr/bin/env python3
"""Screenshot a local HTML file (e.g. an actorgraph page) with headless Chromium.

    python scripts/screenshot.py graph.html graph.png [--width 1400 --height 900 --wait 5]

Waits until the actorgraph page reports that its layout has settled (or ``--wait``
seconds have passed), then saves a PNG. Needs selenium, /usr/bin/chromium and
/usr/bin/chromedriver (override with $CHROMIUM / $CHROMEDRIVER). The browser gets a
fresh profile and no background network traffic.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def browser_available() -> str | None:
    """None when headless Chromium can be driven here, else the reason it cannot."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    for path, what in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver")):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{what} not found at {path} (apt-get install chromium chromium-driver)"
    return None


def chrome_driver(user_data_dir: str | Path, *, width: int = 1400, height: int = 900):
    """A headless Chromium WebDriver with a fresh profile and browser console logging."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--no-first-run", "--hide-scrollbars", f"--window-size={width},{height}",
                f"--user-data-dir={user_data_dir}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait_ready(driver, timeout: float) -> bool:
    """Wait until the actorgraph page has settled (``window.actorgraph.ready``); False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script("return !!(window.actorgraph && window.actorgraph.ready);"):
            return True
        time.sleep(0.1)
    return False


def screenshot(html: str | Path, png: str | Path, *, width: int = 1400, height: int = 900,
               wait: float = 5.0) -> Path:
    """Open ``html`` in headless Chromium and save a ``width``×``height`` PNG to ``png``."""
    html, png = Path(html).resolve(), Path(png)
    if not html.is_file():
        raise FileNotFoundError(f"{html}: no such file")
    reason = browser_available()
    if reason:
        raise RuntimeError(reason)
    profile = tempfile.mkdtemp(prefix="actorgraph-chromium-")
    driver = chrome_driver(profile, width=width, height=height)
    try:
        # the window size includes browser chrome; pin the viewport to exactly width × height
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        driver.get(html.as_uri())
        if wait_ready(driver, wait):
            time.sleep(0.7)          # let the loading bar fade out
        png.parent.mkdir(parents=True, exist_ok=True)
        if not driver.save_screenshot(str(png)):
            raise RuntimeError(f"Chromium could not write {png}")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", help="local HTML file")
    parser.add_argument("png", help="PNG file to write")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait", type=float, default=5.0,
                        help="seconds to wait at most for the layout to settle (default 5)")
    args = parser.parse_args(argv)
    try:
        out = screenshot(args.html, args.png, width=args.width, height=args.height, wait=args.wait)
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"screenshot: {exc}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
