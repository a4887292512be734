"""The text catalogue: both languages say the same things, with the same placeholders, and nothing is dead."""

from __future__ import annotations

import ast
import json
import string

import pytest

from imaging_plan import i18n, paths

ROOT = paths.PROJECT_ROOT


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_key_has_both_languages_with_the_same_placeholders():
    problems = []
    for key, pair in i18n.TEXT.items():
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, str) and s for s in pair)):
            problems.append(f"{key}: not a (bokmål, English) pair of non-empty texts")
            continue
        nb, en = pair
        if _fields(nb) != _fields(en):
            problems.append(f"{key}: placeholders {sorted(_fields(nb))} (nb) vs {sorted(_fields(en))} (en)")
    assert problems == []


def test_placeholder_check_catches_a_difference():
    assert _fields("{n} av {of} flagget") == {"n", "of"}
    assert _fields("{n} of {total} flagged") != _fields("{n} av {of} flagget")
    assert _fields("100 % {{literal}}") == set()


def _sources() -> dict[str, ast.AST]:
    """Every Python source that can look a text up: the package, app.py and the notebooks' code cells."""
    trees = {}
    for path in [*sorted((ROOT / "imaging_plan").rglob("*.py")), ROOT / "app.py"]:
        trees[str(path)] = ast.parse(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        trees[str(path)] = ast.parse(code)
    return trees


def looked_up_keys(keys: set[str], trees: dict[str, ast.AST]) -> set[str]:
    """Return the keys some code can look up.

    A key counts when it is written as a string anywhere outside the catalogue's own
    definitions (t("key"), a PAGES entry, a dict of keys), or when a call builds its first
    argument with an f-string whose fixed start it has (t(f"group_{group}") uses every
    group_*; so does a page's own lookup helper, _text(f"data_title_{name}", ...)).
    """
    used = set()
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and not name.endswith("i18n.py"):
                used |= {node.value} & keys
            if isinstance(node, ast.Call):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
                    used |= {k for k in keys if k.startswith(first.values[0].value)}
                elif isinstance(first, ast.Constant):
                    used |= {first.value} & keys
    return used


def test_no_dead_keys():
    keys = set(i18n.TEXT)
    assert sorted(keys - looked_up_keys(keys, _sources())) == []


@pytest.mark.parametrize("code, used", [
    ('t("sign_in", "nb")', {"sign_in"}),
    ('t(f"group_{g}", lang)', {"group_general", "group_staff"}),
    ('PAGES = [("overview_page", "sign_in")]', {"sign_in"}),
    ('_text(f"group_{g}", lang, "")', {"group_general", "group_staff"}),
    ('f"group_{g}"', set()),  # an f-string that is no call's first argument looks nothing up
    ('st.slider("x", key=f"group_{g}")', set()),
    ('print("nothing")', set()),
])
def test_lookup_finder_reads_literals_and_f_string_prefixes(code, used):
    keys = {"sign_in", "group_general", "group_staff", "other"}
    assert looked_up_keys(keys, {"page.py": ast.parse(code)}) == used
    # The catalogue's own definitions are not lookups.
    assert looked_up_keys(keys, {"imaging_plan/i18n.py": ast.parse('X = {"other": ("a", "b")}')}) == set()


def test_numbers_rounded_to_zero_show_no_minus_sign():
    assert i18n.fmt_number(-0.4, "nb") == "0" and i18n.fmt_number(-0.04, "en", 1) == "0.0"
    assert i18n.fmt_number(-0.6, "nb") == "\u22121" and i18n.fmt_number(-1234.5, "nb", 1) == "\u22121\u00a0234,5"
