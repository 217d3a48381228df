"""Issue 12's realistic sessions as data, and a specialist who plays them against whatever the bot asks.

The specialist types as a provincial official does on a phone: mostly without diacritics, money as
"15 ty" / "500tr", a table row as one message ("I.1; ten du an; ...") or a pasted block. It is
adaptive: after every reply it looks for what the bot asks now (the known question whose words
appear last in the reply: a field label, a profile question, a confirmation, the export choice, the
table) and answers that, so the number of messages measures the bot, not a fixed script. A task is
done when its result is there: the .docx delivered (and holding what was typed), the cell stored,
the draft resumed; each say or pick counts as one user message.

Drivers (tests/session_drivers.py): the terminal chat in-process, Telegram through the HTTP fake.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

import docx

from bot import texts
from vntext.text import fold

MAX_MESSAGES = 80  # a task not done after this many messages is reported as such

# ---- the data -----------------------------------------------------------------------------------
BIEU04_FIRST = "lam bieu 04 nam 2019"
# 11 rows in the 7 groups of Biểu 04, as typed: group; project; goal; content; volume; place; lead; total;
# NSTW investment; NSTW recurrent; NSĐP investment; NSĐP recurrent; note.
BIEU04_ROWS = [
    "I.1; Du an CSDL dat dai tinh; xay dung CSDL dat dai; so hoa ho so dia chinh; 10.000 ho so; Bac Ninh; So TNMT; 15 ty; 5 ty; 1 ty; 2 ty; 500tr;",
    "I.1; Nen tang tich hop LGSP; ket noi lien thong; trien khai LGSP; 1 nen tang; toan tinh; So TTTT; 8 ty; 8 ty; ; ; ;",
    "I.1; He thong thong tin bao cao tinh; tong hop bao cao; xay dung phan mem; 1 he thong; Bac Ninh; VP UBND tinh; 4,5 ty; ; ; 4,5 ty; ;",
    "I.2; Trung tam giam sat an toan thong tin SOC; bao dam ATTT; mua sam thiet bi; 1 trung tam; Bac Ninh; So TTTT; 12 ty; 6 ty; ; 6 ty; ;",
    "I.3; Khu CNTT tap trung; thu hut doanh nghiep; ha tang khu; 20 ha; Que Vo; BQL cac KCN; 30 ty; 10 ty; ; 20 ty; ; giai doan 1",
    "II.1; Thue dich vu may chu ao; giam chi phi dau tu; thue 50 may chu; 50 may chu; Bac Ninh; So TTTT; 2 ty; ; 1 ty; ; 1 ty;",
    "II.1; Thue phan mem quan ly van ban; dung chung toan tinh; thue dich vu; 120 don vi; toan tinh; VP UBND tinh; 1,2 ty; ; ; ; 1,2 ty;",
    "II.2; Chuan hoa CSDL ho tich; du lieu dung; chuyen doi du lieu; 500.000 ban ghi; toan tinh; So Tu phap; 3 ty; ; 3 ty; ; ;",
    "II.2; Chuyen doi CSDL can bo cong chuc; dong bo du lieu; chuan hoa; 25.000 ho so; toan tinh; So Noi vu; 900tr; ; ; ; 900tr;",
    "II.3; Tao lap CSDL doanh nghiep; quan ly doanh nghiep; nhap lieu; 15.000 doanh nghiep; toan tinh; So KHDT; 1,5 ty; ; 1,5 ty; ; ;",
    "II.4; Chuan hoa quy trinh dich vu cong muc do 4; dich vu cong truc tuyen; ra soat quy trinh; 200 thu tuc; toan tinh; VP UBND tinh; 700tr; ; ; ; 700tr;",
]
BIEU04_NAMES = [row.split(";")[1].strip() for row in BIEU04_ROWS]
CELL_EDIT = "dong 1.1 tong muc 12 ty"
CELL_EDIT_VALUE = 12_000  # triệu đồng
MAU2_FIRST = "mau 2 cho he thong mot cua"
MAU2_SYSTEM = "he thong mot cua"
# Mẫu 2's questions as the specialist recognizes them (folded label words) and what they type.
MAU2_ANSWERS = {
    "ten he thong thong tin": "He thong mot cua dien tu tinh Bac Ninh",
    "co quan/don vi chu tri": "So Thong tin va Truyen thong",
    "linh vuc quan ly": "Cai cach hanh chinh",
    "quyet dinh phe duyet": "Quyet dinh so 1234/QD-UBND ngay 15/8/2016 cua UBND tinh",
    "muc tieu dau tu": "Tiep nhan va tra ket qua ho so tap trung tai mot dau moi.\nRut ngan thoi gian giai quyet thu tuc hanh chinh cho nguoi dan.",
    "quy mo, pham vi": "Trien khai tai 19 so nganh va 8 huyen, thi xa.\nPhuc vu khoang 1,2 trieu nguoi dan.",
    "noi dung dau tu": "Xay dung phan mem mot cua dien tu dung chung.\nTrang bi may tinh, may quet tai bo phan mot cua.",
    "thoi gian, lo trinh": "Giai doan 1 nam 2017 tai cap tinh.\nGiai doan 2 nam 2018 mo rong toi cap huyen, cap xa.",
    "nguon von": "Ngan sach dia phuong",
    "ket qua da dat duoc": "Da tiep nhan hon 300.000 ho so qua he thong.\nTy le ho so dung han dat 98%.",
    "danh gia tien do": "Dung tien do ke hoach de ra.\nMot so huyen cham ket noi do ha tang mang.",
    "kho khan, vuong mac": "Kinh phi duy tri con thieu.\nNhan luc CNTT cap huyen mong.",
    "kinh nghiem, de xuat": "Can su chi dao quyet liet cua lanh dao.\nChuan hoa quy trinh truoc khi tin hoc hoa.",
    "noi dung trien khai": "Ket noi voi Cong dich vu cong quoc gia.\nThanh toan truc tuyen phi, le phi.",
    "pham vi trien khai": "Toan tinh, ca 3 cap.\nUu tien cac thu tuc co nhieu ho so.",
    "co quan phoi hop": "Van phong UBND tinh",
    "kien nghi, de xuat": "De nghi Bo ho tro kinh phi ket noi.\nBan hanh huong dan ky thuat thong nhat.",
}
MAU2_LONG = [k for k, v in MAU2_ANSWERS.items() if "\n" in v]
RESUME_SETUP = ["He thong quan ly van ban va dieu hanh tinh", "Van phong UBND tinh", "Quan ly hanh chinh"]
RESUME_ASK = "lam tiep mau 2 dang do hom qua"
PROFILE_ANSWERS = {  # the profile questions (bot.texts.PROFILE_QUESTIONS), folded words → what is typed
    "co quan chu quan": "UBND TINH BAC NINH",
    "co quan ban hanh": "SO THONG TIN VA TRUYEN THONG",
    "ky hieu viet tat": "STTTT",
    "dia danh": "Bac Ninh",
    "ho ten nguoi ky": "Nguyen Van An",
    "chuc vu": "Giam doc",
    "tham quyen ky": "khong",
    "noi nhan": "Bo TT&TT; Luu: VT",
}
KNOWN_PROFILE = {"co_quan_chu_quan": "UBND TỈNH BẮC NINH", "co_quan": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "so_ky_hieu": "STTTT",
                 "dia_danh": "Bắc Ninh", "nguoi_ky": "Nguyễn Văn An", "chuc_vu": "Giám đốc",
                 "noi_nhan": ["Bộ Thông tin và Truyền thông", "Lưu: VT"]}
TABLE_MARKERS = ("bang hien co", "dan nhieu dong", "them dong", "dong tiep theo", "dong nua")
CONFIRM_MARKERS = ("(co/khong)", "co, ghi", "dong y?", "dung khong?", "ban co dau")
KEEP_WORDS = ("giu nguyen",)  # a choice that keeps the shown value (a column walk's other cells)


class Driver(Protocol):
    """One chat with the bot as seen by the user (tests/session_drivers.py)."""

    name: str

    async def say(self, text: str) -> str: ...

    async def pick(self, label: str) -> str: ...

    def choices(self) -> list[str]: ...

    def documents(self) -> list[bytes]: ...  # every .docx delivered so far, oldest first

    def store_user(self) -> tuple[Any, int]: ...  # (Store, the user's database id), for checking results

    def switch_user(self, name: str) -> None: ...  # talk as another user from now on

    async def restart(self) -> None: ...  # a new bot process over the same database


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return " ".join(t.text or "" for t in document.element.body.xpath(".//w:t")).replace("\xa0", " ")


# ---- the specialist -----------------------------------------------------------------------------
COLUMN_LIST = re.compile(r"\(\d+\) ")


def asked_at(text: str, key: str) -> int:
    """Where ``key`` (folded words of a question) last appears in ``text`` as something asked: not as
    "label: value" (an acknowledgement, a row summary) and not inside a list of columns ("(7) label")."""
    at = len(text)
    while (at := text.rfind(key, 0, at)) >= 0:
        line_start, line_end = text.rfind("\n", 0, at) + 1, (text.find("\n", at) + 1 or len(text) + 1) - 1
        line, after = text[line_start:line_end], text[at + len(key):line_end]
        listed = len(COLUMN_LIST.findall(line)) >= 3
        stated = after.startswith(":") and after[1:].strip() != ""
        if not (listed or stated):
            return at
    return -1


@dataclass
class Specialist:
    """Answers what the bot asks now; ``rows`` are table rows still to send (one per message or a block)."""

    fields: dict[str, str] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    block: bool = False
    rephrase: str = ""  # what the user types when the bot did not understand the first message
    answered: set[str] = field(default_factory=set)

    def next_move(self, reply: str, choices: list[str]) -> tuple[str, str]:
        """("say", text) or ("pick", label): the answer to the question asked last in ``reply``."""
        r = "\n".join(fold(line) for line in reply.splitlines())
        moves: list[tuple[int, tuple[str, str]]] = []
        export = next((c for c in choices if fold(c) == fold(texts.BTN_EXPORT)), None)
        if export is not None:
            moves.append((r.rfind("xuat file") + 1, ("pick", export)))
        for key, answer in {**self.fields, **PROFILE_ANSWERS}.items():
            at = asked_at(r, key)
            if at < 0:
                continue
            if key in self.answered:  # asked again: a long text waiting for its end, or a refusal
                moves.append((at, ("say", "xong" if "xong" in r[at:] else "/bo_qua")))
            else:
                moves.append((at, ("say", answer)))
        for marker in CONFIRM_MARKERS:
            if (at := r.rfind(marker)) >= 0:  # "Thêm một … nữa? (có/không)": no more; otherwise yes
                moves.append((at, ("say", "khong" if "nua?" in r[max(0, at - 12):at] else "co")))
        table_at = max(r.rfind(marker) for marker in TABLE_MARKERS)
        if table_at >= 0:
            moves.append((table_at, ("say", "<rows>")))
        if not moves:
            keep = next((c for c in choices if fold(c) in KEEP_WORDS), None)
            if keep is not None:
                return ("pick", keep)
            if self.rephrase:
                text, self.rephrase = self.rephrase, ""
                return ("say", text)
            return ("say", "/bo_qua")
        _, move = max(moves, key=lambda m: m[0])
        if move[1] == "<rows>":  # the table: the next row(s), else another wording of the request, else done
            text, self.rephrase = (self._rows_message() or self.rephrase or "xong"), ""
            move = ("say", text)
        for key in self.fields:
            if move[1] == self.fields[key]:
                self.answered.add(key)
        return move

    def _rows_message(self) -> str:
        if not self.rows:
            return ""
        if self.block:
            text, self.rows = "\n".join(self.rows), []
            return text
        return self.rows.pop(0)


@dataclass
class TaskResult:
    task: str
    messages: int
    done: bool
    transcript: list[tuple[str, str]] = field(default_factory=list)  # (what the user typed, the bot's reply)

    def shown(self) -> str:
        return str(self.messages) if self.done else f">{self.messages} (not done)"


async def play(driver: Driver, task: str, first: str, who: Specialist, done: Callable[[], bool],
               limit: int = MAX_MESSAGES) -> TaskResult:
    """Send ``first``, then answer what the bot asks until ``done()`` or ``limit`` messages."""
    result = TaskResult(task, 1, False)
    reply = await driver.say(first)
    result.transcript.append((first, reply))
    while not done() and result.messages < limit:
        kind, text = who.next_move(reply, driver.choices())
        reply = await (driver.pick(text) if kind == "pick" else driver.say(text))
        result.messages += 1
        result.transcript.append((("▶ " if kind == "pick" else "") + text, reply))
    result.done = done()
    return result


def _new_document_with(driver: Driver, before: int, needles: list[str]) -> Callable[[], bool]:
    def check() -> bool:
        docs = driver.documents()[before:]
        return any(all(fold(n) in fold(docx_text(d)) for n in needles) for d in docs)

    return check


def _drafts(driver: Driver, template_id: str) -> list[Any]:
    store, user = driver.store_user()
    return [s for s in store.list_sessions(user, statuses=None) if s.template_id == template_id]


def known_official(driver: Driver) -> None:
    """Setup, not counted: an official who has exported before (the agency profile is stored)."""
    store, user = driver.store_user()
    store.save_profile(user, **KNOWN_PROFILE)


async def bieu04(driver: Driver, block: bool = False) -> TaskResult:
    """(a) Biểu 04 with 11 rows in 7 groups, from "lam bieu 04 nam 2019" to the .docx.

    One row per message: a new user (the profile questions count). A pasted block: a known official."""
    driver.switch_user("bieu04-block" if block else "bieu04-rows")
    if block:
        known_official(driver)
    who = Specialist(fields={"nam ke hoach": "2019"}, rows=list(BIEU04_ROWS), block=block, rephrase="lam bieu 04")
    done = _new_document_with(driver, len(driver.documents()), BIEU04_NAMES + ["2019"])
    return await play(driver, "bieu04 block" if block else "bieu04 rows", BIEU04_FIRST, who, done)


def _rows(driver: Driver) -> list[dict[str, Any]]:
    drafts = _drafts(driver, "bieu04")
    rows = (drafts[0].state.get("answers", {}).get("bang") or []) if drafts else []
    return [row for row in rows if isinstance(row, dict)]


def _first_row_tong_muc(driver: Driver) -> Any:
    first = next((row for row in _rows(driver) if row.get("group") == "I.1"), None)
    return ((first.get("cells") or first) if first else {}).get("tong_muc")


async def cell_edit(driver: Driver) -> TaskResult:
    """(b) In an open Biểu 04 with the 11 rows, change row 1.1's total in one message."""
    driver.switch_user("cell-edit")
    known_official(driver)
    setup = Specialist(fields={"nam ke hoach": "2019"}, rows=list(BIEU04_ROWS), block=True, rephrase="lam bieu 04")
    await play(driver, "setup", BIEU04_FIRST, setup, lambda: len(_rows(driver)) >= len(BIEU04_ROWS), limit=20)
    who = Specialist(fields={"tong muc dau tu": "12 ty"}, rephrase="sua dong 1")
    return await play(driver, "one cell", CELL_EDIT, who, lambda: _first_row_tong_muc(driver) == CELL_EDIT_VALUE,
                      limit=20)


async def mau2(driver: Driver) -> TaskResult:
    """(c) Mẫu 2 for one system, multi-paragraph answers one message each, to the .docx."""
    driver.switch_user("mau2")
    known_official(driver)
    who = Specialist(fields=dict(MAU2_ANSWERS), rephrase="dien mau 2")
    needles = ["mot cua", "Rut ngan thoi gian giai quyet", "Ban hanh huong dan ky thuat thong nhat"]
    done = _new_document_with(driver, len(driver.documents()), needles)
    return await play(driver, "mau2", MAU2_FIRST, who, done)


async def resume(driver: Driver) -> TaskResult:
    """(d) A Mẫu 2 left half done yesterday, the bot restarted, then "lam tiep mau 2 dang do hom qua"."""
    driver.switch_user("resume")
    known_official(driver)
    fields = dict(zip(["ten he thong thong tin", "co quan/don vi chu tri", "linh vuc quan ly"], RESUME_SETUP))

    def started() -> bool:
        drafts = [s for s in _drafts(driver, "mau2") if s.status in ("active", "paused")]
        return bool(drafts) and len(drafts[0].state.get("answers") or {}) >= 2

    await play(driver, "setup", "dien mau 2", Specialist(fields=fields), started, limit=10)
    await driver.say("/tam_dung")  # left for the day
    drafts = [s for s in _drafts(driver, "mau2") if s.status in ("active", "paused")][:1]
    mine, answers = (drafts[0].id, drafts[0].state.get("answers")) if drafts else (None, None)
    await driver.restart()
    store, user = driver.store_user()

    def resumed() -> bool:  # yesterday's draft is the open one again, and nothing typed was stored in it
        current = store.get_session(user, mine) if mine is not None else None
        return (current is not None and store.get_user_state(user).active_session_id == mine
                and current.state.get("answers") == answers)

    return await play(driver, "resume", RESUME_ASK, Resumer(), resumed, limit=10)


class Resumer(Specialist):
    """Picks an offered draft not tried yet (one naming yesterday's system first, then any Mẫu 2);
    otherwise asks for the list of drafts."""

    def next_move(self, reply: str, choices: list[str]) -> tuple[str, str]:
        system = fold(RESUME_SETUP[0])[:20]
        fresh = [c for c in choices if c not in self.answered and ("mau 2" in fold(c) or system in fold(c))]
        fresh.sort(key=lambda c: system not in fold(c))
        if fresh:
            self.answered.add(fresh[0])
            return ("pick", fresh[0])
        return ("say", "/nhap")


TASKS: dict[str, Callable[[Driver], Any]] = {
    "bieu04 rows": bieu04, "bieu04 block": lambda d: bieu04(d, block=True), "one cell": cell_edit, "mau2": mau2,
    "resume": resume}
TARGETS = {"bieu04 rows": 20, "one cell": 1, "mau2": 25, "resume": 1}


async def run_all(driver: Driver, tasks: list[str] | None = None) -> dict[str, TaskResult]:
    """Each task for its own user over one database (the cell edit and the resume set up their drafts)."""
    return {name: await TASKS[name](driver) for name in (tasks or list(TASKS))}
