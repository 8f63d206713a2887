"""``--fix`` on Terraform: HCL objects and tuples in ``jsonencode``, the block's arguments,
JSON in heredocs and quoted strings, and the JSON file ``file()`` loads, edited as written;
a value the resource does not write literally (a ``local``, a variable, a function) never.

Exact cases pin the layout; a property checks, on generated objects in every layout, that
removing members gives exactly the object without them, and the file still parses.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecslint.engine import Settings, load
from ecslint.fix import runner
from ecslint.fix.edits import apply
from ecslint.fix.editors import editor_for
from ecslint.fix.hcl import HclEditor, hcl_string
from ecslint.load.hcl import evaluate, parse_hcl


def _fix(tmp_path, files: dict[str, str], select: str, unsafe: bool = True) -> dict[str, str]:
    """Write ``files`` in ``tmp_path``, run ``--fix`` with rule ``select``: every file's text after."""
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    session = load([str(tmp_path)], Settings(select=[select]))
    before = session.lint()
    assert any(f.rule == select for f in before.findings), "nothing to fix: the case tests nothing"
    report, summary = runner.run(session, before, unsafe=unsafe)
    report, written = runner.write_all(session, report, summary)
    assert written and not summary.warnings
    return {name: (tmp_path / name).read_text() for name in files}


def _task(containers: str, mode: str = "bridge", extra: str = "") -> str:
    return (
        'resource "aws_ecs_task_definition" "web" {\n'
        '  family       = "web"\n'
        f'  network_mode = "{mode}"\n'
        f"{extra}"
        f"  container_definitions = {containers}\n"
        "}\n"
        'resource "aws_ecs_service" "web" {\n'
        '  name            = "web"\n'
        "  task_definition = aws_ecs_task_definition.web.arn\n"
        "  desired_count   = 2\n"
        "  load_balancer {\n"
        '    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef"\n'
        '    container_name   = "web"\n'
        "    container_port   = 80\n"
        "  }\n"
        "}\n"
    )


# -- what is written literally in the resource is edited; nothing else ----------------------------


@pytest.mark.parametrize(
    ("host_port", "fixed"),
    [
        ("80", "0"),
        ("(80)", None),  # (an expression: kept)
        ("local.port", None),
        ("var.port", None),
        ("tonumber(\"80\")", None),
        ('"${local.port}"', None),
    ],
)
def test_only_a_literal_written_in_the_resource_is_replaced(tmp_path, host_port, fixed):
    containers = (
        'jsonencode([{ name = "web", image = "nginx:1.27", memory = 256, essential = true,\n'
        f"    portMappings = [{{ containerPort = 80, hostPort = {host_port} }}] }}])"
    )
    main = _task(containers) + 'locals {\n  port = 80\n}\nvariable "port" {\n  type = number\n}\n'
    out = _fix(tmp_path, {"main.tf": main, "terraform.tfvars": "port = 80\n"}, "ECS301")
    if fixed is None:
        assert out["main.tf"] == main
    else:
        assert out["main.tf"] == main.replace(f"hostPort = {host_port}", f"hostPort = {fixed}")


def test_a_value_in_a_local_is_not_edited_even_in_the_same_file(tmp_path):
    main = _task("jsonencode(local.containers)") + (
        "locals {\n"
        '  containers = [{ name = "web", image = "nginx:1.27", memory = 256, essential = true,\n'
        "    portMappings = [{ containerPort = 80, hostPort = 80 }] }]\n"
        "}\n"
    )
    out = _fix(tmp_path, {"main.tf": main}, "ECS301")
    assert out["main.tf"] == main


def test_a_value_in_a_local_of_another_file_is_not_edited(tmp_path):
    containers = 'jsonencode([{ name = "web", image = "nginx:1.27", memory = 256, essential = true, portMappings = local.ports }])'
    locals_tf = "locals {\n  ports = [{ containerPort = 80, hostPort = 80 }]\n}\n"
    main = _task(containers)
    out = _fix(tmp_path, {"main.tf": main, "locals.tf": locals_tf}, "ECS301")
    assert out == {"main.tf": main, "locals.tf": locals_tf}


def test_json_file_loaded_by_file_is_edited_in_that_file_and_read_again(tmp_path):
    containers = '[\n  {"name": "web", "image": "nginx:1.27", "memory": 256,\n   "portMappings": [{"containerPort": 80, "hostPort": 80}]}\n]\n'
    main = _task('file("${path.module}/containers.json")')
    out = _fix(tmp_path, {"main.tf": main, "containers.json": containers}, "ECS301")
    assert out == {"main.tf": main, "containers.json": containers.replace('"hostPort": 80', '"hostPort": 0')}


def test_a_file_loaded_with_templatefile_is_not_edited(tmp_path):
    template = '[{"name": "web", "image": "${image}", "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": 80}]}]\n'
    main = _task('templatefile("${path.module}/containers.json.tpl", { image = "nginx:1.27" })')
    out = _fix(tmp_path, {"main.tf": main, "containers.json.tpl": template}, "ECS301")
    assert out == {"main.tf": main, "containers.json.tpl": template}


def test_quoted_string_json_is_edited_with_hcl_escapes(tmp_path):
    containers = '"[{\\"name\\": \\"web\\", \\"image\\": \\"nginx:1.27\\", \\"memory\\": 256, \\"portMappings\\": [{\\"containerPort\\": 80, \\"hostPort\\": 80}]}]"'
    main = _task(containers)
    out = _fix(tmp_path, {"main.tf": main}, "ECS301")
    assert out["main.tf"] == main.replace('\\"hostPort\\": 80', '\\"hostPort\\": 0')


def test_two_files_of_one_module_are_fixed_in_one_run(tmp_path):
    def task(name: str) -> str:
        return (
            f'resource "aws_ecs_task_definition" "{name}" {{\n'
            f'  family                = "{name}"\n'
            "  revision              = 3\n"
            f'  container_definitions = jsonencode([{{ name = "{name}", image = "nginx:1.27", memory = 256 }}])\n'
            "}\n"
        )

    out = _fix(tmp_path, {"a.tf": task("a"), "b.tf": task("b")}, "ECS007")
    assert out == {name: task(name[0]).replace("  revision              = 3\n", "") for name in ("a.tf", "b.tf")}


def test_an_argument_sharing_its_line_is_not_removed(tmp_path):
    main = (
        'resource "aws_ecs_task_definition" "web" { family = "web"\n'
        "  revision = 3 }\n"
    )
    out = _fix(tmp_path, {"main.tf": main}, "ECS007")
    assert out["main.tf"] == main


# -- the HCL editor on objects ---------------------------------------------------------------------


def _editor(tmp_path, members: str) -> tuple[HclEditor, object]:
    main = (
        'resource "aws_ecs_task_definition" "web" {\n'
        '  family = "web"\n'
        f"  container_definitions = jsonencode([{members}])\n"
        "}\n"
    )
    (tmp_path / "main.tf").write_text(main)
    session = load([str(tmp_path / "main.tf")], Settings(select=["ECS007"]))
    (doc,) = [d for f in session.files for d in f.documents]
    return HclEditor(doc.file, doc.origin.raw, doc.locator.table), doc


def _value_of(text: str) -> object:
    body = parse_hcl(text)
    (block,) = body.blocks
    return evaluate(block.body.attributes["container_definitions"].expr).value.data


@pytest.mark.parametrize(
    ("members", "keys", "expected"),
    [
        ("{ name = \"web\", image = \"x\", memory = 256 }", ("image",), '{ name = "web", memory = 256 }'),
        ("{ name = \"web\", image = \"x\", memory = 256 }", ("memory",), '{ name = "web", image = "x" }'),
        ("{ name = \"web\", image = \"x\", memory = 256 }", ("name",), '{ image = "x", memory = 256 }'),
        ("{ name = \"web\", image = \"x\", memory = 256 }", ("name", "image", "memory"), "{}"),
        (
            '{\n    name   = "web"\n    image  = "x" # pinned\n    memory = 256\n  }',
            ("image",),
            '{\n    name   = "web"\n    memory = 256\n  }',
        ),
        (
            '{\n    name   = "web",\n    image  = "x",\n    memory = 256,\n  }',
            ("memory",),
            '{\n    name   = "web",\n    image  = "x",\n  }',
        ),
    ],
)
def test_hcl_object_removal(tmp_path, members, keys, expected):
    editor, _ = _editor(tmp_path, members)
    paths = {("containerDefinitions", 0, k) for k in keys}
    edits = editor.remove(("containerDefinitions", 0), paths)
    assert apply(editor.text, [e for p in paths for e in edits[p]]) == editor.text.replace(members, expected)


@pytest.mark.parametrize(
    ("members", "after", "expected"),
    [
        ('{ name = "web", image = "x" }', "name", '{ name = "web", cpu = 256, image = "x" }'),
        ("{}", None, "{ cpu = 256 }"),
        (
            '{\n    name  = "web"\n    image = "x"\n  }',
            "name",
            '{\n    name  = "web"\n    cpu   = 256\n    image = "x"\n  }',
        ),
        (
            '{\n    name = "web",\n    image = "x",\n  }',
            None,
            '{\n    name = "web",\n    image = "x",\n    cpu   = 256,\n  }',  # aligned with the anchor, as terraform fmt aligns
        ),
        (
            '{\n    "name": "web"\n  }',
            None,
            '{\n    "name": "web"\n    "cpu": 256\n  }',
        ),
    ],
)
def test_hcl_object_insert_follows_the_layout(tmp_path, members, after, expected):
    editor, _ = _editor(tmp_path, members)
    text = apply(editor.text, editor.insert(("containerDefinitions", 0), "cpu", 256, after))
    assert text == editor.text.replace(members, expected)
    assert _value_of(text)[0]["cpu"] == 256


_KEYS = st.lists(st.sampled_from(["name", "image", "cpu", "memory", "essential", "user"]), min_size=1, max_size=6, unique=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=_KEYS, layout=st.sampled_from(["line", "lines", "commas", "mixed"]), data=st.data())
def test_removing_any_members_leaves_exactly_the_others(tmp_path, keys, layout, data):
    values = {k: n for n, k in enumerate(keys)}
    items = [f"{k} = {v}" for k, v in values.items()]
    if layout == "line":
        members = "{ " + ", ".join(items) + " }"
    elif layout == "lines":
        members = "{\n" + "".join(f"    {i}\n" for i in items) + "  }"
    elif layout == "commas":
        members = "{\n" + "".join(f"    {i}, # note\n" for i in items) + "  }"
    else:
        members = "{\n    " + ", ".join(items[:2]) + "\n" + "".join(f"    {i}\n" for i in items[2:]) + "  }"
    gone = data.draw(st.lists(st.sampled_from(keys), unique=True, min_size=1))
    editor, _ = _editor(tmp_path, members)
    paths = {("containerDefinitions", 0, k) for k in gone}
    edits = editor.remove(("containerDefinitions", 0), paths)
    text = apply(editor.text, [e for p in paths for e in edits[p]])
    assert _value_of(text) == [{k: v for k, v in values.items() if k not in gone}]
    start = editor.text.index(members)
    tail = editor.text[start + len(members) :]
    assert text.startswith(editor.text[:start]) and text.endswith(tail)  # nothing else changed


def test_hcl_tuple_move_keeps_separators(tmp_path):
    members = '{ name = "a" },\n    { name = "b" },\n    { name = "c" }'
    editor, _ = _editor(tmp_path, members)
    edits = editor.move_last(("containerDefinitions", 0))
    text = apply(editor.text, edits)
    assert [c["name"] for c in _value_of(text)] == ["b", "c", "a"]
    assert '{ name = "b" },\n    { name = "c" },\n    { name = "a" }' in text


# -- JSON in a heredoc or a quoted string -----------------------------------------------------------


def test_hcl_string_doubles_template_sequences():
    assert hcl_string('a "${b}" %{c}') == '"a \\"$${b}\\" %%{c}"'


@pytest.mark.parametrize(
    "policy",
    [
        '<<EOF\n{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any"}}]}\nEOF',
        '<<-EOF\n    {\n      "rules": [{"rulePriority": 1, "selection": {"tagStatus": "any"}}]\n    }\n  EOF',
        '"{\\"rules\\": [{\\"rulePriority\\": 1, \\"selection\\": {\\"tagStatus\\": \\"any\\"}}]}"',
    ],
)
def test_text_inserted_in_an_hcl_string_reads_back_as_written(tmp_path, policy):
    main = (
        'resource "aws_ecr_repository" "web" {\n  name = "web"\n}\n'
        'resource "aws_ecr_lifecycle_policy" "web" {\n'
        "  repository = aws_ecr_repository.web.name\n"
        f"  policy = {policy}\n"
        "}\n"
    )
    (tmp_path / "main.tf").write_text(main)
    session = load([str(tmp_path / "main.tf")], Settings(select=["ECR106"]))
    (doc,) = [d for f in session.files for d in f.documents if d.kind == "lifecycle-policy"]
    delegate = doc.locator.delegates[()]
    editor = editor_for(delegate.file, delegate.locator.sourcemap)
    odd = 'a ${b} %{c} "d" \\ e'
    text = apply(main, editor.insert(("rules", 0, "selection"), "note", odd))
    policy_expr = parse_hcl(text).blocks[1].body.attributes["policy"].expr
    import json

    value = json.loads(evaluate(policy_expr).value)
    assert value["rules"][0]["selection"] == {"tagStatus": "any", "note": odd}


@pytest.mark.parametrize("heredoc", ["<<EOF", "<<-EOF"])
def test_a_line_inserted_in_a_heredoc_keeps_the_file_line_breaks(tmp_path, heredoc):
    policy = (
        f"{heredoc}\n"
        '    {"rules": [{"rulePriority": 1,\n'
        '      "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",\n'
        '        "countNumber": 14},\n'
        '      "action": {"type": "expire"}}]}\n'
        "  EOF"
    )
    main = (
        'resource "aws_ecr_repository" "web" {\n  name = "web"\n}\n'
        'resource "aws_ecr_lifecycle_policy" "web" {\n'
        "  repository = aws_ecr_repository.web.name\n"
        f"  policy = {policy}\n"
        "}\n"
    ).replace("\n", "\r\n")
    (tmp_path / "main.tf").write_bytes(main.encode())
    session = load([str(tmp_path)], Settings(select=["ECR106"]))
    report, summary = runner.run(session, session.lint())
    ((_, text),) = summary.changed
    assert "\r\r" not in text and text.count("\r\n") == text.count("\n")
    assert text == main.replace('"sinceImagePushed",\r\n', '"sinceImagePushed",\r\n        "countUnit": "days",\r\n')
