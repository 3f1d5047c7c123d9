"""docs/spec/change-patterns.md is the spec the code cites; it stays in step with the shared
contract the results are checked against (../shared/spec), where that is on the machine."""

from __future__ import annotations

import pytest

from conftest import ROOT

SPEC = ROOT / "docs" / "spec" / "change-patterns.md"
SHARED = ROOT.parent / "shared" / "spec" / "change-patterns.md"


@pytest.mark.skipif(not SHARED.exists(), reason="the shared spec is not on this machine")
def test_the_spec_in_docs_is_the_shared_contract():
    assert SPEC.read_text() == SHARED.read_text(), "copy ../shared/spec/change-patterns.md to docs/spec/"

