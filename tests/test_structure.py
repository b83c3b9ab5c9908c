"""The packages' dependencies, read from their source (ast, no import): formsvc without import
circles and in its layers, the publication without formsvc, the shared kernel without any
framework. docs/architecture.md describes the same layers."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# formsvc's layers, lowest first: a module imports from its own layer or lower ones only.
# A module not named here is in the top layer (blueprints, CLI, the outbox worker, the app).
FORMSVC_LAYERS = {
    # What needs no database: settings, content, page layout, models and their vocabulary.
    "models": {
        "formsvc.config",
        "formsvc.contenu",
        "formsvc.layout",
        "formsvc.security",
        "formsvc.limites",
        "formsvc.errors",
        "formsvc.champs",
        "formsvc.parcours",
        "formsvc.vocabulaire",
        "formsvc.models",
        "formsvc.donnees_personnelles",
    },
    "db": {"formsvc.db", "formsvc.migrations.env"},
    # Reference numbers, tokens, and the small stores built on them.
    "codes": {
        "formsvc.reference",
        "formsvc.tokens",
        "formsvc.antispam",
        "formsvc.brouillon",
        "formsvc.comptes",  # its __init__ imports nothing
        "formsvc.comptes.audit",
        "formsvc.comptes.mots_de_passe",
        "formsvc.comptes.double_facteur",
    },
    "mails": {"formsvc.mails"},
    "notices": {"formsvc.avis"},
    "lifecycle": {"formsvc.cycle"},
}
TOP = "blueprints/CLI"
ORDER = [*FORMSVC_LAYERS, TOP]


def modules(package):
    """{dotted name: path} of a package's Python modules (migration scripts apart: Alembic
    loads them by path, and they may only use the models' metadata and SQLAlchemy)."""
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if "versions" in parts:
            continue
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name, path, known):
    """The modules ``name`` imports, anywhere in it (inside functions too). ``from a import
    b`` counts as importing ``a.b`` when that is a module, else ``a``."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
    return found


def graph(package):
    """{module: modules of the same package it imports}."""
    known = modules(package)
    edges = {}
    for name, path in known.items():
        inside = set()
        for target in imports_of(name, path, known):
            while target and target not in known:  # formsvc.models.Demande → formsvc.models
                target = target.rpartition(".")[0]
            if target and target != name:
                inside.add(target)
        edges[name] = inside
    return edges


def parents(name, known):
    """The packages above ``name`` (without the top one, which every module shares)."""
    parts = name.split(".")
    return {".".join(parts[:n]) for n in range(2, len(parts))} & set(known)


def cycles(edges):
    """Every import circle of ``edges``, each as a list of modules (Tarjan's components)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def layer_of(module):
    return next((layer for layer, names in FORMSVC_LAYERS.items() if module in names), TOP)


def external(package, forbidden):
    """[(module, what it imports)] of ``package`` importing a top-level package of
    ``forbidden``."""
    known = modules(package)
    return sorted(
        (name, target)
        for name, path in known.items()
        for target in imports_of(name, path, known)
        if target.partition(".")[0] in forbidden
    )


def test_the_cycle_finder_finds_a_circle_and_nothing_else():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_formsvc_has_no_import_circle():
    edges = graph("formsvc")
    assert {"formsvc.avis", "formsvc.mails"} <= edges["formsvc.cycle"]  # the graph was read
    assert cycles(edges) == []


def test_formsvc_imports_only_downwards_through_its_layers():
    edges = graph("formsvc")
    named = set().union(*FORMSVC_LAYERS.values())
    assert named <= set(edges), f"modules named in the layers but gone: {named - set(edges)}"
    upwards = sorted(
        f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})"
        for module, targets in edges.items()
        for target in targets
        if ORDER.index(layer_of(target)) > ORDER.index(layer_of(module))
    )
    assert upwards == []


def test_no_module_lives_in_a_package_above_its_layer():
    # Importing a module runs its packages' __init__ first: formsvc.gestion's loads every
    # back-office page, so a low module inside it would load them all (the accounts' modules
    # live in formsvc/comptes/, whose __init__ imports nothing, for that).
    known = modules("formsvc")
    assert parents("formsvc.comptes.audit", known) == {"formsvc.comptes"}
    above = sorted(
        f"{module} ({layer_of(module)}) est dans {package} ({layer_of(package)})"
        for module in known
        for package in parents(module, known)
        if ORDER.index(layer_of(package)) > ORDER.index(layer_of(module))
    )
    assert above == []


def test_the_layer_check_sees_an_upward_import():
    # The database layer calling the lifecycle (as it did to backfill due dates) is upward.
    assert ORDER.index(layer_of("formsvc.cycle")) > ORDER.index(layer_of("formsvc.db"))
    assert layer_of("formsvc.gestion.boite") == TOP


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("commune", {"pelican", "flask", "formsvc", "publication"}),
        # formsvc's sample pages come through the render function tasks.py passes.
        ("publication", {"formsvc"}),
    ],
)
def test_a_package_does_not_import_what_it_must_not_know(package, forbidden):
    assert modules(package)
    assert external(package, forbidden) == []


# The project's own top-level packages and the folders whose modules it imports by name.
PROJECT = ("commune", "formsvc", "publication", "plugins", "apercu", "devtools", "bench")


def libraries_imported(packages=PROJECT):
    """The top-level names of the libraries (standard or installed) the project imports."""
    found = set()
    for package in packages:
        for path in modules(package).values():
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.partition(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    found.add(node.module.partition(".")[0])
    # Pelican loads the plugins, and the benches import each other, by their file names.
    by_file_name = {
        path.stem for folder in ("plugins", "bench") for path in (ROOT / folder).glob("*.py")
    }
    return found - set(PROJECT) - by_file_name - {"tests", "tasks", "pelicanconf"}


def homonyms(module_names, libraries):
    """The project's modules named like a library it imports: ``limits.py`` beside the
    ``limits`` package makes every reader wonder which one ``limits.…`` is."""
    return sorted(
        name for name in module_names if name.rpartition(".")[2] in libraries and "." in name
    )


def test_no_module_is_named_like_a_library_the_project_imports():
    libraries = libraries_imported()
    assert {"flask", "limits", "pelican", "sqlalchemy"} <= libraries  # the imports were read
    names = [name for package in PROJECT for name in modules(package)]
    assert homonyms(names, libraries) == []


def test_the_homonym_check_sees_a_module_named_like_a_library():
    assert homonyms(["formsvc.limits", "formsvc.limites"], {"limits"}) == ["formsvc.limits"]
