"""Redaction: private values never leave the machine, placeholders are stable, lines are kept."""

from __future__ import annotations

import json
import re
import stat

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app
from retro_ai.ingest import load_sources
from retro_ai.redact import Redactor, redact_sources

KEY = "sk-test-SECRET-9f8e7d"

# (kind, values that must be replaced, near misses that must stay as they are)
CASES = [
    (
        "EMAIL",
        ["lena.park@example.com", "a_b+tag@mail.example.co.uk", "王芳的邮箱 wf@corp.cn。"],
        ["user@localhost", "@lena said hi", "a@b", "2@3.4"],
    ),
    (
        "PHONE",
        [
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "+86 139-1234-5678",
            "+8613912345678",
            "010-62345678",
            "(0755) 1234567",
            "+44 20 7946 0958",
            "+1 415-555-0100",
        ],
        [
            "12812345678",
            "1381234567",
            "order 138123456789",
            "up +30%",
            "2024-05-01",
            "v1.38.12345678",
            "+3.5 points",
        ],
    ),
    (
        "ID",
        ["11010519491231002X", "身份证号11010519491231002x，"],
        ["110105194912310021", "110105194913310028", "order 11010519491231002X9"],
    ),
    (
        "CARD",
        ["4111 1111 1111 1111", "4111111111111111", "6011-0009-9013-9424", "378282246310005"],
        ["4111111111111112", "1234 5678 9012 3456", "ticket 4111111111111111-2"],
    ),
    (
        "IP",
        ["10.20.30.40", "host 192.168.1.254.", "2001:db8::8a2e:370:7334", "fe80::1%eth0"],
        ["256.1.1.1", "1.2.3", "10.0.0.1.5", "12:30:45", "std::vector", "v1.2.3.4"],
    ),
    (
        "URL",
        ["https://deploy:hunter22@ci.example.com/hook", "redis://u:p@10.0.0.5:6379/0"],
        ["https://example.com/a:b", "mailto:someone", "https://docs.example.com/@user"],
    ),
    (
        "KEY",
        [
            "sk-proj-Abc123Def456Ghi789Jkl012",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "AKIAIOSFODNN7EXAMPLE",
            "xoxb-1234567890-abcdefghij",
            "password: hunter22",
            "API_KEY=AbCdEfGh12345678",
            "密码：Abc12345x",
            "token = 8f14e45fceea167a5a36dedd4bea2543",
        ],
        [
            "token: refreshed",
            "the token expired",
            "password: changed",
            "Key: RETRO-42",
            "task-1234567890",
            "sk-short",
        ],
    ),
]


def _params():
    for kind, good, bad in CASES:
        for text in good:
            yield pytest.param(kind, text, True, id=f"{kind}+{text}")
        for text in bad:
            yield pytest.param(kind, text, False, id=f"{kind}-{text}")


@pytest.mark.parametrize("kind,text,caught", list(_params()))
def test_each_kind_catches_its_values_and_not_near_misses(kind, text, caught):
    redactor = Redactor()
    out = redactor.text(text)
    if caught:
        assert f"[{kind}_1]" in out, out
        value = redactor.mapping[f"[{kind}_1]"]
        assert value in text and value not in out
    else:
        assert out == text, redactor.mapping


def test_names_from_roster_and_speakers(tmp_path):
    (tmp_path / "call.txt").write_text(
        "[00:00:01] Lena Park: morning all\n"
        "[00:00:05] 王芳: 我来跟进\n"
        "[00:00:09] Lena Park: Sam, can you own it?\n"
        "[00:00:12] Sam Ortiz: sure, Lena\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.md").write_text(
        "Priya owns the rollout; Priya Natarajan signs off. Samuel and lena stay.\n"
        "张伟和王芳负责。\n",
        encoding="utf-8",
    )
    sources = load_sources([tmp_path / "call.txt", tmp_path / "notes.md"])
    red = redact_sources(sources, ["Priya Natarajan", "张伟"])
    text = "\n".join(s.text() for s in red.sources)
    for name in ("Lena", "Park", "Sam ", "Sam,", "Ortiz", "王芳", "张伟", "Priya"):
        assert name not in text, text
    assert "Samuel and lena stay" in text  # whole names only, as written
    people = {v: k for k, v in red.mapping.items() if k.startswith("[PERSON_")}
    # a first name alone is the same person as the full name it belongs to
    assert text.count(people["Lena Park"]) == 3 and text.count(people["Priya Natarajan"]) == 2
    assert set(people) == {"Lena Park", "王芳", "Sam Ortiz", "Priya Natarajan", "张伟"}


def test_shared_first_name_is_its_own_person():
    red = Redactor(["Lena Park", "Lena Wu"])
    out = red.text("Lena Park and Lena Wu; Lena said")
    assert out == "[PERSON_1] and [PERSON_2]; [PERSON_3] said"
    values = set(red.mapping.values())
    assert values == {"Lena Park", "Lena Wu", "Lena"}  # restoring never names the wrong Lena


def test_placeholders_are_stable_across_sources_and_runs(tmp_path):
    (tmp_path / "a.md").write_text("mail lena@x.com or 13812345678\nthen bob@y.org\n")
    (tmp_path / "b.md").write_text("again LENA@x.com and 138 1234 5678, not bob\n")
    sources = load_sources([tmp_path / "a.md", tmp_path / "b.md"])
    first = redact_sources(sources)
    second = redact_sources(sources)
    assert [s.text() for s in first.sources] == [s.text() for s in second.sources]
    a, b = (s.text() for s in first.sources)
    assert a == "mail [EMAIL_1] or [PHONE_1]\nthen [EMAIL_2]"
    assert b == "again [EMAIL_1] and [PHONE_1], not bob"
    assert sources[0].text().startswith("mail lena@x.com")  # the originals are untouched


def test_redaction_keeps_every_line_and_its_number(tmp_path):
    lines = [
        "WEBVTT",
        "",
        "00:00:01.000 --> 00:00:04.000",
        "<v Lena Park>call 13812345678 or lena@x.com",
        "",
        "00:00:05.000 --> 00:00:08.000",
        "<v Sam Ortiz>key sk-proj-Abc123Def456Ghi789Jkl012 on 10.0.0.1\u2028next",
    ]
    (tmp_path / "call.vtt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("metric,target,actual\nsignups lena@x.com,100,80\n")
    sources = load_sources([tmp_path / "call.vtt", tmp_path / "m.csv"])
    red = redact_sources(sources)
    for before, after in zip(sources, red.sources, strict=True):
        assert [ln.number for ln in after.lines] == [ln.number for ln in before.lines]
        assert after.text().count("\n") == before.text().count("\n")
        assert len(after.text().splitlines()) == len(before.text().splitlines())
    assert red.sources[1].metrics[0].metric == "signups [EMAIL_1]"


# --- through the CLI, against a loopback server that records every request -----------------

ROSTER = "# the team\nPriya Natarajan\n王芳\n\n"
CALL = (
    "[00:00:01] Lena Park: Goal: ship checkout v2 by Nov 20. Mail me at lena.park@example.com\n"
    "[00:00:20] Sam Ortiz: Result: we shipped on Nov 24, p95 latency 380 ms.\n"
    "[00:00:41] Lena Park: Problem: the payment sandbox at 10.20.30.40 timed out.\n"
    "[00:01:02] Sam Ortiz: Lena, could you own the retry test? Call 13812345678.\n"
    "[00:01:15] Lena Park: sure, by Dec 1. Backup line +86 139-1234-5678.\n"
)
NOTES = (
    "# Checkout v2 retro\n"
    "Priya owns the rollout checklist; 王芳 reviews it (desk 010-62345678, "
    "UK +44 20 7946 0958).\n"
    "Refund test card 4111 1111 1111 1111 and ID 11010519491231002X leaked into logs.\n"
    "CI hook https://deploy:hunter22pass@ci.example.com/hook used "
    "sk-proj-Abc123Def456Ghi789Jkl012 from 2001:db8::8a2e:370:7334.\n"
)
METRICS = "metric,target,actual,unit\np95 latency (owner lena.park@example.com),400,380,ms\n"
PLANTED = [
    "Lena Park",
    "Sam Ortiz",
    "Priya Natarajan",
    "王芳",
    "lena.park@example.com",
    "13812345678",
    "139-1234-5678",
    "010-62345678",
    "7946 0958",
    "4111 1111 1111 1111",
    "11010519491231002X",
    "10.20.30.40",
    "2001:db8::8a2e:370:7334",
    "hunter22pass",
    "sk-proj-Abc123Def456Ghi789Jkl012",
]
FIRST_NAMES = ["Lena", "Sam", "Priya", "Park", "Ortiz", "Natarajan"]
CONTACTS = [v for v in PLANTED if v not in {"Lena Park", "Sam Ortiz", "Priya Natarajan", "王芳"}]


def _leaks(texts):
    """Planted values (raw or JSON-escaped) and first names found in any of `texts`."""
    found = set()
    for text in texts:
        for value in PLANTED:
            escaped = json.dumps(value)[1:-1]
            if value in text or escaped in text:
                found.add(value)
        for name in FIRST_NAMES:
            if re.search(rf"\b{name}\b", text):
                found.add(name)
    return found


def _bodies(srv):
    return [json.dumps(b) for b in srv.requests] + [
        json.dumps(b, ensure_ascii=False) for b in srv.requests
    ]


@pytest.fixture
def private(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "call.txt").write_text(CALL, encoding="utf-8")
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "metrics.csv").write_text(METRICS, encoding="utf-8")
    (tmp_path / "r.txt").write_text(ROSTER, encoding="utf-8")
    return tmp_path


def _handler(fake_server):
    """A model that copies placeholders from what it is sent, the way a real one would."""

    def handle(body):
        name = fake_server.stage_output_name(body)
        prompt = json.dumps(body, ensure_ascii=False)
        asked = re.search(r"(\[PERSON_\d+\]), could you own the retry test", prompt)
        person = asked[1] if asked else "[PERSON_9]"
        if name == "InsightsOutput":
            return fake_server.json_reply(
                {
                    "lessons": [],
                    "actions": [
                        {
                            "action": f"{person} owns the retry test",
                            "owner": person,
                            "due": "Dec 1",
                            "quote": f"{person}, could you own the retry test?",
                        }
                    ],
                }
            )
        if name == "SummaryOutput":
            email = re.search(r"\[EMAIL_\d+\]", prompt)
            return fake_server.json_reply(
                {
                    "title": f"Checkout v2 with {person}",
                    "summary": f"Shipped late; contact {email[0] if email else ''}.",
                }
            )
        return fake_server.json_reply({})

    return handle


def _draft(srv, *extra):
    args = [
        "draft",
        "notes.md",
        "call.txt",
        "metrics.csv",
        "--model",
        "fake-gpt",
        "--base-url",
        srv.base_url,
        "--date",
        "2026-11-28",
        "--no-progress",
        "--no-cache",
        *extra,
    ]
    env = {"OPENAI_API_KEY": KEY, "RETRO_AI_MAX_RETRIES": "0"}
    return CliRunner().invoke(app, args, env=env)


def test_no_planted_value_reaches_the_model(private, fake_server):
    srv = fake_server(handler=_handler(fake_server))
    result = _draft(srv, "--redact", "--roster", "r.txt")
    assert result.exit_code == 0, result.output
    assert srv.requests
    assert _leaks(_bodies(srv)) == set()
    md = (private / "notes.retro.md").read_text(encoding="utf-8")
    data = (private / "notes.retro.json").read_text(encoding="utf-8")
    assert _leaks([md, data]) == set()  # placeholders stay without --restore-names
    assert "PERSON_" in md and "EMAIL_" in md
    retro = json.loads(data)
    assert retro["meta"]["redaction"] == {
        "roster": "r.txt",
        "roster_sha256": retro["meta"]["redaction"]["roster_sha256"],
        "names_restored": False,
    }
    # evidence is checked on the redacted text, at the original file's line
    (action,) = retro["action_items"]
    (evidence,) = action["evidence"]
    assert evidence["verified"] and evidence["line"] == 4 and evidence["source"] == "call.txt"
    assert not list(private.glob("*map*"))  # no mapping without --keep-mapping


def test_restore_names_brings_back_names_only_and_mapping_is_kept_apart(private, fake_server):
    srv = fake_server(handler=_handler(fake_server))
    result = _draft(srv, "--roster", "r.txt", "--restore-names", "--keep-mapping", "map.json")
    assert result.exit_code == 0, result.output
    assert _leaks(_bodies(srv)) == set()
    md = (private / "notes.retro.md").read_text(encoding="utf-8")
    data = (private / "notes.retro.json").read_text(encoding="utf-8")
    assert "Lena Park owns the retry test" in md and "Checkout v2 with Lena Park" in md
    for text in (md, data):
        assert not any(value in text for value in CONTACTS)
        assert "EMAIL_" in text
    mapping_file = private / "map.json"
    assert stat.S_IMODE(mapping_file.stat().st_mode) == 0o600
    mapping = json.loads(mapping_file.read_text(encoding="utf-8"))
    assert "lena.park@example.com" in mapping.values() and "Lena Park" in mapping.values()
    assert json.loads(data)["meta"]["redaction"]["names_restored"] is True
    again = _draft(srv, "--redact", "--keep-mapping", "map.json")
    assert again.exit_code == 73 and "--force" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


def test_redact_command_prints_what_would_be_sent(private):
    result = CliRunner().invoke(
        app, ["redact", "notes.md", "call.txt", "metrics.csv", "--roster", "r.txt"]
    )
    assert result.exit_code == 0, result.output
    assert _leaks([result.stdout, result.stderr]) == set()
    assert '<source id="S2" name="call.txt" type="transcript">' in result.stdout
    assert re.search(r"\[PERSON_\d\]: \[PERSON_\d\], could you own the retry test", result.stdout)
    assert "email" in result.stderr and "phone" in result.stderr


def test_redraft_of_a_redacted_draft_sends_no_planted_value(private, fake_server):
    first = fake_server(handler=_handler(fake_server))
    assert _draft(first, "--roster", "r.txt", "--restore-names").exit_code == 0
    assert "Lena Park" in (private / "notes.retro.json").read_text(encoding="utf-8")
    srv = fake_server(handler=_handler(fake_server))
    env = {"OPENAI_API_KEY": KEY, "RETRO_AI_MAX_RETRIES": "0"}
    args = ["redraft", "notes.retro.json", "-s", "actions", "-m", "fake-gpt", "--base-url"]
    result = CliRunner().invoke(app, [*args, srv.base_url, "--force", "--no-progress"], env=env)
    assert result.exit_code == 0, result.output
    assert srv.requests
    assert _leaks(_bodies(srv)) == set()  # neither the sources nor the restored names
    md = (private / "notes.retro.md").read_text(encoding="utf-8")
    assert "Lena Park owns the retry test" in md  # restored again, as the draft was


def test_redraft_refuses_a_changed_roster_before_any_model_call(private, fake_server):
    srv = fake_server(handler=_handler(fake_server))
    assert _draft(srv, "--roster", "r.txt").exit_code == 0
    (private / "r.txt").write_text("Somebody Else\n", encoding="utf-8")
    later = fake_server(handler=_handler(fake_server))
    env = {"OPENAI_API_KEY": KEY}
    args = ["redraft", "notes.retro.json", "-s", "actions", "-m", "fake-gpt", "--force"]
    result = CliRunner().invoke(app, [*args, "--base-url", later.base_url], env=env)
    assert result.exit_code == 65 and "roster" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert later.requests == []


def test_missing_roster_is_one_line_and_exit_66(private):
    result = CliRunner().invoke(app, ["draft", "notes.md", "--roster", "nope.txt"])
    assert result.exit_code == 66 and "nope.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (private / "notes.retro.md").exists()


def test_offline_draft_with_redact_sees_only_placeholders(private):
    result = CliRunner().invoke(app, ["draft", "notes.md", "call.txt", "metrics.csv", "--redact"])
    assert result.exit_code == 0, result.output
    md = (private / "notes.retro.md").read_text(encoding="utf-8")
    assert not any(value in md for value in CONTACTS)
    assert "Lena Park" not in md  # a speaker, caught without a roster


def test_offline_engine_reads_placeholders_as_owners(tmp_path, monkeypatch):
    """A redacted name still owns its action: the offline engine reads [PERSON_n] as a name."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "retro.txt").write_text(
        "Sprint 14 retro, 2026-03-02\n"
        "Lena Park: the release slipped a week because QA had no staging data.\n"
        "Actions:\n"
        "Lena Park: build a staging data seed script by Friday\n"
        "Omar Said will quarantine the flaky tests by 2026-03-06\n",
        encoding="utf-8",
    )
    (tmp_path / "roster.txt").write_text("Lena Park\nOmar Said\n", encoding="utf-8")
    plain = CliRunner().invoke(app, ["draft", "retro.txt", "--json"])
    redacted = CliRunner().invoke(app, ["draft", "retro.txt", "--roster", "roster.txt", "--json"])
    assert plain.exit_code == redacted.exit_code == 0, redacted.output

    def owned(output: str) -> list[tuple[str, str | None]]:
        return [(a["action"], a["owner"]) for a in json.loads(output)["action_items"]]

    assert owned(plain.stdout) == [
        ("build a staging data seed script", "Lena Park"),
        ("quarantine the flaky tests", "Omar Said"),
    ]
    assert owned(redacted.stdout) == [
        ("build a staging data seed script", "[PERSON_1]"),
        ("quarantine the flaky tests", "[PERSON_2]"),
    ]


def test_no_folder_name_reaches_the_model(tmp_path, monkeypatch, fake_server):
    """A source is named to the model by its file name only: the folders above it (which can
    name the user) are never sent, whether the path is absolute or relative."""
    home = tmp_path / "home" / "alice.private" / "work"
    home.mkdir(parents=True)
    (home / "notes.md").write_text("# Retro\n\nGoal: ship v2 by May.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    srv = fake_server(handler=_handler(fake_server))
    for path in (str(home / "notes.md"), "home/alice.private/work/notes.md"):
        args = ["draft", path, "-m", "fake-gpt", "--base-url", srv.base_url, "--json"]
        result = CliRunner().invoke(app, [*args, "--no-cache", "--no-progress"])
        assert result.exit_code == 0, result.output
    bodies = _bodies(srv)
    assert bodies and all('name=\\"notes.md\\"' in b for b in bodies)
    assert not any("alice.private" in b for b in bodies)


def test_batch_with_roster_sends_no_planted_value_and_redrafts_unredacted_outputs(
    private, fake_server
):
    """`batch --roster` redacts every document before it is sent; documents a plain run already
    drafted are drafted again, so no unredacted report is left standing as if redacted."""
    docs = private / "docs"
    docs.mkdir()
    (docs / "call.txt").write_text(CALL, encoding="utf-8")
    (docs / "notes.md").write_text(NOTES, encoding="utf-8")
    srv = fake_server(handler=_handler(fake_server))
    args = ["batch", "docs", "-o", "out", "-m", "fake-gpt", "--base-url", srv.base_url]
    args += ["--no-cache", "--no-progress", "--date", "2026-11-28"]
    env = {"OPENAI_API_KEY": KEY, "RETRO_AI_MAX_RETRIES": "0"}
    plain = CliRunner().invoke(app, args, env=env)
    assert plain.exit_code == 0, plain.output
    before = len(srv.requests)
    assert _leaks(_bodies_from(srv, 0))  # without --redact, the raw text is sent
    redacted = CliRunner().invoke(app, [*args, "--roster", "r.txt"], env=env)
    assert redacted.exit_code == 0, redacted.output
    assert len(srv.requests) > before  # drafted again, not skipped as done
    assert _leaks(_bodies_from(srv, before)) == set()
    written = [p.read_text(encoding="utf-8") for p in (private / "out").glob("*.retro.*")]
    assert written and _leaks(written) == set()


def _bodies_from(srv, start):
    return [json.dumps(b) for b in srv.requests[start:]] + [
        json.dumps(b, ensure_ascii=False) for b in srv.requests[start:]
    ]


def test_dry_run_with_redact_counts_the_redacted_text(tmp_path, monkeypatch):
    """The dry run counts what would be sent: with --redact, the placeholders, not the values."""
    monkeypatch.chdir(tmp_path)
    rows = [f"- contact: someone.with.a.long.name{i}@example-company.com" for i in range(200)]
    (tmp_path / "notes.md").write_text("# Retro\n\n" + "\n".join(rows) + "\n", encoding="utf-8")

    def planned(*extra: str) -> int:
        args = ["draft", "notes.md", "-m", "fake-gpt", "--dry-run", "--json", *extra]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["input_tokens"]

    plain, redacted = planned(), planned("--redact")
    assert redacted < plain / 2
