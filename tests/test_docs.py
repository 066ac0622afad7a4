"""The README and the commands agree; CI installs the browser the browser tests need; JupyterLab
shows each notebook once."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from analysis.cli import build_parser

from conftest import ARTICLE, ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_options() -> dict[str, set[str]]:
    """Every subcommand's long options, from the parser itself."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return {name: {o for a in p._actions for o in a.option_strings if o.startswith("--")} - {"--help", "--out"}
            for name, p in sub.choices.items()}


def readme_options() -> dict[str, set[str]]:
    """Options the README's table gives each command."""
    section = README[README.index("| option | commands |"):]
    table = section[: section.index("\n\n")]
    options = command_options()
    listed: dict[str, set[str]] = {name: set() for name in options}
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        names = re.findall(r"`(--[a-z-]+)", cells[0])
        where = cells[-1]
        commands = list(options) if where.startswith("every") else [n for n in options if n != "doctor"] \
            if where.startswith("all") else [
            w.strip() for w in where.split(",")]
        for command in commands:
            listed[command].update(names)
    return listed


def test_the_readme_gives_each_command_exactly_its_options():
    actual, listed = command_options(), readme_options()
    for command, options in actual.items():
        assert listed.get(command, set()) == options, command
    assert "--method" not in listed["report"] and "--threshold" not in listed["report"]


def test_the_readme_names_every_csv_the_overlap_and_readability_commands_write(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "b.txt").write_text(ARTICLE.replace("library", "museum"), encoding="utf-8")
    for command in ("overlap", "readability"):
        out = tmp_path / command
        result = run_cli(command, str(corpus), "--out", str(out))
        assert result.returncode == 0, result.stderr
        line = next(line for line in README.splitlines() if line.startswith(f"media-analysis {command} "))
        listed = set(re.findall(r"[a-z_]+", line.split("#", 1)[1]))
        written = {p.stem for p in out.glob("*.csv")}
        assert written and written <= listed, (command, written - listed)


def test_the_installed_command_and_the_semantic_hint_are_documented():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^media-analysis = "analysis\.cli:main"$', pyproject, re.M) and "`media-analysis`" in README
    hint = "pip install -e '.[semantic]'"
    assert hint in README
    assert hint in (ROOT / "analysis" / "overlap.py").read_text(encoding="utf-8")  # the error says the same
    assert "pip install '.[semantic]'" not in README


def test_ci_installs_chromium_when_missing_then_runs_only_make_test():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert commands[-1] == "make test"
    assert "command -v chromium" in script
    update, install = script.index("apt-get update"), script.index("apt-get install -y chromium")
    assert update < install
    assert "CI=" in script  # the browser tests fail instead of skipping without a browser


def test_jupyterlab_shows_each_notebook_once():
    config = SimpleNamespace(ContentsManager=SimpleNamespace())
    exec((ROOT / "jupyter_lab_config.py").read_text(encoding="utf-8"), {"get_config": lambda: config})
    hidden = config.ContentsManager.hide_globs
    assert "*.py" in hidden and "__pycache__" in hidden
    pairs = sorted((ROOT / "notebooks").glob("*.py"))
    assert pairs and all(p.with_suffix(".ipynb").exists() for p in pairs)  # hiding .py hides no notebook
    assert "--config=$(CURDIR)/jupyter_lab_config.py" in (ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.py")), ids=lambda p: p.stem)
def test_parameter_lines_carry_no_comments(notebook):
    """papermill parses parameter lines; a comment with '=' on one made it warn on every run."""
    source = notebook.read_text(encoding="utf-8")
    cell = source.split('# %% tags=["parameters"]', 1)[1].split("# %%", 1)[0]
    for line in cell.splitlines():
        if "=" in line and not line.startswith("#"):
            assert "#" not in line, line
