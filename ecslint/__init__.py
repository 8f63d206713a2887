"""ecslint: a policy linter and static analyzer for Amazon ECS configuration.

Importing this package must stay cheap: the CLI runs on every commit, so nothing here
imports more than the standard library's basics. ``__version__`` is a literal so that
``ecslint --version`` and packaging never have to import anything else.
"""

__version__ = "0.1.0"
