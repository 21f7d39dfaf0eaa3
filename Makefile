# Two commands for a fresh machine with Python 3.11+:
#   make lab    create .venv, install the course, open it in JupyterLab on 127.0.0.1
#   make test   create .venv, install the course and its test tools, run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Jupyter refuses to run as root unless told; only then is the flag added.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test notebooks clean

lab: $(VENV)/.course-installed
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ROOT_FLAG) --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks/00_setup.ipynb \
		--ServerApp.jpserver_extensions="{'course.fast_websocket': True}"

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

# Re-execute every notebook top to bottom in a fresh kernel, storing the new outputs.
notebooks: $(VENV)/.course-installed
	$(BIN)/python scripts/execute_notebooks.py

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, this is " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.course-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -c "import matplotlib.font_manager"  # build the font cache once, quietly
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.course-installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
