"""Session 12: which of a dispatch's dates is the report's deadline, shorthand for the dispatch's own name, and
"what goes along with" one case against "which forms are attached".
- a dispatch sets an earlier date for another task (proposals for next year) before its part on the report's
  deadline ("IV. Thời hạn gửi báo cáo"): "hạn nộp báo cáo" is answered from that part;
- shorthand for the dispatch's subject ("kcn" of "khu công nghiệp") only names the dispatch, as the words do;
- "Dự án có vốn đầu tư nước ngoài gửi kèm những gì" is answered by the sentence on that case, "kèm theo những
  mẫu nào" by the list of attached forms.

Every dispatch and question here is written for the test (none is in a benchmark set).
"""

from __future__ import annotations

import pytest

from knowledge.answer_types import _deadline_part
from knowledge.identity import without_identity
from tests.knowledge_fixtures import base_with

KCN = """ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG
BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP
Số: 905/BQL-QLDN
V/v báo cáo tình hình hoạt động của các khu công nghiệp 9 tháng năm 2026
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hải Dương, ngày 02 tháng 9 năm 2026

Kính gửi: Các công ty phát triển hạ tầng khu công nghiệp trên địa bàn tỉnh.

Thực hiện Quyết định số 1412/QĐ-UBND ngày 12/3/2026 của Ủy ban nhân dân tỉnh, Ban Quản lý các khu công nghiệp đề nghị các công ty báo cáo các nội dung sau:

I. TÌNH HÌNH THU HÚT ĐẦU TƯ
1. Số dự án được cấp mới, điều chỉnh giấy chứng nhận đăng ký đầu tư; vốn đăng ký và vốn thực hiện theo Biểu số 01 kèm theo.
2. Dự án có vốn đầu tư nước ngoài gửi kèm bản sao giấy chứng nhận đăng ký đầu tư và báo cáo tài chính đã kiểm toán năm 2025.

II. ĐỀ XUẤT MỞ RỘNG NĂM 2027
Các công ty có nhu cầu mở rộng diện tích đăng ký nhu cầu theo Phiếu đăng ký, gửi về Ban Quản lý trước ngày 15/9/2026.

III. LAO ĐỘNG VÀ MÔI TRƯỜNG
Số lao động đang làm việc, số lao động nước ngoài, tình hình xử lý nước thải tập trung theo Biểu số 02 kèm theo.

IV. TỔ CHỨC THỰC HIỆN
1. Thời hạn gửi báo cáo: báo cáo gửi về Ban Quản lý các khu công nghiệp (qua Phòng Quản lý doanh nghiệp) trước ngày 05/10/2026.
2. Đầu mối liên hệ: ông Phạm Đức Lâm, chuyên viên Phòng Quản lý doanh nghiệp, điện thoại 0220.3852.617.

Nơi nhận:
- Như trên;
- Lưu: VT, QLDN.

KT. TRƯỞNG BAN
PHÓ TRƯỞNG BAN
Nguyễn Thị Hồng Vân
"""


@pytest.fixture(scope="module")
def kb905(built_index_dir, tmp_path_factory):
    return base_with(built_index_dir, tmp_path_factory.mktemp("kcn"), "cv-905-BQL-QLDN.txt", KCN)


@pytest.mark.parametrize("question", [
    "cv 905 hạn nộp báo cáo là ngày nào?",
    "han nop bc hoat dong kcn 9 thang nam 2026 la ngay nao",
])
def test_the_report_deadline_is_the_one_its_part_sets(kb905, question):
    a = kb905.ask(question)
    assert a.confident and a.kind == "deadline"
    assert "05/10/2026" in a.reply and "15/9/2026" not in a.reply


def test_a_task_named_by_the_question_keeps_its_own_deadline(kb905):
    a = kb905.ask("cv 905 đăng ký mở rộng diện tích năm 2027 hạn chót khi nào?")
    assert a.confident and "15/9/2026" in a.reply


def test_the_deadline_part_is_found_by_its_heading_or_label():
    sentences = ("I. THỜI HẠN GỬI BÁO CÁO", "Báo cáo gửi về Sở trước ngày 10/10/2026.",
                 "II. ĐỀ XUẤT", "Đề xuất gửi trước ngày 15/9/2026.",
                 "2. Thời hạn và hình thức gửi báo cáo: gửi trước ngày 20/11/2026.")
    assert _deadline_part(sentences) == {"Báo cáo gửi về Sở trước ngày 10/10/2026.", sentences[-1]}


def test_shorthand_for_the_dispatchs_subject_only_names_it(kb905):
    index = kb905.index
    d = index.dispatches["905/BQL-QLDN"]
    from knowledge.evidence import weighted_terms

    with kb905._lock:
        terms = weighted_terms(kb905.understand("han nop bc kcn"), index.idf, index.max_idf)
    assert "kcn" in terms.weights and "kcn" not in without_identity(index, terms, d).weights


def test_what_goes_along_with_a_case_is_the_sentence_on_that_case(kb905):
    a = kb905.ask("Theo cv 905, dự án có vốn đầu tư nước ngoài thì phải gửi kèm những gì?")
    assert a.confident and "báo cáo tài chính đã kiểm toán" in a.reply


def test_which_forms_are_attached_is_still_the_list_of_forms(kb905):
    # The forms are not in the text here: the reply says the dispatch attaches forms the base lacks.
    a = kb905.ask("cv 905 kèm theo những biểu mẫu nào?")
    assert a.confident and a.kind == "attachments"
    assert "Biểu số 01" in a.reply and "báo cáo tài chính" not in a.reply
