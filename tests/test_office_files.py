"""A dispatch sent as Word 97–2003 (.doc): converted to .docx by LibreOffice at intake, then read like any
.docx (its Word table becomes a draft); without LibreOffice the admin is told how to send it, nothing is
indexed and the original is kept. The .doc is made here by LibreOffice from a test .docx."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.conversation import Core, Incoming
from bot.conversation.messages import IncomingFile
from bot.knowledge_link import KnowledgeLink
from forms.render.preview import convert
from storage import Store

FORMS = Path(__file__).parent / "data" / "form_dispatches"
needs_lo = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by .ci/run")


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory) -> Path:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is installed by .ci/run")
    out = tmp_path_factory.mktemp("doc")
    made = convert(FORMS / "d02_snv_bienche.docx", out, "doc")
    assert made is not None and made.suffix == ".doc"
    return made


@pytest.fixture()
def core(tmp_path: Path, data_dir, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("forms.render.preview.preview_png", lambda *a, **k: None)
    store = Store.open()
    yield Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs")
    store.close()


def upload(core: Core, path: Path) -> str:
    out = core.handle(Incoming.upload("terminal", "a1", IncomingFile(path.name, path.read_bytes()), is_admin=True))
    return "\n".join(o.text for o in out)


@needs_lo
def test_a_doc_dispatch_becomes_a_draft_like_its_docx(core: Core, doc_file: Path, data_dir: Path) -> None:
    said = upload(core, doc_file)
    assert "trích được 1 mẫu nháp" in said and "Mẫu số 01" in said
    kept = sorted(p.suffix for p in (data_dir / "uploads").iterdir())
    assert kept == [".doc", ".docx"]  # the original and its copy


def test_without_libreoffice_the_admin_is_told_and_nothing_is_read(core: Core, tmp_path: Path, data_dir: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("forms.render.preview.soffice_path", lambda: None)
    fake = tmp_path / "cv 12.doc"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # an OLE2 header: a Word 97 file
    said = upload(core, fake)
    assert "LibreOffice" in said and "Save As" in said and "mẫu nháp" not in said
    assert [p.suffix for p in (data_dir / "uploads").iterdir()] == [".doc"]


@needs_lo
def test_the_command_line_ingests_the_docx_copy_of_a_doc_in_a_folder(doc_file: Path, data_dir: Path) -> None:
    from bot.template_cli import _converted

    folder = doc_file.parent
    paths, code = _converted([str(folder)])
    assert code == 0 and [Path(p).suffix for p in paths] == [".docx"]
    assert Path(paths[0]).parent == data_dir / "converted" and doc_file.exists()
