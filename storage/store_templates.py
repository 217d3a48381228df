"""Stored report templates, versioned (part of ``Store``).

Every change adds a row: ``add_template_version`` writes the next version of a template id (an
edited draft, a publication, a re-extraction). Nothing is updated in place, so a user who started
filling version 2 still finds version 2 after version 3 is drafted or published. The template
mapping itself (``data``) is opaque here; the forms loader checks it before the bot stores it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Optional

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.models import TEMPLATE_STATUSES, TemplateRecord, utcnow
from storage.store_base import StoreBase, to_json

TEMPLATE_ID_MAX = 64


class TemplateTables(StoreBase):
    """Template versions: drafts extracted from dispatches and published templates."""

    def add_template_version(
        self,
        template_id: str,
        data: Mapping[str, Any],
        *,
        status: str = "draft",
        dispatch: str = "",
        section: str = "",
        created_by: Optional[int] = None,
        notes: Sequence[str] = (),
    ) -> TemplateRecord:
        """Store ``data`` as the next version of ``template_id`` (1 for a new id) and return the row.

        ``notes``: what a reviewer should check (texts kept as given)."""
        if status not in TEMPLATE_STATUSES:
            raise ValueError(f"status must be one of {TEMPLATE_STATUSES}, not {status!r}")
        if not isinstance(template_id, str) or not template_id or len(template_id) > TEMPLATE_ID_MAX:
            raise ValueError(f"template id must be a non-empty string of at most {TEMPLATE_ID_MAX} characters")
        encoded = to_json(dict(data))
        notes_text = to_json([str(n) for n in notes])

        def work(session: Session) -> TemplateRecord:
            if self.engine.dialect.name == "postgresql":  # two writers of one id: the second waits, numbers after
                session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                                {"key": f"template_record:{template_id}"})
            latest = session.exec(
                select(sa.func.max(TemplateRecord.version)).where(TemplateRecord.template_id == template_id)
            ).one()
            now = utcnow()
            row = TemplateRecord(template_id=template_id, version=(latest or 0) + 1, status=status,
                                 dispatch=dispatch or "", section=section or "", data_json=encoded,
                                 notes_json=notes_text,
                                 created_by=created_by, created_at=now, updated_at=now)
            session.add(row)
            return row

        return self._write(work)

    def template_version(
        self, template_id: str, version: Optional[int] = None, *, status: Optional[str] = None
    ) -> Optional[TemplateRecord]:
        """One version of a template: ``version`` exactly, else the latest (with ``status`` if given)."""

        def work(session: Session) -> Optional[TemplateRecord]:
            query = select(TemplateRecord).where(TemplateRecord.template_id == template_id)
            if version is not None:
                query = query.where(TemplateRecord.version == int(version))
            if status is not None:
                query = query.where(TemplateRecord.status == status)
            query = query.order_by(TemplateRecord.version.desc())  # type: ignore[attr-defined]
            return session.exec(query.limit(1)).first()

        return self._read(work)

    def template_records(
        self, *, status: Optional[str] = None, dispatch: Optional[str] = None
    ) -> list[TemplateRecord]:
        """The latest version of every stored template (the latest with ``status`` if given), by id.

        ``dispatch`` keeps only the templates of that dispatch (its số hiệu as stored).
        """

        def work(session: Session) -> list[TemplateRecord]:
            latest = select(TemplateRecord.template_id, sa.func.max(TemplateRecord.version).label("version"))
            if status is not None:
                latest = latest.where(TemplateRecord.status == status)
            if dispatch is not None:
                latest = latest.where(TemplateRecord.dispatch == dispatch)
            sub = latest.group_by(TemplateRecord.template_id).subquery()
            query = select(TemplateRecord).join(
                sub, sa.and_(TemplateRecord.template_id == sub.c.template_id, TemplateRecord.version == sub.c.version)
            ).order_by(TemplateRecord.template_id)
            return list(session.exec(query).all())

        return self._read(work)

    def template_history(self, template_id: str) -> list[TemplateRecord]:
        """Every version of one template, oldest first."""

        def work(session: Session) -> list[TemplateRecord]:
            query = select(TemplateRecord).where(TemplateRecord.template_id == template_id)
            return list(session.exec(query.order_by(TemplateRecord.version)).all())  # type: ignore[arg-type]

        return self._read(work)

    def template_stamp(self) -> int:
        """A number that changes whenever a template version is stored (for callers' caches)."""
        return self._read(lambda session: session.exec(select(sa.func.max(TemplateRecord.id))).one() or 0)
