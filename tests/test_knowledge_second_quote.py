"""Session 28, a second quote when the evidence is in doubt:
- when the evidence choice rates the next passage close to the chosen one (``choice.runner_up``), its sentences follow
  the reply's under "Nội dung liên quan:" and their own citation (``Answer.also``; ``Answer.reply`` is the reply alone);
- after a deadline, a period or what follows a late report (typed answers cut from one sentence of the body), the
  ordinary evidence follows when it is another sentence ("phải sửa xong phòng học trước ngày nào": the report's
  deadline is a deadline too);
- the passages cited come first in ``Answer.passages`` and "Xem thêm" names neither again.

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

import math

import pytest

from knowledge import answer as compose
from knowledge import choice
from knowledge.choice import Choice
from knowledge.results import Passage
from knowledge.sentence_pick import Pick
from tests.knowledge_fixtures import base_with

SCHOOLS = """UBND TỈNH TUYÊN QUANG                              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO                              Độc lập - Tự do - Hạnh phúc
Số: 1957/SGDĐT-KHTC                                Tuyên Quang, ngày 08 tháng 6 năm 2026
V/v chuẩn bị cơ sở vật chất, thiết bị dạy học cho năm học 2026-2027

Kính gửi:
- Ủy ban nhân dân các xã, phường;
- Các trường trung học phổ thông, phổ thông dân tộc nội trú.

Để chuẩn bị các điều kiện bảo đảm cho năm học 2026-2027, Sở Giáo dục và Đào tạo đề nghị các đơn vị thực hiện các nội dung sau:

1. Rà soát phòng học, phòng bộ môn xuống cấp; lập phương án và hoàn thành sửa chữa, cải tạo trước ngày 15/8/2026, không để học sinh học trong phòng học không bảo đảm an toàn.
2. Mua sắm bổ sung bàn ghế học sinh đúng quy cách theo Thông tư liên tịch số 26/2011/TTLT-BGDĐT-BKHCN-BYT; hoàn thành lắp đặt trước ngày 25/8/2026.
3. Kiểm tra nguồn nước sạch, nhà vệ sinh, hệ thống điện chiếu sáng; thay thế thiết bị hư hỏng bằng nguồn kinh phí chi thường xuyên năm 2026.

4. Chế độ báo cáo
Các đơn vị tổng hợp kết quả theo Biểu số 01/CSVC kèm theo Công văn này, gửi về Sở Giáo dục và Đào tạo (qua Phòng Kế hoạch - Tài chính) trước ngày 30/6/2026.

Nơi nhận:
- Như trên;
- UBND tỉnh (để b/c);
- Lưu: VT, KHTC.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Hà Văn Thắng

Biểu số 01/CSVC
KẾT QUẢ RÀ SOÁT CƠ SỞ VẬT CHẤT NĂM HỌC 2026-2027
(Kèm theo Công văn số 1957/SGDĐT-KHTC ngày 08/6/2026)
STT | Trường | Phòng học xuống cấp (phòng) | Bàn ghế cần bổ sung (bộ) | Kinh phí dự kiến (triệu đồng) | Ghi chú
1 | | | | |
"""


@pytest.fixture(scope="module")
def kb1957(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("second-quote"), "cv-1957-SGDDT-2026.txt", SCHOOLS)


@pytest.mark.parametrize("question, fact", [
    ("Trường phải sửa chữa xong phòng học xuống cấp trước ngày nào theo cv 1957?", "15/8/2026"),
    ("ban ghe hoc sinh phai lap dat xong truoc ngay nao, cv 1957 so gd tuyen quang", "25/8/2026"),
    ("By when must the schools finish repairing run-down classrooms under dispatch 1957/SGDĐT-KHTC?", "15/8/2026"),
    ("kết quả rà soát cơ sở vật chất gửi sở trước ngày nào", "30/6/2026"),
])
def test_the_task_asked_about_states_its_own_deadline(kb1957, question, fact):
    a = kb1957.ask(question)
    stated = a.text.split("\nXem thêm:", 1)[0]
    assert a.confident and fact in stated


def test_two_quotes_each_have_their_citation_and_come_first_among_the_passages(kb1957):
    # The deadline type answers with the report's sentence; the ordinary evidence is the review's own item ("rà soát"),
    # another sentence with another date: it follows, under its citation.
    a = kb1957.ask("kết quả rà soát cơ sở vật chất gửi sở trước ngày nào")
    stated, _, more = a.text.partition("\nXem thêm:")
    lines = stated.split("\n")
    cites = [i for i, line in enumerate(lines) if line.startswith("(Công văn 1957/SGDĐT-KHTC ngày 8/6/2026 — ")]
    assert a.confident and a.kind == "deadline" and len(cites) == 2
    assert "30/6/2026" in "\n".join(lines[:cites[0]]) and "15/8/2026" in "\n".join(lines[cites[0] + 1:cites[1]])
    assert lines[cites[0] + 1] == compose.RELATED  # the reply answers; the second quote is marked as related
    assert lines[cites[0]].endswith("— 4. Chế độ báo cáo)") and "— 1. Rà soát phòng học" in lines[cites[1]]
    assert "30/6/2026" in a.reply and "15/8/2026" not in a.reply and "15/8/2026" in a.also and "30/6/2026" not in a.also
    sections = [p.section for p in a.passages[:2]]
    assert len(set(sections)) == 2 and all(p.dispatch == "1957/SGDĐT-KHTC" for p in a.passages[:2])
    assert not any(f"— {s}" in more for s in sections)


def _choice(chunk_id: int, features: dict[str, float], sentences: list[str]) -> Choice:
    class Chunk:
        id = chunk_id
    return Choice(Chunk(), Pick(sentences, 0.5, top=sentences[0] if sentences else ""), 1.0, features)


def test_the_runner_up_is_kept_only_when_the_model_rates_it_close():
    model = choice.model()
    assert model is not None  # knowledge/data/evidence_choice.json ships with the package
    even = {f: 0.5 for f in choice.FEATURES}
    a, b = _choice(1, even, ["Câu thứ nhất."]), _choice(2, dict(even), ["Câu thứ hai."])
    assert choice.runner_up([a, b], a) is b  # rated alike: an even chance each
    # Of two, the second's share is 1 / (1 + exp(gap)): at least RUNNER_UP_SHARE while the gap is at most this.
    widest = math.log((1 - choice.RUNNER_UP_SHARE) / choice.RUNNER_UP_SHARE)
    for pick in (0.0, 0.2, 0.4):
        weak = _choice(2, dict(even, pick=pick, whole=pick, specific=pick), ["Câu thứ hai."])
        gap = model.margin(even) - model.margin(weak.features)
        assert gap > 0
        assert (choice.runner_up([a, weak], a) is weak) == (gap <= widest)
    assert choice.runner_up([a, _choice(1, dict(even), ["Câu thứ nhất."])], a) is None  # the same passage
    assert choice.runner_up([a, _choice(3, dict(even), [])], a) is None  # nothing picked in it


def test_compose_puts_the_second_quote_under_the_first_citation_and_before_further_sources():
    p = [Passage("1957/SGDĐT-KHTC", None, s, "…", 0.5, s) for s in ("1. Rà soát", "4. Chế độ báo cáo", "Mở đầu")]
    more = compose.further(p, [("1957/SGDĐT-KHTC", "1. Rà soát"), ("1957/SGDĐT-KHTC", "4. Chế độ báo cáo")])
    assert more == ["Xem thêm:", "• Công văn 1957/SGDĐT-KHTC — Mở đầu"]
    text = compose.compose("Câu một.", "Công văn A — 1.", more, ("Câu hai.", "Công văn A — 4."))
    assert text.split("\n") == ["Câu một.", "(Công văn A — 1.)", compose.RELATED, "Câu hai.", "(Công văn A — 4.)",
                                "Xem thêm:", "• Công văn 1957/SGDĐT-KHTC — Mở đầu"]
