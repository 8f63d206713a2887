"""ECR lifecycle policies in motion: what a policy does to a repository's images.

- :mod:`ecslint.lifecycle.images` reads ``aws ecr describe-images`` output;
- :mod:`ecslint.lifecycle.simulate` applies a policy to those images exactly as
  ``shared/reference/ecr-lifecycle.md`` §2.3-2.5 describes (the preview);
- :mod:`ecslint.lifecycle.preview` is the ``ecslint lifecycle preview`` command's body;
- :mod:`ecslint.lifecycle.deployed` follows the images task definitions deploy through a
  policy (§4.4), for ECR301/ECR302.

Standard library only; nothing here is imported by ``ecslint check`` unless a rule needs it.
The package itself holds ``short_digest``, which messages and the preview share.
"""


def short_digest(digest: str) -> str:
    """``sha256:`` and the first 12 hex digits, as ``docker images`` shows them."""
    algorithm, _, hexdigits = digest.partition(":")
    if hexdigits and len(hexdigits) > 12:
        return f"{algorithm}:{hexdigits[:12]}"
    return digest if len(digest) <= 24 else digest[:23] + "…"
