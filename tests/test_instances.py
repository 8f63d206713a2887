"""Tests for ecslint.model.instances; expected numbers come from
shared/reference/ec2-capacity.md (§1 formulas, §3 m4.large example, §4 table)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ecslint.model.instances import (
    Fit,
    InstanceType,
    catalog,
    ecs_cpu_architecture,
    fit,
    lookup,
    memory_ceiling,
    memory_safe_floor,
    memory_typical,
    smallest_fitting,
    supports_architecture,
)


def _t(name: str) -> InstanceType:
    t = lookup(name)
    assert t is not None, name
    return t


# --------------------------------------------------------------------------- catalogue


def test_catalog_has_every_csv_row() -> None:
    types = catalog()
    assert len(types) == 1402
    assert all(isinstance(t, InstanceType) for t in types.values())
    assert catalog() is types  # cached


def test_import_does_no_work() -> None:
    code = (
        "import ecslint.model.instances as m; "
        "assert m.catalog.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


def test_row_fields() -> None:
    t = _t("m5.large")
    assert (t.vcpus, t.memory_mib, t.architectures) == (2, 8192, frozenset({"x86_64"}))
    assert (t.family, t.size, t.cpu_units) == ("m5", "large", 2048)
    assert _t("t2.micro").architectures == frozenset({"i386", "x86_64"})
    assert _t("mac-m4.metal").family == "mac-m4"
    assert _t("mac2.metal").is_mac and not t.is_mac


def test_current_generation_flag() -> None:
    assert _t("t3.micro").current_generation is True
    assert _t("m4.large").current_generation is False


def test_lookup_normalises_and_misses() -> None:
    assert lookup("  M5.Large\n") is _t("m5.large")
    assert lookup("m5.huge") is None
    assert lookup("") is None


@pytest.mark.parametrize(
    ("name", "units"),
    [("t2.micro", 1024), ("m5.24xlarge", 98304), ("c5.18xlarge", 73728), ("r4.16xlarge", 65536)],
)
def test_cpu_units(name: str, units: int) -> None:
    assert _t(name).cpu_units == units


# --------------------------------------------------------------------------- estimators


# ref §4 table: type, upper (= ceiling), typical, with R = 0.
REFERENCE_TABLE = [
    ("t2.micro", 1008, 833), ("t2.medium", 4034, 3813), ("t3.micro", 1008, 833),
    ("t3.small", 2017, 1826), ("t3.medium", 4034, 3813), ("t3.large", 8069, 7786),
    ("t4g.medium", 4034, 3813), ("m4.large", 8069, 7786), ("m5.large", 8069, 7786),
    ("m5.xlarge", 16138, 15732), ("m5.24xlarge", 387317, 381259), ("m6i.large", 8069, 7786),
    ("m6g.large", 8069, 7786), ("m7g.large", 8069, 7786), ("c4.2xlarge", 15129, 14739),
    ("c5.large", 4034, 3813), ("c5.xlarge", 8069, 7786), ("c5.18xlarge", 145244, 142872),
    ("c6g.large", 4034, 3813), ("r4.large", 15381, 14987), ("r4.16xlarge", 492216, 484560),
    ("r5.large", 16138, 15732), ("r6g.2xlarge", 64552, 63409), ("g4dn.xlarge", 16138, 15732),
    ("inf1.xlarge", 8069, 7786),
]


@pytest.mark.parametrize(("name", "upper", "typical"), REFERENCE_TABLE)
def test_reference_table(name: str, upper: int, typical: int) -> None:
    t = _t(name)
    assert memory_ceiling(t, "linux", 0) == upper
    assert memory_typical(t, "linux", 0) == typical


def test_m4_large_worked_numbers() -> None:
    t = _t("m4.large")
    assert memory_ceiling(t, "linux", 0) == 8069
    assert memory_safe_floor(t, "linux", 0) == 7632
    assert memory_typical(t, "linux", 0) == 7786
    # ref §3: AWS's documented 7985 MiB lies inside [safe floor, ceiling].
    assert memory_safe_floor(t) <= 7985 <= memory_ceiling(t)


def test_t3_micro() -> None:
    t = _t("t3.micro")
    assert memory_ceiling(t, "linux", 0) == 1008
    assert memory_safe_floor(t, "linux", 0) == 822
    assert memory_typical(t, "linux", 0) == 833


def test_windows_is_nominal_minus_reserved() -> None:
    t = _t("m4.large")
    for estimator in (memory_ceiling, memory_safe_floor, memory_typical):
        assert estimator(t, "windows", 0) == 8192
        assert estimator(t, "windows", 256) == 8192 - 256


def test_reserved_memory_subtracts() -> None:
    t = _t("m4.large")
    assert memory_ceiling(t, "linux", 256) == 8069 - 256
    assert memory_safe_floor(t, "linux", 32) == 7632 - 32
    assert memory_typical(t, "linux", 100) == 7786 - 100


def test_estimates_clamp_at_zero() -> None:
    t = _t("t2.nano")
    assert memory_safe_floor(t, "linux", 0) == 336
    assert memory_safe_floor(t, "linux", 1000) == 0
    assert memory_ceiling(t, "windows", 65535) == 0


def test_estimators_are_ordered_for_every_type() -> None:
    for t in catalog().values():
        floor, typical, ceiling = (memory_safe_floor(t), memory_typical(t), memory_ceiling(t))
        assert 0 <= floor <= typical <= ceiling < t.memory_mib or t.memory_mib == 0


def test_bad_inputs_rejected() -> None:
    t = _t("m5.large")
    with pytest.raises(ValueError):
        memory_ceiling(t, "macos", 0)
    with pytest.raises(ValueError):
        memory_ceiling(t, "linux", -1)


# --------------------------------------------------------------------------- fit


@pytest.mark.parametrize(
    ("cpu", "mem", "expected"),
    [
        (0, 0, Fit.FITS),
        (2048, 7632, Fit.FITS),  # exactly the safe floor
        (2048, 7633, Fit.MAY_NOT_FIT),
        (2048, 8069, Fit.MAY_NOT_FIT),  # exactly the ceiling
        (2048, 8070, Fit.CANNOT_FIT),
        (2048, 8192, Fit.CANNOT_FIT),  # nominal memory never fits (ref §3)
        (2049, 100, Fit.CANNOT_FIT),
        (4096, 0, Fit.CANNOT_FIT),
    ],
)
def test_fit_zones_m5_large(cpu: int, mem: int, expected: Fit) -> None:
    assert fit(cpu, mem, _t("m5.large"), "linux", 0) is expected


def test_fit_reserved_and_windows() -> None:
    t = _t("m5.large")
    assert fit(0, 7632, t, "linux", 1) is Fit.MAY_NOT_FIT
    assert fit(0, 8069, t, "linux", 1) is Fit.CANNOT_FIT
    assert fit(0, 8192, t, "windows", 0) is Fit.FITS
    assert fit(0, 8192, t, "windows", 1) is Fit.CANNOT_FIT


# --------------------------------------------------------------------------- smallest_fitting


def test_smallest_fitting_within_family() -> None:
    assert smallest_fitting(2048, 7000, "linux", 0, families={"m5"}) is _t("m5.large")
    assert smallest_fitting(2048, 8192, "linux", 0, families={"m5"}) is _t("m5.xlarge")
    assert smallest_fitting(4096, 100, "linux", 0, families={"m5"}) is _t("m5.xlarge")
    # Warning zone does not count: 7700 MiB is between m5.large's floor and ceiling.
    assert smallest_fitting(0, 7700, "linux", 0, families={"m5"}) is _t("m5.xlarge")


def test_smallest_fitting_defaults_to_current_generation() -> None:
    t = smallest_fitting(0, 0)
    assert t is not None and t.current_generation
    assert t.memory_mib == min(x.memory_mib for x in catalog().values() if x.current_generation)
    # m5 is flagged previous-generation in the catalogue; unless asked for explicitly it is
    # never suggested.
    assert smallest_fitting(2048, 7000, families={"m5"}, current_only=True) is None


def test_smallest_fitting_is_smallest() -> None:
    best = smallest_fitting(2048, 7000, "linux", 0)
    assert best is not None and fit(2048, 7000, best) is Fit.FITS
    for t in catalog().values():
        if t.current_generation and not t.is_mac and fit(2048, 7000, t) is Fit.FITS:
            assert (t.memory_mib, t.vcpus, t.name) >= (best.memory_mib, best.vcpus, best.name)


def test_smallest_fitting_architecture_filter() -> None:
    arm = smallest_fitting(1024, 3000, "linux", 0, architectures={"ARM64"})
    x86 = smallest_fitting(1024, 3000, "linux", 0, architectures={"X86_64"})
    assert arm is not None and "arm64" in arm.architectures
    assert x86 is not None and "x86_64" in x86.architectures
    both = smallest_fitting(1024, 3000, "linux", 0, architectures={"ARM64", "X86_64"})
    assert both in (arm, x86)


def test_smallest_fitting_excludes_mac_unless_asked() -> None:
    mac = smallest_fitting(0, 0, architectures={"arm64"}, families={"mac2"}, include_mac=True)
    assert mac is _t("mac2.metal")
    assert smallest_fitting(0, 0, families={"mac2"}) is None


def test_smallest_fitting_none_when_too_big() -> None:
    assert smallest_fitting(0, 10**9, "linux", 0) is None
    assert smallest_fitting(10**7, 0, "linux", 0) is None


# --------------------------------------------------------------------------- architecture


def test_supports_architecture() -> None:
    assert supports_architecture(_t("m5.large"), "X86_64")
    assert not supports_architecture(_t("m5.large"), "ARM64")
    assert supports_architecture(_t("m6g.large"), "ARM64")
    assert supports_architecture(_t("t2.micro"), "X86_64")  # i386;x86_64
    assert supports_architecture(_t("mac2.metal"), "ARM64")  # arm64_mac
    assert supports_architecture(_t("mac1.metal"), "X86_64")  # x86_64_mac
    assert supports_architecture(_t("m6g.large"), "arm64")  # catalogue spelling


def test_ecs_cpu_architecture() -> None:
    assert ecs_cpu_architecture(_t("t2.micro")) == "x86_64"
    assert ecs_cpu_architecture(_t("m6g.large")) == "arm64"
    assert ecs_cpu_architecture(_t("mac2.metal")) == "arm64"


def test_task_definitions_share_the_catalogue_they_may_run_on(tmp_path) -> None:
    """Each EC2 task definition's candidates are the one shared tuple of the catalogue (or
    of its architecture's types), not a copy of ~1,000 types per document."""
    import json

    from ecslint.core.context import Context
    from ecslint.load.reader import read
    from ecslint.model import instances, view
    from ecslint.rules.capacity import fit

    def candidates(name: str, platform: dict | None) -> tuple:
        task = {"family": name, "requiresCompatibilities": ["EC2"], "containerDefinitions": [{"name": "a", "image": "x", "memory": 512}]}
        if platform:
            task["runtimePlatform"] = platform
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(task))
        (doc,) = read(str(path), str(path)).documents
        found = fit.candidates(view(doc), Context())
        assert found is not None
        return found.types

    assert candidates("a", None) is candidates("b", None) is instances.every_type()
    arm = candidates("c", {"cpuArchitecture": "ARM64"})
    assert arm is candidates("d", {"cpuArchitecture": "ARM64"})
    assert arm == tuple(t for t in instances.catalog().values() if instances.supports_architecture(t, "ARM64"))
    assert 0 < len(arm) < len(instances.every_type())
