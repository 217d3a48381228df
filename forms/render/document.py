"""``render_document``: answers + template + agency profile → a .docx in NĐ 30/2020 format.

Why: one entry point for the bot and ``baocao fill``.  It checks the answers (unknown codes, wrong
types) and refuses to export with required fields empty (Vietnamese message listing them), then
lays out the document by the template's ``kind``:

* ``report``      head, BÁO CÁO + subject, numbered body, "./.", Nơi nhận + signature (portrait)
* ``table``       head, Biểu label + title, "Đơn vị tính", the merged-header table, signature (landscape)
* ``thuyet_minh`` head, per instance: title lines, numbered body; "./." and signature
* ``notice``      head, THÔNG BÁO + subject, Kính gửi (the addressee alone), the template's ``body`` lines,
                  Nơi nhận ("Như trên" + the profile's) + signature

Every kind prints "Số: …/<doc_code>-<agency symbol>" and the date in Vietnam time (Asia/Ho_Chi_Minh),
whatever the server's zone.  No template field is named here: placeholders come from the YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Mapping

from docx import Document
from docx.document import Document as DocxDocument

from forms.answers import check_answers, is_empty, missing_required
from forms.profile import AgencyProfile
from forms.render.body import BODY_SIZE, BodyWriter
from forms.render.head import add_head, add_signature, add_title_block, addressee, recipients, vn_date
from forms.render.page import setup_section, setup_styles, text_width_cm
from forms.render.signing import DOC_NAMES, ky_hieu, number_text, signature_lines
from forms.render.values import format_value
from forms.render.xml import add_run, clean
from forms.schema import Template
from vntext.clock import vn_today

__all__ = ["render_document", "MissingFieldsError", "apply_profile_defaults", "build_document", "document_date"]



def document_date(now: dt.datetime | None = None) -> dt.date:
    """The document's date: today in Vietnam whatever the server's zone (23:30 UTC is the next day there)."""
    return vn_today(now)


class MissingFieldsError(ValueError):
    """Export refused: required fields are empty.  ``missing`` holds ``(code, label)`` pairs."""

    def __init__(self, missing: list[tuple[str, str]]):
        self.missing = missing
        items = "; ".join(f"{code} ({label})" for code, label in missing[:20])
        more = f" và {len(missing) - 20} mục khác" if len(missing) > 20 else ""
        super().__init__(f"Chưa thể xuất báo cáo: còn {len(missing)} mục bắt buộc chưa trả lời: {items}{more}.")


def apply_profile_defaults(template: Template, answers: Mapping[str, Any], profile: AgencyProfile) -> dict:
    """Fill empty top-level fields that declare ``default_from_profile`` from the agency profile."""
    filled = dict(answers)
    for ref in template.fields():
        key = ref.field.default_from_profile
        if key and ref.repeat is None and is_empty(filled.get(ref.code)):
            value = getattr(profile, key, None)
            if value:
                filled[ref.code] = value
    return filled


def _heading_values(template: Template, scope: Mapping[str, Any]) -> dict[str, str]:
    values = {}
    for ref in template.fields():
        if ref.code in scope and not is_empty(scope[ref.code]):
            values[ref.code] = format_value(ref.field.type, scope[ref.code])
    return values


def _fill(line: str, values: Mapping[str, str]) -> str | None:
    """Replace ``{code}`` placeholders; None when one is unanswered (the line is then left out)."""
    missing = False

    def sub(match: re.Match) -> str:
        nonlocal missing
        if match.group(1) not in values:
            missing = True
            return ""
        return values[match.group(1)]

    out = re.sub(r"\{([^}]+)\}", sub, line)
    return None if missing else out


def _placeholders(template: Template) -> set[str]:
    placed = " ".join(template.heading + template.body + (template.subject or "",))
    return set(re.findall(r"\{([^}]+)\}", placed))


def _signature_lines(template: Template, profile: AgencyProfile) -> list[str]:
    """The profile's capacity and title; the template's ``signer_title`` only when the profile has none."""
    return signature_lines(profile.chuc_vu, profile.tham_quyen, profile.ky_thay,
                           fallback=template.signer_title or "THỦ TRƯỞNG CƠ QUAN")


def _recipients(template: Template, profile: AgencyProfile) -> list[str]:
    """Nơi nhận: "Như trên" when a Kính gửi names the addressee, else the addressee; then the profile's."""
    to = addressee(template.submit.to) if template.submit and template.submit.to else ""
    first = ["Như trên"] if template.kind == "notice" and to else [to] if to else []
    return recipients(first, profile.noi_nhan)


def build_document(template: Template, answers: Mapping[str, Any], profile: AgencyProfile, *,
                   report_date: dt.date, number: str | None) -> DocxDocument:
    """Lay out the document (answers already checked).  Returns the python-docx Document."""
    doc = Document()
    setup_styles(doc)
    orientation = template.orientation
    setup_section(doc.sections[0], orientation)
    width = text_width_cm(orientation)
    head_widths = (6.75, 10.0) if orientation == "portrait" else (9.0, 13.0)
    add_head(doc, profile, number_line=number_text(number, template.doc_code, profile.so_ky_hieu),
             date=report_date, widths_cm=head_widths)
    skip = _placeholders(template)
    writer = BodyWriter(doc, width, skip_codes=skip)
    kind = template.kind
    if kind in ("report", "notice"):
        subject = _fill(template.subject or template.title, _heading_values(template, answers)) or template.title
        add_title_block(doc, [(template.doc_type.upper(), {"bold": True, "size": 14, "space_before": 18}),
                              (clean(subject), {"bold": True, "size": 14})], width, rule_after=True)
        if kind == "notice":
            _notice_body(writer, template, answers)
        writer.nodes(template.sections, answers, answers, None)
        writer.finish()
        add_signature(doc, title_lines=_signature_lines(template, profile), signer=clean(profile.nguoi_ky),
                      recipients=_recipients(template, profile), text_width=width)
    elif kind == "table":
        values = _heading_values(template, answers)
        lines = [(template.doc_type, {"bold": True, "size": 14, "space_before": 12})]
        for line in template.heading:
            filled = _fill(line, values)
            if filled and filled.lstrip().startswith("("):  # "(Kèm theo Công văn số …)": italic, as written
                lines.append((clean(filled), {"italic": True, "size": 14}))
            elif filled:
                lines.append((clean(filled).upper(), {"bold": True, "size": 14}))
        if number:  # the report this biểu is attached to
            so = "/".join(p for p in (number, ky_hieu(template.doc_code, profile.so_ky_hieu)) if p)
            agency = f" của {clean(profile.co_quan)}" if profile.co_quan else ""
            name = DOC_NAMES.get(template.doc_code, "văn bản")
            lines.append((f"(Kèm theo {name} số {so} {vn_date('', report_date).lower()}{agency})",
                          {"italic": True, "size": 14}))
        add_title_block(doc, lines, width)
        writer.bare_tables = True
        writer.nodes(template.sections, answers, answers, None)
        add_signature(doc, title_lines=_signature_lines(template, profile), signer=clean(profile.nguoi_ky),
                      recipients=None, text_width=width, table=writer.last_table)
    elif kind == "thuyet_minh":
        def title_for(scope: Mapping[str, Any]) -> None:
            values = _heading_values(template, scope)
            lines = []
            for i, line in enumerate(template.heading):
                filled = _fill(line, values)
                if filled:
                    opts = {"bold": True, "size": 14} if i == 0 else {"size": 14, "italic": i > 1}
                    lines.append((clean(filled), opts))
            add_title_block(doc, lines, width, rule_after=True)

        if template.is_repeating:
            section = template.sections[0]
            count = [0]

            def instance_heading(n: int, instance: Mapping[str, Any]) -> None:
                if count[0]:
                    writer.page_break()
                count[0] += 1
                title_for(instance)

            writer.repeat(section, answers, 0, instance_heading=instance_heading)
        else:
            title_for(answers)
            writer.nodes(template.sections, answers, answers, None)
        writer.finish()
        add_signature(doc, title_lines=_signature_lines(template, profile), signer=clean(profile.nguoi_ky),
                      recipients=None, text_width=width)
    else:  # pragma: no cover - the loader rejects unknown kinds
        raise ValueError(f"unknown template kind {kind!r}")
    return doc


def _notice_body(writer: BodyWriter, template: Template, answers: Mapping[str, Any]) -> None:
    """Kính gửi (the addressee alone: no contact person, no e-mail) and the template's body lines."""
    if template.submit and template.submit.to:
        para = writer.paragraph()
        add_run(para, "Kính gửi: ", size=BODY_SIZE)
        add_run(para, f"{addressee(template.submit.to)}.", size=BODY_SIZE)
    values = _heading_values(template, answers)
    for line in template.body:
        filled = _fill(line, values)
        if filled:
            writer.last = writer.paragraph(clean(filled))


def render_document(template: Template, answers: Mapping[str, Any],
                    profile: AgencyProfile | Mapping[str, Any] | None, out_path: str | Path, *,
                    report_date: dt.date | None = None, number: str | None = None,
                    now: dt.datetime | None = None) -> Path:
    """Render the answers to ``out_path`` (.docx) and return the path.

    The date is ``report_date``, else today in Vietnam at ``now`` (default: the current time).
    Raises ``forms.answers.AnswersError`` for answers that do not fit the template and
    ``MissingFieldsError`` (Vietnamese message) when required fields are empty.
    """
    prof = AgencyProfile.from_value(profile)
    filled = apply_profile_defaults(template, answers, prof)
    check_answers(template, filled)
    missing = missing_required(template, filled)
    if missing:
        raise MissingFieldsError(missing)
    doc = build_document(template, filled, prof, report_date=report_date or document_date(now),
                         number=clean(number) if number else None)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out
