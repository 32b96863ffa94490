"""Configuration: where it is found, what select/ignore/per-file-ignores/severity/fail-on do,
how command-line flags override it, and how its mistakes are reported.

Everything runs the CLI in a subprocess, as a user would, on a small rule pack written to
tmp_path, so the tests do not depend on the shipped packs' exact codes.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support import newslint, rule, rule_pack, write
from support import one_error_line as _one_error_line


def one_error_line(proc) -> str:
    return _one_error_line(proc, nothing_else=True)

OPT_IN = {"code": "T901", "name": "zz-opt-in", "category": "anachronism", "severity": "warning", "kind": "phrase",
          "enabled": False, "phrases": ["snorfle"], "message": "Opt-in: '{match}'",
          "description": "An opt-in test rule, on only when it is named by code or name.",
          "examples": {"flag": ["The clerk filed a snorfle."], "pass": ["The clerk filed a report."]}}
PACK = rule_pack(rule("S901"), rule("S902"), rule("A901"), rule("G901"), OPT_IN)

# One line for each of the pack's rules; nothing in it trips a shipped rule.
ARTICLE = (
    "The council met on Monday to discuss zorblax.\n"
    "Members voted for quibbitz after a short debate.\n"
    "The mayor will flurbish the plan next week.\n"
    "A new grzzk sign went up on the corner.\n"
    "The clerk filed a snorfle at noon.\n"
)
LINE_OF = {"S901": 1, "S902": 2, "A901": 3, "G901": 4, "T901": 5}
ENABLED = {"S901", "S902", "A901", "G901"}
MINE = ENABLED | {"T901"}


def codes(proc: subprocess.CompletedProcess) -> set[str]:
    assert proc.returncode in (0, 1), proc.stderr
    return {f["code"] for f in json.loads(proc.stdout)["findings"]}


def mine(proc: subprocess.CompletedProcess) -> set[str]:
    """The codes of the pack's rules found, for runs where shipped rules run too."""
    return codes(proc) & MINE


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """tmp_path/proj with the pack in proj/pack and an article deep inside it."""
    root = tmp_path / "proj"
    write(root / "pack" / "mine.yaml", PACK)
    write(root / "a" / "b" / "article.txt", ARTICLE)
    return root


def toml_list(items) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


# -- finding the config ------------------------------------------------------------------
def test_newslint_toml_found_by_walking_up_from_the_linted_path(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["S901"]\n')
    # Run from outside the project: the config is found from the file, not from the cwd.
    proc = newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)
    assert codes(proc) == {"S901"}
    # And from deep inside, where the config is two folders up.
    proc = newslint(["article.txt", "--format", "json"], cwd=proj / "a" / "b")
    assert codes(proc) == {"S901"}


def test_pyproject_tool_newslint_section_is_read(tmp_path, proj):
    write(proj / "pyproject.toml", '[project]\nname = "x"\n\n[tool.newslint]\nrule-packs = ["pack"]\nselect = ["A901"]\n')
    proc = newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)
    assert codes(proc) == {"A901"}


def test_pyproject_without_the_section_is_skipped(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["G901"]\n')
    # Nearer to the file, but says nothing about newslint: the walk goes on past it.
    write(proj / "a" / "pyproject.toml", '[tool.black]\nline-length = 100\n')
    proc = newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)
    assert codes(proc) == {"G901"}


def test_the_nearest_config_wins(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["G901"]\n')
    write(proj / "a" / "newslint.toml", 'rule-packs = ["../pack"]\nselect = ["S902"]\n')
    proc = newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)
    assert codes(proc) == {"S902"}


def test_no_config_anywhere_runs_the_defaults(tmp_path):
    write(tmp_path / "pack" / "mine.yaml", PACK)
    write(tmp_path / "article.txt", ARTICLE)
    proc = newslint(["article.txt", "--rules", "pack", "--format", "json"], cwd=tmp_path)
    assert mine(proc) == ENABLED


# -- selection -----------------------------------------------------------------------------
# (config lines, codes of the pack's rules expected). Selections that reach past the pack
# (defaults, ALL, categories, one-letter prefixes) also run the shipped rules; the article is
# written to trip none of them, but those cases compare only the pack's codes, so that a new
# shipped rule cannot break them. Narrow selections must give exactly the codes expected.
WIDE = [
    ([], ENABLED),
    (["select = ['ALL']"], ENABLED | {"T901"}),
    (["select = ['source']"], {"S901", "S902"}),
    (["select = ['S901', 'garbled']"], {"S901", "G901"}),
    (["select = ['ALL']", "ignore = ['source']"], {"A901", "G901", "T901"}),
    (["ignore = ['source']"], {"A901", "G901"}),
    (["ignore = ['zz-source-two', 'G']"], {"S901", "A901"}),
    (["select = ['S']", "ignore = ['S90']"], set()),
    (["ignore = ['source']", "extend-select = ['S902']"], {"S902", "A901", "G901"}),
    # opt-in rules: on when named by code or name (or ALL), not by their category
    (["extend-select = ['T901']"], ENABLED | {"T901"}),
    (["extend-select = ['zz-opt-in']"], ENABLED | {"T901"}),
    (["select = ['anachronism']", "extend-select = ['A901']"], {"A901"}),
]
NARROW = [
    (["select = ['S901']"], {"S901"}),
    (["select = ['s901']"], {"S901"}),
    (["select = ['S9']"], {"S901", "S902"}),
    (["select = ['zz-source-one']"], {"S901"}),
    (["select = ['ZZ-SOURCE-ONE', 'g901']"], {"S901", "G901"}),
    (["select = ['T901']"], {"T901"}),
    # the more specific selector wins, whichever list it is in
    (["select = ['S901']", "ignore = ['source']"], {"S901"}),
    (["select = ['S901']", "ignore = ['ALL']"], {"S901"}),
    (["select = ['S901']", "ignore = ['S9']"], {"S901"}),
    (["select = ['S9']", "ignore = ['S901']"], {"S902"}),
    (["select = ['S9']", "ignore = ['zz-source-one']"], {"S902"}),
    (["select = ['S90']", "ignore = ['S9']"], {"S901", "S902"}),
    (["select = ['S9', 'A901']", "ignore = ['S']"], {"S901", "S902", "A901"}),
    (["select = ['S901']", "ignore = ['S901']"], set()),
    (["select = ['A901']", "extend-select = ['S9']"], {"A901", "S901", "S902"}),
]


def _ids(cases):
    return [" ; ".join(lines) or "defaults" for lines, _ in cases]


def _run_selection(tmp_path, proj, lines):
    write(proj / "newslint.toml", "\n".join(['rule-packs = ["pack"]', *lines]) + "\n")
    proc = newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)
    found = codes(proc)
    # Each of the pack's findings is on the line that trips it.
    for f in json.loads(proc.stdout)["findings"]:
        if f["code"] in MINE:
            assert f["line"] == LINE_OF[f["code"]]
    return found


@pytest.mark.parametrize("lines,expected", WIDE, ids=_ids(WIDE))
def test_wide_selection_in_config(tmp_path, proj, lines, expected):
    assert _run_selection(tmp_path, proj, lines) & MINE == expected


@pytest.mark.parametrize("lines,expected", NARROW, ids=_ids(NARROW))
def test_narrow_selection_in_config(tmp_path, proj, lines, expected):
    assert _run_selection(tmp_path, proj, lines) == expected


# -- per-file-ignores ------------------------------------------------------------------------
def test_per_file_ignores_by_glob_relative_to_the_config(tmp_path, proj):
    write(proj / "top.txt", ARTICLE)
    write(proj / "top.md", ARTICLE.replace("\n", "\n\n"))
    write(proj / "a" / "inner.txt", ARTICLE)
    write(
        proj / "newslint.toml",
        'rule-packs = ["pack"]\n\n[per-file-ignores]\n"a/**" = ["source"]\n"*.md" = ["A901", "garbled"]\n',
    )
    # Run from outside the project: globs are relative to the config's folder, not the cwd.
    proc = newslint(["proj", "--format", "json"], cwd=tmp_path)
    by_file: dict[str, set[str]] = {}
    for f in json.loads(proc.stdout)["findings"]:
        if f["code"] in MINE:
            by_file.setdefault(Path(f["path"]).relative_to("proj").as_posix(), set()).add(f["code"])
    assert by_file == {
        "top.txt": ENABLED,
        "top.md": {"S901", "S902"},
        "a/inner.txt": {"A901", "G901"},
        "a/b/article.txt": {"A901", "G901"},
    }


# -- severity and fail-on -------------------------------------------------------------------
def _severities(proc) -> dict[str, str]:
    return {f["code"]: f["severity"] for f in json.loads(proc.stdout)["findings"]}


def test_severity_overrides_change_the_reported_severity(tmp_path, proj):
    write(
        proj / "newslint.toml",
        'rule-packs = ["pack"]\nselect = ["S9", "A901", "G901"]\n\n[severity]\nsource = "error"\nS902 = "warning"\nG9 = "info"\n',
    )
    proc = newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)
    # category -> S901; the code is more specific than the category for S902; a prefix for G901
    assert _severities(proc) == {"S901": "error", "S902": "warning", "A901": "warning", "G901": "info"}
    totals = json.loads(proc.stdout)["totals"]["by_severity"]
    assert totals == {"info": 1, "warning": 2, "error": 1}


def test_severity_overrides_show_in_text_output_too(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["S902"]\n\n[severity]\nzz-source-two = "error"\n')
    proc = newslint(["proj/a/b/article.txt"], cwd=tmp_path)
    assert "S902 [error] Source two" in proc.stdout
    assert proc.returncode == 1


@pytest.mark.parametrize(
    "severity,exit_code",
    [("info", 0), ("warning", 1), ("error", 1)],
)
def test_severity_override_changes_the_exit_code(tmp_path, proj, severity, exit_code):
    # S902 alone is an info finding, under the default fail-on (warning).
    write(proj / "newslint.toml", f'rule-packs = ["pack"]\nselect = ["S902"]\n\n[severity]\nS902 = "{severity}"\n')
    proc = newslint(["proj/a/b/article.txt"], cwd=tmp_path)
    assert "S902" in proc.stdout
    assert proc.returncode == exit_code, proc.stderr


def test_severity_override_can_lower_an_error_below_the_fail_level(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["G901"]\n\n[severity]\nzz-garbled = "info"\n')
    proc = newslint(["proj/a/b/article.txt"], cwd=tmp_path)
    assert "G901 [info]" in proc.stdout
    assert proc.returncode == 0


@pytest.mark.parametrize(
    "selected,fail_on,exit_code",
    [
        ("S902", "info", 1),  # info finding, fail on info
        ("S902", "warning", 0),
        ("A901", "warning", 1),
        ("A901", "error", 0),
        ("G901", "error", 1),
    ],
)
def test_fail_on_in_config(tmp_path, proj, selected, fail_on, exit_code):
    write(proj / "newslint.toml", f'rule-packs = ["pack"]\nselect = ["{selected}"]\nfail-on = "{fail_on}"\n')
    proc = newslint(["proj/a/b/article.txt"], cwd=tmp_path)
    assert selected in proc.stdout
    assert proc.returncode == exit_code, proc.stderr


# -- rule packs ---------------------------------------------------------------------------
def test_rule_packs_are_relative_to_the_config_file(tmp_path):
    root = tmp_path / "site"
    write(root / "config" / "rules" / "mine.yaml", PACK)
    write(root / "config" / "newslint.toml", 'rule-packs = ["rules"]\nselect = ["S901"]\n')
    write(root / "elsewhere" / "article.txt", ARTICLE)
    # A cwd that has no "rules" folder; the pack is found beside the config, not here.
    run_from = tmp_path / "cwd"
    run_from.mkdir()
    proc = newslint(["--config", root / "config" / "newslint.toml", root / "elsewhere" / "article.txt", "--format", "json"], cwd=run_from)
    assert codes(proc) == {"S901"}


def test_a_missing_rule_pack_is_an_error_naming_it(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["no-such-pack"]\n')
    err = one_error_line(newslint(["proj/a/b/article.txt"], cwd=tmp_path))
    assert "no-such-pack" in err


# -- command line over config ---------------------------------------------------------------
def test_cli_select_replaces_config_select(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["S901"]\n')
    proc = newslint(["proj/a/b/article.txt", "--select", "A901,G901", "--format", "json"], cwd=tmp_path)
    assert codes(proc) == {"A901", "G901"}


def test_cli_ignore_and_extend_select_add_to_config(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nignore = ["source"]\n')
    proc = newslint(["proj/a/b/article.txt", "--ignore", "G901", "--format", "json"], cwd=tmp_path)
    assert mine(proc) == {"A901"}
    proc = newslint(["proj/a/b/article.txt", "--extend-select", "S901", "--format", "json"], cwd=tmp_path)
    assert mine(proc) == {"S901", "A901", "G901"}


def test_cli_fail_on_overrides_config(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["A901"]\nfail-on = "error"\n')
    assert newslint(["proj/a/b/article.txt"], cwd=tmp_path).returncode == 0
    assert newslint(["proj/a/b/article.txt", "--fail-on", "warning"], cwd=tmp_path).returncode == 1
    assert newslint(["proj/a/b/article.txt", "--fail-on", "info"], cwd=tmp_path).returncode == 1


def test_cli_date_overrides_config_date(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\ndate = "2019-05-06"\n')
    proc = newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)
    assert json.loads(proc.stdout)["files"][0]["date"]["value"] == "2019-05-06"
    assert json.loads(proc.stdout)["files"][0]["date"]["basis"] == "config"
    proc = newslint(["proj/a/b/article.txt", "--format", "json", "--date", "2021-02-03"], cwd=tmp_path)
    assert json.loads(proc.stdout)["files"][0]["date"] == {"value": "2021-02-03", "end": None, "basis": "flag", "detail": None}


def test_output_format_in_config_and_cli_override(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["S901"]\noutput-format = "json"\n')
    proc = newslint(["proj/a/b/article.txt"], cwd=tmp_path)
    assert json.loads(proc.stdout)["findings"][0]["code"] == "S901"
    proc = newslint(["proj/a/b/article.txt", "--format", "concise"], cwd=tmp_path)
    assert proc.stdout == "proj/a/b/article.txt:1:38: S901 [warning] Source one: 'zorblax'\n"


def test_isolated_ignores_every_config_file(tmp_path, proj):
    # A config that would fail, and one that would narrow the selection: --isolated reads neither.
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["S901"]\n')
    write(proj / "a" / "b" / "newslint.toml", "bogus-key = 1\n")
    assert newslint(["proj/a/b/article.txt"], cwd=tmp_path).returncode == 2
    proc = newslint(["proj/a/b/article.txt", "--isolated", "--rules", "proj/pack", "--format", "json"], cwd=tmp_path)
    assert mine(proc) == ENABLED


def test_config_flag_uses_that_file_instead_of_searching(tmp_path, proj):
    write(proj / "a" / "b" / "newslint.toml", "bogus-key = 1\n")  # would be found; must not be read
    write(tmp_path / "ci" / "strict.toml", 'rule-packs = ["../proj/pack"]\nselect = ["G901", "S902"]\n')
    proc = newslint(["proj/a/b/article.txt", "--config", "ci/strict.toml", "--format", "json"], cwd=tmp_path)
    assert codes(proc) == {"G901", "S902"}


def test_config_flag_accepts_a_pyproject(tmp_path, proj):
    write(tmp_path / "other" / "pyproject.toml", '[tool.newslint]\nrule-packs = ["../proj/pack"]\nselect = ["A901"]\n')
    proc = newslint(["proj/a/b/article.txt", "--config", "other/pyproject.toml", "--format", "json"], cwd=tmp_path)
    assert codes(proc) == {"A901"}


def test_config_flag_with_a_missing_file(tmp_path, proj):
    err = one_error_line(newslint(["proj/a/b/article.txt", "--config", "nope.toml"], cwd=tmp_path))
    assert "nope.toml" in err


# -- mistakes in config ---------------------------------------------------------------------
BAD_CONFIGS = [
    # (file name, contents, what the one error line must name besides the file)
    ("newslint.toml", 'rule-packs = ["pack"]\nbogus = 1\n', ["bogus", "unknown key"]),
    ("pyproject.toml", '[tool.newslint]\nrule-packs = ["pack"]\nselectt = ["S901"]\n', ["selectt", "unknown key"]),
    ("newslint.toml", 'fail-on = "fatal"\n', ["fail-on"]),
    ("newslint.toml", '[severity]\nS901 = "critical"\n', ["severity", "S901"]),
    ("newslint.toml", 'select = "S901"\n', ["select"]),
    ("newslint.toml", "max-file-size = -1\n", ["max-file-size"]),
    ("newslint.toml", 'date = "2023-13-45"\n', ["date", "2023-13-45"]),
    ("newslint.toml", 'date = "last tuesday"\n', ["date", "last tuesday"]),
    ("pyproject.toml", '[tool.newslint]\ndate = "2023-02-30"\n', ["date"]),
    ("newslint.toml", 'select = ["S901"\n', ["invalid TOML"]),
    ("pyproject.toml", "[tool.newslint\nselect = []\n", ["invalid TOML"]),
]


@pytest.mark.parametrize("name,text,mentions", BAD_CONFIGS, ids=[t.splitlines()[-1] for _, t, _ in BAD_CONFIGS])
def test_bad_config_is_one_line_naming_file_and_key(tmp_path, proj, name, text, mentions):
    cfg = write(proj / name, text)
    err = one_error_line(newslint(["proj/a/b/article.txt"], cwd=tmp_path))
    assert str(cfg) in err
    for m in mentions:
        assert m in err


def test_unknown_key_error_gives_the_line_of_the_key(tmp_path, proj):
    cfg = write(proj / "newslint.toml", 'rule-packs = ["pack"]\n\n# comment\nbogus = 1\n')
    err = one_error_line(newslint(["proj/a/b/article.txt"], cwd=tmp_path))
    assert f"{cfg}:4:" in err


def test_bad_config_is_reported_with_config_flag_too(tmp_path, proj):
    write(tmp_path / "x.toml", "unknown-thing = true\n")
    err = one_error_line(newslint(["proj/a/b/article.txt", "--config", "x.toml"], cwd=tmp_path))
    assert "x.toml" in err and "unknown-thing" in err


@pytest.mark.parametrize("value", ["2023-07-25", "2023-07", "2023"])
def test_config_date_accepts_the_documented_forms(tmp_path, proj, value):
    write(proj / "newslint.toml", f'rule-packs = ["pack"]\ndate = "{value}"\n')
    proc = newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)
    date = json.loads(proc.stdout)["files"][0]["date"]
    assert date["basis"] == "config"
    assert date["value"].startswith(value)


def test_config_date_may_be_a_toml_date(tmp_path, proj):
    # TOML has a date type; a user writing the date without quotes means the same thing.
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\ndate = 2023-07-25\n')
    proc = newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["files"][0]["date"]["value"] == "2023-07-25"


# -- selectors that name nothing --------------------------------------------------------------
@pytest.mark.parametrize(
    "text,where",
    [
        ('select = ["S999"]\n', "select"),
        ('extend-select = ["no-such-rule"]\n', "extend-select"),
        ('ignore = ["Q1"]\n', "ignore"),
        ('ignore = ["sources"]\n', "ignore"),
        ('[severity]\nnonsense = "error"\n', "severity"),
        ('[per-file-ignores]\n"*.txt" = ["S901", "nothing"]\n', "per-file-ignores"),
    ],
)
def test_a_selector_that_names_no_rule_is_an_error(tmp_path, proj, text, where):
    cfg = write(proj / "newslint.toml", 'rule-packs = ["pack"]\n' + text)
    err = one_error_line(newslint(["proj/a/b/article.txt"], cwd=tmp_path))
    assert str(cfg) in err
    assert where in err
    assert "names no rule" in err


@pytest.mark.parametrize("flag", ["--select", "--extend-select", "--ignore"])
def test_a_cli_selector_that_names_no_rule_is_an_error(tmp_path, proj, flag):
    err = one_error_line(newslint(["proj/a/b/article.txt", "--isolated", flag, "XYZZY"], cwd=tmp_path))
    assert "XYZZY" in err and "names no rule" in err


def test_a_bad_cli_selector_is_not_blamed_on_the_config_file(tmp_path, proj):
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["S901"]\n')
    err = one_error_line(newslint(["proj/a/b/article.txt", "--select", "XYZZY"], cwd=tmp_path))
    assert "XYZZY" in err
    assert "newslint.toml" not in err, "the config file is fine; the bad selector came from the command line"


def test_a_selector_known_only_through_a_pack_is_accepted(tmp_path, proj):
    # S901 exists only in the user's pack; without it the same selector is an error.
    write(proj / "newslint.toml", 'select = ["S901"]\n')
    err = one_error_line(newslint(["proj/a/b/article.txt"], cwd=tmp_path))
    assert "S901" in err
    write(proj / "newslint.toml", 'rule-packs = ["pack"]\nselect = ["S901"]\n')
    assert codes(newslint(["proj/a/b/article.txt", "--format", "json"], cwd=tmp_path)) == {"S901"}


def test_default_settings_are_those_an_empty_config_validates_to(tmp_path, monkeypatch):
    """``Settings.defaults()`` is built without pydantic; every field must still come out as
    validating an empty config makes it (a default that needed converting would differ here)."""
    import dataclasses

    from newslint.config import Settings, settings_from

    monkeypatch.chdir(tmp_path)
    built, validated = Settings.defaults(), settings_from({}, None)
    assert built == validated
    for field in dataclasses.fields(Settings):
        assert type(getattr(built, field.name)) is type(getattr(validated, field.name)), field.name


def test_a_config_file_is_validated_once_while_it_does_not_change(tmp_path, monkeypatch):
    """A config file's validated settings are kept in the compiled cache (a run then needs no
    pydantic); an edit validates it again, a bad edit is reported every time, and the paths in it
    are relative to where the file is named from, whatever run cached it."""
    import os

    from newslint import config
    from newslint.errors import NewslintError

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    cfg = write(tmp_path / "proj" / "newslint.toml", 'select = ["A"]\nrule-packs = ["pack"]\n')
    first = config.load_config(cfg)
    assert first.select == ["A"] and first.root == cfg.parent and first.source == str(cfg)
    reads = []
    original = config._read_config
    monkeypatch.setattr(config, "_read_config", lambda path: reads.append(path) or original(path))
    monkeypatch.chdir(tmp_path / "proj")
    again = config.load_config(Path("newslint.toml"))  # the same file, named from its own folder
    assert reads == [] and again.select == ["A"] and again.root == Path(".") and again.source == "newslint.toml"
    write(cfg, 'select = ["B"]\n')
    assert config.load_config(cfg).select == ["B"] and len(reads) == 1
    write(cfg, 'select = "B"\n')
    for _ in range(2):
        with pytest.raises(NewslintError, match="select"):
            config.load_config(cfg)
    assert len(reads) == 3 and os.path.isdir(tmp_path / "cache" / "compiled")
