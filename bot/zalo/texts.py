"""What the Zalo adapter itself says (everything else comes from the conversation's catalogue)."""

ACCESS_DENIED = ("Xin lỗi ông/bà, trợ lý báo cáo chỉ dành cho cán bộ đã được cấp quyền. Ông/bà vui lòng gửi mã "
                 "Zalo sau cho quản trị viên để được thêm vào danh sách: {user_id}")
IMAGE = ("Xin lỗi ông/bà, tôi chưa đọc được hình ảnh. Ông/bà vui lòng gõ nội dung bằng chữ, hỏi về công văn "
         "hoặc gõ /mau để điền báo cáo.")
STICKER = "Cảm ơn ông/bà! Ông/bà có thể hỏi tôi về công văn hoặc gõ /mau để điền báo cáo."
UNSUPPORTED = ("Xin lỗi ông/bà, trên Zalo tôi chỉ đọc được tin nhắn chữ. Ông/bà có thể hỏi về công văn "
               "hoặc gõ /mau để điền báo cáo.")
ADMIN_INGEST = ("Zalo không cho phép gửi tệp cho trợ lý, nên không thể thêm công văn qua Zalo. Ông/bà vui lòng "
                "gửi tệp công văn qua Telegram, hoặc chạy lệnh \"baocao ingest <tệp>\" trên máy chủ.")
DOCUMENT_LINK = ("Tải file .docx \"{name}\" tại đường dẫn sau (dành riêng cho ông/bà, hết hạn lúc {expires}):\n{url}")
DOCUMENT_KEPT = ("Zalo không gửi được tệp .docx và máy chủ chưa có địa chỉ công khai để tải về. Tệp \"{name}\" đã "
                 "được lưu trên máy chủ (thư mục tài liệu, tệp {path}); ông/bà vui lòng nhờ quản trị viên gửi tệp "
                 "này qua thư điện tử hoặc Telegram.")
PREVIEW_CAPTION = "Trang 1 của báo cáo \"{name}\"."
PREVIEW_LINK = "Xem ảnh trang 1: {url}"
