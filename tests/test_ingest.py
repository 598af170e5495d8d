"""Ingest: decoding, transcript/notes detection, metrics parsing and the loader's errors."""

from __future__ import annotations

import codecs
import importlib
import io
import random
import subprocess
import sys
from pathlib import Path

import pytest
from charset_normalizer import from_bytes

from retro_ai.errors import InputError, MissingInputError
from retro_ai.ingest import Line, MetricRow, Source, decode, load_sources
from retro_ai.ingest.metrics import parse_metrics
from retro_ai.ingest.transcript import detect_transcript, parse_transcript, split_speaker

# `retro_ai.ingest.decode` the attribute is the function; the module is reached this way.
decode_module = importlib.import_module("retro_ai.ingest.decode")
loader_module = importlib.import_module("retro_ai.ingest.loader")

GOAL_ZH = "目标：用户满意度提升10%\n结果：提升8%\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def lines_of(*rows: str) -> str:
    """File text from explicit rows, so a test reads its own line numbers off the list."""
    return "\n".join(rows) + "\n"


# --- decode -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("Goal: 复盘 v2\r\nOwner: Ann\r\n".encode(), "utf-8", "Goal: 复盘 v2\nOwner: Ann\n"),
        (codecs.BOM_UTF8 + "Résumé\n".encode(), "utf-8-sig", "Résumé\n"),
        (codecs.BOM_UTF16_LE + "复盘\rnotes".encode("utf-16-le"), "utf-16", "复盘\nnotes"),
        (codecs.BOM_UTF16_BE + "复盘 notes\n".encode("utf-16-be"), "utf-16", "复盘 notes\n"),
        (codecs.BOM_UTF32_LE + "复盘\n".encode("utf-32-le"), "utf-32", "复盘\n"),
        (GOAL_ZH.encode("gb18030"), "gb18030", GOAL_ZH),
        (GOAL_ZH.encode("gbk"), "gb18030", GOAL_ZH),
        ("负责人：张三".encode("gb2312"), "gb18030", "负责人：张三"),
    ],
    ids=[
        "utf8-crlf",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf32le-bom",
        "gb18030",
        "gbk",
        "gb2312",
    ],
)
def test_decode_encodings(data: bytes, encoding: str, text: str) -> None:
    assert decode(data, "f.txt") == (text, encoding)


def test_decode_strips_a_stray_bom_character_after_decoding() -> None:
    assert decode("\ufeffhello".encode("gb18030"), "f.txt") == ("hello", "gb18030")


def _undecodable() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(200))


def test_undecodable_sample_really_defeats_every_decoder() -> None:
    data = _undecodable()
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)
    assert from_bytes(data).best() is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "in.txt: file is empty"),
        (b"  \n\t\r\n  ", "in.txt: file is empty"),
        (codecs.BOM_UTF8 + b"\n\n", "in.txt: file is empty"),
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "in.txt: file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "in.txt: looks like a binary file"),
        (b"\x01\x02\x03\x04\x05\x06abc", "in.txt: looks like a binary file"),
        (_undecodable(), "in.txt: cannot decode: not UTF-8, UTF-16 or GB18030 text"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "in.txt: cannot decode"),
    ],
    ids=[
        "empty",
        "whitespace",
        "bom-only",
        "utf16-blank",
        "png",
        "controls",
        "undecodable",
        "bad-after-bom",
    ],
)
def test_decode_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "in.txt")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_decode_refuses_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode_module, "MAX_BYTES", 10)
    assert decode(b"0123456789", "ok.txt")[0] == "0123456789"
    with pytest.raises(InputError, match=r"^big\.txt: file is too large \(11 bytes > 10 bytes\)$"):
        decode(b"0123456789A", "big.txt")


def test_size_message_is_in_megabytes() -> None:
    decode_module.check_size(decode_module.MAX_BYTES, "edge.txt")
    with pytest.raises(InputError, match=r"^huge\.log: file is too large \(25\.5 MB > 20 MB\)$"):
        decode_module.check_size(int(25.5 * 1024 * 1024), "huge.log")


def test_loader_refuses_too_large_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "notes.txt", "x" * 64)
    monkeypatch.setattr(decode_module, "MAX_BYTES", 32)
    monkeypatch.setattr(loader_module, "decode", lambda *a: pytest.fail("decoded anyway"))
    with pytest.raises(InputError, match=r"file is too large \(64 bytes > 32 bytes\)"):
        load_sources([path])


# --- loader: paths, stdin, ids ------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.md")
    with pytest.raises(MissingInputError, match=r"nope\.md: no such file$"):
        load_sources([path])


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match=r": is a directory, not a file$"):
        load_sources([str(tmp_path)])


def test_unreadable_file_reports_the_os_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "locked.txt", "secret")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(loader_module, "open", refuse, raising=False)
    with pytest.raises(MissingInputError, match=r"locked\.txt: cannot read: Permission denied$"):
        load_sources([path])


def test_no_paths() -> None:
    with pytest.raises(InputError, match="^no input files given$"):
        load_sources([])


def test_stdin_bytes_are_read_for_dash() -> None:
    (source,) = load_sources(["-"], stdin=b"Goal: ship\n\nOwner: Ann\n")
    assert (source.id, source.name, source.type, source.encoding) == (
        "S1",
        "<stdin>",
        "notes",
        "utf-8",
    )
    assert source.lines == [Line(1, "Goal: ship"), Line(3, "Owner: Ann")]


def test_stdin_falls_back_to_process_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO(GOAL_ZH.encode("gb18030"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    (source,) = load_sources(["-"])
    assert source.encoding == "gb18030"
    assert [line.text for line in source.lines] == ["目标：用户满意度提升10%", "结果：提升8%"]


def test_several_files_get_ids_in_order(tmp_path: Path) -> None:
    notes = write(tmp_path, "notes.md", "# Retro\n\n- went well: CI\n")
    metrics = write(tmp_path, "m.csv", "metric,target,actual\nDAU,100,90\n")
    vtt = write(tmp_path, "call.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>hi\n")
    log = write(tmp_path, "build.log", "step 1 ok\nstep 2 failed\n")
    sources = load_sources([Path(notes), metrics, vtt, "-", log], stdin=b"plain words\n")
    assert [(s.id, s.name, s.type) for s in sources] == [
        ("S1", notes, "notes"),
        ("S2", metrics, "metrics"),
        ("S3", vtt, "transcript"),
        ("S4", "<stdin>", "notes"),
        ("S5", log, "notes"),
    ]
    assert all(isinstance(s, Source) for s in sources)


def test_notes_keep_original_numbering_and_text(tmp_path: Path) -> None:
    text = lines_of("Goal: raise NPS to 40  ", "", "Owner: Ann", "   ", "- Lesson: test earlier")
    (source,) = load_sources([write(tmp_path, "retro.txt", text)])
    assert source.type == "notes"
    assert source.lines == [
        Line(1, "Goal: raise NPS to 40  "),
        Line(3, "Owner: Ann"),
        Line(5, "- Lesson: test earlier"),
    ]
    assert source.metrics == []


def test_ingest_imports_no_model_sdk() -> None:
    code = (
        "import sys, retro_ai.ingest; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('openai', 'langchain_core')]; "
        "assert not bad, bad"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_decode_error_names_the_path(tmp_path: Path) -> None:
    path = write(tmp_path, "shot.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match=rf"^{path}: looks like a binary file, not text$"):
        load_sources([path])


# --- transcripts --------------------------------------------------------------------------------

VTT = lines_of(
    "WEBVTT - weekly retro",  # 1
    "Kind: captions",  # 2
    "",  # 3
    "STYLE",  # 4
    "::cue { color: white }",  # 5
    "",  # 6
    "NOTE exported by the meeting tool",  # 7
    "Alice: this note is not speech",  # 8
    "",  # 9
    "intro-1",  # 10
    "00:00:01.000 --> 00:00:04.000 align:start position:10%",  # 11
    "<v Alice Chen>We shipped <i>two</i> days late",  # 12
    "because of the <c.yellow>review</c> queue</v>",  # 13
    "",  # 14
    "01:02.500 --> 01:05.000",  # 15
    "<v.loud Bob>Q&amp;A <00:01:03.000>next time</v>",  # 16
    "",  # 17
    "00:01:06.000 --> 00:01:08.000",  # 18
    "Carol: plain prefix speaker",  # 19
    "no speaker here",  # 20
)


def test_vtt_cues_voices_and_line_numbers() -> None:
    assert detect_transcript(VTT, ".txt") == "vtt"
    assert parse_transcript(VTT, "vtt") == [
        Line(12, "We shipped two days late", "Alice Chen", "00:00:01.000"),
        Line(13, "because of the review queue", "Alice Chen", "00:00:01.000"),
        Line(16, "Q&A next time", "Bob", "01:02.500"),
        Line(19, "plain prefix speaker", "Carol", "00:01:06.000"),
        Line(20, "no speaker here", None, "00:01:06.000"),
    ]


def test_vtt_loaded_through_loader_keeps_display(tmp_path: Path) -> None:
    (source,) = load_sources([write(tmp_path, "call.vtt", VTT)])
    assert source.type == "transcript"
    assert source.lines[0].display() == "[00:00:01.000] Alice Chen: We shipped two days late"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "00:00:01.000 --> 00:00:02.000\nhello\n",
            "call.vtt: not a WebVTT file: missing WEBVTT header",
        ),
        ("WEBVTT\n\n1\n00:01 --> 00:02\nhello\n", "call.vtt: line 4: malformed WebVTT timing line"),
        ("WEBVTT\n\norphan text\n", "call.vtt: line 3: expected a WebVTT cue timing line"),
        ("WEBVTT\n\nNOTE only a note\n", "call.vtt: WebVTT file has no cue text"),
    ],
    ids=["no-header", "bad-timing", "no-timing", "no-cues"],
)
def test_vtt_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_sources([write(tmp_path, "call.vtt", text)])
    assert str(caught.value).startswith(str(tmp_path / message))


SRT = lines_of(
    "1",  # 1
    "00:00:01,000 --> 00:00:04,000",  # 2
    "Alice: We missed the <b>deadline</b>.",  # 3
    "Bob: Because QA started late",  # 4
    "",  # 5
    "2",  # 6
    "00:00:05,500 --> 00:00:07,000 X1:10 X2:20",  # 7
    "{\\an8}Well, honestly: nobody owned it",  # 8
    "",  # 9
    "continued after a stray blank line",  # 10
)


def test_srt_with_speakers() -> None:
    assert detect_transcript(SRT, "") == "srt"
    assert parse_transcript(SRT, "srt") == [
        Line(3, "We missed the deadline.", "Alice", "00:00:01,000"),
        Line(4, "Because QA started late", "Bob", "00:00:01,000"),
        Line(8, "Well, honestly: nobody owned it", None, "00:00:05,500"),
        Line(10, "continued after a stray blank line", None, "00:00:05,500"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "1\n00:00:01,000 --> 00:00:04,000\nhi\n\n2\n00:00:05 --> 00:00:06\nyo\n",
            "line 6: malformed SRT timing line",
        ),
        ("1\nhello there\n", "line 2: malformed SRT timing line"),
        ("hello\nthere\n", "line 1: expected an SRT cue number and timing line"),
    ],
    ids=["bad-timing", "missing-timing", "not-srt"],
)
def test_srt_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "subs.srt", text)
    with pytest.raises(InputError, match=f"^{path}: {message}"):
        load_sources([path])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Mr. Alvarez: ok season wrap-up thread!!", ("Mr. Alvarez", "ok season wrap-up thread!!")),
        ("Maya B.: 🫡", ("Maya B.", "🫡")),
        ("Dr. Anil Mehta: repeat the sample", ("Dr. Anil Mehta", "repeat the sample")),
        ("Then. Alice: no", None),
        ("Done. B: no", None),
    ],
)
def test_a_speaker_named_with_a_title_or_an_initial(
    line: str, expected: tuple[str, str] | None
) -> None:
    assert split_speaker(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Alice: we shipped", ("Alice", "we shipped")),
        ("Alice Chen (PM): ok", ("Alice Chen (PM)", "ok")),
        ("**Bob:** sure", ("Bob", "sure")),
        ("张三：我们上线了", ("张三", "我们上线了")),
        ("李四: mixed colon", ("李四", "mixed colon")),
        ("Goal: ship v2", None),
        ("owner: Ann", None),
        ("Action items: none", None),
        ("Lesson 2: test earlier", None),
        ("目标：用户满意度提升10%", None),
        ("负责人：王五", None),
        ("完成时限：3月底", None),
        ("目标1：提升留存", None),
        ("- Alice: bullet", None),
        ("* Alice: bullet", None),
        ("1. Alice: numbered", None),
        ("We decided, finally: no", None),
        ("Then. Alice: no", None),
        ("See https://example.com/x", None),
        ("10:30 standup: notes", None),
        ("A very long speaker name that surely is a sentence: x", None),
        ("Alice:", None),
    ],
)
def test_split_speaker(line: str, expected: tuple[str, str] | None) -> None:
    assert split_speaker(line) == expected


SPEAKER_EN_TIMED = lines_of(
    "# Weekly sync",
    "[00:00:05] Alice: Let's start with the launch",
    "[00:00:12] Bob: It slipped two days",
    "(00:40) Alice: Why?",
    "00:01:02 Carol: Review queue was long",
)
SPEAKER_EN_PLAIN = lines_of(
    "Alice: Let's start",
    "Bob: Launch slipped",
    "Alice: Why?",
    "",
    "Bob: Reviews were slow",
    "and nobody owned them",
)
SPEAKER_ZH_TIMED = lines_of(
    "[00:00:01] 张三：我们先复盘上线",
    "[00:00:09] 李四：延期了两天",
    "[00:00:15] 张三：原因是什么？",
)
SPEAKER_ZH_PLAIN = lines_of(
    "张三：我们先复盘上线",
    "李四：延期了两天",
    "张三：原因是什么？",
    "王五：测试排期太晚",
    "李四：同意",
)
NOTES_EN = lines_of(
    "Goal: raise NPS to 40",
    "Result: NPS 38",
    "Owner: Ann",
    "Due: 2024-06-30",
    "Lesson: test earlier",
    "Goal: cut churn",
)
NOTES_ZH = lines_of(
    "目标：用户满意度提升10%",
    "结果：提升8%",
    "原因：上线延期",
    "行动：提前测试",
    "负责人：王五",
    "目标：降低流失",
)
NOTES_DISTINCT_LABELS = lines_of(
    "Venue: room 4", "Facilitator: Ann", "Scribe: Bob", "Mood: good", "Weather: sunny"
)
NOTES_BULLETS = lines_of(
    "- Alice: finished login", "- Bob: blocked on CI", "- Alice: demo", "- Bob: fix CI"
)


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        (SPEAKER_EN_TIMED, ".txt", "speaker"),
        (SPEAKER_EN_PLAIN, ".md", "speaker"),
        (SPEAKER_ZH_TIMED, "", "speaker"),
        (SPEAKER_ZH_PLAIN, ".txt", "speaker"),
        (NOTES_EN, ".txt", None),
        (NOTES_ZH, ".md", None),
        (NOTES_DISTINCT_LABELS, ".txt", None),
        (NOTES_BULLETS, ".md", None),
        (SPEAKER_EN_PLAIN, ".csv", None),
        ("plain text only\n", ".vtt", "vtt"),
        ("plain text only\n", ".SRT", "srt"),
    ],
    ids=[
        "en-timed",
        "en-plain",
        "zh-timed",
        "zh-plain",
        "notes-en",
        "notes-zh",
        "distinct-labels",
        "bullets",
        "metrics-suffix",
        "vtt-suffix",
        "srt-suffix",
    ],
)
def test_detect_transcript(text: str, suffix: str, expected: str | None) -> None:
    assert detect_transcript(text, suffix) == expected


def test_speaker_lines_parse_with_timestamps_and_continuations() -> None:
    assert parse_transcript(SPEAKER_EN_TIMED, "speaker") == [
        Line(1, "# Weekly sync"),
        Line(2, "Let's start with the launch", "Alice", "00:00:05"),
        Line(3, "It slipped two days", "Bob", "00:00:12"),
        Line(4, "Why?", "Alice", "00:40"),
        Line(5, "Review queue was long", "Carol", "00:01:02"),
    ]
    assert parse_transcript(SPEAKER_EN_PLAIN, "speaker")[-2:] == [
        Line(5, "Reviews were slow", "Bob"),
        Line(6, "and nobody owned them"),
    ]


def test_a_chat_copied_as_name_time_colon_text_is_a_chat(tmp_path: Path) -> None:
    text = (
        "钉钉群「暑期招生」 聊天记录导出  2026-07-09(周四)\n\n"
        "张校长 19:58: 各位晚上好,今晚在群里把这轮招生过一遍。\n"
        "陈静 20:01: 好的校长。总的:暑期班招生目标320人\n"
        "陈静 20:01: 截至昨天实际报名271人,差49个😓\n"
        "Dana 20:02: ok 我补一句\n"
    )
    (source,) = load_sources([write(tmp_path, "群聊.txt", text.encode("utf-8"))])
    assert source.type == "transcript"
    assert [(ln.speaker, ln.timestamp, ln.text[:6]) for ln in source.lines[1:]] == [
        ("张校长", "19:58", "各位晚上好,"),
        ("陈静", "20:01", "好的校长。总"),
        ("陈静", "20:01", "截至昨天实际"),
        ("Dana", "20:02", "ok 我补一"),
    ]


@pytest.mark.parametrize(
    ("text", "encoding"), [(SPEAKER_ZH_TIMED, "gb18030"), (SPEAKER_ZH_PLAIN, "utf-8")]
)
def test_chinese_speaker_transcripts_load(tmp_path: Path, text: str, encoding: str) -> None:
    (source,) = load_sources([write(tmp_path, "会议.txt", text.encode(encoding))])
    assert (source.type, source.encoding) == ("transcript", encoding)
    assert source.lines[0].speaker == "张三"
    assert source.lines[1].text == "延期了两天"
    assert source.lines[1].number == 2


@pytest.mark.parametrize("text", [NOTES_EN, NOTES_ZH, NOTES_BULLETS])
def test_labelled_notes_stay_notes(tmp_path: Path, text: str) -> None:
    (source,) = load_sources([write(tmp_path, "retro.md", text.encode("gb18030"))])
    assert source.type == "notes"
    assert all(line.speaker is None for line in source.lines)
    assert [line.text for line in source.lines] == text.rstrip("\n").split("\n")


# --- metrics ------------------------------------------------------------------------------------


def test_metrics_csv_good(tmp_path: Path) -> None:
    text = lines_of(
        "Metric,Target,Actual,Unit,Direction,Baseline,Category,Stated Rate,Comment",  # 1
        "DAU,1000,900,users,higher is better,800,growth,90%,ok",  # 2
        "",  # 3
        '"Churn, monthly",5%,6%,,Lower,,,,"multi',  # 4
        'line note"',  # 5
        "Uptime,99.9,,%,,,,,",  # 6
    )
    (source,) = load_sources([write(tmp_path, "kpi.csv", text)])
    assert source.type == "metrics"
    assert source.metrics == [
        MetricRow(2, "DAU", "1000", "900", "users", "higher", "800", "growth", "90%"),
        MetricRow(4, "Churn, monthly", "5%", "6%", direction="lower"),
        MetricRow(6, "Uptime", "99.9", "", unit="%"),
    ]
    assert [line.number for line in source.lines] == [1, 2, 4, 5, 6]
    assert source.lines[1].text == "DAU,1000,900,users,higher is better,800,growth,90%,ok"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "指标;目标值;实际值;单位;方向\n满意度;90;85;%;越高越好\n",
            [MetricRow(2, "满意度", "90", "85", "%", "higher")],
        ),
        (
            "kpi\tgoal\tresult\tbetter\nbugs\t10\t12\tdown\n",
            [MetricRow(2, "bugs", "10", "12", direction="lower")],
        ),
        (
            "name,Target (%),Actual (%),rate\nconversion,5,4,80%\n",
            [MetricRow(2, "conversion", "5", "4", unit="%", stated_rate="80%")],
        ),
        (
            "metric,actual,direction\nlaunched,yes,Yes/No\n",
            [MetricRow(2, "launched", "", "yes", direction="binary")],
        ),
    ],
    ids=["zh-semicolon", "tab-aliases", "unit-in-header", "binary"],
)
def test_metrics_csv_variants(text: str, expected: list[MetricRow]) -> None:
    assert parse_metrics(text, "csv", name="m.csv") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("higher", "higher"),
        ("Higher is better", "higher"),
        ("up", "higher"),
        ("increase", "higher"),
        ("越高越好", "higher"),
        ("lower", "lower"),
        ("lower-is-better", "lower"),
        ("DOWN", "lower"),
        ("decrease", "lower"),
        ("越低越好", "lower"),
        ("binary", "binary"),
        ("yes / no", "binary"),
        ("", None),
    ],
)
def test_direction_normalised(value: str, expected: str | None) -> None:
    (row,) = parse_metrics(f"metric,target,direction\nx,1,{value}\n", "csv", name="m.csv")
    assert row.direction == expected


def test_metrics_json_good(tmp_path: Path) -> None:
    text = lines_of(
        '{"title": "Q2", "metrics": [',  # 1
        '  {"metric": "DAU", "target": 1000, "actual": 9.50,',  # 2
        '   "direction": "up"},',  # 3
        "",  # 4
        '  {"name": "NPS", "goal": "40", "result": 38, "better": "lower", "extra": [1]},',  # 5
        '  {"指标": "上线", "实际": true, "方向": "binary", "unit": null}',  # 6
        "]}",  # 7
    )
    (source,) = load_sources([write(tmp_path, "kpi.json", text)])
    assert source.metrics == [
        MetricRow(2, "DAU", "1000", "9.50", direction="higher"),
        MetricRow(5, "NPS", "40", "38", direction="lower"),
        MetricRow(6, "上线", "", "true", direction="binary"),
    ]


def test_metrics_json_top_level_list() -> None:
    text = '[{"metric": "a", "target": 1},\n\n {"metric": "b", "actual": 2.0}]'
    assert parse_metrics(text, "json") == [
        MetricRow(1, "a", "1"),
        MetricRow(3, "b", "", "2.0"),
    ]


def test_metrics_yaml_good(tmp_path: Path) -> None:
    text = lines_of(
        "title: Q2 review",  # 1
        "metrics:",  # 2
        "  - metric: DAU",  # 3
        "    target: 1000",  # 4
        "    actual: 9.50",  # 5
        "",  # 6
        "  - 指标: 满意度",  # 7
        "    目标值: 90%",  # 8
        "    实际值: 85%",  # 9
        "    方向: 越高越好",  # 10
        "  - {name: launched, result: yes, direction: yes/no}",  # 11
    )
    (source,) = load_sources([write(tmp_path, "kpi.yml", text)])
    assert source.metrics == [
        MetricRow(3, "DAU", "1000", "9.50"),
        MetricRow(7, "满意度", "90%", "85%", direction="higher"),
        MetricRow(11, "launched", "", "true", direction="binary"),
    ]
    assert source.lines[2] == Line(3, "  - metric: DAU")


@pytest.mark.parametrize(
    ("filename", "text", "message"),
    [
        ("m.csv", "metric,target,actual\nDAU,1,2\n,3,4\n", "line 3: empty metric name"),
        (
            "m.csv",
            "metric,target,direction\nDAU,1,higher\nNPS,2,sideways\n",
            "line 3: unknown direction 'sideways' (expected higher, lower or binary)",
        ),
        (
            "m.csv",
            "metric,target,actual\nDAU,1,2\n\nNPS,1\n",
            "line 4: expected 3 fields as in the header, found 2",
        ),
        (
            "m.csv",
            "metric,target\nDAU,1,2\n",
            "line 2: expected 2 fields as in the header, found 3",
        ),
        ("m.csv", "foo,bar\n1,2\n", "line 1: header has no metric column"),
        ("m.csv", "\nmetric,target,actual\nDAU,,\n", "line 3: metric 'DAU' has neither"),
        ("m.csv", "metric,target,goal\nDAU,1,2\n", "line 1: columns 'target' and 'goal'"),
        ("m.csv", "metric,target\n", "no metric rows below the header"),
        ("m.csv", 'metric,target\nDAU,1\n"NPS"x,2\n', "line 3: malformed CSV"),
        ("m.json", '[\n  {"metric": "a",\n   "target": }\n]', "line 3: invalid JSON"),
        (
            "m.json",
            '[\n {"metric": "a", "target": 1},\n {"target": 2}\n]',
            'line 3: object has no "metric" key',
        ),
        (
            "m.json",
            '{"metrics": [\n\n {"metric": "a", "target": 1, "better": "meh"}]}',
            "line 3: unknown direction 'meh'",
        ),
        ("m.json", '[{"metric": "a", "target": 1},\n 5]', "line 2: expected a metric object"),
        ("m.json", '{"rows": []}', "not a metrics file: expected a JSON list of metric objects"),
        ("m.json", "[]", "no metric rows"),
        ("m.yaml", "metrics:\n  - metric: a\n    target: [1, 2\n", "line 4: invalid YAML"),
        ("m.yaml", "- metric: a\n  target: 1\n - metric: b\n", "line 3: invalid YAML"),
        (
            "m.yaml",
            "- metric: a\n  target: 1\n- metric: b\n  direction: sideways\n  target: 2\n",
            "line 3: unknown direction 'sideways'",
        ),
        ("m.yaml", "- metric: a\n  target: {x: 1}\n", "line 1: 'target' must be a single value"),
        ("m.yml", "just: a mapping\n", "not a metrics file: expected a YAML list"),
    ],
)
def test_malformed_metrics(tmp_path: Path, filename: str, text: str, message: str) -> None:
    path = write(tmp_path, filename, text)
    with pytest.raises(InputError) as caught:
        load_sources([path])
    assert str(caught.value).startswith(f"{path}: {message}")


WECHAT_EXPORT = lines_of(
    "微信群聊「华东仓-系统保障」聊天记录",  # 1
    "导出日期:2026-06-16",  # 2
    "",  # 3
    "2026-06-16 09:12 周涛(仓库主管)",  # 4
    "打单机全部报错,面单一张都出不来!!",  # 5
    "2026-06-16 09:14 李明远",  # 6
    "收到,马上看",  # 7
    "我先打电话问问中通",  # 8
    "2026-06-16 09:26 吴昊",  # 9
    "我看了下日志,从08:41就开始报错了",  # 10
)


def test_a_desktop_chat_export_puts_each_message_under_its_header() -> None:
    """WeChat / QQ desktop exports: "when who" on a line of its own, the message below it; the
    stamp keeps its day, which dates the chat."""
    assert detect_transcript(WECHAT_EXPORT, ".txt") == "speaker"
    lines = parse_transcript(WECHAT_EXPORT, "speaker")
    assert lines[:2] == [
        Line(1, "微信群聊「华东仓-系统保障」聊天记录"),
        Line(2, "导出日期:2026-06-16"),
    ]
    assert lines[2:] == [
        Line(5, "打单机全部报错,面单一张都出不来!!", "周涛", "2026-06-16 09:12"),
        Line(7, "收到,马上看", "李明远", "2026-06-16 09:14"),
        Line(8, "我先打电话问问中通", "李明远", "2026-06-16 09:14"),
        Line(10, "我看了下日志,从08:41就开始报错了", "吴昊", "2026-06-16 09:26"),
    ]


def test_name_before_time_headers_and_notes_with_dates_stay_apart() -> None:
    qq = lines_of(
        "Ana Silva 2026-03-02 10:01:12",
        "deploy is stuck",
        "Bo 2026-03-02 10:02:40",
        "on it",
        "Ana Silva 2026-03-02 10:05:02",
        "thanks",
    )
    lines = parse_transcript(qq, "speaker")
    assert [(ln.speaker, ln.text) for ln in lines] == [
        ("Ana Silva", "deploy is stuck"),
        ("Bo", "on it"),
        ("Ana Silva", "thanks"),
    ]
    dated_notes = lines_of(
        "2026-03-02 10:00 kickoff", "2026-03-09 10:00 review", "2026-03-16 10:00 launch"
    )
    assert detect_transcript(dated_notes, ".txt") is None  # a schedule, not a chat: no messages


def test_a_teams_copy_with_time_only_headers_is_a_chat() -> None:
    teams = lines_of(
        "Microsoft Teams - Chat export",
        "[9:31 AM] Rachel Kim",
        "ok doing the wrap-up async here",
        "[9:33 AM] Rachel Kim",
        "we said 1,200 regs across the 4 episodes. landed at 1,480",
        "[9:36 AM] Dev Malhotra",
        "and MQLs?",
    )
    assert detect_transcript(teams, ".txt") == "speaker"
    lines = parse_transcript(teams, "speaker")
    assert [(ln.speaker, ln.timestamp) for ln in lines[1:]] == [
        ("Rachel Kim", "9:31 AM"),
        ("Rachel Kim", "9:33 AM"),
        ("Dev Malhotra", "9:36 AM"),
    ]
    timeline = lines_of("09:15 Alerts fired", "09:20 Failover started", "09:52 All clear")
    assert detect_transcript(timeline, ".txt") is None  # a timeline names no person
    steps = lines_of("[09:15] restart", "pods came back", "[09:20] failover", "db promoted",
                     "[09:25] rollback", "all clear")  # fmt: skip
    assert detect_transcript(steps, ".txt") is None


def test_a_slack_thread_copy_reads_its_quoted_replies_as_turns() -> None:
    slack = lines_of(
        "Slack export | #mktg-events | 2026-04-23",
        "Jess Okafor  9:02 AM",
        "ok FleetCon retro, numbers in this thread",
        "  > Tom Becker  9:10 AM",
        "  > scans ended at 412",
        "  > Ana Ruiz  9:15 AM",
        "  > pre-booked mtgs: exactly 15",
    )
    assert detect_transcript(slack, ".txt") == "speaker"
    lines = parse_transcript(slack, "speaker")
    assert [(ln.speaker, ln.text) for ln in lines[1:]] == [
        ("Jess Okafor", "ok FleetCon retro, numbers in this thread"),
        ("Tom Becker", "scans ended at 412"),
        ("Ana Ruiz", "pre-booked mtgs: exactly 15"),
    ]


def test_a_forum_thread_copy_reads_each_post_under_its_author(tmp_path: Path) -> None:
    """GitHub and GitLab threads: "**ana-dev** (Collaborator) · 3 days ago" over a post of
    several paragraphs; the opening post names no time."""
    thread = (
        "# v0.9 release cycle retro · Discussion #1184\n\n"
        "**mkowalski** (Maintainer) started this conversation in **Retrospectives**\n\n"
        "0.9 is out. Quick retro while it's fresh.\n\nIt took 11 weeks, not 8.\n\n---\n\n"
        "**ana-dev** (Collaborator) · 3 days ago\n\nGood stuff first: the sweep worked.\n\n"
        "Bad stuff: rc1 -> rc4 took three weeks.\n\n---\n\n"
        "**jules** (Collaborator) · 2 days ago\n\nI'll add a plugin smoke test before 1.0.\n"
    )
    path = tmp_path / "thread.md"
    path.write_text(thread, encoding="utf-8")
    source = load_sources([path])[0]
    said = [(ln.speaker, ln.text) for ln in source.lines if ln.speaker]
    assert said[0] == ("mkowalski", "0.9 is out. Quick retro while it's fresh.")
    assert ("ana-dev", "Bad stuff: rc1 -> rc4 took three weeks.") in said
    assert said[-1] == ("jules", "I'll add a plugin smoke test before 1.0.")
    notes = tmp_path / "notes.md"
    notes.write_text("# Retro\n\n**Goals** · Q3\n\n- ship it\n", encoding="utf-8")
    assert not any(ln.speaker for ln in load_sources([notes])[0].lines)


def test_a_dingtalk_copy_with_who_when_and_what_on_one_line(tmp_path: Path) -> None:
    """ "周晓岚  16:02  各位,…": the name, the time and the message, two spaces apart; the
    export's title line ("钉钉群聊记录导出 | 群名:…") is nobody's turn."""
    chat = (
        "钉钉群聊记录导出 | 群名:综合窗口提效小组 | 导出时间:2026-04-17 18:05\n"
        "周晓岚  16:02  各位,这期两周冲刺今天收尾\n"
        "周晓岚  16:03  1. 平均等候时间:定的是25分钟以内,实际23分钟 ✅\n"
        "王磊  16:20  网管查了是机房那台交换机过热\n"
        "周晓岚  16:22  收到\n"
    )
    path = tmp_path / "chat.txt"
    path.write_text(chat, encoding="utf-8")
    lines = load_sources([path])[0].lines
    assert lines[0].speaker is None
    assert [(ln.speaker, ln.timestamp) for ln in lines[1:4]] == [
        ("周晓岚", "16:02"),
        ("周晓岚", "16:03"),
        ("王磊", "16:20"),
    ]
    assert lines[2].text == "1. 平均等候时间:定的是25分钟以内,实际23分钟 ✅"


def test_a_dingtalk_export_with_long_messages_is_read_as_turns(tmp_path: Path) -> None:
    """A desktop export puts "周建华 2026-06-22 19:30" over each message; messages of several
    lines do not hide that it is a chat."""
    chat = "钉钉群聊记录导出 | 群名称:3号仓 复盘\n\n" + "".join(
        f"{who} 2026-06-22 19:{30 + i:02d}\n{body}\n第二行补充说明{i}\n第三行再补充{i}\n\n"
        for i, (who, body) in enumerate(
            [
                ("周建华", "各位,这周总算熬过去了,先过一遍"),
                ("孙倩(品质)", "错分这块还行,目标万分之三以内,实际万分之2.1"),
                ("刘强", "2号线停线那晚中控就一个人"),
                ("周建华", "中控夜班排两个人,这个我去跟HR说"),
            ]
        )
    )
    path = tmp_path / "dingtalk.txt"
    path.write_text(chat, encoding="utf-8")
    (source,) = load_sources([str(path)])
    assert source.type == "transcript"
    assert [ln.speaker for ln in source.lines if ln.text.startswith("第三行")] == [
        "周建华",
        "孙倩",
        "刘强",
        "周建华",
    ]


def test_a_wechat_copy_with_the_time_before_the_name_is_chat(tmp_path: Path) -> None:
    chat = (
        "微信群「食堂新菜单工作群」聊天记录导出\n\n—————  2026年10月16日 周五  —————\n\n"
        "19:40 王老师(后勤处)\n各位, 新菜单上了两周, 复个盘\n\n"
        "19:42 李师傅\n早餐包子每天剩一大盆\n\n"
        "19:45 王老师(后勤处)\n那下周起包子减三成\n\n"
        "19:47 张主任\n同意\n"
    )
    path = tmp_path / "wechat.txt"
    path.write_text(chat, encoding="utf-8")
    (source,) = load_sources([str(path)])
    assert source.type == "transcript"
    assert [ln.speaker for ln in source.lines if ln.speaker] == [
        "王老师",
        "李师傅",
        "王老师",
        "张主任",
    ]


def test_a_wechat_desktop_export_with_date_time_and_name_on_each_line(tmp_path: Path) -> None:
    chat = (
        "微信聊天记录 - 群聊「月饼项目组」(7人)\n导出于 2026/09/29 22:06\n\n"
        "2026/09/29 20:02  张敏(运营总监):各位辛苦了,今晚把月饼季过一遍\n"
        "2026/09/29 20:06  刘晓峰(销售):团购那块只做到22%左右\n"
        "2026/09/29 20:06  张敏(运营总监):为啥差这么多\n"
        "2026/09/29 20:09  刘晓峰(销售):8月中才开始跑企业客户,去晚了\n"
    )
    path = tmp_path / "wechat.txt"
    path.write_text(chat, encoding="utf-8")
    (source,) = load_sources([str(path)])
    assert source.type == "transcript"
    # a short message ("为啥差这么多") is a message, not a header naming who speaks next
    assert [ln.speaker for ln in source.lines if ln.speaker] == ["张敏", "刘晓峰", "张敏", "刘晓峰"]


def test_an_export_time_line_is_no_turn_of_talk(tmp_path: Path) -> None:
    chat = "微信聊天记录导出 | 群聊:团长群\n导出时间:2026-02-26 22:41\n\n" + "".join(
        f"2026-02-26 20:0{i} {who}(团长):{what}\n"
        for i, (who, what) in enumerate(
            [("阿娟", "复盘一下"), ("小林", "GMV超了"), ("静静", "退款率守住了"), ("阿娟", "好")]
        )
    )
    path = tmp_path / "wechat.txt"
    path.write_text(chat, encoding="utf-8")
    (source,) = load_sources([str(path)])
    assert source.type == "transcript"
    assert [ln.speaker for ln in source.lines if ln.speaker] == ["阿娟", "小林", "静静", "阿娟"]


def test_a_slack_export_with_bracketed_times_and_handles(tmp_path: Path) -> None:
    text = "#s4-retro | Slack export | Tuesday, April 14, 2026\n\n" + "".join(
        f"[10:0{i} AM] @{who}: {what}\n"
        for i, (who, what) in enumerate(
            [
                ("maya.k", "ok async retro"),
                ("lena.w", "loc broke"),
                ("devon", "fixed"),
                ("maya.k", "thanks"),
            ]
        )
    )
    path = tmp_path / "slack.txt"
    path.write_text(text, encoding="utf-8")
    (source,) = load_sources([str(path)])
    assert source.type == "transcript"
    assert [ln.speaker for ln in source.lines if ln.speaker] == [
        "maya.k",
        "lena.w",
        "devon",
        "maya.k",
    ]


def test_a_copy_with_bare_times_and_handles_then_a_write_up_is_chat(tmp_path: Path) -> None:
    turns = [
        ("dev.k", "checkout is throwing 500s"),
        ("sam.l", "on it, rolling back"),
        ("dev.k", "errors gone"),
        ("nina.o", "I'll write it up tomorrow"),
        ("sam.l", "the migration locked the orders table"),
        ("nina.o", "thanks all"),
    ]
    chat = "".join(f"10:0{i} {who}: {what}\n" for i, (who, what) in enumerate(turns))
    write_up = "\nWrite-up\n\nThe migration ran at peak.\nNobody watched the lock graph.\n"
    path = tmp_path / "inc.txt"
    path.write_text("#inc-checkout | copied from Slack\n\n" + chat + write_up, encoding="utf-8")
    (source,) = load_sources([str(path)])
    assert source.type == "transcript"
    assert [ln.speaker for ln in source.lines if ln.speaker] == [who for who, _ in turns]
    assert [ln.timestamp for ln in source.lines if ln.speaker][0] == "10:00"


def test_a_timeline_with_bare_times_and_labels_stays_notes(tmp_path: Path) -> None:
    steps = ["Alerts: fired", "Oncall: paged", "DB: failed over", "Status: resolved"]
    text = "Timeline\n\n" + "".join(f"09:1{i} {step}\n" for i, step in enumerate(steps))
    path = tmp_path / "timeline.txt"
    path.write_text(text + "\nThe failover took four minutes.\n", encoding="utf-8")
    (source,) = load_sources([str(path)])
    assert not any(ln.speaker for ln in source.lines)


def test_a_slack_copy_with_long_messages_under_few_headers_is_chat(tmp_path: Path) -> None:
    messages = [
        ("Rachel Kim", "10:02 AM", ["ok async retro, targets first", "trials 52.3k", "👍 4"]),
        ("Mei Wong", "10:09 AM", ["conversion 11.4%, short", "CAC $24.80", "TikTok dragged it"]),
        ("Dev Rao", "10:15 AM", ["push went out at 5am in AU", "1.4k uninstalls", "my bad"]),
        ("Leah Ng", "10:21 AM", ["support did 2x tickets", "first response under 2h", "ty team"]),
        ("Rachel Kim", "10:44 AM", ["takeaways:", "- pre-warm the CDN", "- test AU pushes"]),
    ]
    text = "Stride · #retro\nWednesday, February 4th, 2026\n\n" + "\n\n".join(
        f"{who}  {when}\n" + "\n".join(lines) for who, when, lines in messages
    )
    path = tmp_path / "slack.txt"
    path.write_text(text + "\n", encoding="utf-8")
    (source,) = load_sources([str(path)])
    assert source.type == "transcript"
    said = {ln.speaker for ln in source.lines if ln.speaker}
    assert said == {"Rachel Kim", "Mei Wong", "Dev Rao", "Leah Ng"}


def test_a_phone_chat_export_reads_pm_as_24_hour_and_a_number_as_a_sender(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(
        "1/17/26, 8:31 AM - Jake T: gates 3 and 4 at summit red lighting ppl\n"
        "1/17/26, 8:38 AM - +1 (970) 555-0187: same at bear quad gate 2. its Kayla\n"
        "1/17/26, 12:05 PM - Rob Kessler: lunch rush ok\n"
        "1/17/26, 4:52 PM - Rob Kessler: Wrap-up, sending this to the GM too.\n"
        "1/17/26, 12:10 AM - Jake T: still up lol\n",
        encoding="utf-8",
    )
    lines = load_sources([path])[0].lines
    assert [(ln.speaker, ln.timestamp) for ln in lines] == [
        ("Jake T", "1/17/26, 08:31"),
        ("+1 (970) 555-0187", "1/17/26, 08:38"),
        ("Rob Kessler", "1/17/26, 12:05"),
        ("Rob Kessler", "1/17/26, 16:52"),
        ("Jake T", "1/17/26, 00:10"),
    ]
    assert lines[1].text == "same at bear quad gate 2. its Kayla"


def test_a_phone_chat_copy_s_day_dividers_are_said_by_nobody_and_time_what_follows() -> None:
    """A WeChat copy from a phone: "—————  7月15日 07:52  —————" divides the days and is no
    speaker; an owners' group nickname opens with the flat's number ("1203王阿姨", "0801 Kevin"),
    and the messages under a divider carry its time."""
    chat = lines_of(
        "「云栖苑5栋业主交流群(498)」的聊天记录",
        "",
        "—————  7月15日 07:52  —————",
        "1203王阿姨: 电梯怎么又不动了?",
        "0801 Kevin: 1号梯里好像关了人!!",
        "1802陈姐: 物业电话打了三遍没人接",
        "—————  08:41  —————",
        "物业管家-小周: 收到,师傅在路上了",
        "0801 Kevin: 8点41才回??",
        "1203王阿姨: 我家老头子下午要去医院",
    )
    assert detect_transcript(chat, ".txt") == "speaker"
    assert parse_transcript(chat, "speaker") == [
        Line(1, "「云栖苑5栋业主交流群(498)」的聊天记录"),
        Line(3, "—————  7月15日 07:52  —————"),
        Line(4, "电梯怎么又不动了?", "1203王阿姨", "07:52"),
        Line(5, "1号梯里好像关了人!!", "0801 Kevin", "07:52"),
        Line(6, "物业电话打了三遍没人接", "1802陈姐", "07:52"),
        Line(7, "—————  08:41  —————"),
        Line(8, "收到,师傅在路上了", "物业管家-小周", "08:41"),
        Line(9, "8点41才回??", "0801 Kevin", "08:41"),
        Line(10, "我家老头子下午要去医院", "1203王阿姨", "08:41"),
    ]


@pytest.mark.parametrize("line", ["2026年目标: 开10家店", "3000元: 物料费", "1203: 房号"])
def test_a_count_or_a_date_before_a_colon_is_no_flat_numbered_speaker(line: str) -> None:
    assert split_speaker(line) is None
