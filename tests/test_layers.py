"""The package's folders are its layers: each imports only the layers beneath it."""

import ast

import pytest

from imaging_plan import paths

PACKAGE = paths.PROJECT_ROOT / "imaging_plan"

# What each layer may import from the package, besides itself and the loose top-level modules.
ALLOWED = {
    "charts": {"data.codes"},
    "text": {"data.codes"},
    "data": set(),
    "planning": {"data"},
    "forecasting": {"data", "planning"},
    "views": {"data", "planning", "forecasting", "pipeline", "charts", "text"},
    "pipeline": {"data", "planning", "forecasting", "views", "charts", "text"},
    "app": {"data", "planning", "forecasting", "pipeline", "views", "charts", "text"},
}
LOOSE = {"paths", "i18n", "__init__"}
NO_STREAMLIT = ("charts", "text", "data", "planning", "forecasting", "views", "pipeline")


def _imports(path):
    """Return the modules one file imports (absolute names), at any depth of the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            folder = PACKAGE.parent.joinpath(*node.module.split("."))
            if folder.is_dir():  # `from imaging_plan.planning import physicians`: the modules named
                found.update(f"{node.module}.{a.name}" for a in node.names if not a.name.startswith("__"))
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_only_the_layers_beneath_it(layer):
    wrong = {}
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for module in _imports(path):
            if not module.startswith("imaging_plan."):
                continue
            inner = module.removeprefix("imaging_plan.")
            if inner.split(".")[0] in LOOSE | {layer}:
                continue
            if not any(inner == allowed or inner.startswith(allowed + ".") for allowed in ALLOWED[layer]):
                wrong.setdefault(path.name, set()).add(module)
    assert not wrong, wrong


@pytest.mark.parametrize("layer", NO_STREAMLIT)
def test_only_the_app_imports_streamlit(layer):
    users = [
        p.name for p in (PACKAGE / layer).rglob("*.py") if any(m.split(".")[0] == "streamlit" for m in _imports(p))
    ]
    assert not users, users


def test_few_modules_are_left_loose_at_the_top():
    assert {p.stem for p in PACKAGE.glob("*.py")} == LOOSE
