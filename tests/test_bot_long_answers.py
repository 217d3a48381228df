"""A long answer written over several messages ("Viết thêm", one paragraph a message): each paragraph is
acknowledged once (the question is not repeated after each), and paragraphs typed without diacritics are
restored one by one when the answer is stored, while paragraphs typed with diacritics stay as typed."""

from __future__ import annotations

from storage.repo import Store
from tests.terminal_chat import chat

# Mẫu 2 up to I.5 ("Mục tiêu đầu tư"), one message the whole answer; then "viết thêm" collects more.
TO_LONG_TEXT = ["/dien mau2", "Hệ thống A", "Cục B", "Quản lý thuế", "/bo_qua", "Mục tiêu ban đầu của dự án", "viết thêm"]


def stored(store: Store, uid: str, code: str) -> str:
    user = store.get_or_create_user("terminal", uid)
    row = store.list_sessions(user.id, statuses=None)[0]
    return store.answers(row.id, user_id=user.id)[f"HTTT[1].{code}"]


def test_each_collected_paragraph_is_acknowledged_once(store, tmp_path):
    paragraphs = ["Đoạn thứ hai của mục tiêu.", "Đoạn thứ ba của mục tiêu.", "Đoạn thứ tư."]
    text = chat(store, tmp_path, TO_LONG_TEXT + paragraphs, "once")
    tail = text[text.index("Gửi tiếp nội dung"):]
    for n in (2, 3, 4):
        assert tail.count(f"Đã nhận {n} đoạn") == 1, tail
    # the question's label is shown when collecting starts, not again after every paragraph
    assert tail.count("Mục tiêu đầu tư") == 1, tail


def test_paragraphs_typed_without_diacritics_are_restored_one_by_one(store, tmp_path):
    lines = TO_LONG_TEXT + ["Tang cuong ket noi lien thong voi cac so nganh", "Nang cao chat luong dich vu cong", "xong"]
    text = chat(store, tmp_path, lines, "lines")
    value = stored(store, "lines", "I.5")
    first, second, third = value.split("\n")
    assert first == "Mục tiêu ban đầu của dự án"  # typed with diacritics: as typed
    assert second.startswith("Tăng cường kết nối liên thông") and "chất lượng dịch vụ công" in third
    assert "Đã thêm dấu" in text and "Mục tiêu ban đầu" not in text[text.index("Đã thêm dấu"):].split("\n")[0]
    # "giữ nguyên như đã gõ" still gives back exactly what was typed
    chat(store, tmp_path, ["giữ nguyên"], "lines")
    assert stored(store, "lines", "I.5").split("\n")[1] == "Tang cuong ket noi lien thong voi cac so nganh"


def test_a_row_typed_column_by_column_is_restored_when_stored(store, tmp_path):
    """Biểu 04: "thêm", a group, then one column a message typed without diacritics; the row is stored
    with its last message ("bỏ qua" of the optional note) and its text cells go in restored."""
    lines = ["lam bieu 04 nam 2020", "them", "I.1", "Du an nang cap he thong mot cua", "Nang cao chat luong",
             "/bo_qua", "/bo_qua", "/bo_qua", "So Thong tin va Truyen thong", "12 ty", "/bo_qua", "/bo_qua",
             "/bo_qua", "/bo_qua", "bo qua"]
    chat(store, tmp_path, lines, "cols")
    user = store.get_or_create_user("terminal", "cols")
    row = store.list_sessions(user.id, statuses=None)[0]
    table = next(v for v in store.answers(row.id, user_id=user.id).values() if isinstance(v, list))
    cells = table[0]["cells"]
    assert "Dự án nâng cấp hệ thống một cửa" in cells.values()
    assert "Nâng cao chất lượng" in cells.values() and "Sở Thông tin và Truyền thông" in cells.values()
