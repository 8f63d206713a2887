"""``ecslint check --fix``: the edit layer and the fix loop.

Rules say *what* to change, in their document's terms (:mod:`ecslint.core.fix`: remove
member X, set value Y, insert member Z, move rule N). This package turns that into text
edits on the file as written, in three layers:

- :mod:`ecslint.fix.edits`: an :class:`~ecslint.fix.edits.Edit` is a span of the file's
  text and its replacement; applying, conflict detection.
- :mod:`ecslint.fix.editors`: one editor per parsed text, addressed by the paths of that
  text's own data: JSON, YAML (block and flow style), and a JSON document inside a string
  (``lifecyclePolicyText``, a CloudFormation block scalar), whose edits are made on the
  decoded text and then escaped for the literal that holds it. Editors never guess: what
  they cannot do faithfully raises :class:`~ecslint.fix.edits.Refused`, and the fix is not
  available. A new source format plugs in with :func:`~ecslint.fix.editors.register`.
  :mod:`ecslint.fix.hcl` edits a Terraform resource block (``jsonencode`` objects and
  tuples, its arguments), only where it writes a literal.
- :mod:`ecslint.fix.plan`: a fix's changes, through the document's locator (API path ->
  file path, and whether the file writes that value literally), become edits; the removals
  of several fixes in one object are computed together so that their commas tile. A
  Terraform document's paths go to the text that holds them (a heredoc, a string, the
  JSON file ``file()`` loads) or to its resource block.

:mod:`ecslint.fix.runner` runs the loop: apply the fixes that do not overlap, check the
result still parses, re-check in memory, repeat until nothing changes (bounded), then
write each changed file once, atomically, unless it changed on disk meanwhile.
"""
