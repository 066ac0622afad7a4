# Two commands on a fresh machine: `make report` (the main job) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= data
OUT ?= reports

.PHONY: report test lab clean-out benchmarks help

help:
	@echo "make report   - install into .venv, run every notebook on $(CORPUS), write $(OUT)/*.html and figures"
	@echo "                (figures/ for the default corpus, $(OUT)/figures for CORPUS=other)"
	@echo "make test     - install into .venv and run the whole test suite (notebooks included)"
	@echo "make lab      - JupyterLab on notebooks/ with the package importable"
	@echo "make benchmarks - timings against the reference libraries"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(PY) -m analysis doctor
	touch $(STAMP)

# the repository's tracked figures/ are the default corpus's; any other corpus keeps its figures
# under $(OUT)/figures, so a run on it never rewrites the repository's files
FIGURES_OPTION = $(if $(filter $(abspath data),$(abspath $(CORPUS))),--figures figures)

report: $(STAMP)
	$(PY) -m analysis report $(CORPUS) --out $(OUT) $(FIGURES_OPTION)

test: $(STAMP)
	$(PY) -m pytest -q

lab: $(STAMP)
	$(PY) -m pip install --quiet -e '.[lab]'
	$(VENV)/bin/jupyter lab notebooks/

benchmarks: $(STAMP)
	$(PY) benchmarks/run_all.py

clean-out:
	rm -rf $(OUT) out
