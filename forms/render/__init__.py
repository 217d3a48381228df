"""The .docx renderer (NĐ 30/2020 layout): ``render_document(template, answers, profile, out_path)``.

Modules: ``document`` (entry point, layout per template kind), ``head`` (2×2 head, title, Nơi nhận and
signature), ``signing`` (signing authority KT./TM./TL./TUQ./Q. and the "Số" line, NĐ 30/2020),
``lines`` (where names and titles break), ``body`` (numbered sections and fields), ``tables`` (merged
headers, subtotals, rows kept together), ``values`` (how values print), ``page`` (A4, margins, fonts,
page numbers), ``xml`` (python-docx XML helpers), ``preview`` (page 1 as PNG through LibreOffice).
"""

from forms.render.document import MissingFieldsError, apply_profile_defaults, build_document, render_document

__all__ = ["render_document", "MissingFieldsError", "apply_profile_defaults", "build_document"]
