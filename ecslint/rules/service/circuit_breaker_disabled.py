"""ECS516: rolling deployments without a circuit breaker that rolls back."""

from __future__ import annotations

from ecslint.core.context import Context
from ecslint.core.finding import Violation
from ecslint.core.rule import rule
from ecslint.model.values import UNKNOWN, boolean

TYPE_CHECKING = False  # not ``from typing import ...``: typing costs ~3 ms to import
if TYPE_CHECKING:
    from typing import Iterator

    from ecslint.model.service import Service

CB = ("deploymentConfiguration", "deploymentCircuitBreaker")


@rule(
    id="ECS516",
    name="circuit-breaker-disabled",
    severity="note",
    kinds=("service",),
    tags=("service", "deployment", "reliability"),
    sources=(
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html",
    ),
)
def circuit_breaker_disabled(service: Service, ctx: Context) -> Iterator[Violation]:
    """Rolling deployments without a deployment circuit breaker that rolls back.

    What it does:
        For a REPLICA service deployed by the rolling update (``ECS`` controller,
        ``ROLLING`` strategy), reports a missing
        ``deploymentConfiguration.deploymentCircuitBreaker``, ``enable: false``, or
        ``rollback: false``. Other controllers and strategies do not use the circuit
        breaker and are not checked; neither are DAEMON services and services behind a
        Classic Load Balancer, which older API text excludes from the circuit breaker. In update-service input an omitted
        setting keeps the service's current one, so only an explicit ``false`` is reported
        there. describe-services output is checked: it shows how the deployed service
        behaves on its next deployment (ECS writes ``enable: false`` there when the breaker
        was never configured). Placeholders are never judged.

    Why it matters:
        Without the circuit breaker a deployment whose tasks never become healthy keeps
        launching replacements indefinitely, costing capacity and hiding the failure; with
        it, ECS stops after a threshold of failed tasks and, with ``rollback: true``,
        returns the service to its last completed deployment.

    Example:
        Bad:

        ```json
        {"serviceName": "api", "taskDefinition": "api:9", "desiredCount": 2,
         "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100}}
        ```

        Good:

        ```json
        {"serviceName": "api", "taskDefinition": "api:9", "desiredCount": 2,
         "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100,
           "deploymentCircuitBreaker": {"enable": true, "rollback": true}}}
        ```

    How to fix:
        Add ``"deploymentCircuitBreaker": {"enable": true, "rollback": true}`` to
        ``deploymentConfiguration`` (optionally with CloudWatch ``alarms`` for failures
        the health checks do not see).
    """
    if service.controller != "ECS" or service.deployment_strategy != "ROLLING":
        return
    if not service.replica_rules_apply:
        return
    if any(lb.is_classic for lb in service.load_balancers):
        return  # older API text excludes services behind a Classic Load Balancer
    breaker = service.circuit_breaker
    if breaker is UNKNOWN:
        return
    state = "the deployed service has" if service.is_describe else "the service has"
    if breaker is None:
        if service.is_update:
            return
        where = ("deploymentConfiguration",) if "deploymentConfiguration" in service.data else ()
        yield Violation(
            where,
            f"{state} no deployment circuit breaker: a deployment whose tasks never become healthy keeps replacing "
            "them indefinitely; add deploymentConfiguration.deploymentCircuitBreaker {\"enable\": true, "
            "\"rollback\": true}",
            target="key",
        )
        return
    enable, rollback = boolean(breaker.get("enable")), boolean(breaker.get("rollback"))
    if enable is False:
        yield Violation(
            CB + ("enable",),
            f"{state} its deployment circuit breaker turned off (enable: false): a deployment whose tasks never "
            "become healthy keeps replacing them indefinitely; set enable and rollback to true",
        )
    elif enable is True and rollback is False:
        yield Violation(
            CB + ("rollback",),
            f"{state} a deployment circuit breaker without rollback: a failed deployment stops but leaves the "
            "failing revision in place; set rollback to true to return to the last completed deployment",
        )
