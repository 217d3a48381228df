"""The templates the bot offers: the shipped YAML ones plus those stored in the database.

``TemplateLibrary`` is what ``Core(templates=...)`` and the CLI use. Officials see built-in and
published templates (``all``/``resolve``); a draft is reachable by its id only. ``get(id, version)``
gives exactly the version a user's open draft started with (``FormSession.template_version``), so a
newer version never changes a form someone is filling. Admin operations (store drafts, edit,
publish, import, export) each add a version through ``storage``; the forms loader checks every
mapping before it is stored.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from forms.loader import TemplateError, load_template_data, load_template_text, registry
from forms.resolve import dispatch_named, matches, pick
from forms.schema import Template

log = logging.getLogger(__name__)
ID_MAX = 64


@dataclass(frozen=True)
class Entry:
    """One listed template: built-in (``record`` None) or one stored version."""

    template: Template
    record: Any = None

    @property
    def status(self) -> str:
        return self.template.status

    @property
    def builtin(self) -> bool:
        return self.record is None


@dataclass(frozen=True)
class Stored:
    """What storing an extracted draft did: ``change`` is "new", "updated" or "unchanged"."""

    template: Template
    change: str


def catalogue_date(so_hieu: str) -> dt.date | None:
    """The date of a dispatch from the knowledge catalogue (None when unknown)."""
    try:
        from knowledge import catalogue
        from storage.paths import data_dir

        found = catalogue(data_dir()).lookup(so_hieu)
    except Exception:  # the catalogue is a ranking hint only
        log.debug("No catalogue date for %s", so_hieu, exc_info=True)
        return None
    return getattr(found, "date", None) if found is not None else None


def _plain(data: Mapping[str, Any]) -> dict[str, Any]:
    """The mapping without the fields the store owns (version, status): what an edit compares."""
    return {k: v for k, v in data.items() if k not in ("version", "status")}


class TemplateLibrary:
    """Built-in + stored templates, cached until the store's template stamp changes (thread-safe)."""

    def __init__(self, store: Any, builtin: Any = None,
                 dispatch_date: Callable[[str], dt.date | None] = catalogue_date) -> None:
        self.store = store
        self.builtin = builtin if builtin is not None else registry()
        self._dispatch_date = dispatch_date
        self._lock = threading.Lock()
        self._stamp: int | None = None
        self._versions: dict[tuple[str, int], Template] = {}  # immutable rows → cached forever
        self._offered: dict[str, Template] = {}  # per id: the published version, else the latest draft
        self._latest: dict[str, Any] = {}  # per id: the latest record (any status)
        self._published: dict[str, Any] = {}  # per id: the latest published record

    # ---- loading ---------------------------------------------------------------------------------
    def _load(self, record: Any) -> Template | None:
        key = (record.template_id, record.version)
        if key not in self._versions:
            data = {**record.data, "id": record.template_id, "version": record.version, "status": record.status}
            try:
                self._versions[key] = load_template_data(data, file=f"<{record.template_id} v{record.version}>")
            except TemplateError as exc:  # stored long ago, refused by today's loader: skip, say so in the log
                log.warning("Stored template %s v%s does not load: %s", *key, exc)
                return None
        return self._versions[key]

    def refresh(self) -> None:
        """Re-read the stored templates if any version was added since the last read."""
        stamp = self.store.template_stamp()
        with self._lock:
            if stamp == self._stamp:
                return
            latest = {r.template_id: r for r in self.store.template_records()}
            published = {r.template_id: r for r in self.store.template_records(status="published")}
            offered = {}
            for tid, record in latest.items():
                template = self._load(published.get(tid, record))
                if template is not None and tid not in self._builtin_ids():
                    offered[tid] = template
            self._latest, self._published, self._offered, self._stamp = latest, published, offered, stamp

    def _builtin_ids(self) -> set[str]:
        return {t.id for t in self.builtin.all()}

    # ---- the registry interface (Core, CLI) -----------------------------------------------------
    def all(self) -> list[Template]:
        """Built-in templates, then per stored id its published version (else its latest draft)."""
        self.refresh()
        return [*self.builtin.all(), *self._offered.values()]

    def get(self, template_id: str, version: int | str | None = None) -> Template:
        """A template by id: the given version exactly, else the published one, else the latest draft."""
        try:
            return self.builtin.get(template_id)
        except KeyError:
            pass
        if version not in (None, ""):
            template = self._versions.get((template_id, int(version)))
            if template is None:
                record = self.store.template_version(template_id, int(version))
                template = self._load(record) if record is not None else None
            if template is None:
                raise KeyError(template_id)
            return template
        self.refresh()
        return self._offered[template_id]

    def candidates(self, text: str) -> list[Template]:
        """Every published template the words name equally well (several dispatches' "Biểu số 01")."""
        return matches(self.all(), text)

    def resolve(self, text: str, dispatch: str | None = None) -> Template | None:
        """The template the user means: of ``dispatch`` (the one they work on), else of the most recent
        dispatch; a dispatch number in the words wins over both ("mẫu số 01 của công văn 1485"). Never a
        draft (a draft's exact id names nothing rather than a look-alike)."""
        wanted = (text or "").strip().lower()
        self.refresh()
        if wanted in self._latest and wanted not in self._published:
            return None
        found = self.candidates(text)
        named = dispatch_named(found, text) if len(found) > 1 else None
        return pick(found, dispatch=named or dispatch, dispatch_date=self._template_date)

    def choose(self, text: str, dispatch: str | None = None) -> tuple[Template | None, list[Template]]:
        """(the template, []) when the words, the user's ``dispatch`` or the most recent dispatch decide;
        (None, candidates) when several dispatches' templates share the name and nothing ranks them
        (no current dispatch, no number in the words, the same or unknown dates): the bot asks which
        one, showing each candidate's dispatch; (None, []) when nothing matches."""
        found = self.candidates(text)
        if len(found) <= 1:
            return self.resolve(text, dispatch), []
        if dispatch and any(t.source.dispatch == dispatch for t in found) or dispatch_named(found, text):
            return self.resolve(text, dispatch), []
        dates = [self._template_date(t) for t in found]
        known = [d for d in dates if d is not None]
        if known and dates.count(max(known)) == 1:
            return self.resolve(text, dispatch), []
        return None, found

    def _template_date(self, template: Template) -> dt.date | None:
        found = self._dispatch_date(template.source.dispatch) if template.source.dispatch else None
        record = self._published.get(template.id) or self._latest.get(template.id)
        if found is None and record is not None:  # a dispatch the catalogue lacks: when it reached us
            found = record.created_at.date()
        return found

    # ---- admin side --------------------------------------------------------------------------
    def latest(self, template_id: str) -> Template:
        """The newest version of a template, draft or published (KeyError if unknown)."""
        self.refresh()
        record = self._latest.get(template_id)
        if record is None:
            return self.builtin.get(template_id)
        template = self._load(record)
        if template is None:
            raise KeyError(template_id)
        return template

    def record(self, template_id: str) -> Any | None:
        """The newest stored row of a template (None for built-in and unknown ids)."""
        self.refresh()
        return self._latest.get(template_id)

    def entries(self) -> list[Entry]:
        """What ``baocao templates`` lists: built-ins, each stored id's latest version, and its published
        version too when a newer draft exists."""
        self.refresh()
        out = [Entry(t) for t in self.builtin.all()]
        for tid, record in self._latest.items():
            for row in (self._published.get(tid), record):
                if row is not None and (row is record or row.version != record.version):
                    template = self._load(row)
                    if template is not None:
                        out.append(Entry(template, row))
        return out

    def drafts(self) -> list[Template]:
        """Stored templates whose newest version is a draft (what an admin still has to review)."""
        self.refresh()
        return [t for t in map(self._load, self._latest.values()) if t is not None and t.status == "draft"]

    def _free_id(self, wanted: str, dispatch: str, section: str) -> str:
        """``wanted`` unless a built-in or another dispatch's template has it; then ``wanted_2``…"""
        taken = self._builtin_ids()
        base = wanted[:ID_MAX - 4]
        candidate, n = base, 1
        while True:
            record = self._latest.get(candidate)
            if candidate not in taken and (record is None or (record.dispatch, record.section) == (dispatch, section)):
                return candidate
            n += 1
            candidate = f"{base}_{n}"

    def store_draft(self, data: Mapping[str, Any], *, notes: tuple[str, ...] | list[str] = (),
                    created_by: int | None = None) -> Stored:
        """Store an extracted draft (``DraftTemplate.data``) for its dispatch and section.

        The same dispatch section stored again becomes a new draft version only if it differs; its
        published versions stay offered. Raises ``TemplateError`` when the loader refuses the mapping.
        """
        self.refresh()
        source = data.get("source") or {}
        dispatch, section = str(source.get("dispatch") or ""), str(source.get("section") or "")
        existing = next((r for r in self._latest.values() if (r.dispatch, r.section) == (dispatch, section)
                         and dispatch), None)
        tid = existing.template_id if existing is not None else self._free_id(str(data["id"]), dispatch, section)
        body = {**_plain(data), "id": tid}
        if existing is not None and _plain(existing.data) == body:
            return Stored(self.latest(tid), "unchanged")
        return Stored(self._add(body, "draft", created_by, notes), "updated" if existing is not None else "new")

    def _add(self, data: Mapping[str, Any], status: str, created_by: int | None, notes: Any = ()) -> Template:
        """Check, then store ``data`` as the next version of its id; the stored template."""
        tid = str(data.get("id") or "")
        if tid in self._builtin_ids():
            raise TemplateError(f"<{tid}>", None, "built-in templates are edited in forms/templates, not stored")
        load_template_data({**data, "status": status}, file=f"<{tid}>")  # refuse before writing
        source = data.get("source") or {}
        record = self.store.add_template_version(tid, _plain(data), status=status,
                                                 dispatch=str(source.get("dispatch") or ""),
                                                 section=str(source.get("section") or ""), created_by=created_by,
                                                 notes=list(notes))
        self.refresh()
        return self._load(record)

    def edit(self, template_id: str, data: Mapping[str, Any], *, created_by: int | None = None) -> Template:
        """Store an edited mapping as the next (draft) version of a stored template."""
        record = self.record(template_id)
        if record is None:
            raise KeyError(template_id)
        return self._add({**data, "id": template_id}, "draft", created_by, record.notes)

    def publish(self, template_id: str, *, created_by: int | None = None) -> Template:
        """Publish the newest version (a new version with status "published"; no-op when it already is)."""
        record = self.record(template_id)
        if record is None:
            raise KeyError(template_id)
        if record.status == "published":
            return self.latest(template_id)
        return self._add({**record.data, "id": template_id}, "published", created_by, record.notes)

    def import_text(self, text: str, *, file: str = "<import>", created_by: int | None = None) -> Template:
        """A template YAML (e.g. one ``export_yaml`` wrote and a clerk edited) as a new draft version."""
        load_template_text(text, file)  # line-numbered errors first
        data = yaml.safe_load(text)
        return self._add(data, "draft", created_by)

    def export_yaml(self, template_id: str) -> str:
        """The newest version as YAML a clerk can edit (and ``import_text`` reads back)."""
        record = self.record(template_id)
        if record is None:
            raise KeyError(template_id)
        data = {**record.data, "id": template_id, "version": record.version, "status": record.status}
        head = f"# {template_id} phiên bản {record.version} ({record.status}) — {record.dispatch} › {record.section}\n"
        head += "".join(f"# Cần xem lại: {note}\n" for note in record.notes)
        return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
