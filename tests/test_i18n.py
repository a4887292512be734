"""The text catalogues: merged without clashes, both languages say the same things with the same
placeholders, and nothing is dead."""

from __future__ import annotations

import ast
import json
import pkgutil
import string
from pathlib import Path

import pytest

from imaging_plan import i18n, paths, text

ROOT = paths.PROJECT_ROOT


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_catalogue_module_is_merged():
    modules = {f"imaging_plan.text.{m.name}" for m in pkgutil.iter_modules(text.__path__)}
    assert {module.__name__ for module in i18n.CATALOGUES} == modules
    assert len(i18n.TEXT) == sum(len(module.TEXT) for module in i18n.CATALOGUES)


def test_a_key_in_two_catalogues_is_refused_naming_both():
    a = {"title": ("Tittel", "Title"), "only_a": ("A", "A")}
    b = {"only_b": ("B", "B"), "title": ("Overskrift", "Heading")}
    with pytest.raises(ValueError, match=r"'title' is defined in both imaging_plan\.text\.a and imaging_plan\.text\.b"):
        i18n.merge_catalogues({"imaging_plan.text.a": a, "imaging_plan.text.b": b})
    merged = i18n.merge_catalogues({"imaging_plan.text.a": a, "imaging_plan.text.c": {"only_b": ("B", "B")}})
    assert merged == {"title": ("Tittel", "Title"), "only_a": ("A", "A"), "only_b": ("B", "B")}


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


def _is_catalogue(name: str) -> bool:
    """Whether a source defines text (i18n.py, imaging_plan/text/*.py) rather than looking it up."""
    return name.endswith("i18n.py") or Path(name).parts[-3:-1] == ("imaging_plan", "text")


def looked_up_keys(keys: set[str], trees: dict[str, ast.AST]) -> set[str]:
    """Return the keys some code can look up.

    A key counts when it is written as a string anywhere outside the catalogues' own
    definitions (t("key"), a PAGES entry, a dict of keys), or when a call builds its first
    argument with an f-string whose fixed start it has (t(f"group_{group}") uses every
    group_*; so does a page's own lookup helper, _text(f"data_title_{name}", ...)).
    """
    used = set()
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and not _is_catalogue(name):
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


def test_the_dead_key_scan_finds_a_key_only_its_catalogue_defines():
    trees = _sources()
    catalogues = [name for name in trees if _is_catalogue(name)]
    assert len(catalogues) == len(i18n.CATALOGUES) + 2  # the text modules, text/__init__.py and i18n.py
    trees[str(paths.PROJECT_ROOT / "imaging_plan" / "text" / "unused.py")] = ast.parse(
        'TEXT = {"unused_heading": ("Ubrukt", "Unused")}'
    )
    keys = set(i18n.TEXT) | {"unused_heading"}
    assert sorted(keys - looked_up_keys(keys, trees)) == ["unused_heading"]
    # The real catalogues' definitions are no lookups either: alone they look up nothing.
    assert looked_up_keys(keys, {name: trees[name] for name in catalogues}) == set()


@pytest.mark.parametrize(
    "code, used",
    [
        ('t("sign_in", "nb")', {"sign_in"}),
        ('t(f"group_{g}", lang)', {"group_general", "group_staff"}),
        ('PAGES = [("overview_page", "sign_in")]', {"sign_in"}),
        ('_text(f"group_{g}", lang, "")', {"group_general", "group_staff"}),
        ('f"group_{g}"', set()),  # an f-string that is no call's first argument looks nothing up
        ('st.slider("x", key=f"group_{g}")', set()),
        ('print("nothing")', set()),
    ],
)
def test_lookup_finder_reads_literals_and_f_string_prefixes(code, used):
    keys = {"sign_in", "group_general", "group_staff", "other"}
    assert looked_up_keys(keys, {"page.py": ast.parse(code)}) == used
    # The catalogues' own definitions are not lookups.
    assert looked_up_keys(keys, {"imaging_plan/i18n.py": ast.parse('X = {"other": ("a", "b")}')}) == set()
    assert looked_up_keys(keys, {"imaging_plan/text/staffing.py": ast.parse('TEXT = {"other": ("a", "b")}')}) == set()


def test_numbers_rounded_to_zero_show_no_minus_sign():
    assert i18n.fmt_number(-0.4, "nb") == "0" and i18n.fmt_number(-0.04, "en", 1) == "0.0"
    assert i18n.fmt_number(-0.6, "nb") == "\u22121" and i18n.fmt_number(-1234.5, "nb", 1) == "\u22121\u00a0234,5"


def test_a_link_names_its_language_by_code_and_an_older_label_still_reads():
    assert i18n.language_code("en") == "en" and i18n.language_code("nb") == "nb"
    assert i18n.language_code("English") == "en" and i18n.language_code("Norsk") == "nb"
    assert i18n.language_code(None) == "nb" and i18n.language_code("xx") == "nb"
