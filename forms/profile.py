"""The agency profile: who issues the report (head of page, số ký hiệu, signature, nơi nhận).

Why: every template takes its header and signature from the user's agency, asked once and stored
by the bot; the renderer accepts either this dataclass or a plain dict with the same keys.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Mapping

__all__ = ["AgencyProfile"]


@dataclass
class AgencyProfile:
    """Agency values printed on a document (all text, Vietnamese with diacritics).

    ``so_ky_hieu`` is the agency's own symbol ("STTTT"; the template adds the type code: "Số: 125/BC-STTTT";
    an old "BC-STTTT" still works).  ``chuc_vu`` is the signer's own title; an old two-line value
    ("KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC") still works.  ``noi_nhan`` lists recipients
    without the leading dash; "Lưu: VT, ..." is added when missing.
    """

    co_quan_chu_quan: str = ""
    co_quan: str = ""
    so_ky_hieu: str = ""
    dia_danh: str = ""
    nguoi_ky: str = ""
    chuc_vu: str = ""
    noi_nhan: list[str] = field(default_factory=list)
    tham_quyen: str = ""  # "" (the head signs) | KT | TM | TL | TUQ | Q (NĐ 30/2020)
    ky_thay: str = ""  # the head's title (or the collective body) signed for, e.g. "Giám đốc"
    nguoi_lien_he: str = ""
    dien_thoai: str = ""
    email: str = ""

    @classmethod
    def from_value(cls, value: "AgencyProfile | Mapping[str, Any] | None") -> "AgencyProfile":
        """Accept a profile, a dict (unknown keys ignored; noi_nhan as list or newline text) or None."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        known = {f.name for f in fields(cls)}
        if not isinstance(value, Mapping):  # any object with these attributes (e.g. the storage model)
            value = {k: getattr(value, k) for k in known if hasattr(value, k)}
        data: dict[str, Any] = {}
        for key, raw in value.items():
            if key not in known or raw is None:
                continue
            if key == "noi_nhan":
                items = raw.splitlines() if isinstance(raw, str) else list(raw)
                data[key] = [str(i).strip() for i in items if str(i).strip()]
            else:
                data[key] = str(raw)
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def missing(self, keys: tuple[str, ...] | list[str]) -> list[str]:
        """Which of these profile keys are empty (the bot asks for them before export)."""
        return [k for k in keys if not getattr(self, k, None)]
