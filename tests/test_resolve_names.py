"""Officials name a form by what it is and which công văn asks for it ("thông báo 1485", "làm báo cáo
theo cv 1181"): the kind of document plus the dispatch number names the template; when several templates
share that name, every one is returned (the bot asks which)."""

from __future__ import annotations

from dataclasses import replace

from forms.loader import registry
from forms.resolve import matches


def test_kind_and_dispatch_number_name_the_template():
    templates = registry().all()
    notice = [t.id for t in templates if t.doc_type == "THÔNG BÁO" and t.source.dispatch.startswith("1485/")]
    assert notice and [t.id for t in matches(templates, "lam thong bao 1485")] == notice
    assert [t.id for t in matches(templates, "tôi cần làm thông báo theo công văn 1485")] == notice  # words apart
    assert matches(templates, "thông báo") == [] and matches(templates, "công văn 1485 thông báo gì") == []


def test_a_shared_kind_and_number_returns_every_template():
    base = registry().get("mau2")
    twin = replace(base, id="mau2_copy", aliases=())
    found = {t.id for t in matches([base, twin], "báo cáo 1181")}
    assert found == {"mau2", "mau2_copy"}
