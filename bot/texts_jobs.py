"""What the bot says about dispatch files ingested in the background (``bot/ingest_jobs.py``)."""

from __future__ import annotations

CANCEL_COMMAND = "huy_nhap_file"
STATUS_COMMAND = "tien_do_nhap_file"
ENCODING_COMMAND = "ma_hoa"

JOB_QUEUED = ("Đã nhận tệp “{name}”. Việc đưa tệp vào kho tra cứu chạy ở chế độ nền; tôi sẽ báo tiến độ "
              "vài giây một lần. Trong lúc đó ông/bà và mọi người vẫn dùng bot bình thường. "
              "Muốn dừng, gửi /" + CANCEL_COMMAND + ".")
JOB_READING = "Đang đọc tệp “{name}”."
JOB_EMBEDDING = "Đang lập chỉ mục tệp “{name}”: đã xử lý {done}/{total} đoạn."
JOB_FORMS = "Đang tìm các biểu mẫu kèm theo trong tệp “{name}”."
JOB_RESUMED = "Tiếp tục nhập tệp “{name}” (lần thứ {attempt}) sau khi tiến trình trước bị dừng đột ngột."
JOB_DONE = "Đã nhập xong tệp “{name}” vào kho tra cứu ({seconds} giây): {added} tệp mới, {unchanged} tệp không đổi."
JOB_ERRORS = "Không đọc được: {errors}"
JOB_FAILED = "Không nhập được tệp “{name}”: {error}. Những gì đã có trong kho tra cứu vẫn giữ nguyên."
JOB_GAVE_UP = "đã thử {attempts} lần, lần nào tiến trình cũng bị dừng"
JOB_CANCELLED = "Đã dừng nhập tệp “{name}”. Kho tra cứu giữ nguyên như trước khi gửi tệp."
JOB_CANCEL_ASKED = "Đã yêu cầu dừng nhập {count} tệp: {names}. Tôi sẽ báo khi đã dừng."
JOB_NONE_OPEN = "Hiện không có tệp nào đang được nhập."
JOB_STATUS_LINE = "• “{name}”: {state}{progress}"
JOB_STATES = {"queued": "đang chờ", "running": "đang nhập", "done": "đã xong", "failed": "không nhập được",
              "cancelled": "đã dừng"}
JOB_STATUS_HEAD = "Các tệp gửi gần đây:"
ADMIN_ONLY = "Lệnh này chỉ dành cho quản trị viên."

ENCODING_CHECK = ("Tệp “{name}” là văn bản theo bảng mã cũ; tôi đoán là {encoding} nhưng chưa chắc chắn. "
                  "Mấy dòng đầu đọc theo bảng mã này:\n\n{lines}\n\n"
                  "Nếu đọc đúng, xin ông/bà gửi /" + ENCODING_COMMAND + " để đưa tệp vào kho tra cứu. "
                  "Nếu chữ bị lỗi, xin gửi /" + ENCODING_COMMAND + " kèm tên bảng mã khác ({others}) để xem lại; "
                  "muốn bỏ tệp này, gửi /" + CANCEL_COMMAND + ".")
ENCODING_NONE_HELD = "Hiện không có tệp nào đang chờ ông/bà xác nhận bảng mã."
ENCODING_UNKNOWN = "Tôi không biết bảng mã “{name}”. Xin ông/bà chọn một trong các bảng mã: {names}."
ENCODING_DROPPED = "Đã bỏ tệp “{name}”; tệp này chưa được đưa vào kho tra cứu."

# .doc / .odt / .rtf arriving (bot/office_files.py)
CONVERT_UNAVAILABLE = ("Tệp “{name}” là định dạng Word cũ (hoặc .odt/.rtf); máy chủ chưa cài LibreOffice để chuyển "
                       "sang .docx. Xin ông/bà mở tệp trong Word, chọn Lưu thành (Save As) .docx rồi gửi lại.")
CONVERT_FAILED = ("Không chuyển được tệp “{name}” sang .docx (tệp có thể hỏng hoặc có mật khẩu). Xin ông/bà mở "
                  "tệp trong Word, lưu thành .docx rồi gửi lại.")
