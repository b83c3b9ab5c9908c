# Bootstrap only: make the virtualenv and install the pinned dependencies, then hand over to
# invoke (tasks.py), where the real work is described.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
VNU := node_modules/vnu-jar/build/dist/vnu.jar
# make serve PORT=8123: the preview and its local SMTP server (PORT + 25) move together.
PORT ?= 8000

.PHONY: serve test bench clean

serve: $(INSTALLED)
	$(BIN)/invoke dev --port $(PORT)

test: $(INSTALLED) $(VNU)
	$(BIN)/invoke test

bench: $(INSTALLED)
	$(BIN)/invoke bench

$(INSTALLED): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

# The Nu Html Checker, pinned in package.json; no lock file is kept (it records download URLs).
$(VNU): package.json
	npm install --no-package-lock --no-audit --no-fund --silent
	test -f $@ && touch $@

clean:
	rm -rf $(VENV) node_modules output .pelican-cache
