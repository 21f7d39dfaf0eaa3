"""The site tests reuse the browser tests' Chromium settings and slider checks (tests/browser/)."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "browser"))
