"""What shape of answer a question expects, and whether a reply has it.

Why: a question that asks "how much" is answered by a quantity, one that asks "when" by a date. A reply
without one (a sentence on the same topic that states no amount) does not answer, however many words it
shares with the question; this is the usual answer-type check of question answering, used as one signal
of the confidence model ("mức lương cơ sở là bao nhiêu" against a budget form's title, "bảo hiểm xã hội
đóng bao nhiêu phần trăm" against a sentence naming the social insurance agency).

Shapes:
    money      "mức phí / tiền thưởng / phụ cấp … (là) bao nhiêu", "bao nhiêu tiền", "how much does … cost / pay"
               → an amount of money or a rate: a number with "đồng", "triệu", "tỷ", "nghìn", "USD" or "%"
               (checked before quantity: "1.284 sáng kiến" does not say how much a prize is)
    quantity   "bao nhiêu / bn / mấy (người, %, tiền…)", "tỉ lệ", "how much / how many / what percentage"
               → a number that is not a date, a year, a document number, a form or list label, a phone
    date       "ngày / tháng nào, ngày mấy, khi nào, bao giờ, hạn, when, deadline" → a day or a month that the
               reply sets (a cited document's date does not answer)
    hour       "mấy giờ", "what time" → "16 giờ", "8h30", "16:00"
    phone      "số điện thoại", "sđt", "số di động", "số liên hệ", "hotline", "phone number" → a phone number (checked
               before the others)
    email      "e-mail", "thư điện tử", "hộp thư" → an e-mail address
    web        "trang web", "website", "đường dẫn", "link", "web address" → a web address (an e-mail's domain aside)
    period     "số liệu tính từ / đến ngày nào", "kỳ báo cáo", "as of what date" → a sentence bounding a period
               ("số liệu tính từ ngày 01/01/2024 đến hết ngày 30/6/2024"); a deadline's date does not answer
    formula    "tính như thế nào", "cách tính", "công thức", "how is … calculated" → a formula ("… (%) = A / B x 100",
               "bằng … chia cho …")
A length of time ("bao nhiêu ngày", "mấy tháng") is an amount, not a date. Questions asking for the number of
a document ("Luật Đất đai số mấy") or a phone number expect none of these.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.dates import any_date, has_date, set_dates, sets_period  # a date the reply sets; any date, a cited one's too
from vntext.text import fold

_HOW_MANY = r"(bao nhieu|bn|may)"
# "ngày mấy", "tháng bao nhiêu", "năm nào": a date; "số mấy": a document number; "mấy giờ": an hour.
_DATE_ASK = re.compile(rf"\b(ngay|thang|nam|thu) ({_HOW_MANY}|nao)\b|\bkhi nao\b|\bbao gio\b|\b(vao |trong )?(luc|thoi gian|thoi diem) nao\b|\bthoi han\b|\bhan "
                       r"(chot|nop|cuoi|gui|bao cao)\b|\bwhen\b|\bwhat date\b|\bdeadline\b|\bdue\b")
_QUANTITY_ASK = re.compile(rf"\b{_HOW_MANY}\b|\bt[iy] le\b|\bphan tram\b|\bhow (much|many)\b"
                           r"|\bwhat (\w+ ){0,3}(percentage|level|rate|amount|share|fee)s?\b")
_NOT_QUANTITY = re.compile(rf"\b(ngay|thang|nam|so|gio|muc|phan|dieu|khoan|lan thu|thu) {_HOW_MANY}\b"
                           rf"|\b{_HOW_MANY} (gio|h)\b|\bsdt {_HOW_MANY}\b|\b(dien thoai|di dong) {_HOW_MANY}\b")

# Numbers that are not amounts: dates, years, document numbers, labels, list numbering, phones, codes.
_NON_AMOUNT = re.compile(
    r"\d{1,2}/\d{1,2}(/\d{2,4})?"  # 15/7/2024, 25/11
    r"|\d+/[\w.-]+"  # 232/BTTTT-KHTC, 13/2023/NĐ-CP
    r"|\b(năm|giai đoạn|quý|tháng|ngày)\s+\d+(?![\d/])([-–]\d+)?"  # năm 2024, ngày 22 (a date, see _DATE_REPLY)
    r"|\b(19|20)\d\d\b"
    r"|\b(số|mẫu|biểu|phụ lục|mục|điều|khoản|phần|bước|điểm|chương|tiết|cột|dòng|tầng|lầu|phòng)\s+\d+[\w.]*"
    r"|^\s*[\d.]+[.)]"  # list numbering
    r"|\(?\b0\d{2,3}\)?[.\s]?\d{3,4}[.\s]?\d{3,4}"  # phone
    r"|\(\d+\)",  # column numbers "(1)"
    re.I | re.M)
_AMOUNT = re.compile(r"\d|\b(mười|trăm|nghìn|ngàn|triệu|tỷ|tỉ|một nửa|toàn bộ)\b(?!\s+lệ)", re.I)  # "tỉ lệ": a ratio

# "bao nhiêu ngày", "mấy tháng", "bao lâu": a length of time, an amount; "thời hạn … bao nhiêu ngày" does not ask a date.
_DURATION_ASK = re.compile(rf"\b{_HOW_MANY} (ngay|tuan|thang|nam)\b(?!\s*\d)|\bbao lau\b|\bhow (long|many days)\b")
_DAY_ASK = re.compile(r"\b(ngay|thang|thu) nao\b|\bthu may\b|\bkhi nao\b|\bbao gio\b|\bwhen\b|\bwhat (date|day)\b")
# The bounds of the period the figures cover (not when they are sent: "hạn nộp đến ngày nào" is a deadline).
_PERIOD_ASK = re.compile(r"\b(tinh|ke) (tu|den) (ngay|thang|nam|thoi diem|khi|luc|bao gio|het|thu (may|nao)|may gio)\b|\btinh (trong|cho) (khoang )?thoi gian\b|\bkhoang thoi gian nao\b|\b(thoi )?ky (bao cao|so lieu)\b|\bas (of|at)\b|\bperiod\b"
                         # The day figures are taken at: "tính tại thời điểm nào", "chốt số liệu ngày nào" (not "hạn chót": a deadline; "vào
                         # thời điểm nào" alone is "when").
                         r"|\b(over|during|for|in) (which|what) (months?|weeks?|days|dates|period|time span)\b"
                         r"|\b(tinh|lay|chot) (so lieu )?tai thoi diem nao\b|(?<!han )\bchot (so lieu )?((den|vao|tai) )?(ngay|thoi diem|luc) nao\b|\b(cut-?off|reference) date\b"
                         r"|\b(so lieu|du lieu|figures|data)\b.{0,60}\b((tu|den|from|to) (ngay|thoi diem|when|what date)"
                         r"|khoang thoi gian|thoi gian nao|what period|which period|cover|covers)\b"
                         # Both bounds asked ("làm từ bao giờ đến bao giờ", "from when until when").
                         r"|\b(tu|from) (ngay nao|thang nao|bao gio|khi nao|luc nao|thu may|thu nao|when)\b.{0,30}\b(den|toi|until|to) (ngay nao|thang nao|bao gio|khi nao|luc nao|thu may|thu nao|when)\b")
_HOUR_ASK = re.compile(rf"\b{_HOW_MANY} (gio|h)\b|\bwhat time\b")
# A sum of money: a word for one, then (within twelve words) "bao nhiêu" not counting something else ("mức phí thu gom
# rác … bao nhiêu 1 tháng", "tiền thưởng … là bao nhiêu"); "bao nhiêu tiền"; "how much … pay / cost / allowance".
# Folded words that are also other words stay out ("lương" is "lượng", "thưởng" is "thường", "vốn" is "vợn").
_MONEY_WORDS = (r"(?<!tham )(so tien|tien|phi|le phi|hoc phi|gia|gia ve|gia ban|gia thue|muc chi|muc thu|muc dong"
                r"|muc ho tro|muc thuong|muc phat|thu lao|kinh phi|muc luong|tien luong|luong co so|luong toi thieu"
                r"|phu cap|tro cap|tien thuong)")
_MONEY_ASK = re.compile(
    rf"\b{_MONEY_WORDS}\b(\s+\w+){{0,12}}?\s+(la |duoc |khoang |het |mat |tong cong |tong )?(bao nhieu|bn)"
    r"(?! (ngay|gio|thang|nam|tuan|mau|muc|lan|nguoi|ho|phan tram|cot|phu luc|bieu|so|don vi|truong|xa))\b"
    r"|\bho tro\b(\s+\w+){0,12}?\s+muc (la )?(bao nhieu|bn)\b"  # "hỗ trợ nước sinh hoạt … mức bao nhiêu mỗi hộ"
    # "đóng (tối thiểu) bao nhiêu": pay; folded "dong" is also "động" ("số lao động là bao nhiêu": a count).
    r"|(?<!lao )(?<!hoat )(?<!cong )(?<!tac )(?<!di )\bdong\b(\s+\w+){0,2}?\s+(bao nhieu|bn)\b(?! (nguoi|ho|lan|don vi))"
    r"|\bbao nhieu tien\b|\bhow much money\b|\bwhat (is the )?(fee|price|cost|allowance|salary)\b"
    r"|\bhow much (does|do|is|are|will|was|did)\b.*\b(cost|pay|paid|fees?|price|allowance|salary|wage|budget|fund"
    r"|funding|bonus|spend|spent|charge)\b")
_MONEY_REPLY = re.compile(r"\d[\d.,]*\s*(đồng|đ\b|vnđ|vnd|triệu|tỷ|tỉ|nghìn|ngàn|usd|%)|\b(triệu|tỷ|nghìn) đồng", re.I)
# "số điện thoại", "hotline", "phone number": a phone number; "e-mail nào", "hộp thư": an e-mail address.
# Nouns only: "báo cáo qua điện thoại" (by phone) or "e-mail báo lại" (send an e-mail) ask for neither.
_PHONE_ASK = re.compile(r"\b(so dien thoai|sdt|so dt|hotline|duong day nong|(dien thoai|di dong) (nao|so may|bao nhieu|bn|la gi)"
                        r"|so (di dong|dd|may le|may ban|lien he|lien lac|zalo)|goi so nao|(phone|telephone|landline|mobile|cell"
                        r"|contact) numbers?|cell ?phone)\b")
_PHONE_REPLY = re.compile(r"(?:\+84|\b0)\d{1,3}[.\s-]?\d{3,4}[.\s-]?\d{3,4}\b")
_EMAIL_ASK = re.compile(r"\b(e-?mail|thu dien tu|hop thu|mail) (nao|gi|la gi)\b|\bdia chi (e-?mail|thu dien tu|mail)\b"
                        r"|\b(e-?mail|hop thu) (cua|of)\b"  # "e-mail của Sở … là gì": whose address
                        r"|\b(e-?mail|mail) address\b|\b(which|what) e-?mail\b")
_EMAIL_REPLY = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# "trang web nào", "địa chỉ website", "đường link": a web address; "cổng dịch vụ công" alone names a portal.
_WEB_ASK = re.compile(r"\b(trang web|website|web ?site|duong dan|duong link|link|url|web address|web page"
                      r"|(which|what) (site|portal))\b")
_WEB_REPLY = re.compile(r"(?<![@\w.-])(?:https?://|www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|org|net|gov|int)\b",
                        re.I)
# How a figure is worked out: "tính như thế nào", "cách tính", "công thức tính", "how is … calculated".
_FORMULA_ASK = re.compile(r"\b(tinh (nhu )?(the nao|ntn|ra sao)|tinh bang cach nao|cach tinh|cong thuc|calculat\w*"
                          r"|comput\w*|formula)\b")
_FORMULA_REPLY = re.compile(r"[^\W_]\)?\s*=\s*\(?[^\W_]|\bx\s*100\b|×|\bchia cho\b|\bnhân với\b", re.I)
_HOUR_REPLY = re.compile(r"\b\d{1,2}\s*(giờ|h)(\s*\d{2})?\b|\b\d{1,2}:\d{2}\b", re.I)


@lru_cache(maxsize=1024)  # asked several times per question (evidence, then the confidence signal)
def expected(question: str) -> frozenset[str]:
    """The shapes a question's answer must have (folded text is matched, so unaccented typing counts)."""
    text = fold(question)
    shapes: set[str] = set()
    stripped = _NOT_QUANTITY.sub(" ", text)
    duration = bool(_DURATION_ASK.search(stripped))
    asked = _DATE_ASK.search(text)
    # "Tháng nào số liệu như tháng trước thì …": "X nào … thì" sets a condition, it does not ask for a date.
    if asked and (not duration or _DAY_ASK.search(text)) and not re.search(r"\bthi\b", text[asked.end():]):
        shapes.add("date")
    if _HOUR_ASK.search(text):
        shapes.add("hour")
    if _PHONE_ASK.search(text):
        shapes.add("phone")
    if _EMAIL_ASK.search(text):
        shapes.add("email")
    if _WEB_ASK.search(text):
        shapes.add("web")
    if _PERIOD_ASK.search(text):
        shapes.add("period")
    if _QUANTITY_ASK.search(stripped) or duration:
        shapes.add("quantity")
    if _MONEY_ASK.search(text):
        shapes.add("money")
    if _FORMULA_ASK.search(text):
        shapes.add("formula")
    return frozenset(shapes)


def has_amount(reply: str) -> bool:
    return bool(_AMOUNT.search(_NON_AMOUNT.sub(" ", reply)))


def check_for(question: str, cited: bool = False):
    """The test a sentence must pass to have the shape the question asks for (None: no particular shape).
    ``cited``: the answer is about a cited document, whose own date then answers "ban hành ngày nào"."""
    shapes = expected(question)
    for shape, check in (("phone", has_phone), ("email", has_email), ("web", has_web), ("period", sets_period),
                         ("date", any_date if cited else has_date), ("hour", has_hour), ("formula", has_formula),
                         ("money", has_money), ("quantity", has_amount)):
        if shape in shapes:
            return check
    return None


def has_money(reply: str) -> bool:
    return bool(_MONEY_REPLY.search(reply))


def has_formula(reply: str) -> bool:
    return bool(_FORMULA_REPLY.search(reply))


def has_hour(reply: str) -> bool:
    return bool(_HOUR_REPLY.search(reply))


def has_phone(reply: str) -> bool:
    return bool(_PHONE_REPLY.search(reply))


def has_email(reply: str) -> bool:
    return bool(_EMAIL_REPLY.search(reply))


def has_web(reply: str) -> bool:
    return bool(_WEB_REPLY.search(reply))


# "mấy cột", "bao nhiêu nhóm", "how many columns": a count of a form's own parts, which its layout shows.
_FORM_PARTS = re.compile(rf"\b{_HOW_MANY} (cot|nhom|cap|dong|phan|muc|chi tieu|loai|khoi)\b"
                         r"|\bhow many (columns|groups|rows|sections|levels|categories|indicators)\b")


def blank_form_misses(question: str) -> bool:
    """A blank form (a table of the dispatch: its columns, no values) does not hold the amount, date or period
    the question asks for, unless it asks how many parts the form itself has."""
    return bool(expected(question) & {"quantity", "date", "period"}) and not _FORM_PARTS.search(fold(question))


def missing(question: str, reply: str, cited: bool = False) -> bool:
    """Whether the reply lacks the shape the question asks for (the first of period, date, hour, formula, money,
    amount it asks)."""
    check = check_for(question, cited)
    return check is not None and not check(reply)


# Words before the value a question asks for ("trước ngày 30/9", "chậm nhất 16 giờ", "trong vòng 24 giờ").
_NUMBER = re.compile(r"\d[\d.,]*\d%?|\d%?")  # the whole number from its first digit ("80%", "500.000")
_LEAD_RE = re.compile(r"(trước|chậm nhất|hạn|đến|hết|trong vòng|khoảng|tối thiểu|tối đa|đạt)\W*$", re.I)


def where(question: str, text: str) -> str:
    """The words of ``text`` holding the shape the question asks for ("" when none or no shape is asked):
    where a long reply is cut. A value right after "trước / chậm nhất / trong vòng …" first."""
    shapes = expected(question)
    if "date" in shapes:
        found = [(m.start(), m.group(0)) for m in set_dates(text)]
    else:
        pattern = (_HOUR_REPLY if "hour" in shapes else _MONEY_REPLY if "money" in shapes
                   else _AMOUNT if "quantity" in shapes else None)
        masked = _NON_AMOUNT.sub(lambda m: " " * len(m.group(0)), text) if pattern is _AMOUNT else text
        matches = pattern.finditer(masked) if pattern else []
        found = [(m.start(), (_NUMBER.match(text, m.start()) or m).group(0)) for m in matches]
    led = [f for f in found if _LEAD_RE.search(text[max(0, f[0] - 20):f[0]])]
    return (led or found or [(0, "")])[0][1]
