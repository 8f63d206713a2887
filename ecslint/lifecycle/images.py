"""The images of a repository, from ``aws ecr describe-images`` output.

Accepted shapes: ``{"imageDetails": [...]}`` (the CLI's output, also with ``nextToken`` when
only one page was fetched) or a bare array of image details. Per image (API ``ImageDetail``):

- ``imageDigest`` (required): the image's identity; lifecycle acts on digests, not tags;
- ``imageTags``: absent or empty for an untagged image;
- ``imagePushedAt`` (required), ``lastRecordedPullTime``, ``lastArchivedAt``,
  ``lastActivatedAt``: ISO-8601 text (CLI v2, ``2024-05-01T12:00:00.123000+02:00``; ``Z``
  and a space separator too; no offset means UTC), a number of seconds since the epoch
  (CLI v1), or milliseconds (JavaScript, any number of 10^11 or more: seconds would be past
  the year 5000);
- ``imageStatus`` ``ACTIVE`` | ``ARCHIVED`` | ``ACTIVATING`` (archived images are the
  ``archive`` storage class; an image being restored counts as ``standard``), or a
  ``storageClass`` of ``standard``/``archive`` (any case);
- ``subjectManifestDigest``: the image is a referrer (signature, SBOM) of that subject;
- ``parents`` (ecslint's own field: describe-images does not say it): digests of the
  manifest lists (multi-arch indexes) that reference the image.

Times are integers: microseconds since the epoch, UTC, so that "more than N days" is an
exact comparison. Malformed input raises :class:`ImagesError` naming the image's index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from ecslint.lifecycle import short_digest

MICROS = 1_000_000
DAY = 86_400 * MICROS

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?"
)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MILLIS_FROM = 10**11  # as seconds: the year 5138
_MIN, _MAX = 0, 253_402_300_799 * MICROS  # 1970-01-01 .. 9999-12-31T23:59:59Z
_STATUS = {"ACTIVE": "standard", "ACTIVATING": "standard", "ARCHIVED": "archive"}


class ImagesError(ValueError):
    """The images file cannot be read as describe-images output; the message says where."""


@dataclass(frozen=True)
class Image:
    """One image (one digest) of the repository."""

    index: int
    digest: str
    tags: tuple[str, ...]
    pushed_at: int
    storage_class: str = "standard"
    last_pull: int | None = None
    last_archived: int | None = None
    last_activated: int | None = None
    parents: tuple[str, ...] = ()
    subject: str | None = None

    @property
    def tag_set(self) -> frozenset[str]:
        return frozenset(self.tags)

    @property
    def restored(self) -> bool:
        """Archived once and restored since: ``lastActivatedAt`` replaces the push time (§2.2.5)."""
        return self.storage_class == "standard" and self.last_activated is not None

    @property
    def effective_push(self) -> int:
        """The time lifecycle ranks and ages the image by (§2.5 ``eff_push``)."""
        return self.last_activated if self.restored and self.last_activated is not None else self.pushed_at

    @property
    def pull_reference(self) -> int:
        """The time ``sinceImagePulled`` ages the image by (§2.5): the last recorded pull; the
        push time if never pulled; the restore time if restored and not pulled since."""
        ref = self.pushed_at if self.last_pull is None else self.last_pull
        if self.restored and self.last_activated is not None and (self.last_pull is None or self.last_pull < self.last_activated):
            ref = self.last_activated
        return ref


@dataclass
class ImageList:
    images: list[Image]
    #: Things the reader noticed that make the preview incomplete (shown, not fatal).
    warnings: list[str] = field(default_factory=list)


# -- times ----------------------------------------------------------------------------------


def parse_time(value: Any) -> int:
    """A timestamp as microseconds since the epoch (UTC); ValueError says why not."""
    micros = _parse_time(value)
    if not _MIN <= micros <= _MAX:
        raise ValueError("out of range (years 1970 to 9999)")
    return micros


def _parse_time(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("a boolean, not a timestamp")
    if isinstance(value, datetime):  # a caller's own YAML loader (PyYAML) makes timestamps datetimes
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        delta = moment - _EPOCH
        return (delta.days * 86_400 + delta.seconds) * MICROS + delta.microseconds
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise ValueError("not a finite number")
        if abs(number) >= _MILLIS_FROM:
            number /= 1000
        return int((number * MICROS).to_integral_value())
    if isinstance(value, str):
        return _parse_iso(value.strip())
    raise ValueError(f"{_type(value)}, not a timestamp")


def _parse_iso(text: str) -> int:
    m = _ISO.fullmatch(text)
    if m is None:
        if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", text):
            return _parse_time(Decimal(text))
        raise ValueError("not an ISO-8601 timestamp (like 2024-05-01T12:00:00Z) or a number of seconds")
    year, month, day, hour, minute, second, fraction, zulu, sign, oh, om = m.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=timezone.utc)
    except ValueError as exc:
        raise ValueError(f"not a valid date or time ({exc})") from None
    micros = int((fraction or "0")[:6].ljust(6, "0"))
    offset = 0
    if sign:
        hours, minutes = int(oh), int(om or 0)
        if hours > 23 or minutes > 59:
            raise ValueError("the UTC offset is out of range")
        offset = (hours * 3600 + minutes * 60) * (1 if sign == "+" else -1)
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds - offset) * MICROS + micros


def format_time(micros: int) -> str:
    """ISO-8601 in UTC, ``Z``-suffixed; fractions only when there are some."""
    seconds, rest = divmod(micros, MICROS)
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if rest:
        text += f".{rest:06d}".rstrip("0")
    return text + "Z"


def format_age(micros: int) -> str:
    """A duration in days, one decimal (``10.0d``); whole days print without the decimal."""
    days = micros / DAY
    return f"{days:.0f}d" if micros % DAY == 0 else f"{days:.1f}d"


# -- images ---------------------------------------------------------------------------------


def read_images(data: Any) -> ImageList:
    """Validate describe-images output (see the module docstring) into images."""
    warnings: list[str] = []
    if isinstance(data, dict):
        if "imageDetails" not in data:
            keys = ", ".join(sorted(map(str, data))[:5]) or "none"
            raise ImagesError(
                f"not describe-images output: no `imageDetails` (keys: {keys}); "
                "run `aws ecr describe-images --repository-name NAME --filter imageStatus=ANY`"
            )
        details = data["imageDetails"]
        if data.get("nextToken"):
            warnings.append(
                "the images hold `nextToken`: this is one page of describe-images output, so the preview "
                "misses images (the AWS CLI fetches every page unless --max-items or --no-paginate is given)"
            )
        where = "imageDetails"
    elif isinstance(data, list):
        details, where = data, "the array"
    else:
        raise ImagesError(f"not describe-images output: {_type(data)} instead of an object with `imageDetails`")
    if not isinstance(details, list):
        raise ImagesError(f"`imageDetails` is {_type(details)}, not an array")
    images: list[Image] = []
    seen: dict[str, int] = {}
    for index, detail in enumerate(details):
        image = _image(index, detail, where)
        if image.digest in seen:
            raise ImagesError(
                f"{where}[{index}]: imageDigest {image.digest} appears twice (also {where}[{seen[image.digest]}]); "
                "describe-images lists each digest once"
            )
        seen[image.digest] = index
        images.append(image)
    return ImageList(images, warnings)


def _image(index: int, detail: Any, where: str) -> Image:
    label = f"{where}[{index}]"
    if not isinstance(detail, dict):
        raise ImagesError(f"{label}: {_type(detail)}, not an image object")
    digest = detail.get("imageDigest")
    if not isinstance(digest, str) or not digest:
        raise ImagesError(f"{label}: `imageDigest` is missing or not a string")
    label = f"{label} ({short_digest(digest)})"
    tags = detail.get("imageTags")
    if tags is None:
        tags = []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ImagesError(f"{label}: `imageTags` must be an array of strings")
    if "imagePushedAt" not in detail:
        raise ImagesError(f"{label}: `imagePushedAt` is missing (lifecycle orders and ages images by it)")

    def when(key: str, required: bool = False) -> int | None:
        value = detail.get(key)
        if value is None and not required:
            return None
        try:
            return parse_time(value)
        except ValueError as exc:
            raise ImagesError(f"{label}: `{key}`: {exc}") from None

    storage = _storage_class(detail, label)
    parents = detail.get("parents", [])
    if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
        raise ImagesError(f"{label}: `parents` must be an array of manifest-list digests")
    subject = detail.get("subjectManifestDigest")
    if subject is not None and not isinstance(subject, str):
        raise ImagesError(f"{label}: `subjectManifestDigest` must be a digest string")
    return Image(
        index=index,
        digest=digest,
        tags=tuple(dict.fromkeys(tags)),
        pushed_at=when("imagePushedAt", required=True),  # type: ignore[arg-type]
        storage_class=storage,
        last_pull=when("lastRecordedPullTime"),
        last_archived=when("lastArchivedAt"),
        last_activated=when("lastActivatedAt"),
        parents=tuple(dict.fromkeys(p for p in parents if p != digest)),
        subject=subject or None,
    )


def _storage_class(detail: dict, label: str) -> str:
    value = detail.get("storageClass")
    if value is not None:
        if isinstance(value, str) and value.lower() in ("standard", "archive"):
            return value.lower()
        raise ImagesError(f"{label}: `storageClass` must be STANDARD or ARCHIVE")
    status = detail.get("imageStatus")
    if status is None:
        return "standard"
    if isinstance(status, str) and status.upper() in _STATUS:
        return _STATUS[status.upper()]
    raise ImagesError(f"{label}: `imageStatus` must be ACTIVE, ARCHIVED or ACTIVATING")


def _type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
