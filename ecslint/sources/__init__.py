"""Sources: one adapter per file shape, from what a file holds to API-shaped documents.

Every rule reads documents in the API's own shape (camelCase, the way
``register-task-definition`` or ``create-service`` take them), whatever file they came from:
the API's JSON (``ecslint/load/sniff.py``), CloudFormation templates
(:mod:`ecslint.sources.cloudformation`, also CDK and SAM output). A source also records, for
every node it converts, where the node is written (a :class:`~ecslint.load.source.MappedLocator`),
so that a finding lands on the user's own key or value, and turns what the deployment
computes into unknowns (:class:`~ecslint.sources.references.Reference` when the value names
a resource of the same template, which the workspace follows as a link).
"""
