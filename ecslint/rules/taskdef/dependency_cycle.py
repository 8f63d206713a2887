"""ECS105: `dependsOn` entries form a cycle, so the task can never start."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: At most this many cycles are reported per task definition (a pathological file
#: where every container depends on every other has thousands).
MAX_CYCLES = 20


@rule(
    id="ECS105",
    name="dependency-cycle",
    severity="error",
    kinds=("task-definition",),
    tags=("correctness", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html",
    ),
)
def dependency_cycle(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """The containers' `dependsOn` entries form a cycle: the task can never start.

    What it does:
        Follows ``dependsOn`` from container to container and reports each cycle once
        (``app → db → app``), whatever the conditions, on the ``containerName`` of the
        entry that closes it: the dependency of the last container of the cycle on the
        first one (the first being the one listed first in the file). No cycle is
        reported twice and no entry carries two findings: when several cycles close on
        the same entry, the shortest is named and the others show up once it is fixed (at
        most 20 per task definition). A container that depends on itself is reported by
        ``unknown-container-reference`` (ECS104), not here. Templated names
        (``"${NAME}"``) and names several containers share are left out: only cycles
        certain from the document are reported.

    Why it matters:
        A container with ``dependsOn`` starts only once each container it names has
        reached the condition (started, completed, succeeded or healthy). In a cycle each
        container waits for another one of the cycle, so none of them ever starts and the
        task stays ``PENDING`` until ECS gives up. Whether ECS already rejects such a
        definition at registration is not documented (it does reject ``links`` that form a
        cycle); either way it cannot run.

    Example:
        Bad:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "dependsOn": [{"containerName": "envoy", "condition": "HEALTHY"}]},
          {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod", "memory": 128,
           "healthCheck": {"command": ["CMD-SHELL", "curl -s http://localhost:9901/server_info"]},
           "dependsOn": [{"containerName": "app", "condition": "START"}]}
        ]}
        ```

        Good:

        ```json
        {"family": "web", "containerDefinitions": [
          {"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
           "dependsOn": [{"containerName": "envoy", "condition": "HEALTHY"}]},
          {"name": "envoy", "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod", "memory": 128,
           "healthCheck": {"command": ["CMD-SHELL", "curl -s http://localhost:9901/server_info"]}}
        ]}
        ```

    How to fix:
        Decide which container really has to come first and remove the ``dependsOn`` entry
        that points the other way. Start order is the reverse of stop order, so a sidecar
        that must outlive the application is the one the application depends on.
    """
    # edges[i][j]: the first dependsOn entry of container i on container j (both indices
    # in containerDefinitions)
    edges: dict[int, dict[int, int]] = {}
    for container, entry, _, dependency in td.dependencies:
        edges.setdefault(container.index, {}).setdefault(dependency.index, entry)
    if not edges:
        return
    by_index = {c.index: c for c in td.containers}
    for cycle in _cycles(edges):
        start, last = by_index[cycle[0]], by_index[cycle[-1]]
        entry = edges[last.index][start.index]
        shown = " → ".join(f"'{by_index[i].name}'" for i in cycle + [start.index])
        yield Violation(
            last.path + ("dependsOn", entry, "containerName"),
            f"{last.label} depends on '{start.name}', which closes the dependsOn cycle {shown} "
            "(→ = depends on): each container waits for the next, so none of them starts and the task never "
            "starts; remove one of these dependencies",
        )


def _cycles(edges: dict[int, dict[int, int]]) -> Iterator[list[int]]:
    """Cycles as lists of nodes, each starting from its smallest node: for every edge
    ``u -> start`` back to a smaller node, the shortest path ``start ⇝ u`` through nodes
    larger than ``start`` closes one. So no cycle comes twice and no entry closes two; a
    longer cycle through an entry already reported shows up once that one is fixed."""
    from collections import deque

    found = 0
    # A cycle's smallest node has an edge into it from a larger one: only those can start one.
    for start in sorted({t for u, out in edges.items() for t in out if t < u}):
        # Breadth-first from ``start`` over larger nodes: shortest paths, in entry order.
        parent: dict[int, int] = {start: start}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for target in edges.get(node, ()):
                if target > start and target not in parent:
                    parent[target] = node
                    queue.append(target)
        for node in sorted(parent):
            if node == start or start not in edges.get(node, ()):
                continue
            path = [node]
            while path[-1] != start:
                path.append(parent[path[-1]])
            yield path[::-1]
            found += 1
            if found >= MAX_CYCLES:
                return
