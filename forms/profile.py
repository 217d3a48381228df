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

    ``so_ky_hieu`` is the symbol part after the number, e.g. ``"BC-STTTT"`` → "Số: 125/BC-STTTT".
    ``chuc_vu`` may hold two lines ("KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC").  ``noi_nhan`` lists recipients
    without the leading dash; "Lưu: VT, ..." is added when missing.
    """

    co_quan_chu_quan: str = ""
    co_quan: str = ""
    so_ky_hieu: str = ""
    dia_danh: str = ""
    nguoi_ky: str = ""
    chuc_vu: str = ""
    noi_nhan: list[str] = field(default_factory=list)

    @classmethod
    def from_value(cls, value: "AgencyProfile | Mapping[str, Any] | None") -> "AgencyProfile":
        """Accept a profile, a dict (unknown keys ignored; noi_nhan as list or newline text) or None."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise TypeError("profile must be an AgencyProfile or a dict")
        known = {f.name for f in fields(cls)}
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
