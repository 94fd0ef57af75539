"""Refuses to build a wheel without the widget: tools/widget.mjs writes it (make package-python runs it first)."""

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

NEEDED = ["src/losslab/_build.py", "src/losslab/static/widget.js", "src/losslab/static/LICENSE-MIT", "src/losslab/static/NOTICE"]


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        missing = [f for f in NEEDED if not (Path(self.root) / f).is_file()]
        if missing:
            raise RuntimeError(f"{', '.join(missing)} missing: run `node tools/widget.mjs` (or `make package-python`) first")
