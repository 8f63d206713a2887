"""ECS117: a task volume configured in a way ECS rejects or cannot mount."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.taskdef import TaskDefinition, Volume
from ecslint.model.values import UNKNOWN, boolean, string

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

#: The members that say what kind of volume it is (API Volume); ``configuredAtLaunch``
#: is handled on its own.
CONFIGURATIONS = (
    "host",
    "dockerVolumeConfiguration",
    "efsVolumeConfiguration",
    "s3filesVolumeConfiguration",
    "fsxWindowsFileServerVolumeConfiguration",
)
_AUTOPROVISION_ERROR = "When 'scope' parameter is 'task', 'autoprovision' must either not be specified or set to 'True'."


@rule(
    id="ECS117",
    name="invalid-volume-configuration",
    severity="error",
    kinds=("task-definition",),
    tags=("storage", "correctness"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Volume.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DockerVolumeConfiguration.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html",
        "https://github.com/hashicorp/terraform-provider-aws/pull/5907",
    ),
)
def invalid_volume_configuration(td: TaskDefinition, ctx: Context) -> Iterator[Violation]:
    """A volume with several configuration types, several `configuredAtLaunch` volumes, a volume type the platform lacks, or contradictory options.

    What it does:
        Reports, each at the member concerned:

        - a volume with more than one of ``host``, ``dockerVolumeConfiguration``,
          ``efsVolumeConfiguration``, ``s3filesVolumeConfiguration`` and
          ``fsxWindowsFileServerVolumeConfiguration`` (a ``host`` without a ``sourcePath``,
          such as ``host: {}``, adds nothing and is not counted, nor is a ``null`` member);
        - a second (third, ...) volume with ``configuredAtLaunch: true``;
        - on Fargate, a ``dockerVolumeConfiguration`` or a ``host.sourcePath``;
        - an EFS volume in a Windows task (``runtimePlatform``) or an ``EXTERNAL`` one;
        - an FSx for Windows File Server volume in a task known to be Linux (explicit
          ``runtimePlatform``, or Fargate without one); a Windows EC2 task often omits
          ``runtimePlatform``, so an unknown OS is not judged;
        - ``autoprovision: true`` on a Docker volume whose scope is not ``shared``, and
          ``autoprovision: false`` with an explicit ``scope: task``;
        - an EFS access point (or S3 Files access point) with a ``rootDirectory`` other
          than ``/``; an access point created in the same template or module
          (``!Ref DataAccessPoint``, ``aws_efs_access_point.data.id``) is one, though its
          id is known only once deployed.

        Templated members are not judged. The API's error text and the developer guide
        disagree on which ``autoprovision`` value a task-scoped volume may carry; the rule
        reports ``false`` only with an explicit ``scope: task`` (the case public reports
        show rejected) and ``true`` whenever the scope is not ``shared`` (the guide forbids
        it; at best it does nothing).

    Why it matters:
        ECS rejects these at registration or cannot mount the volume when the task
        starts: a volume is one kind of storage; a revision may defer only one volume to
        launch time; Fargate has no Docker volume plugins or instance paths; EFS is not
        available to Windows containers or ECS Anywhere and FSx for Windows only to
        Windows containers on EC2. ``autoprovision`` only applies to shared Docker
        volumes (the API says of ``false`` with task scope: "When 'scope' parameter is
        'task', 'autoprovision' must either not be specified or set to 'True'.", while
        the documentation says ``true`` must not be used there: either way it has no
        place on a task-scoped volume). An access point fixes the root directory itself.

    Example:
        Bad:

        ```json
        {"family": "data", "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 128,
          "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch"}]}],
         "volumes": [{"name": "scratch", "dockerVolumeConfiguration": {"scope": "task", "driver": "local", "autoprovision": true}}]}
        ```

        Good:

        ```json
        {"family": "data", "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/docker/library/busybox:1.36", "memory": 128,
          "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch"}]}],
         "volumes": [{"name": "scratch", "dockerVolumeConfiguration": {"scope": "shared", "driver": "local", "autoprovision": true}}]}
        ```

    How to fix:
        Keep one configuration per volume (declare a second volume for the other kind);
        mark only one volume ``configuredAtLaunch``; on Fargate use EFS or a ``host``
        volume without ``sourcePath``; use FSx for Windows File Server for Windows tasks
        and EFS for Linux ones; drop ``autoprovision`` from task-scoped Docker volumes
        (they are created for each task anyway) or make the volume ``shared``; omit
        ``rootDirectory`` (or set ``/``) when mounting through an access point.
    """
    volumes = td.volumes
    launch = td.requires_compatibilities
    fargate = td.is_fargate is True
    external = launch is not UNKNOWN and launch is not None and "EXTERNAL" in launch
    family = td.os_family
    windows = td.is_windows is True
    linux = (isinstance(family, str) and family != "" and not windows) or (fargate and family is None)
    at_launch = []
    for volume in volumes:
        label = volume.label
        data = volume.data
        present = [k for k in CONFIGURATIONS if isinstance(data.get(k), dict) and (k != "host" or _has_source(volume))]
        if len(present) > 1:
            kinds = ", ".join(f"`{k}`" for k in present[:-1]) + f" and `{present[-1]}`"
            yield Violation(
                volume.path + (present[1],),
                f"{label} has {kinds}; a volume takes one configuration type: keep one and declare "
                "another volume for each of the others",
                "key",
            )
        if boolean(data.get("configuredAtLaunch")) is True:
            at_launch.append(volume)
            if len(at_launch) > 1:
                yield Violation(
                    volume.path + ("configuredAtLaunch",),
                    f"{label} is `configuredAtLaunch` like {at_launch[0].label}; a task definition revision may "
                    "have only one volume configured at launch: keep one",
                )
        yield from _platform(volume, label, fargate, external, windows, linux)
        yield from _docker(volume, label)
        yield from _access_point_root(volume, label)


def _has_source(volume: Volume) -> bool:
    """A ``host`` member that configures something: a ``sourcePath`` (``host: {}`` and
    console exports' ``{"sourcePath": null}`` are the same as no ``host``)."""
    source = volume.host_source_path
    return source is UNKNOWN or (isinstance(source, str) and source != "")


def _platform(volume: Volume, label: str, fargate: bool, external: bool, windows: bool, linux: bool) -> Iterator[Violation]:
    data = volume.data
    if fargate:
        if isinstance(data.get("dockerVolumeConfiguration"), dict):
            yield Violation(
                volume.path + ("dockerVolumeConfiguration",),
                f"{label} is a Docker volume, which Fargate does not support: use an EFS volume, or a `host` "
                "volume without `sourcePath` for scratch space",
                "key",
            )
        source = volume.host_source_path
        if isinstance(source, str) and source:
            yield Violation(
                volume.path + ("host", "sourcePath"),
                f"{label} bind-mounts the instance path `{source}`, which Fargate does not support: remove "
                "`sourcePath` (a task-scoped volume on ephemeral storage) or use EFS",
                "key",
            )
    if isinstance(data.get("efsVolumeConfiguration"), dict) and (windows or external):
        where = "Windows containers" if windows else "ECS Anywhere (EXTERNAL)"
        yield Violation(
            volume.path + ("efsVolumeConfiguration",),
            f"{label} is an EFS volume, which {where} cannot mount: "
            + ("use FSx for Windows File Server" if windows else "use a host or Docker volume on the external instance"),
            "key",
        )
    if isinstance(data.get("fsxWindowsFileServerVolumeConfiguration"), dict) and linux:
        yield Violation(
            volume.path + ("fsxWindowsFileServerVolumeConfiguration",),
            f"{label} is an FSx for Windows File Server volume in a Linux task; only Windows containers on EC2 "
            "mount it: use EFS for Linux tasks",
            "key",
        )


def _docker(volume: Volume, label: str) -> Iterator[Violation]:
    config = volume.data.get("dockerVolumeConfiguration")
    if not isinstance(config, dict):
        return
    auto = boolean(config.get("autoprovision"))
    scope = volume.docker_scope
    if scope is UNKNOWN or auto is None or auto is UNKNOWN:
        return
    path = volume.path + ("dockerVolumeConfiguration", "autoprovision")
    if auto is True and scope != "shared":
        shown = f"`scope: {scope}`" if "scope" in config else "the default `task` scope"
        yield Violation(
            path,
            f"{label} sets `autoprovision: true` with {shown}; autoprovision only applies to `shared` volumes "
            "(task-scoped ones are created for each task): remove it, or set `scope: shared`",
        )
    elif auto is False and string(config.get("scope")) == "task":
        yield Violation(
            path,
            f'{label} sets `autoprovision: false` with `scope: task`; ECS rejects this ("{_AUTOPROVISION_ERROR}"): '
            "remove `autoprovision`",
        )


def _access_point_root(volume: Volume, label: str) -> Iterator[Violation]:
    for member in ("efsVolumeConfiguration", "s3filesVolumeConfiguration"):
        config = volume.data.get(member)
        if not isinstance(config, dict):
            continue
        point = volume.access_point(member)
        root = string(config.get("rootDirectory"))
        if isinstance(point, str) and isinstance(root, str) and root not in ("", "/"):
            yield Violation(
                volume.path + (member, "rootDirectory"),
                f"{label} mounts through an access point but sets `rootDirectory` `{root}`; with an access point "
                "the root directory must be omitted or `/` (the access point sets it): remove `rootDirectory`",
            )

