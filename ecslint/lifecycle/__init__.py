"""ECR lifecycle policies in motion: what a policy does to a repository's images.

- :mod:`ecslint.lifecycle.images` reads ``aws ecr describe-images`` output;
- :mod:`ecslint.lifecycle.simulate` applies a policy to those images exactly as
  ``shared/reference/ecr-lifecycle.md`` §2.3-2.5 describes (the preview);
- :mod:`ecslint.lifecycle.preview` is the ``ecslint lifecycle preview`` command's body;
- :mod:`ecslint.lifecycle.deployed` follows the images task definitions deploy through a
  policy (§4.4), for ECR301/ECR302.

Standard library only; nothing here is imported by ``ecslint check`` unless a rule needs it.
"""
