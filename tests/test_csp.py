"""The Content-Security-Policy of every page (helpers.csp)."""

from __future__ import annotations

import pytest

#: SHA-256 of the empty string, base64 (a published constant: e.g. the CSP spec's examples).
EMPTY_SHA256 = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_the_policy_allows_only_the_heads_own_script_and_style_by_hash():
    import base64
    import hashlib

    from helpers.csp import content_security_policy

    own = 'alert("own")'
    own_hash = "'sha256-" + base64.b64encode(hashlib.sha256(own.encode()).digest()).decode() + "'"
    page = (
        f"<html><head><meta charset='utf-8'><script>{own}</script><style></style></head>"
        "<body><script>document.body.dataset.x='RAN'</script></body></html>"
    )
    policy = content_security_policy(page)
    assert policy == (
        f"default-src 'none'; script-src {own_hash}; style-src {EMPTY_SHA256}; img-src data:; base-uri 'none'; form-action 'none'"
    )


def test_style_attributes_are_allowed_by_hash_and_a_page_without_script_allows_none():
    from helpers.csp import content_security_policy

    policy = content_security_policy('<html><head></head><body><svg><text style="">x</text></svg></body></html>')
    assert (
        policy
        == f"default-src 'none'; style-src 'unsafe-hashes' {EMPTY_SHA256}; img-src data:; base-uri 'none'; form-action 'none'"
    )
    assert "script-src" not in policy  # default-src 'none' forbids every script


def test_the_policy_meta_follows_the_charset():
    from helpers.csp import with_content_security_policy

    html = with_content_security_policy('<html><head><meta charset="utf-8"><style></style></head><body></body></html>')
    assert html.startswith(
        '<html><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"style-src {EMPTY_SHA256}; "
    )
    with pytest.raises(ValueError, match="no <meta charset>"):
        with_content_security_policy("<html><head></head></html>")
