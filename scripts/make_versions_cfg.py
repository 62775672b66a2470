"""Generate buildout's versions.cfg from constraints.txt (one pinned set for both).

    python3 scripts/make_versions_cfg.py [constraints.txt] [versions.cfg]

Every ``name==version`` line becomes a pin (environment markers are dropped:
buildout has none); the tools only buildout needs are pinned here too, and
imio.municipal itself is left unpinned (it is a develop egg). Run it through
``make versions.cfg`` after each change of constraints.txt.
"""

from pathlib import Path

import re
import sys


# What buildout and plone.recipe.zope2instance need on top of the
# application's constraints.
BUILDOUT_PINS = {
    "zc.buildout": "6.0.1",
    "zc.recipe.egg": "6.0.0",
    "plone.recipe.zope2instance": "9.1.0",
    "pip": "26.3",
    "wheel": "0.48.0",
    "python-dotenv": "1.2.4",
}
DEVELOP_EGGS = ("imio.municipal",)

PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")


def read_pins(constraints: str) -> dict[str, str]:
    pins = {}
    for line in constraints.splitlines():
        match = PIN.match(line)
        if match:
            pins[match.group(1)] = match.group(2)
    return pins


def render(pins: dict[str, str], source: str) -> str:
    lines = [
        f"# Generated from {source} by scripts/make_versions_cfg.py: do not edit,",
        "# change the constraints and run `make versions.cfg`.",
        "[versions]",
    ]
    lines += [f"{name} = {version}" for name, version in sorted(pins.items())]
    lines += ["", "# buildout and its recipes"]
    lines += [f"{name} = {version}" for name, version in BUILDOUT_PINS.items()]
    lines += ["", "# develop eggs"]
    lines += [f"{name} =" for name in DEVELOP_EGGS]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    source = argv[0] if argv else "constraints.txt"
    target = argv[1] if len(argv) > 1 else "versions.cfg"
    pins = read_pins(Path(source).read_text(encoding="utf-8"))
    Path(target).write_text(render(pins, Path(source).name), encoding="utf-8")
    print(f"{target}: {len(pins) + len(BUILDOUT_PINS)} pins from {source}")


if __name__ == "__main__":
    main(sys.argv[1:])
