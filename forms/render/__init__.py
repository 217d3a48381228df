"""The .docx renderer (NĐ 30/2020 layout): ``render_document(template, answers, profile, out_path)``.

Modules: ``document`` (entry point, layout per template kind), ``head`` (2×2 head, title, signature),
``body`` (numbered sections and fields), ``tables`` (merged headers, subtotals), ``values`` (how values
print), ``page`` (A4, margins, fonts, page numbers), ``xml`` (python-docx XML helpers).
"""

from forms.render.document import MissingFieldsError, apply_profile_defaults, build_document, render_document

__all__ = ["render_document", "MissingFieldsError", "apply_profile_defaults", "build_document"]
