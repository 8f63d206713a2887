"""``python -m ecslint``: the same as the ``ecslint`` command."""

from ecslint.cli import run

run()
