# Bootstrap only: check the system, make the virtualenv and install the pinned dependencies,
# then hand over to invoke (tasks.py), where the real work is described. `make help` lists the
# targets: the ones with a `## ` description on their line.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PRODUCTION := $(VENV)/.installed-production
VNU := node_modules/vnu-jar/build/dist/vnu.jar
# The system's python3, before any virtualenv: devtools/preflight.py needs the stdlib only.
PREFLIGHT := $(PYTHON) devtools/preflight.py
# make serve PORT=8123: the preview, formsvc and the local SMTP server (PORT + 25) move together.
PORT ?= 8000

.DEFAULT_GOAL := help
# One step at a time, in the order written: the system check passes before anything installs.
.NOTPARALLEL:
.PHONY: help serve test bench production clean

help: ## affiche cette liste
	@awk 'BEGIN { FS = ":.*## " } /^[a-z]+:.*## / { printf "make %-11s %s\n", $$1, $$2 }' \
		$(MAKEFILE_LIST)

serve: $(INSTALLED) ## installe, puis lance l'aperçu du site et formsvc sur http://127.0.0.1:8000/ (autre port : PORT=8123)
	$(BIN)/invoke dev --port $(PORT)

test: check-test $(INSTALLED) $(VNU) ## installe (paquets système compris), puis lance tous les tests
	$(BIN)/invoke test

bench: check-bench $(INSTALLED) ## mesure la construction du site, l'aperçu et formsvc sous charge
	$(BIN)/invoke bench

production: $(PRODUCTION) ## installe sur un serveur formsvc et la publication du site, sans les outils de développement ni de test

clean: ## efface .venv, node_modules et le site construit
	rm -rf $(VENV) node_modules output .pelican-cache

# The system packages of `make test` and `make bench`, installed when root, else one line
# saying which command to type; nothing else runs until it passes.
check-%:
	@$(PREFLIGHT) $*

# Development: the site's build and publication, the preview's tools, the tests' tools.
# Production: the site's build and publication only (formsvc's own needs are the project's
# dependencies). Editable: the checkout's theme/ and content/ stay beside formsvc's code.
$(INSTALLED): EXTRAS := site,dev,test
$(PRODUCTION): EXTRAS := site
$(INSTALLED) $(PRODUCTION): pyproject.toml constraints.txt
	@test -d $(VENV) || $(PREFLIGHT) venv "$(or $(MAKECMDGOALS),serve)"
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
		-e '.[$(EXTRAS)]'
	touch $@

# The Nu Html Checker, pinned in package.json; no lock file is kept (it records download URLs).
$(VNU): package.json
	npm install --no-package-lock --no-audit --no-fund --silent
	test -f $@ && touch $@
