"""Terraform configurations (``.tf``) as API-shaped documents.

Facts: ``shared/reference/iac-sources.md`` §3-4. The files of one directory are one module:
a resource in ``ecs.tf`` refers to a task definition in ``tasks.tf`` and to ``locals`` in
``locals.tf``. Reading any ``.tf`` file loads its module once per run
(:class:`Module`, kept in the run's memo); each file then yields the documents of the
resources written in it, and asks the engine to load its siblings as context, so that a
service checked alone (pre-commit) is still joined to its task definition.

Each resource ecslint knows becomes a document of its kind, converted to the API's shape by
walking the API's own schema (:mod:`ecslint.sources.shape`): ``snake_case`` names mean the
member equal to them ignoring case and underscores (``size_in_gib`` -> ``sizeInGiB``),
repeated blocks become lists, and the provider's own renames and re-nestings are stated in
:data:`_RENAMES` (``network_configuration`` is the API's
``networkConfiguration.awsvpcConfiguration``; ``deployment_minimum_healthy_percent`` its
``deploymentConfiguration.minimumHealthyPercent``; ``elb_name`` its ``loadBalancerName``).
``container_definitions`` and policies are JSON: written with ``jsonencode`` in HCL syntax, as a
heredoc or a string, or loaded with ``file()``/``templatefile()``; every member is located
where it is written, in the ``.tf`` file or in the loaded file.

What Terraform computes is unknown and never judged (HCL evaluation:
:mod:`ecslint.load.hcl.evaluate`): a resource's computed attribute (``.arn``) is a
:class:`~ecslint.sources.references.Reference` the workspace follows as a link; a
configured argument (``aws_ecr_repository.app.name``) and a ``local`` with a literal value
are known; ``var.*`` takes its value from the variable files the user gives
(``--var-file``) or that Terraform loads itself (``terraform.tfvars``,
``*.auto.tfvars``), falling back to its ``default`` only then, and is unknown otherwise;
``data.*``, ``module.*``, ``each.*``, ``count.index`` and most functions are unknown.
``count``/``for_each`` resources and ``dynamic`` blocks are checked once, as written.
"""

from __future__ import annotations

import json
import os
import re

from ecslint.core.finding import Path
from ecslint.load.errors import LoadError
from ecslint.load.hcl import Binding, Call, Evaluator, JsonText, Literal, Object, parse_hcl, parse_template
from ecslint.load.hcl import Reference as HclReference
from ecslint.load.placeholders import Unknown
from ecslint.load.source import Delegate, Document, Locator, MappedLocator, Origin, SourceFile, SourceOptions, SpanLocator, Written
from ecslint.sources.references import Reference
from ecslint.sources.shape import Shape

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Any, Iterator

#: Resource type -> (document kind, API schema guiding the conversion). ``None``: an
#: auxiliary resource, kept in CloudFormation's (the EC2 and Auto Scaling APIs') names.
RESOURCES: dict[str, tuple[str, str | None]] = {
    "aws_ecs_task_definition": ("task-definition", "task-definition"),
    "aws_ecs_service": ("service", "service"),
    "aws_ecs_cluster": ("cluster", "cluster"),
    "aws_ecs_capacity_provider": ("capacity-provider", "capacity-provider"),
    "aws_ecr_repository": ("repository", "repository"),
    "aws_ecr_lifecycle_policy": ("lifecycle-policy", None),
    "aws_ecr_repository_policy": ("repository-policy", None),
    "aws_lb_target_group": ("target-group", "target-group"),
    "aws_alb_target_group": ("target-group", "target-group"),
    "aws_autoscaling_group": ("auto-scaling-group", None),
    "aws_launch_template": ("launch-template", None),
    "aws_launch_configuration": ("launch-configuration", None),
    "aws_ecs_cluster_capacity_providers": ("cluster-capacity-providers", None),
}
#: Kinds that only inform the others: a module holding nothing but these is not ECS.
AUXILIARY = frozenset(("auto-scaling-group", "launch-template", "launch-configuration", "cluster-capacity-providers", "repository-policy"))

#: Arguments and blocks of every resource that are Terraform's, not the resource's.
_META = frozenset(("count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection", "timeouts"))

#: (resource type, enclosing block names, written name) -> the API path it stands for,
#: relative to the enclosing object, and how its value is read. Everything not listed
#: follows the spelling rule (equal ignoring case and underscores) against the API schema.
_RENAMES: dict[tuple[str, tuple[str, ...], str], tuple[tuple[str, ...], str]] = {
    ("aws_ecs_task_definition", (), "volume"): (("volumes",), "list"),
    ("aws_ecs_task_definition", (), "inference_accelerator"): (("inferenceAccelerators",), "list"),
    ("aws_ecs_task_definition", (), "tags"): (("tags",), "tags-lower"),
    ("aws_ecs_task_definition", ("volume",), "host_path"): (("host", "sourcePath"), ""),
    ("aws_ecs_task_definition", ("volume",), "configure_at_launch"): (("configuredAtLaunch",), ""),
    ("aws_ecs_task_definition", ("proxy_configuration",), "properties"): (("properties",), "name-value"),
    ("aws_ecs_service", (), "name"): (("serviceName",), ""),
    ("aws_ecs_service", (), "iam_role"): (("role",), ""),
    ("aws_ecs_service", (), "load_balancer"): (("loadBalancers",), "list"),
    ("aws_ecs_service", ("load_balancer",), "elb_name"): (("loadBalancerName",), ""),
    ("aws_ecs_service", (), "ordered_placement_strategy"): (("placementStrategy",), "list"),
    ("aws_ecs_service", (), "network_configuration"): (("networkConfiguration", "awsvpcConfiguration"), ""),
    ("aws_ecs_service", ("network_configuration",), "assign_public_ip"): (("assignPublicIp",), "enabled-disabled"),
    ("aws_ecs_service", (), "deployment_minimum_healthy_percent"): (("deploymentConfiguration", "minimumHealthyPercent"), ""),
    ("aws_ecs_service", (), "deployment_maximum_percent"): (("deploymentConfiguration", "maximumPercent"), ""),
    ("aws_ecs_service", (), "deployment_circuit_breaker"): (("deploymentConfiguration", "deploymentCircuitBreaker"), ""),
    ("aws_ecs_service", (), "alarms"): (("deploymentConfiguration", "alarms"), ""),
    ("aws_ecs_service", ("service_connect_configuration",), "service"): (("services",), "list"),
    ("aws_ecs_service", ("service_connect_configuration", "service"), "client_alias"): (("clientAliases",), "list"),
    ("aws_ecs_service", ("service_connect_configuration", "log_configuration"), "secret_option"): (("secretOptions",), "list"),
    ("aws_ecs_service", ("volume_configuration", "managed_ebs_volume"), "size_in_gb"): (("sizeInGiB",), ""),
    ("aws_ecs_service", ("volume_configuration", "managed_ebs_volume"), "file_system_type"): (("filesystemType",), ""),
    ("aws_ecs_service", (), "volume_configuration"): (("volumeConfigurations",), "list"),
    ("aws_ecs_service", (), "tags"): (("tags",), "tags-lower"),
    ("aws_ecs_cluster", (), "name"): (("clusterName",), ""),
    ("aws_ecs_cluster", (), "setting"): (("settings",), "list"),
    ("aws_ecs_cluster", ("configuration", "execute_command_configuration", "log_configuration"), "s3_bucket_encryption_enabled"): (
        ("s3EncryptionEnabled",),
        "",
    ),
    ("aws_ecs_cluster", (), "tags"): (("tags",), "tags-lower"),
    ("aws_ecs_capacity_provider", (), "tags"): (("tags",), "tags-lower"),
    ("aws_ecr_repository", (), "name"): (("repositoryName",), ""),
    ("aws_ecr_repository", (), "tags"): (("tags",), "tags-upper"),
    # The target group, in the Elastic Load Balancing API's PascalCase.
    ("aws_lb_target_group", (), "health_check"): ((), "flatten"),
    ("aws_lb_target_group", ("health_check",), "enabled"): (("HealthCheckEnabled",), ""),
    ("aws_lb_target_group", ("health_check",), "path"): (("HealthCheckPath",), ""),
    ("aws_lb_target_group", ("health_check",), "port"): (("HealthCheckPort",), ""),
    ("aws_lb_target_group", ("health_check",), "protocol"): (("HealthCheckProtocol",), ""),
    ("aws_lb_target_group", ("health_check",), "interval"): (("HealthCheckIntervalSeconds",), ""),
    ("aws_lb_target_group", ("health_check",), "timeout"): (("HealthCheckTimeoutSeconds",), ""),
    ("aws_lb_target_group", ("health_check",), "healthy_threshold"): (("HealthyThresholdCount",), ""),
    ("aws_lb_target_group", ("health_check",), "unhealthy_threshold"): (("UnhealthyThresholdCount",), ""),
    ("aws_lb_target_group", ("health_check",), "matcher"): (("Matcher", "HttpCode"), ""),
    ("aws_lb_target_group", (), "tags"): (("Tags",), "tags-upper"),
    # Auxiliary resources: the names the workspace reads (CloudFormation's).
    ("aws_autoscaling_group", (), "name"): (("AutoScalingGroupName",), ""),
    ("aws_autoscaling_group", (), "launch_configuration"): (("LaunchConfigurationName",), ""),
    ("aws_autoscaling_group", (), "protect_from_scale_in"): (("NewInstancesProtectedFromScaleIn",), ""),
    ("aws_autoscaling_group", (), "launch_template"): (("LaunchTemplate",), ""),
    ("aws_autoscaling_group", ("launch_template",), "id"): (("LaunchTemplateId",), ""),
    ("aws_autoscaling_group", ("launch_template",), "name"): (("LaunchTemplateName",), ""),
    ("aws_autoscaling_group", ("launch_template",), "version"): (("Version",), ""),
    ("aws_autoscaling_group", (), "mixed_instances_policy"): (("MixedInstancesPolicy",), ""),
    ("aws_autoscaling_group", ("mixed_instances_policy",), "launch_template"): (("LaunchTemplate",), ""),
    ("aws_autoscaling_group", ("mixed_instances_policy", "launch_template"), "launch_template_specification"): (
        ("LaunchTemplateSpecification",),
        "",
    ),
    ("aws_autoscaling_group", ("mixed_instances_policy", "launch_template", "launch_template_specification"), "launch_template_id"): (
        ("LaunchTemplateId",),
        "",
    ),
    ("aws_autoscaling_group", ("mixed_instances_policy", "launch_template", "launch_template_specification"), "launch_template_name"): (
        ("LaunchTemplateName",),
        "",
    ),
    ("aws_autoscaling_group", ("mixed_instances_policy", "launch_template"), "override"): (("Overrides",), "list"),
    ("aws_autoscaling_group", ("mixed_instances_policy", "launch_template", "override"), "instance_type"): (("InstanceType",), ""),
    ("aws_launch_template", (), "name"): (("LaunchTemplateName",), ""),
    ("aws_launch_template", (), "instance_type"): (("LaunchTemplateData", "InstanceType"), ""),
    ("aws_launch_configuration", (), "name"): (("LaunchConfigurationName",), ""),
    ("aws_launch_configuration", (), "instance_type"): (("InstanceType",), ""),
    ("aws_ecs_cluster_capacity_providers", (), "cluster_name"): (("Cluster",), ""),
    ("aws_ecs_cluster_capacity_providers", (), "capacity_providers"): (("CapacityProviders",), ""),
    ("aws_ecs_cluster_capacity_providers", (), "default_capacity_provider_strategy"): (("DefaultCapacityProviderStrategy",), "list"),
    ("aws_ecs_cluster_capacity_providers", ("default_capacity_provider_strategy",), "capacity_provider"): (("CapacityProvider",), ""),
    ("aws_ecs_cluster_capacity_providers", ("default_capacity_provider_strategy",), "weight"): (("Weight",), ""),
    ("aws_ecs_cluster_capacity_providers", ("default_capacity_provider_strategy",), "base"): (("Base",), ""),
}
for (_type, _blocks, _name), _rule in list(_RENAMES.items()):
    if _type == "aws_lb_target_group":
        _RENAMES[("aws_alb_target_group", _blocks, _name)] = _rule
#: Terraform-only arguments: no API member, nothing for a rule to read.
_TERRAFORM_ONLY = frozenset(
    ("skip_destroy", "track_latest", "force_new_deployment", "triggers", "wait_for_steady_state", "force_delete", "tags_all")
)
#: The argument whose literal names the document in messages.
_NAME_ARGUMENT = {
    "task-definition": "family",
    "service": "name",
    "cluster": "name",
    "capacity-provider": "name",
    "repository": "name",
    "target-group": "name",
}
#: (resource type, computed attribute) -> the configured argument it equals
#: (iac-sources.md §3.4: an ECR repository's ``id`` is its name).
_SAME_AS_ARGUMENT = {("aws_ecr_repository", "id"): "name"}
#: Functions that read a file relative to the module.
_FILE_FUNCTIONS = ("file", "templatefile")
_SUPPRESS = re.compile(r"(?:#|//)\s*ecslint:\s*ignore(?:\s*=\s*([A-Za-z0-9_,\s.:/-]+))?")
#: Files Terraform loads variable values from by itself.
_AUTO_VAR_FILES = re.compile(r"^(?:terraform\.tfvars(?:\.json)?|.*\.auto\.tfvars(?:\.json)?)$")


def is_terraform(display: str) -> bool:
    return display.lower().endswith(".tf")


def read(file: SourceFile, text: str, options: SourceOptions | None) -> str | None:
    """Add the documents of the resources written in one ``.tf`` file; return why none."""
    options = options or SourceOptions()
    body = _parsed(options, text, file.lines)  # LoadError: the reader reports it (ECS001)
    module = Module.of(os.path.dirname(os.path.abspath(file.path)), options)
    module.add(file, body)
    module.load_siblings()
    if not module.ecs_resources:
        return "a Terraform file of a module without ECS, ECR or target group resources"
    for sibling in module.sibling_paths(file):
        options.context_requests.setdefault(os.path.realpath(sibling), sibling)
    _duplicates(file, body)
    _block_suppressions(file, body)
    made = False
    for block in body.blocks_of("resource"):
        labels = block.label_values
        if len(labels) == 2 and labels[0] in RESOURCES:
            made |= module.document(file, block) is not None
    if not made:
        return "no ECS, ECR or target group resource in this file (others of its module have them)"
    return None


class Module:
    """The ``.tf`` files of one directory, parsed once, with what evaluation needs."""

    def __init__(self, directory: str, options: SourceOptions):
        self.directory = directory
        self.options = options
        #: realpath -> (file, body) of every parsed file of the module.
        self.files: dict[str, tuple[SourceFile, Any]] = {}
        self.locals: dict[str, tuple[Any, SourceFile]] = {}
        self.variables: dict[str, tuple[Any, SourceFile]] = {}
        self.resources: dict[str, tuple[Any, SourceFile]] = {}
        self._siblings_loaded = False
        self._values: dict[str, tuple[Any, SourceFile]] | None = None
        self.evaluator = Evaluator(_ModuleScope(self))
        #: Realpaths of the files its ``file()`` and ``templatefile()`` calls read.
        self.loaded_paths: set[str] = set()

    @classmethod
    def of(cls, directory: str, options: SourceOptions) -> Module:
        key = ("terraform-module", os.path.realpath(directory))
        module = options.memo.get(key)
        if module is None:
            module = options.memo[key] = cls(directory, options)
        return module

    def add(self, file: SourceFile, body: Any) -> None:
        real = os.path.realpath(file.path)
        if real in self.files:
            return
        self.files[real] = (file, body)
        for block in body.blocks:
            labels = block.label_values
            if block.type == "locals":
                for name, attribute in block.body.attributes.items():
                    self.locals.setdefault(name, (attribute.expr, file))
            elif block.type == "variable" and len(labels) == 1:
                default = block.body.attributes.get("default")
                self.variables.setdefault(labels[0], (default.expr if default is not None else None, file))
            elif block.type == "resource" and len(labels) == 2:
                self.resources.setdefault(f"{labels[0]}.{labels[1]}", (block, file))
            elif block.type == "data" and len(labels) == 2 and labels[0] == "template_file":
                self._template_source(block, file, labels[1])

    def _template_source(self, block: Any, file: SourceFile, name: str) -> None:
        """``data "template_file" { template = file("x.json") }`` (Terraform before
        ``templatefile()``): ``x.json`` is a template, not JSON until rendered, and what it
        renders to is unknown here; its own reading as JSON is superseded."""
        attribute = block.body.attributes.get("template")
        expr = attribute.expr if attribute is not None else None
        while expr is not None and not isinstance(expr, Call) and getattr(expr, "parts", None):
            parts = [p for p in expr.parts if hasattr(p, "expr")]
            expr = parts[0].expr if len(parts) == 1 and len(expr.parts) == 1 else None  # "${file(...)}"
        if not isinstance(expr, Call) or expr.name != "file" or not expr.args:
            return
        where = self.evaluator.evaluate(expr.args[0]).value
        if isinstance(where, str) and not isinstance(where, Unknown) and "${" not in where:
            path = where if os.path.isabs(where) else os.path.join(self.directory, where)
            part_of = f"`data.template_file.{name}` in {file.display} (a template)"
            self.options.loaded.setdefault(os.path.realpath(path), (part_of, True, False))

    def load_siblings(self) -> None:
        """Parse the module's other ``.tf`` files (their locals, variables and resources)."""
        if self._siblings_loaded:
            return
        self._siblings_loaded = True
        from ecslint.load.text import LineIndex

        for path in self.sibling_paths(None):
            if os.path.realpath(path) in self.files:
                continue
            sibling = SourceFile(path, _display(path), context=True)
            try:
                text = _read_text(self.options, path)
                sibling.text, sibling.lines = text, LineIndex(text)
                self.add(sibling, _parsed(self.options, text, sibling.lines))
            except (OSError, LoadError):
                continue  # reported when the file itself is read

    def sibling_paths(self, file: SourceFile | None) -> list[str]:
        try:
            names = sorted(os.listdir(self.directory))
        except OSError:
            return []
        own = os.path.realpath(file.path) if file is not None else None
        return [
            os.path.join(self.directory, n)
            for n in names
            if n.lower().endswith(".tf") and os.path.isfile(os.path.join(self.directory, n))
            and os.path.realpath(os.path.join(self.directory, n)) != own
        ]

    @property
    def provider_majors(self) -> tuple[int, int | None] | None:
        """The AWS provider's major versions the module's ``required_providers`` allow, as
        (lowest, first excluded or None); None when the module does not say. The provider
        schemas ecslint checks arguments against are 5.x: a module pinned to 4.x may still
        use what 5.0 removed, one that requires 6.x may use what 6.x added."""
        for _, body in self.files.values():
            for block in body.blocks_of("terraform"):
                for providers in block.body.blocks_of("required_providers"):
                    aws = providers.body.attributes.get("aws")
                    value = self.evaluator.evaluate(aws.expr).value if aws is not None else None
                    version = value.get("version") if isinstance(value, dict) else None
                    if isinstance(version, str) and "${" not in version:
                        return _majors(version)
        return None

    @property
    def ecs_resources(self) -> bool:
        return any(address.split(".", 1)[0] in RESOURCES and RESOURCES[address.split(".", 1)[0]][0] not in AUXILIARY for address in self.resources)

    # -- variables ------------------------------------------------------------------------

    def variable(self, name: str) -> tuple[Any, SourceFile] | None:
        """The expression a ``var.name`` stands for: from the variable files, else its
        default; None (unknown) when no variable file applies to the module."""
        if self._values is None:
            self._values = self._variable_values()
        if not self._values and not self._var_files():
            return None
        if name in self._values:
            return self._values[name]
        declared = self.variables.get(name)
        if declared is None or declared[0] is None:
            return None
        return declared

    def _var_files(self) -> list[str]:
        given = list(self.options.var_files)
        try:
            auto = sorted(n for n in os.listdir(self.directory) if _AUTO_VAR_FILES.match(n) and not n.endswith(".json"))
        except OSError:
            auto = []
        return [os.path.join(self.directory, n) for n in auto] + given

    def _variable_values(self) -> dict[str, tuple[Any, SourceFile]]:
        from ecslint.load.text import LineIndex

        values: dict[str, tuple[Any, SourceFile]] = {}
        for path in self._var_files():
            source = SourceFile(path, _display(path), context=True)
            try:
                text = _read_text(self.options, path)
                source.text, source.lines = text, LineIndex(text)
                body = _parsed(self.options, text, source.lines)
            except (OSError, LoadError):
                continue
            for name, attribute in body.attributes.items():
                values[name] = (attribute.expr, source)
        return values

    # -- documents ------------------------------------------------------------------------

    def document(self, file: SourceFile, block: Any) -> Document | None:
        rtype, name = block.label_values
        kind, schema = RESOURCES[rtype]
        address = f"{rtype}.{name}"
        converter = _Converter(self, file, rtype)
        if kind == "lifecycle-policy":
            return converter.lifecycle_policy(block, address)
        if kind == "repository-policy":
            return None  # joined to its repository by the repository's converter
        data = converter.body(block.body, (), (), Shape.of(schema) if schema else _NO_SHAPE, block)
        if kind == "repository":
            converter.repository_policy(name, data)
            converter.lifecycle_policy_of(name, data)
        elif kind == "service":
            _service_request(data)
        label_argument = _NAME_ARGUMENT.get(kind)
        label = data.get(_api_name(label_argument, schema)) if label_argument else None
        origin = Origin("terraform", self, address, schema=rtype, raw=block, raw_path=())
        doc = Document(
            kind,
            {"task-definition": "register", "service": "create"}.get(kind, "create"),
            data,
            file,
            SpanLocator(file, converter.table, converter.delegates),
            label if isinstance(label, str) and label and "${" not in label else address,
            origin=origin,
        )
        file.documents.append(doc)
        return doc


def _service_request(data: dict) -> None:
    """What the provider sends of an ``aws_ecs_service`` (iac-sources.md §3.2): for a
    DAEMON service no ``desiredCount`` and no ``maximumPercent`` (it sends
    ``desired_count`` and ``deployment_maximum_percent`` for REPLICA services only), and
    ``minimumHealthyPercent`` only when it is not 100; with the EXTERNAL deployment
    controller no ``launchType`` (task sets set it). So they are neither judged nor
    rejected."""
    controller = data.get("deploymentController")
    if isinstance(controller, dict) and controller.get("type") == "EXTERNAL":
        data.pop("launchType", None)
    if data.get("schedulingStrategy") != "DAEMON":
        return
    data.pop("desiredCount", None)
    config = data.get("deploymentConfiguration")
    if isinstance(config, dict):
        config.pop("maximumPercent", None)
        if config.get("minimumHealthyPercent") == 100:
            del config["minimumHealthyPercent"]
        if not config:
            del data["deploymentConfiguration"]


def _api_name(argument: str, schema: str | None) -> str:
    if schema is None:
        return argument
    return {"family": "family", "name": "serviceName"}.get(argument, argument) if schema in ("task-definition", "service") else {
        "cluster": "clusterName",
        "repository": "repositoryName",
        "capacity-provider": "name",
        "target-group": "Name",
    }.get(schema, argument)


_NO_SHAPE = Shape(None, {})


class _ModuleScope:
    """What names mean in a module, for :class:`~ecslint.load.hcl.Evaluator`."""

    def __init__(self, module: Module):
        self.module = module

    def local(self, name: str) -> Any:
        found = self.module.locals.get(name)
        return Binding(found[0], found[1]) if found is not None else None

    def variable(self, name: str) -> Any:
        found = self.module.variable(name)
        return Binding(found[0], found[1]) if found is not None else None

    def attribute(self, reference: Any) -> Any:
        """A resource's configured argument (``aws_ecr_repository.app.name``): known when
        written as a literal in the resource's block."""
        resource = reference.resource
        if resource is None:
            return None
        found = self.module.resources.get(f"{resource[0]}.{resource[1]}")
        if found is None or reference.index not in (..., 0):
            return None
        block, file = found
        attribute = block.body.attributes.get(_SAME_AS_ARGUMENT.get((resource[0], reference.attribute), reference.attribute))
        if attribute is None and resource[0] == "aws_ecr_repository" and reference.attribute == "repository_url":
            return self._repository_url(block, file)
        return Binding(attribute.expr, file) if attribute is not None else None

    def _repository_url(self, block: Any, file: SourceFile) -> Any:
        """``aws_ecr_repository.x.repository_url``: computed, but its shape is known
        (``<account>.dkr.ecr.<region>.amazonaws.com/<name>``) and so is the name when the
        block writes it: an image built on it still names its repository."""
        name = block.body.attributes.get("name")
        if name is None or not isinstance(name.expr, Literal) or not isinstance(name.expr.value, str):
            return None
        url = "${aws_account_id}.dkr.ecr.${aws_region}.amazonaws.com/" + name.expr.value
        return Binding(Literal(name.expr.start, name.expr.end, url), file)

    def name(self, name: str) -> Any:
        return None

    def path(self, name: str) -> str | None:
        return self.module.directory if name in ("module", "root") else os.getcwd() if name == "cwd" else None


class _Converter:
    """Converts one resource block into the API's shape, recording where each node is."""

    def __init__(self, module: Module, file: SourceFile, rtype: str):
        self.module = module
        self.file = file
        self.rtype = rtype
        self.table: dict[Path, Written] = {}
        self.delegates: dict[Path, Delegate] = {}

    def _record(self, apath: Path, file: SourceFile, key: tuple[int, int] | None, value: tuple[int, int]) -> None:
        self.table[apath] = Written(file, key, value)

    # -- blocks -----------------------------------------------------------------------------

    def body(self, body: Any, tpath: tuple[str, ...], apath: Path, shape: Shape, block: Any = None) -> dict:
        """A body's attributes and nested blocks as an API object."""
        if block is not None:
            self._record(apath, self.file, block.type_span if not apath else block.type_span, (block.start, block.end))
        out: dict[str, Any] = {}
        for item in body.items:
            if hasattr(item, "expr"):
                self._attribute(item, tpath, apath, shape, out)
            else:
                self._block(item, tpath, apath, shape, out)
        _as_sent(self.rtype, tpath, out)
        return out

    def _target(self, tpath: tuple[str, ...], name: str, shape: Shape) -> tuple[tuple[str, ...], str, Shape]:
        rule = _RENAMES.get((self.rtype, tpath, name))
        if rule is not None:
            names, how = rule
            child = shape
            for part in names:
                child = child.member(part)[1]
            return names, how, child
        api, child = shape.member(name)
        if shape.schema is None:
            api = name  # an auxiliary resource or a part the API does not describe
        return (api,), "", child

    def _place(self, out: dict, names: tuple[str, ...], apath: Path, key: tuple[int, int], span: tuple[int, int]) -> tuple[dict, Path]:
        """The object that receives the last of ``names`` (intermediate objects created and
        located at the written key), and its path."""
        parent = out
        for part in names[:-1]:
            apath = apath + (part,)
            child = parent.get(part)
            if not isinstance(child, dict):
                child = parent[part] = {}
                self._record(apath, self.file, key, span)
            parent = child
        return parent, apath

    def _attribute(self, attribute: Any, tpath: tuple[str, ...], apath: Path, shape: Shape, out: dict) -> None:
        name = attribute.name
        if name in _META or name in _TERRAFORM_ONLY:
            return
        if self.rtype == "aws_ecs_task_definition" and not tpath and name == "container_definitions":
            self._container_definitions(attribute, apath, out)
            return
        names, how, child = self._target(tpath, name, shape)
        if not names:
            return
        parent, parent_path = self._place(out, names, apath, attribute.name_span, attribute.span)
        target = parent_path + (names[-1],)
        evaluation = self.module.evaluator.evaluate(attribute.expr)
        if how == "enabled-disabled":
            # A boolean in Terraform, ENABLED/DISABLED in the API.
            value = self._value(evaluation, (), target, child, attribute.name_span, coerce=False)
            if isinstance(value, str) and value in ("true", "false"):
                value = value == "true"
            parent[names[-1]] = ("ENABLED" if value else "DISABLED") if isinstance(value, bool) else value
            return
        parent[names[-1]] = self._value(evaluation, (), target, child, attribute.name_span, coerce=True, how=how)

    def _block(self, block: Any, tpath: tuple[str, ...], apath: Path, shape: Shape, out: dict) -> None:
        kind = block.type
        body = block.body
        if kind in _META:
            return
        if kind == "dynamic":
            # dynamic "volume" { for_each = ...; content { ... } } makes as many blocks as
            # its collection has elements, perhaps none: what it contributes is unknown (its
            # content is still checked against the provider's schema, as written).
            labels = block.label_values
            if len(labels) != 1:
                return
            names, how, child = self._target(tpath, labels[0], shape)
            if names and how != "flatten":
                parent, parent_path = self._place(out, names, apath, block.type_span, (block.start, block.end))
                self._record(parent_path + (names[-1],), self.file, block.type_span, (block.start, block.end))
                parent[names[-1]] = Unknown(f"dynamic {labels[0]}")
            return
        names, how, child = self._target(tpath, kind, shape)
        if names and len(names) == 1 and isinstance(out.get(names[0]), Unknown):
            return  # a dynamic block of this type already makes them all unknown
        if how == "flatten":
            self._flatten(body, tpath + (kind,), apath, shape, out)
            return
        parent, parent_path = self._place(out, names, apath, block.type_span, (block.start, block.end))
        last = names[-1]
        is_list = how == "list" or "array" in child.types
        if is_list:
            items = parent.get(last)
            if not isinstance(items, list):
                items = parent[last] = []
                self._record(parent_path + (last,), self.file, block.type_span, (block.start, block.end))
            item_path = parent_path + (last, len(items))
            self._record(item_path, self.file, None, (block.start, block.end))
            value = self.body(body, tpath + (kind,), item_path, child.item())
            items.append(value)
        else:
            item_path = parent_path + (last,)
            self._record(item_path, self.file, block.type_span, (block.start, block.end))
            parent[last] = self.body(body, tpath + (kind,), item_path, child)

    def _flatten(self, body: Any, tpath: tuple[str, ...], apath: Path, shape: Shape, out: dict) -> None:
        """A block whose arguments are members of the enclosing object (a target group's
        ``health_check`` is ``HealthCheckPort``, ``HealthCheckPath`` ...)."""
        for item in body.items:
            if hasattr(item, "expr"):
                self._attribute(item, tpath, apath, shape, out)
            else:
                self._block(item, tpath, apath, shape, out)

    # -- values ----------------------------------------------------------------------------

    def _value(
        self,
        evaluation: Any,
        epath: Path,
        apath: Path,
        shape: Shape,
        key: tuple[int, int] | None,
        coerce: bool,
        how: str = "",
        case_only: bool = False,
    ) -> Any:
        """The evaluated value at ``epath`` as the API's value at ``apath``, every node
        located where the evaluation says it is written."""
        value = _value_at(evaluation.value, epath)
        span = evaluation.spans.get(epath)
        origin = evaluation.origin(epath) or self.file
        if span is not None:
            self._record(apath, origin, key if key is not None and not epath else span.key, (span.start, span.end))
        if isinstance(value, JsonText):
            value = str(value)
        value = self._unknown(value)
        if how in ("tags-lower", "tags-upper", "name-value") and isinstance(value, dict):
            names = {"tags-lower": ("key", "value"), "tags-upper": ("Key", "Value"), "name-value": ("name", "value")}[how]
            items = []
            for n, (k, v) in enumerate(value.items()):
                child = epath + (k,)
                span_k = evaluation.spans.get(child)
                where = evaluation.origin(child) or self.file
                if span_k is not None:
                    self._record(apath + (n,), where, span_k.key, (span_k.start, span_k.end))
                    if span_k.key is not None:
                        self._record(apath + (n, names[0]), where, span_k.key, span_k.key)
                    self._record(apath + (n, names[1]), where, span_k.key, (span_k.start, span_k.end))
                items.append({names[0]: k, names[1]: self._unknown(v)})
            return items
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                api, child = (k, _NO_SHAPE) if shape.is_map or shape.schema is None else shape.member(k, exact=case_only)
                out[api] = self._value(evaluation, epath + (k,), apath + (api,), child, None, coerce, case_only=case_only)
            return out
        if isinstance(value, list):
            item = shape.item()
            return [self._value(evaluation, epath + (n,), apath + (n,), item, None, coerce, case_only=case_only) for n in range(len(value))]
        return shape.coerce(value) if coerce else value

    def _unknown(self, value: Any) -> Any:
        """HCL's references as the workspace's links; other unknowns as they are."""
        if isinstance(value, HclReference):
            resource = value.resource
            if resource is not None and not resource[0].startswith(("data.", "ephemeral.")):
                return Reference(value.source, self.module, f"{resource[0]}.{resource[1]}", value.attribute)
            return Unknown(value.source)
        return value

    # -- JSON arguments -----------------------------------------------------------------------

    def _container_definitions(self, attribute: Any, apath: Path, out: dict) -> None:
        target = apath + ("containerDefinitions",)
        self._record(target, self.file, attribute.name_span, attribute.span)
        shape = Shape.of("container-definitions")
        value = self.json_argument(attribute, target, shape, case_only=True)
        if value is not None:
            out["containerDefinitions"] = value

    def json_argument(self, attribute: Any, apath: Path, shape: Shape, case_only: bool = False) -> Any:
        """A JSON document given as ``jsonencode(...)``, a string or heredoc, ``file()`` or
        ``templatefile()``: its API value, located where each member is written; an
        unknown when it cannot be known (a variable, a template with values to fill in
        that leave it invalid JSON)."""
        expr = attribute.expr
        if isinstance(expr, Call) and expr.name in _FILE_FUNCTIONS and expr.args:
            return self._loaded_json(expr, apath, shape, case_only)
        evaluation = self.module.evaluator.evaluate(expr)
        value = evaluation.value
        if isinstance(value, JsonText):
            inner = value.inner
            return self._value(inner, (), apath, shape, attribute.name_span, coerce=False, case_only=case_only)
        if isinstance(value, str) and not isinstance(value, Unknown):
            return self._embedded_json(value, evaluation, apath, shape, case_only)
        return self._unknown(value) if isinstance(value, Unknown) else Unknown(value)

    def _embedded_json(self, text: str, evaluation: Any, apath: Path, shape: Shape, case_only: bool) -> Any:
        """JSON written in a string or heredoc of the ``.tf`` file itself."""
        from ecslint.load.embedded import EmbeddedSourceMap
        from ecslint.load.jsonload import parse_json
        from ecslint.load.sourcemap import Span

        try:
            data, inner_map = parse_json(text)
        except LoadError:
            return Unknown(text[:40])  # JSON only once its values are filled in
        span = evaluation.spans.get(())
        origin = evaluation.origin(()) or self.file
        offsets = evaluation.offsets(())
        if span is None or origin.lines is None:
            return Unknown(text[:40])
        embedded = EmbeddedSourceMap(origin.lines, text, offsets, Span(None, span.start, span.end), has_duplicates=inner_map.has_duplicates)
        embedded.hcl = True
        return self._delegated(data, apath, origin, embedded, shape, case_only)

    def _loaded_json(self, call: Any, apath: Path, shape: Shape, case_only: bool) -> Any:
        """``file("x.json")`` or ``templatefile("x.json.tpl", {...})``: the JSON is in its
        own file; findings land there, at its own lines."""
        from ecslint.load.jsonload import JsonSourceMap, parse_json
        from ecslint.load.text import LineIndex

        where = self.module.evaluator.evaluate(call.args[0]).value
        if not isinstance(where, str) or isinstance(where, Unknown) or "${" in where:
            return Unknown(call.name)
        path = where if os.path.isabs(where) else os.path.join(self.module.directory, where)
        real = os.path.realpath(path)
        self.module.loaded_paths.add(real)
        memo = self.module.options.memo
        key = ("terraform-loaded", real)
        loaded = memo.get(key)
        if loaded is None:
            source = SourceFile(path, _display(path), context=True)
            try:
                text = _read_text(self.module.options, path)
            except (OSError, LoadError):
                return Unknown(call.name)  # not in the repository: nothing to judge
            source.text, source.lines = text, LineIndex(text)
            loaded = memo[key] = source
        source = loaded
        text = source.text or ""
        part_of = f"`{self.rtype}` in {self.file.display} ({call.name}())"
        if call.name == "templatefile":
            # Not JSON until rendered: its own reading's syntax error at a ${...} is not
            # one; where the rendering is known, its documents are judged here instead.
            value = self._template_json(call, source, apath, shape, case_only)
            self.module.options.loaded.setdefault(real, (part_of, True, not isinstance(value, Unknown)))
            return value
        if source.roots:
            data, smap = source.roots[0]  # parsed once, as --fix edits it
        else:
            try:
                data, smap = parse_json(text, source.lines)
            except LoadError:
                return Unknown(call.name)  # its own reading reports the syntax error
            source.roots.append((data, smap))
        if not isinstance(smap, JsonSourceMap):
            return Unknown(call.name)
        self.module.options.loaded.setdefault(real, (part_of, False, True))
        return self._delegated(data, apath, source, smap, shape, case_only)

    def _template_json(self, call: Any, source: SourceFile, apath: Path, shape: Shape, case_only: bool) -> Any:
        """A ``templatefile()`` template rendered with what its variables are known to be;
        the rest stays ``${...}`` (unknown values inside JSON strings)."""
        from ecslint.load.embedded import EmbeddedSourceMap
        from ecslint.load.jsonload import parse_json
        from ecslint.load.sourcemap import Span

        text = source.text or ""
        try:
            template = parse_template(text, source.lines)
        except LoadError:
            return Unknown(call.name)
        evaluator = Evaluator(_TemplateScope(self.module, call, self.file))
        evaluation = evaluator.evaluate(template)
        rendered = evaluation.value
        if not isinstance(rendered, str):
            return Unknown(call.name)
        try:
            data, inner_map = parse_json(str(rendered))
        except LoadError:
            return Unknown(call.name)  # JSON only once the template's values are filled in
        offsets = evaluation.offsets(())
        embedded = EmbeddedSourceMap(source.lines, str(rendered), offsets, Span(None, 0, len(text)), has_duplicates=inner_map.has_duplicates)
        return self._delegated(data, apath, source, embedded, shape, case_only)

    def _delegated(self, data: Any, apath: Path, source: SourceFile, sourcemap: Any, shape: Shape, case_only: bool) -> Any:
        """JSON parsed from a text (``sourcemap`` locates its paths in ``source``) as the
        API value at ``apath``: a member whose key the API spells in another case
        (``"Essential"``) is located under the key as written."""
        written: dict[Path, tuple[Path, Path]] = {}
        value = self._rekey(data, shape, case_only, (), (), written)
        self.delegates[apath] = Delegate(source, MappedLocator(sourcemap, written) if written else Locator(sourcemap))
        return value

    def _rekey(self, data: Any, shape: Shape, case_only: bool, apath: Path, tpath: Path, written: dict) -> Any:
        """JSON loaded as text, with its members under the API's names (the provider
        decodes them case-insensitively); only the case of a key may change, and
        ``written`` maps the API path of such a member to its path in the text."""
        if isinstance(data, dict):
            out = {}
            for k, v in data.items():
                api, child = (k, _NO_SHAPE) if shape.is_map or shape.schema is None else shape.member(k, exact=case_only)
                if api.lower() != k.lower():
                    api = k  # another member than the API's: kept as written
                if api != k:
                    written[apath + (api,)] = (tpath + (k,), tpath + (k,))
                out[api] = self._rekey(v, child, case_only, apath + (api,), tpath + (k,), written)
            return out
        if isinstance(data, list):
            item = shape.item()
            return [self._rekey(v, item, case_only, apath + (n,), tpath + (n,), written) for n, v in enumerate(data)]
        return data

    # -- ECR ---------------------------------------------------------------------------------

    def lifecycle_policy(self, block: Any, address: str) -> Document | None:
        """``aws_ecr_lifecycle_policy``: its ``policy`` is the lifecycle policy document;
        ``repository`` names the repository it applies to."""
        attribute = block.body.attributes.get("policy")
        if attribute is None:
            return None
        data = self.json_argument(attribute, (), Shape.of("lifecycle-policy"))
        if not isinstance(data, dict):
            return None  # unknown (a data source's JSON, a variable): nothing to judge
        repository_attr = block.body.attributes.get("repository")
        repository = self.module.evaluator.evaluate(repository_attr.expr).value if repository_attr is not None else None
        known = repository if isinstance(repository, str) and not isinstance(repository, Unknown) and "${" not in repository else None
        # The policy as a whole is the argument that holds it (a finding on its length).
        self._record((), self.file, attribute.name_span, attribute.span)
        doc = Document(
            "lifecycle-policy",
            "policy-text",
            data,
            self.file,
            SpanLocator(self.file, self.table, self.delegates),
            known or address,
            repository=known,
            text=_as_the_provider_sends(data),
            origin=Origin("terraform", self.module, address),
        )
        self.file.documents.append(doc)
        return doc

    def repository_policy(self, name: str, data: dict) -> None:
        """The ``aws_ecr_repository_policy`` whose ``repository`` is this repository: its
        ``policy`` becomes the repository's ``policyText``, located in its own block."""
        for block, file in self._naming_repository("aws_ecr_repository_policy", name, data):
            policy = block.body.attributes.get("policy")
            if policy is None:
                continue
            converter = _Converter(self.module, file, "aws_ecr_repository_policy")
            policy_value = converter.json_argument(policy, ("policyText",), _NO_SHAPE)
            self.table.update(converter.table)
            self.delegates.update(converter.delegates)
            data["policyText"] = policy_value
            return

    def lifecycle_policy_of(self, name: str, data: dict) -> None:
        """An ``aws_ecr_lifecycle_policy`` whose ``repository`` is this repository gives it a
        lifecycle policy, also when its ``policy`` cannot be read
        (``data.aws_ecr_lifecycle_policy_document.x.json``, a variable): kept as the
        repository's ``lifecyclePolicy``, as a template's ``LifecyclePolicy`` is."""
        for block, _ in self._naming_repository("aws_ecr_lifecycle_policy", name, data):
            if "policy" in block.body.attributes:
                address = f"{block.label_values[0]}.{block.label_values[1]}"
                data["lifecyclePolicy"] = Reference(address, self.module, address)
                return

    def _naming_repository(self, rtype: str, name: str, data: dict) -> Iterator[tuple[Any, SourceFile]]:
        """The module's ``rtype`` resources whose ``repository`` names the repository
        ``aws_ecr_repository.<name>``: a reference to it, or its name."""
        for address, (block, file) in self.module.resources.items():
            if not address.startswith(rtype + "."):
                continue
            repository = block.body.attributes.get("repository")
            if repository is None:
                continue
            value = self.module.evaluator.evaluate(repository.expr).value
            if (
                isinstance(value, Reference) and value.target == f"aws_ecr_repository.{name}"
                or hasattr(value, "resource") and getattr(value, "resource", None) == ("aws_ecr_repository", name)
                or isinstance(value, str) and not isinstance(value, Unknown) and value == data.get("repositoryName")
            ):
                yield block, file


class _TemplateScope(_ModuleScope):
    """Names inside a ``templatefile()`` template: its variables map, whose values are
    evaluated in the module (``{ image = var.image, port = 8080 }``)."""

    def __init__(self, module: Module, call: Any, file: SourceFile):
        super().__init__(module)
        self.file = file
        self.items: dict[str, Any] = {}
        if len(call.args) > 1 and isinstance(call.args[1], Object):
            self.items = {item.name: item.value for item in call.args[1].items if item.name is not None}

    def name(self, name: str) -> Any:
        expr = self.items.get(name)
        return Binding(expr, self.file) if expr is not None else None


_CONSTRAINT = re.compile(r"(~>|>=|<=|!=|>|<|=)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def _majors(constraint: str) -> tuple[int, int | None] | None:
    """Terraform's version constraint (``~> 4.0``, ``>= 4.16, < 6``) as the range of major
    versions it admits: (lowest, first excluded or None)."""
    low, high = 0, None
    for part in constraint.split(","):
        m = _CONSTRAINT.fullmatch(part.strip())
        if m is None:
            return None
        operator, major, minor, patch = m.group(1) or "=", int(m.group(2)), m.group(3), m.group(4)
        if operator in ("=", "~>", ">=", ">"):
            low = max(low, major)
        if operator == "=" or operator == "~>" and minor is not None:
            high = major + 1 if high is None else min(high, major + 1)
        elif operator in ("<", "<="):
            bound = major if operator == "<" and minor in (None, "0") and patch in (None, "0") else major + 1
            high = bound if high is None else min(high, bound)
    return low, high


def _as_sent(rtype: str, tpath: tuple[str, ...], out: dict) -> None:
    """Leave out what the provider does not send although it is written:
    ``autoprovision = false`` in a Docker volume of scope ``task`` (the provider sends
    ``autoprovision`` there only when true, since ECS rejects false: hashicorp/
    terraform-provider-aws#5907, ``expandDockerVolumeConfiguration``)."""
    if rtype == "aws_ecs_task_definition" and tpath == ("volume", "docker_volume_configuration"):
        if out.get("scope") == "task" and out.get("autoprovision") is False:
            del out["autoprovision"]


def _value_at(value: Any, path: Path) -> Any:
    for part in path:
        value = value[part]
    return value


def _as_the_provider_sends(policy: Any) -> str:
    """A policy's text as the AWS provider sends it, however it is written (heredoc, file,
    ``jsonencode``): decoded and encoded again (``structure.NormalizeJsonString``, Go's
    ``json.Marshal``): compact, object keys sorted, ``<``, ``>``, ``&``, U+2028 and U+2029
    escaped. Unknown values read as ``${...}`` placeholders."""
    from ecslint.sources.references import placeholder

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
            return int(value)
        return placeholder(value) if isinstance(value, Unknown) else value

    text = json.dumps(plain(policy), ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _parsed(options: SourceOptions, text: str, lines: Any) -> Any:
    """``text`` parsed as HCL, once per run for each text: a module is read again after
    ``--fix`` changes one of its files, and its other files have not changed."""
    bodies = options.memo.setdefault("hcl-bodies", {})
    body = bodies.get(text)
    if body is None:
        body = bodies[text] = parse_hcl(text, lines)
    return body


def _read_text(options: SourceOptions, path: str) -> str:
    """A file's text: as ``--fix`` has changed it in memory, else as on disk."""
    text = options.texts.get(os.path.realpath(path))
    if text is not None:
        return text
    from ecslint.load.files import read_regular
    from ecslint.load.reader import MAX_BYTES
    from ecslint.load.text import decode

    return decode(read_regular(path, MAX_BYTES))


def forget(options: SourceOptions, real: str) -> set[str]:
    """Forget the modules the file at ``real`` is part of (one of their ``.tf`` files, or
    a file they load), so that the next reading of their files reads them anew (``--fix``
    changed it); the directories of those modules."""
    directories: set[str] = set()
    for key, module in list(options.memo.items()):
        if key[:1] != ("terraform-module",):
            continue
        if real in module.files or real in module.loaded_paths or os.path.dirname(real) == key[1] and real.lower().endswith(".tf"):
            directories.add(key[1])
            del options.memo[key]
            for loaded in module.loaded_paths:
                options.memo.pop(("terraform-loaded", loaded), None)
    return directories


def _display(path: str) -> str:
    from ecslint.load.discover import display

    return display(path)


def _duplicates(file: SourceFile, body: Any) -> None:
    """An argument set twice in one block: Terraform rejects it ("Duplicate argument");
    reported as ECS006 through the file's duplicate keys."""
    from ecslint.load.sourcemap import DuplicateKey, SourceMap

    found: list[DuplicateKey] = []
    todo: list[tuple[tuple, Any, str]] = [((), body, "")]
    outcome = 'Terraform rejects the configuration ("Attribute redefined"); keep one'
    while todo:
        path, node, where = todo.pop()
        for later, first in node.duplicates:
            found.append(DuplicateKey(path + (later.name,), later.name_span, first.name_span, where or None, outcome))
        for n, block in enumerate(node.blocks):
            named = " ".join([block.type] + [f'"{label.value}"' for label in block.labels])
            inner = f"the `{block.type}` block of {where}" if where else f"`{named}`"
            todo.append((path + (block.type, n), block.body, inner))
    if found and file.lines is not None:
        smap = SourceMap(file.lines)
        smap._spans = {}
        smap._duplicates = found
        file.roots.append((None, smap))


def _block_suppressions(file: SourceFile, body: Any) -> None:
    """``# ecslint: ignore=ECS402 reason`` on the line above a resource block (or its
    first line) suppresses those rules in the whole block; ``# ecslint: ignore`` alone,
    every rule."""
    if file.lines is None or "ecslint:" not in (file.text or ""):
        return
    for block in body.blocks:
        first, _ = file.lines.position(block.start)
        last, _ = file.lines.position(max(block.start, block.end - 1))
        for line in (first - 1, first):
            text = file.lines.line_text(line)
            if line == first - 1 and not text.lstrip().startswith(("#", "//")):
                continue
            m = _SUPPRESS.search(text)
            if m is None:
                continue
            names = frozenset(s for s in re.split(r"[,\s]+", m.group(1) or "") if re.fullmatch(r"[A-Z]{2,8}\d{3}|[a-z0-9]+(?:-[a-z0-9]+)*", s))
            file.suppressions.append((first, last, names or None))
            break


def documents_of(files: list[SourceFile]) -> Iterator[Document]:
    for file in files:
        yield from file.documents
