"""One scripted session for every channel's end-to-end test (Telegram and Zalo run it alike).

A channel test supplies a driver with three coroutines — ``say(text) -> str`` (the bot's replies, joined),
``pick(label) -> str`` (choose the offered choice with that label: press the button, or type its number)
and ``last_documents() -> list[bytes]`` (the .docx files delivered by the latest reply: attached, or
fetched through the link) — and calls :func:`fill_mau2_and_bieu04`, then :func:`check_documents`.
"""

from __future__ import annotations

import io
import re
from typing import Protocol

import docx

from bot import texts

PROFILE = ["UBND TỈNH BẮC NINH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT", "Bắc Ninh", "Nguyễn Văn An", "GIÁM ĐỐC",
           "Bộ Thông tin và Truyền thông; Lưu: VT"]
# A long answer (several Zalo messages' worth) for a long-text field.
LONG_GOAL = " ".join(f"Mục tiêu {i}: điều hành điện tử thống nhất, liên thông tới 1.500 đơn vị." for i in range(40))


class Driver(Protocol):
    async def say(self, text: str) -> str: ...

    async def pick(self, label: str) -> str: ...

    async def last_documents(self) -> list[bytes]: ...


def docx_text(data: bytes) -> str:
    """Every text run of the document body (paragraphs, tables, nested header tables), read with python-docx."""
    document = docx.Document(io.BytesIO(data))
    return " ".join(t.text or "" for t in document.element.body.xpath(".//w:t")).replace("\xa0", " ")


async def fill_mau2_and_bieu04(chat: Driver) -> dict[str, object]:
    """Mẫu 2 (side question, back, skip, a long text, export with the profile), then Biểu 04 (a table, totals)."""
    await chat.say("/start")
    assert "I.1" in await chat.say("dien mau 2")
    await chat.say("Hệ thống quản lý văn bản và điều hành")
    await chat.say("Cục Tin học hóa")
    out = await chat.say("hạn nộp báo cáo này khi nào?")  # a side question: answered, then I.3 again
    assert "Công văn" in out and "I.3" in out
    await chat.say("Quản lý thuế")
    out = await chat.say("/quay_lai")
    assert "I.3" in out and "Quản lý thuế" in out
    await chat.say("Quản lý tài chính")
    assert "I.5" in await chat.say("/bo_qua")
    for text in [LONG_GOAL, "Quy mô: toàn ngành", "Nội dung: phần mềm, hạ tầng", "2015-2017, hai giai đoạn"]:
        await chat.say(text + "\nxong")
    await chat.say("Ngân sách trung ương")
    for text in ["Đã triển khai tại 63 tỉnh", "Đúng tiến độ", "Thiếu kinh phí", "Cần đào tạo", "Mở rộng tới cấp huyện",
                 "Toàn quốc"]:
        await chat.say(text + "\nxong")
    await chat.say("/bo_qua")
    await chat.say("Đề nghị bổ sung kinh phí\nxong")
    assert texts.EXPORT_CONFIRM in await chat.say("không")
    assert texts.PROFILE_INTRO in await chat.pick(texts.BTN_EXPORT)
    for answer in PROFILE:
        mau2_reply = await chat.say(answer)
    mau2 = await chat.last_documents()

    assert "Năm kế hoạch" in await chat.say("tôi cần làm biểu 04")
    await chat.say("2019")
    await chat.say("thêm")
    await chat.say("1")
    for text in ["Dự án CSDL đất đai", "Xây dựng CSDL đất đai", "Số hóa hồ sơ", "10.000 hồ sơ", "Bắc Ninh", "Sở TN&MT",
                 "15 tỷ", "5 tỷ", "1 tỷ", "2 tỷ", "500tr", "/bo_qua"]:
        await chat.say(text)
    assert texts.EXPORT_CONFIRM in await chat.say("xong")
    await chat.pick(texts.BTN_EXPORT)
    return {"mau2": mau2, "mau2_reply": mau2_reply, "bieu04": await chat.last_documents()}


def check_documents(result: dict[str, object]) -> None:
    """What the two documents of :func:`fill_mau2_and_bieu04` must hold."""
    assert len(result["mau2"]) == 1 and len(result["bieu04"]) == 1
    mau2 = docx_text(result["mau2"][0])
    for needle in ["Hệ thống quản lý văn bản và điều hành", "Quản lý tài chính", "Mục tiêu 39: điều hành điện tử",
                   "Đề nghị bổ sung kinh phí", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Nguyễn Văn An"]:
        assert needle in mau2, needle
    assert "Quản lý thuế" not in mau2  # the value replaced by going back
    assert "15/5/2015" in result["mau2_reply"]  # the dispatch's deadline, with the export
    bieu = docx_text(result["bieu04"][0])
    assert "Dự án CSDL đất đai" in bieu and "10.000 hồ sơ" in bieu and re.search(r"15[.,]?000", bieu)
