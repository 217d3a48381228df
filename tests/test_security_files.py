"""Any file is safe: hostile and legacy files (tests/hostile_files.py) through the real loader.

Every case is refused with a Vietnamese message naming the limit or the problem, or read into the
expected text; the whole battery, run in a separate process, keeps its peak memory (the loader and
the parsing child processes, measured with ``resource.getrusage``) under 1 GB.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.loaders import LoadError, read_document
from tests.hostile_files import CASES

ROOT = Path(__file__).resolve().parents[1]
GB = 1024 * 1024 * 1024
_VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each case's file, built once for the module (some take a second or two)."""
    base = tmp_path_factory.mktemp("hostile")
    cache: dict[str, Path] = {}

    def get(case) -> Path:
        if case.name not in cache:
            folder = base / case.name
            folder.mkdir()
            cache[case.name] = case.build(folder)
        return cache[case.name]

    return get


_BATTERY = """
import json, resource, sys
from knowledge.loaders import LoadError, read_document
results = {}
for name, path in json.load(sys.stdin):
    try:
        loaded = read_document(path)
        results[name] = {"text": loaded.text, "encoding": loaded.encoding, "certain": loaded.certain}
    except LoadError as exc:
        results[name] = {"error": str(exc)}
# VmHWM is this process's own peak; getrusage(RUSAGE_SELF) would also count the RSS of the (large) pytest
# process it was spawned from, which Linux carries across exec. Children: their largest peak.
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
usage = {"self_kb": hwm, "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}
print(json.dumps({"results": results, "usage": usage}))
"""


@pytest.fixture(scope="module")
def battery(built):
    """Every case read by the real loader in ONE separate process, so its peak memory can be measured."""
    cases = [(c.name, str(built(c))) for c in CASES]
    proc = subprocess.run([sys.executable, "-c", _BATTERY], input=json.dumps(cases), capture_output=True, text=True,
                          cwd=ROOT, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_there_are_at_least_fifty_file_cases():
    assert len(CASES) >= 50 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_is_refused_clearly_or_read(case, built, battery):
    result = battery["results"][case.name]
    name = built(case).name
    if "error" in result:
        message = result["error"]
        assert case.text is None, f"{case.name} refused: {message}"
        assert name in message and set(message.lower()) & _VIETNAMESE, message  # names the file, in Vietnamese
        if case.refused:
            assert case.refused.lower() in message.lower(), message
        return
    text = result["text"]
    assert case.refused is None, f"{case.name} was read ({result['encoding']}), expected refusal"
    if case.text:
        assert case.text in text
    assert "\x00" not in text and "root:x:" not in text


def test_the_loader_in_this_process_agrees(built):
    """The same function, called in-process, on a refused and an accepted case."""
    bomb = next(c for c in CASES if c.name == "bomb-120mb-of-spaces")
    with pytest.raises(LoadError, match="khi giải nén quá lớn"):
        read_document(built(bomb))
    ok = next(c for c in CASES if c.name == "txt-vni-known-bytes")
    assert "Hạnh phúc" in read_document(built(ok)).text


LEGACY_EXPECTED = {"txt-tcvn3": "tcvn3", "txt-tcvn3-known-bytes": "tcvn3", "txt-vni": "vni",
                   "txt-vni-known-bytes": "vni", "txt-windows-1258": "cp1258",
                   "txt-windows-1258-python-codec": "cp1258", "txt-utf16-le-no-bom": "utf-16"}


@pytest.mark.parametrize("name", sorted(LEGACY_EXPECTED))
def test_legacy_encodings_are_named_and_certain(name, battery):
    result = battery["results"][name]
    assert result["encoding"] == LEGACY_EXPECTED[name] and result["certain"]


def test_peak_memory_of_the_whole_battery_stays_under_1_gb(battery):
    usage = battery["usage"]
    print(f"peak RSS: loader {usage['self_kb'] / 1024:.0f} MB, parsing children {usage['children_kb'] / 1024:.0f} MB")
    assert len(battery["results"]) == len(CASES)
    assert usage["self_kb"] * 1024 < GB and usage["children_kb"] * 1024 < GB


def test_the_bot_accepts_what_the_loader_reads():
    from bot import uploads
    from knowledge import loaders

    from bot.office_files import CONVERTIBLE

    assert set(uploads.ACCEPTED_EXTENSIONS) == set(loaders.SUPPORTED) | set(CONVERTIBLE)
    assert uploads.MAX_UPLOAD_BYTES == loaders.MAX_BYTES
