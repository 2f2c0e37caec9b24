"""The import order is a rule, not a hope: reports -> compliance -> competition -> innovations -> agencies -> core.

A lower app never imports a higher one, loads its template tags, includes or extends its templates, or links to
its URLs. The walk reads every module (outside migrations) and every template of each app, so an upward reference
fails here with the file and line that makes it. Project-wide code (config/, templates/) sits above everything.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.template.loader import get_template
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["core", "agencies", "innovations", "competition", "compliance", "reports"]
RANK = {app: i for i, app in enumerate(LAYERS)}

LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
URL = re.compile(r"{%\s*url\s+['\"]([^'\"]+)['\"]")
TEMPLATE_REF = re.compile(r"{%\s*(?:include|extends)\s+['\"]([^'\"]+)['\"]")


def _app_of_module(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in RANK else None


def _app_of_path(path: Path) -> str | None:
    try:
        relative = path.resolve().relative_to(ROOT)
    except ValueError:
        return None
    return relative.parts[0] if relative.parts and relative.parts[0] in RANK else None


def _sources(app: str, pattern: str) -> list[Path]:
    return [p for p in sorted((ROOT / app).rglob(pattern)) if "migrations" not in p.parts]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _url_apps() -> dict[str, str]:
    """Every URL name (with its namespace) -> the app whose view serves it."""
    names: dict[str, str] = {}

    def walk(patterns: list, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                callback = getattr(p.callback, "view_class", p.callback)
                app = _app_of_module(callback.__module__)
                if app:
                    names[f"{namespace}{p.name}"] = app

    walk(get_resolver().url_patterns, "")
    return names


def _upward(app: str, target: str | None) -> bool:
    return target is not None and RANK[target] > RANK[app]


@pytest.mark.parametrize("app", LAYERS)
def test_no_python_module_imports_a_higher_app(app):
    upward = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _sources(app, "*.py")
        for line, module in _imports(path)
        if _upward(app, _app_of_module(module))
    ]
    assert upward == []


@pytest.mark.parametrize("app", LAYERS)
def test_no_template_reaches_a_higher_app(app):
    url_apps = _url_apps()
    upward = []
    for path in _sources(app, "*.html") + _sources(app, "*.txt"):
        text = path.read_text()
        where = path.relative_to(ROOT)
        for names in LOAD.findall(text):
            upward.extend(f"{where} loads {name}" for name in names.split() if _upward(app, _module_app(name)))
        for name in URL.findall(text):
            if _upward(app, url_apps.get(name)):
                upward.append(f"{where} links {name}")
        for name in TEMPLATE_REF.findall(text):
            if _upward(app, _app_of_path(Path(get_template(name).origin.name))):
                upward.append(f"{where} includes {name}")
    assert upward == []


def _module_app(library_name: str) -> str | None:
    """The app whose templatetags package defines the tag library of that name."""
    from django.template.backends.django import get_installed_libraries

    module = get_installed_libraries().get(library_name, "")
    return _app_of_module(module)


def test_the_walk_sees_an_upward_reference(tmp_path):
    """The checks above would catch one: a module of agencies importing reports is found as upward."""
    module = tmp_path / "probe.py"
    module.write_text("from reports import views\n")
    assert [(line, name) for line, name in _imports(module) if _upward("agencies", _app_of_module(name))] == [
        (1, "reports")
    ]
    assert _upward("agencies", _module_app("panels")) is False  # core's tag library is below everything
    assert _url_apps()["reports:scorecard"] == "reports"
