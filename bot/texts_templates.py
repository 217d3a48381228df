"""What the bot and the CLI say about stored templates (drafts from dispatches, review, publication)."""

from __future__ import annotations

from typing import Any

STATUS = {"draft": "bản nháp", "published": "đã công bố"}

NOT_STORED = "Không có mẫu lưu trong cơ sở dữ liệu với mã “{id}” (mẫu có sẵn được sửa trong forms/templates)."
PUBLISHED = "Đã công bố mẫu {id} (phiên bản {version}): {title}. Cán bộ đã có thể điền mẫu này."
PUBLISH_REFUSED = "Chưa công bố được mẫu {id}: {error}"
IMPORTED = "Đã nạp mẫu {id}, phiên bản {version} ({status})."
IMPORT_REFUSED = "Tệp YAML chưa hợp lệ, chưa lưu gì: {error}"
IMPORT_UNREADABLE = "Không đọc được tệp {file}: {error}"
DB_UNAVAILABLE = "Không mở được cơ sở dữ liệu mẫu ({error}); chỉ dùng được các mẫu có sẵn."

INTAKE_HEAD = "Công văn {dispatch}: trích được {count} mẫu nháp."
INTAKE_NONE = "Tệp {name}: không thấy biểu mẫu đính kèm nào."
INTAKE_DRAFT = "• {summary} — mã {id}, phiên bản {version}{change}"
INTAKE_CHANGE = {"new": "", "updated": " (bản trích mới, khác bản trước)",
                 "unchanged": " (không đổi so với bản đã lưu)"}
INTAKE_ISSUE = "    Cần xem lại: {issue}"
INTAKE_MISSING = ("Công văn có nhắc tới {names} nhưng tôi không tìm thấy nội dung mẫu trong tệp. "
                  "Quản trị viên vui lòng gửi tệp mẫu để tôi tạo bản nháp.")
INTAKE_ERROR = "Lỗi: {error}"
INTAKE_NEXT = ("Xem và sửa bản nháp: /sua_mau <mã> ...; công bố: /duyet <mã>; danh sách bản nháp: /bannhap. "
               "Dòng lệnh: baocao template show <mã>, baocao template publish <mã>.")

ADMIN_ONLY = "Lệnh này chỉ dành cho quản trị viên."
DRAFTS_HEADER = "Các mẫu nháp chờ duyệt:"
DRAFTS_NONE = "Không có mẫu nháp nào chờ duyệt."
DRAFT_LINE = "• {id} — {title} (công văn {dispatch}, phiên bản {version})"
ASK_ID = "Xin ông/bà ghi mã mẫu, ví dụ {example}. Gõ /bannhap để xem các mã."
UNKNOWN_ID = "Không có mẫu nháp mã “{id}”. Gõ /bannhap để xem các mã."
EDIT_USAGE = ("Cách sửa mẫu nháp: /sua_mau <mã mẫu> <việc> <mã mục> [giá trị]. Việc: "
              "doi_ten (đổi tên mục), doi_kieu (đổi kiểu: text, longtext, integer, number, money, percent, date), "
              "khong_bat_buoc, bat_buoc, bo (bỏ mục). Cột bảng ghi là <mã bảng>.<mã cột>, ví dụ bang.ghi_chu. "
              "Gắn mẫu với công văn: /sua_mau <mã mẫu> cong_van <số hiệu>.")
EDIT_DONE = "Đã lưu mẫu {id} phiên bản {version}: {what}."
EDIT_UNKNOWN_TARGET = "Mẫu {id} không có mục “{target}”. Gõ /xem_mau {id} để xem mã các mục."
EDIT_REFUSED = "Chưa sửa được: {error}"
EDIT_WHAT = {"rename": "đổi tên {target} thành “{value}”", "retype": "đổi kiểu {target} thành {value}",
             "optional": "{target} không bắt buộc", "required": "{target} bắt buộc", "drop": "bỏ {target}"}
EDIT_DISPATCH = "mẫu thuộc công văn {so_hieu}"
REVIEW_HEAD = "Mẫu nháp {id} (phiên bản {version}) — {title}\nNguồn: công văn {dispatch} › {section}"
REVIEW_DOC = "Bản xem thử của mẫu {id} (file .docx; bảng để trống, các mục khác ghi dữ liệu mẫu)."
PREVIEW_CAPTION = "Trang đầu của mẫu {id}."
MISSING_HEADER = "Các mẫu công văn nói là gửi kèm nhưng chưa có nội dung:"
MISSING_LINE = "• Công văn {dispatch}: “{name}” — văn bản ghi: “{quote}”"
MISSING_INVITE = ("Quản trị viên vui lòng gửi tệp mẫu (.docx, .pdf hoặc .txt) cho bot, hoặc nạp bằng lệnh "
                  "baocao ingest <tệp>; tôi sẽ tạo bản nháp. Nếu tệp không ghi “Kèm theo Công văn số …”, sau khi gửi hãy gắn mẫu với công văn: "
                  "/sua_mau <mã mẫu> cong_van <số hiệu>.")
MISSING_NONE = "Không có mẫu nào còn thiếu: mọi mẫu công văn nói là gửi kèm đều đã có."
MERGE_USAGE = ("Cách gộp hai mục của mẫu nháp: /gop_muc <mã mẫu> <mã mục giữ lại> <mã mục gộp vào> [tên mới]. "
               "Hai mục phải cùng loại (hai câu hỏi, hoặc hai cột của một bảng).")
EDIT_MERGED = "gộp {source} vào {target}"
PROPOSALS_HEADER = "Gợi ý của mô hình ngôn ngữ (chưa áp dụng; gửi lệnh nếu ông/bà đồng ý):"
PROPOSAL_TYPE = "• Cột “{header}”: kiểu {type} — /sua_mau {id} doi_kieu {target} {type}"
PROPOSAL_LABEL = "• Cột “{header}”: tên “{label}” — /sua_mau {id} doi_ten {target} {label}"


def describe_intake(intake: Any) -> str:
    """The per-file summary of ``bot.ingest.FormIntake`` (CLI and chat)."""
    lines: list[str] = []
    if intake.drafts:
        lines.append(INTAKE_HEAD.format(dispatch=intake.dispatch or intake.path.name, count=len(intake.drafts)))
        for stored, summary, issues in intake.drafts:
            t = stored.template
            lines.append(INTAKE_DRAFT.format(summary=summary, id=t.id, version=t.version,
                                             change=INTAKE_CHANGE.get(stored.change, "")))
            lines.extend(INTAKE_ISSUE.format(issue=issue) for issue in issues)
    elif not intake.errors:
        lines.append(INTAKE_NONE.format(name=intake.path.name))
    if intake.missing:
        lines.append(INTAKE_MISSING.format(names=", ".join(f"“{n}”" for n in intake.missing)))
    lines.extend(INTAKE_ERROR.format(error=e) for e in intake.errors)
    if intake.drafts:
        lines.append(INTAKE_NEXT)
    return "\n".join(lines)
