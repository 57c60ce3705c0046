"""The structure stays: imports run one way (docs/architecture.md), with no circles.

Read from the source with `ast`, function-level imports included: a deferred import is still
a dependency, it only hides the circle from Python.
"""

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The surfaces: they parse input, call services and render. Nothing below them imports them.
SURFACE_NAMES = {"views", "api", "sockets", "cli", "blueprint"}
# Where the app is put together: these may import every layer.
ASSEMBLY = {"hub", "hub.model_registry"}

# Feature packages that still depend on each other in a circle (through different modules,
# each import one way). This set may only shrink: a package joining a circle fails the test.
KNOWN_PACKAGE_CIRCLE = {
    "hub.accounts",
    "hub.api",
    "hub.crosspost",
    "hub.faq",
    "hub.forums",
    "hub.moderation",
    "hub.notifications",
    "hub.pagecache",
    "hub.permissions",
    "hub.realtime",
    "hub.referrals",
    "hub.spoke_inbox",
    "hub.walls",
}

# Imports up the layers not yet turned around; this set may only shrink. The live topic pushes
# the API's post payload, whose builders should move below the API (they use the accounts
# API's user payload and the API's cursors too).
KNOWN_UPWARD = {"hub.forums.live -> hub.forums.api.serializers"}


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / "hub").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _resolve(name: str) -> str | None:
    """The hub module an imported name lives in (`hub.forums.service.x` -> `hub.forums.service`)."""
    while name and name not in modules():
        name = name.rpartition(".")[0]
    return name or None


def _imported_names(module: str, path: Path):
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


@cache
def graph() -> dict[str, set[str]]:
    """Module -> the hub modules it imports."""
    edges = {}
    for module, path in modules().items():
        targets = {_resolve(name) for name, _ in _imported_names(module, path)}
        edges[module] = {t for t in targets if t and t != module and t.startswith("hub")}
    return edges


def is_surface(module: str) -> bool:
    """A surface module, or a module inside a surface package (`hub/forums/views/topic.py`)."""
    parts = module.split(".")[1:]
    return any(p in SURFACE_NAMES or p.endswith(("_views", "_api")) for p in parts)


def is_package_init(module: str) -> bool:
    return modules()[module].name == "__init__.py"


def package_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's components with more than one member: the circles."""
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
            component = set()
            while node not in component:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
            if len(component) > 1:
                found.append(component)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_another_in_a_circle():
    circles = [sorted(c) for c in strongly_connected(graph())]
    assert circles == [], f"import circles: {circles}"


def test_nothing_below_the_surfaces_imports_them():
    upward = [
        f"{module} -> {target}"
        for module, targets in graph().items()
        if not is_surface(module) and module not in ASSEMBLY and not is_package_init(module)
        for target in targets
        if is_surface(target)
    ]
    new = sorted(set(upward) - KNOWN_UPWARD)
    assert new == [], "a lower layer imports a view, API or socket module: " + str(new)


def test_core_imports_no_feature():
    outward = [
        f"{module} -> {target}"
        for module, targets in graph().items()
        if module.startswith("hub.core")
        for target in targets
        if not target.startswith("hub.core")
    ]
    assert outward == [], "hub/core must stand alone: " + str(outward)


def test_no_package_reaches_into_another_packages_private_names():
    reaching = []
    for module, path in modules().items():
        for name, line in _imported_names(module, path):
            owner, _, last = name.rpartition(".")
            private = last.startswith("_") and not last.startswith("__")
            if private and owner.startswith("hub") and package_of(owner) != package_of(module):
                reaching.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    reaching += _private_attribute_uses()
    assert reaching == [], reaching


def _private_attribute_uses() -> list[str]:
    """`other_module._name(...)` where `other_module` was imported from another package."""
    uses = []
    for module, path in modules().items():
        tree = ast.parse(path.read_text())
        aliases = _module_aliases(tree, module, path)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and package_of(aliases[node.value.id]) != package_of(module)
            ):
                uses.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} uses {node.value.id}.{node.attr}"
                )
    return uses


def _module_aliases(tree, module: str, path: Path) -> dict[str, str]:
    """Local names bound to hub modules by `from hub.x import y` or `import hub.x as y`."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hub"):
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                if target in modules():
                    aliases[alias.asname or alias.name] = target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in modules():
                    aliases[alias.asname] = alias.name
    return aliases


def test_feature_packages_join_no_new_circle():
    between = {}
    for module, targets in graph().items():
        for target in targets:
            if package_of(module) != package_of(target) and module not in ASSEMBLY:
                between.setdefault(package_of(module), set()).add(package_of(target))
    tangled = set().union(*strongly_connected(between))
    assert tangled <= KNOWN_PACKAGE_CIRCLE, (
        f"packages newly in a circle: {sorted(tangled - KNOWN_PACKAGE_CIRCLE)}"
    )
    if tangled < KNOWN_PACKAGE_CIRCLE:
        pytest.fail(
            f"untangled, take them off KNOWN_PACKAGE_CIRCLE: {KNOWN_PACKAGE_CIRCLE - tangled}"
        )


def test_spokes_import_nothing_of_the_hub():
    leaks = []
    for path in sorted((ROOT / "spokes").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            leaks += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "hub"]
    assert leaks == [], leaks
