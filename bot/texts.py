"""Every sentence the bot says, in Vietnamese, in one place.

Keeping the wording here (and nowhere else) lets a reviewer check the language in one file and keeps
handlers short. Placeholders use ``str.format`` names.
"""

from __future__ import annotations

from bot.uploads import ACCEPTED_EXTENSIONS
from forms import commands

_TYPES = ", ".join(ACCEPTED_EXTENSIONS)

# /start from someone already welcomed (after a restart of their app, or of the bot): no introduction again.
WELCOME_BACK = "Xin chào {name}! Trợ lý báo cáo sẵn sàng. Gõ /mau để xem các mẫu, /trogiup để xem các lệnh."

# Telegram's hard limit for one message is 4096 characters; we accept at most this much text.
MAX_INPUT_CHARS = 4096

WELCOME = (
    "Xin chào {name}! Tôi là Trợ lý báo cáo.\n"
    "• Ông/bà có thể hỏi về các công văn (hạn nộp, gửi cho ai, biểu mẫu gồm những gì...): tôi trả lời và "
    "trích dẫn số hiệu, ngày, mục của công văn.\n"
    "• Điền báo cáo: gõ /mau để xem các mẫu, hoặc nói \"tôi cần làm biểu 04 năm 2019\". Tôi hỏi lần lượt "
    "từng mục, lưu ngay từng câu trả lời và gửi lại file .docx đúng thể thức Nghị định 30/2020/NĐ-CP.\n"
    "Gõ /trogiup để xem các lệnh."
)

# What each command does, by its name in forms.commands (the one vocabulary); the help text and Telegram's
# command menu are generated from that table, so a new command appears in both (with its label if not here).
COMMAND_NOTES: dict[str, str] = {
    "start": "Bắt đầu, giới thiệu trợ lý",
    "help": "Hướng dẫn sử dụng",
    "templates": "Danh sách mẫu báo cáo",
    "fill": "Điền một mẫu, ví dụ /dien biểu 04 năm 2019",
    "drafts": "Các bản nháp đang làm dở",
    "resume": "Làm tiếp một bản nháp, ví dụ /tiep mẫu 2",
    "profile": "Xem hoặc sửa hồ sơ cơ quan",
    "ask": "Hỏi về công văn, ví dụ /hoi hạn nộp biểu 04",
    "review": "Xem lại các câu đã trả lời",
    "goto": "Sửa một mục theo mã, ví dụ /sua 3.1; một ô của bảng: /sua 1.1 tổng mức 12 tỷ",
    "skip": "Bỏ qua mục không bắt buộc",
    "back": "Quay lại mục trước",
    "pause": "Tạm dừng và lưu bản nháp",
    "cancel": "Hủy bản nháp đang làm",
    "done": "Xong mục hoặc bảng đang nhập",
    "finish": "Hoàn tất và nhận file .docx",
    "write_more": "Viết thêm vào câu trả lời dài vừa gửi",
}
MENU_SCOPES = ("global", "form")


def _command_menu() -> list[tuple[str, str]]:
    """(slash name without "/", description) of every command of forms.commands in MENU_SCOPES."""
    menu = []
    for slash, label in commands.menu(*MENU_SCOPES):
        parsed = commands.parse(slash)
        menu.append((slash.lstrip("/"), COMMAND_NOTES.get(parsed[0], label) if parsed else label))
    return menu


#: Telegram's command menu (name without "/", description).
COMMAND_MENU: list[tuple[str, str]] = _command_menu()
HELP = "\n".join(
    ["Các lệnh:", *(f"/{name} — {note}" for name, note in COMMAND_MENU),
     "Trong khi điền, ông/bà cứ hỏi (ví dụ: \"cột này ghi gì?\", \"hạn nộp khi nào?\"): tôi trả lời rồi hỏi lại "
     "đúng mục đang điền."])

# Terminal-only help: how to send several lines (table rows) as one message.
TERMINAL_MULTILINE_HELP = (
    "Trong terminal: dán nhiều dòng cùng lúc (ví dụ các dòng của bảng) thì chúng được gửi thành một tin nhắn. "
    "Khi nhập qua ống (pipe) hoặc muốn gõ từng dòng, đặt các dòng giữa một dòng <<< và một dòng >>>."
)
# Extra help lines per channel, appended to HELP (data: add a channel here, not in code).
CHANNEL_HELP: dict[str, str] = {"terminal": TERMINAL_MULTILINE_HELP + "\nGõ /thoat để thoát."}
TERMINAL_BANNER = "Trợ lý báo cáo — trò chuyện trong terminal. File .docx được lưu tại: {documents}"

# Small talk (greetings, thanks, "ok", goodbyes): outside a form, a friendly reply and what to do next.
SMALL_TALK_IDLE: dict[str, str] = {
    "greeting": "Chào {name}! Tôi có thể:\n"
                "• trả lời câu hỏi về công văn, ví dụ: \"hạn nộp báo cáo hàng tháng là ngày nào?\";\n"
                "• giúp ông/bà điền báo cáo: gõ /mau để chọn mẫu, hoặc nói \"tôi cần làm mẫu 2\".",
    "thanks": "Không có gì ạ. Khi cần, ông/bà cứ hỏi về công văn hoặc gõ /mau để làm báo cáo.",
    "ack": "Vâng. Ông/bà cần gì tiếp theo? Xin đặt câu hỏi về công văn, hoặc gõ /mau để làm báo cáo.",
    "bye": "Tạm biệt {name}! Mọi nội dung ông/bà đã nhập đều được lưu; lần sau gõ /nhap để làm tiếp bản nháp.",
}
# Small talk while a form is open: a short line, then the current field is asked again.
SMALL_TALK_FORM: dict[str, str] = {
    "greeting": "Chào {name}! Ông/bà đang điền \"{title}\"; tôi xin hỏi lại mục hiện tại:",
    "thanks": "Không có gì ạ. Mời ông/bà tiếp tục \"{title}\":",
    "ack": "Vâng. Mời ông/bà tiếp tục \"{title}\":",
    "bye": "Tạm biệt {name}! Bản nháp \"{title}\" đã được lưu; lần sau ông/bà làm tiếp từ mục này:",
}
SMALL_TALK_PROFILE = "Ông/bà đang nhập hồ sơ cơ quan; tôi xin hỏi lại mục hiện tại:"
PROFILE_RESUMED = "Ông/bà đang nhập dở hồ sơ cơ quan; mời ông/bà làm tiếp:"

UNKNOWN_COMMAND = "Tôi không biết lệnh {command}. Gõ /trogiup để xem các lệnh."
UNSUPPORTED_CONTENT = (f"Xin lỗi, tôi chỉ đọc được tin nhắn chữ và tệp công văn ({_TYPES}). "
                       "Xin ông/bà gõ nội dung bằng chữ.")
TOO_LONG = (
    "Tin nhắn dài {length} ký tự, vượt giới hạn {limit} ký tự. Tôi chưa lưu gì từ tin nhắn này. "
    "Xin ông/bà chia thành nhiều tin nhắn ngắn hơn."
)
EMPTY_INPUT = "Tin nhắn trống. Xin ông/bà gõ câu trả lời hoặc câu hỏi."
ACCESS_DENIED = "Xin lỗi, tài khoản của ông/bà chưa được cấp quyền dùng trợ lý này. Xin liên hệ quản trị viên."
EDIT_NOT_APPLIED = ("Tôi chỉ áp dụng việc sửa tin nhắn chứa câu trả lời vừa lưu; nội dung sửa trong tin nhắn này "
                    "chưa được áp dụng, câu trả lời đã lưu giữ nguyên. Nếu cần sửa, xin ông/bà gửi /sua kèm mã mục "
                    "(ví dụ /sua I.2) rồi gửi nội dung đúng.")
EDIT_APPLIED = "Đã sửa câu trả lời mục {code} theo tin nhắn ông/bà vừa chỉnh; bản gửi lần đầu vẫn được lưu lại."
EDIT_REFUSED = "Chưa sửa được câu trả lời mục {code}: {reason} Câu trả lời đã lưu giữ nguyên."
EDIT_SAME_VALUE = "nội dung sửa giống câu trả lời đã lưu."
OPEN_PRIVATE_CHAT = ("Tôi cần gửi phần trả lời riêng cho ông/bà nhưng chưa gửi được vì ông/bà chưa mở trò chuyện "
                     "riêng với tôi. Xin ông/bà mở trò chuyện riêng với tôi, bấm Bắt đầu (/start), rồi gửi lại tin nhắn.")
RATE_LIMITED = ("Ông/bà gửi tin nhắn nhanh quá nên tôi tạm chưa xử lý các tin vừa rồi. Xin ông/bà chờ khoảng "
                "một phút rồi gửi lại phần chưa được trả lời.")
INTERNAL_ERROR = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Những gì ông/bà đã nhập trước đó vẫn được lưu. Xin ông/bà thử lại."
# Storage errors by kind (storage.errors.ErrorKind value) and whether a write was refused.
STORAGE_ERRORS: dict[tuple[str, bool], str] = {
    ("failed", True): "Hệ thống lưu trữ gặp sự cố, câu trả lời của ông/bà chưa được lưu. "
                      "Xin gửi lại sau ít phút hoặc báo quản trị viên.",
    ("failed", False): "Hệ thống lưu trữ gặp sự cố. Xin thử lại sau ít phút hoặc báo quản trị viên.",
    ("busy", True): "Hệ thống lưu trữ đang bận, câu trả lời của ông/bà chưa được lưu. Xin gửi lại sau ít phút.",
    ("busy", False): "Hệ thống lưu trữ đang bận. Xin thử lại sau ít phút.",
    ("unavailable", True): "Hệ thống lưu trữ đang tạm ngừng hoạt động, câu trả lời của ông/bà chưa được lưu. "
                           "Xin gửi lại sau ít phút hoặc báo quản trị viên.",
    ("unavailable", False): "Hệ thống lưu trữ đang tạm ngừng hoạt động. Xin thử lại sau ít phút hoặc báo quản trị viên.",
    ("corrupt", True): "Cơ sở dữ liệu của hệ thống đang bị lỗi, câu trả lời của ông/bà chưa được lưu. "
                       "Xin báo quản trị viên.",
    ("corrupt", False): "Cơ sở dữ liệu của hệ thống đang bị lỗi. Xin báo quản trị viên.",
    ("not_found", True): "Không tìm thấy bản nháp này, thao tác chưa được thực hiện. "
                         "Gõ /nhap để xem các bản nháp của ông/bà.",
    ("not_found", False): "Không tìm thấy bản nháp này. Gõ /nhap để xem các bản nháp của ông/bà.",
}


def storage_error(kind: object, write: bool = True) -> str:
    """The chat text for a storage error of ``kind`` (an ``ErrorKind`` or its value)."""
    key = str(getattr(kind, "value", kind))
    return STORAGE_ERRORS.get((key, bool(write)), STORAGE_UNAVAILABLE)


STORAGE_UNAVAILABLE = (
    "Xin lỗi, cơ sở dữ liệu đang tạm thời không dùng được nên tôi chưa lưu được tin nhắn này. "
    "Các câu trả lời trước đó vẫn an toàn. Xin ông/bà gửi lại sau ít phút."
)

# Forms
FORM_LIST_HEADER = "Các mẫu báo cáo (chọn một mẫu để bắt đầu điền, hoặc gõ /dien và tên mẫu, ví dụ /dien biểu 04):"
FORM_LIST_EMPTY = "Hiện chưa có mẫu báo cáo nào."
FORM_WHICH_DISPATCH = "Có nhiều mẫu cùng tên “{title}” theo các công văn khác nhau. Ông/bà muốn điền mẫu của công văn nào?"
FORM_DISPATCH_CHOICE = "Công văn {dispatch}: {title}"
FORM_NOT_FOUND = "Tôi không tìm thấy mẫu \"{query}\". Gõ /mau để xem danh sách mẫu."
FORM_ASK_WHICH = "Ông/bà muốn điền mẫu nào? Xin chọn một mẫu dưới đây, hoặc gõ tên mẫu, ví dụ /dien biểu 04."
FORM_STARTED = "Bắt đầu điền {title}. Mọi câu trả lời được lưu ngay; gõ /tam_dung để tạm dừng, /trogiup để xem các lệnh."
FORM_RESUMED = "Tiếp tục bản nháp {title}."
NO_ACTIVE_FORM = "Ông/bà chưa có bản nháp nào đang điền. Gõ /mau để chọn mẫu hoặc /nhap để xem các bản nháp."
PAUSED = "Đã tạm dừng và lưu bản nháp \"{title}\". Gõ /nhap để xem các bản nháp, /tiep {number} để làm tiếp."
CANCEL_CONFIRM = "Ông/bà có chắc muốn hủy bản nháp \"{title}\"? Các câu trả lời của bản nháp này sẽ không được dùng nữa."
CANCELLED = "Đã hủy bản nháp \"{title}\"."
CANCEL_KEPT = "Đã giữ lại bản nháp. Mời ông/bà tiếp tục."
DRAFTS_HEADER = "Các bản nháp của ông/bà:"
# One draft: template, its first answer, progress, when it last changed (Vietnam time).
DRAFT_DESCRIPTION = "{title}{first} — đã trả lời {answered}/{total} câu, sửa lúc {changed}"
DRAFT_FIRST = " «{first}»"
DRAFT_ITEM = "{number}. {description}{open}"
DRAFT_LINE = "• {description}"
DRAFT_CHOICE = "Làm tiếp {title}"
STATUS_OPEN_SUFFIX = " (đang mở)"
RETURN_DRAFTS = "Ông/bà còn {count} bản nháp chưa xong:"
OTHER_DRAFTS = " Ông/bà còn {count} bản nháp khác cùng mẫu: gõ /nhap để xem."
NO_DRAFT_OF = "Ông/bà không có bản nháp {title} nào đang làm dở."
BTN_START_NEW = "Bắt đầu bản mới"
PAUSED_EMPTY = "Bản nháp \"{title}\" chưa có câu trả lời nào nên không lưu lại."
NO_DRAFTS = "Ông/bà chưa có bản nháp nào. Gõ /mau để bắt đầu một báo cáo."
DRAFT_NOT_FOUND = "Không có bản nháp số {number}. Gõ /nhap để xem danh sách."
DRAFT_FINISHED = "Bản nháp \"{title}\" đã hoàn tất, không sửa tiếp được nữa. Gõ /mau để bắt đầu báo cáo mới."
DRAFT_CANCELLED = "Bản nháp này đã bị hủy. Gõ /nhap để xem các bản nháp còn lại."
STALE_BUTTON = "Lựa chọn này thuộc một tin nhắn cũ, không còn dùng được. Tôi xin nhắc lại mục đang điền:"
STALE_BUTTON_IDLE = "Lựa chọn này thuộc một tin nhắn cũ, không còn dùng được. Gõ /nhap để xem các bản nháp hoặc /mau để chọn mẫu."
SWITCHED_DRAFT = "Bản nháp \"{title}\" được lưu lại; gõ /nhap để quay lại sau."
QUESTION_REASK = "Quay lại mục đang điền:"
DEFAULT_NAME = "ông/bà"  # how the bot addresses a user whose name it does not know
CHANGED_AT = "{hour:02d}:{minute:02d} ngày {day}/{month}{year}"  # when a draft last changed (Vietnam time)
# Familiar forms of address typed before a person's name (folded) and the formal form the bot echoes.
FORMAL_ADDRESS = {"anh": "ông", "a": "ông", "chi": "bà", "c": "bà", "em": "", "e": "", "ban": ""}
# The open question again in one line, after a side question (nothing was stored).
REASK_FIELD = "Mời ông/bà trả lời tiếp mục {code}. {label}."
REASK_NAMED = "Mời ông/bà trả lời tiếp mục “{label}”."
REASK_COLUMN = "Mời ông/bà ghi tiếp cột “{label}” của dòng đang nhập."
REASK_PROFILE = "Mời ông/bà trả lời tiếp câu hỏi về hồ sơ cơ quan:"
ASK_WHAT = "Ông/bà muốn hỏi gì? Ví dụ: /hoi hạn nộp báo cáo hàng tháng là ngày nào?"

# Side answers
ANSWER_NOT_AVAILABLE = "Xin lỗi, phần tra cứu công văn đang chưa sẵn sàng. Xin ông/bà hỏi lại sau."
FIELD_HELP_HEADER = "Mục {code} — {label}:"
FIELD_SOURCE = "Trích công văn: \"{quote}\""

# Export
REVIEW_HEADER = "Xem lại trước khi xuất file:"
EXPORT_CONFIRM = "Kiểm tra lại các câu trả lời ở trên. Xuất file .docx ngay?"
EXPORT_DONE = "Đây là báo cáo \"{title}\" (file .docx)."
EXPORT_DEADLINE = "Hạn nộp theo công văn {so_hieu}: {deadline}."
EXPORT_DEADLINE_QUOTE = "Công văn ghi: “{sentence}”"
EXPORT_DEADLINE_PAST = "Lưu ý: hạn này đã qua ({date}). Ông/bà nên gửi ngay và báo với nơi nhận nếu cần."
EXPORT_DEADLINE_NEXT = "Lần nộp tới: {date}."
EXPORT_HOW = "Cách gửi: {how}."
EXPORT_RECIPIENT = "Nơi nhận: {to}."
# The "Cách gửi" line, chosen from what the dispatch says (paper + soft copy, a file by e-mail, ...).
HOW_PAPER_AND_SOFT = "gửi văn bản về {to}, đồng thời gửi bản mềm về {emails}"
HOW_SOFT = "gửi bản mềm về {emails}"
HOW_FILE_BY_EMAIL = "{fmt} qua thư điện tử {emails}"
HOW_BY_EMAIL = "gửi qua thư điện tử {emails}"
HOW_TO = "gửi về {to}"
EXPORT_FAILED = "Xin lỗi, tôi chưa tạo được file: {reason}. Các câu trả lời vẫn được lưu; gõ /xong để thử lại."
TERMINAL_SAVED = "Đã lưu file: {path}"

# Profile
PROFILE_INTRO = "Để in phần đầu và phần ký của văn bản, tôi cần hồ sơ cơ quan của ông/bà (chỉ hỏi một lần, sửa lại bằng /hoso)."
PROFILE_QUESTIONS = {
    "co_quan_chu_quan": "Tên cơ quan chủ quản (cấp trên trực tiếp), ví dụ: UBND TỈNH BẮC NINH. Gõ /bo_qua nếu không có.",
    "co_quan": "Tên cơ quan ban hành báo cáo, ví dụ: SỞ THÔNG TIN VÀ TRUYỀN THÔNG.",
    "so_ky_hieu": "Ký hiệu viết tắt của cơ quan dùng trong số văn bản, ví dụ: STTTT.",
    "dia_danh": "Địa danh ghi ở dòng ngày tháng, ví dụ: Bắc Ninh.",
    "nguoi_ky": "Họ tên người ký, ví dụ: Nguyễn Văn A.",
    "chuc_vu": "Chức vụ của chính người ký, ví dụ: Giám đốc hoặc Phó Giám đốc.",
    "tham_quyen": "Người ký là thủ trưởng hay ký thay? Gõ số:\n1. Thủ trưởng ký\n2. Cấp phó ký thay thủ trưởng (KT.)\n"
                  "3. Thay mặt tập thể lãnh đạo (TM.)\n4. Thừa lệnh (TL.)\n5. Thừa ủy quyền (TUQ.)\n"
                  "6. Quyền cấp trưởng (Q.)\nGõ /bo_qua để bỏ qua.",
    "ky_thay": "Chức danh của thủ trưởng (hoặc tập thể) được ký thay, ví dụ: Giám đốc. Gõ /bo_qua để bỏ qua.",
    "nguoi_lien_he": "Người liên hệ khi cần trao đổi về báo cáo. Gõ /bo_qua để bỏ qua.",
    "dien_thoai": "Số điện thoại liên hệ. Gõ /bo_qua để bỏ qua.",
    "email": "Thư điện tử liên hệ. Gõ /bo_qua để bỏ qua.",
    "noi_nhan": "Nơi nhận (mỗi nơi cách nhau bởi dấu chấm phẩy), ví dụ: Bộ TT&TT; Lưu: VT.",
}
PROFILE_SHOW = "Hồ sơ cơ quan hiện tại:\n{lines}\nGõ /hoso sua để nhập lại."
PROFILE_EMPTY = "Ông/bà chưa có hồ sơ cơ quan."
PROFILE_SAVED = "Đã lưu hồ sơ cơ quan."
PROFILE_RESTORED = "Đã ghi {label}: {value} (đã thêm dấu; nếu chưa đúng, sửa bằng /hoso sua)."
PROFILE_REQUIRED = "Mục này bắt buộc, xin ông/bà nhập."
PROFILE_LABELS = {
    "co_quan_chu_quan": "Cơ quan chủ quản",
    "co_quan": "Cơ quan",
    "so_ky_hieu": "Ký hiệu",
    "dia_danh": "Địa danh",
    "nguoi_ky": "Người ký",
    "chuc_vu": "Chức vụ",
    "noi_nhan": "Nơi nhận",
    "tham_quyen": "Thẩm quyền ký",
    "ky_thay": "Ký thay cho",
    "nguoi_lien_he": "Người liên hệ",
    "dien_thoai": "Điện thoại",
    "email": "Thư điện tử",
}
PROFILE_TOO_LONG = "Quá dài (tối đa {limit} ký tự)."
PROFILE_BAD_AUTHORITY = "Tôi chưa hiểu thẩm quyền ký. Xin gõ một số từ 1 đến 6 (hoặc KT, TM, TL, TUQ, Q)."
PROFILE_STOPPED = "Đã dừng nhập hồ sơ. Những mục đã nhập vẫn được lưu."
BTN_EDIT_PROFILE = "Sửa hồ sơ"

# "giống tháng trước"
SAME_NO_PREVIOUS = "Ông/bà chưa có báo cáo đã hoàn tất nào{which} để chép lại. Gõ /mau để bắt đầu báo cáo mới."
SAME_DIFF_HEADER = "Báo cáo mới \"{title}\" được chép từ báo cáo hoàn tất ngày {date}. Những mục sẽ chép:"
SAME_DIFF_ITEM = "• {code} {label}: {value}"
SAME_DIFF_REENTER = "• {code} {label}: {value} → cần nhập lại (thời gian báo cáo)"
SAME_LIST_VALUE = "{count} mục"
SAME_WHICH = " của {title}"
SAME_CONFIRM = "Dùng các câu trả lời trên cho báo cáo mới? Ông/bà vẫn có thể sửa từng mục bằng /sua."
SAME_CREATED = "Đã tạo bản nháp mới từ báo cáo trước."
SAME_DECLINED = "Đã bỏ, không tạo bản nháp mới."

# Files
FILE_REFUSED = "Cảm ơn ông/bà đã gửi tệp. Tuy nhiên chỉ quản trị viên mới được thêm công văn vào kho tra cứu, nên tôi không lưu tệp này."
FILE_BAD_TYPE = f"Tôi chỉ nhận công văn dạng {_TYPES} (tệp ông/bà gửi: {{name}})."
FILE_TOO_BIG = "Tệp quá lớn ({size} MB, tối đa {limit} MB)."
FILE_INGESTED = "Đã thêm vào kho tra cứu: {added} tệp mới, {unchanged} tệp không đổi."
FILE_INGEST_ERRORS = "Không đọc được: {errors}"
FILE_INGEST_UNAVAILABLE = "Kho tra cứu chưa sẵn sàng nên tôi chưa thêm được tệp này."

# Reminders
REMINDER = "Nhắc việc: bản nháp \"{title}\" chưa hoàn tất. Hạn nộp theo công văn {so_hieu}: {deadline}. Gõ /tiep {number} để làm tiếp."

# Buttons
BTN_BACK = "Quay lại"
BTN_PAUSE = "Tạm dừng"
BTN_YES = "Đồng ý"
BTN_NO = "Không"
BTN_CONTINUE = "Làm tiếp"
BTN_EXPORT = "Xuất file .docx"
BTN_CANCEL_YES = "Hủy bản nháp"
BTN_CANCEL_NO = "Giữ lại"

# ---- diacritics restoration of a free-text answer (issue 9) ----
# Stored with diacritics at once (the typed text kept as the earlier revision), with an undo.
RESTORE_APPLIED = "Đã thêm dấu cho mục {code}: «{text}». Nếu chưa đúng, xin chọn “Sửa lại” hoặc “Giữ nguyên như đã gõ”."
RESTORE_CELLS = "(Đã thêm dấu cho các ô chữ; nếu ô nào chưa đúng, gõ ví dụ “dòng 1 tên dự án …” để sửa.)"
RESTORE_APPLIED_SHORT = "(Đã thêm dấu; nếu chưa đúng, xin chọn “Sửa lại” hoặc “Giữ nguyên như đã gõ”.)"
RESTORE_KEEP_TYPED = "giữ nguyên"  # what the user may type instead of choosing
RESTORE_EDIT_TYPED = "sửa lại"
RESTORE_ASK_CORRECTION = "Ông/bà gõ lại nội dung đúng cho mục {code}:"
RESTORE_ACCEPTED = "Mục {code} giữ bản có dấu."
RESTORE_CORRECTED = "Đã ghi mục {code} theo nội dung ông/bà sửa."
RESTORE_KEPT = "Giữ nguyên mục {code} như đã gõ."
RESTORE_PREVIEW_MAX = 1500
BTN_RESTORE_CORRECT = "Sửa lại"
BTN_RESTORE_KEEP = "Giữ nguyên như đã gõ"
