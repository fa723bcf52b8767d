# Two set-up commands on a fresh machine: `make run` and `make test`. Each creates .venv itself.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DATA ?= ../shared/data
DB ?= eventledger.db
EXAMPLE = examples/camp-ashraf-2019-10-19.txt

.PHONY: run test lint bench bench-quick dictionaries gazetteer model clean

$(BIN)/eventledger: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## run: ingest the bundled example into ./eventledger.db and list its events
run: $(BIN)/eventledger
	$(BIN)/eventledger ingest --db $(DB) $(EXAMPLE)
	$(BIN)/eventledger events --db $(DB)

## test: the unit and end-to-end tests
test: $(BIN)/eventledger
	$(BIN)/python -m pytest -q

lint: $(BIN)/eventledger
	$(BIN)/ruff check src tests bench scripts

## bench: every scorer over ../shared/data; rewrites BENCHMARKS.md
bench: $(BIN)/eventledger
	$(BIN)/python -m bench --data $(DATA) --write BENCHMARKS.md

bench-quick: $(BIN)/eventledger
	$(BIN)/python -m bench --data $(DATA) --quick

## dictionaries / gazetteer: rebuild the shipped data files from ../shared/data
dictionaries: $(BIN)/eventledger
	$(BIN)/python scripts/build_actor_dictionary.py $(DATA)/phoenix-dictionaries
	$(BIN)/python scripts/build_conflict_actors.py $(DATA)
	$(BIN)/python scripts/build_common_words.py $(DATA)/ud-english-ewt

gazetteer: $(BIN)/eventledger
	$(BIN)/python scripts/build_gazetteer.py $(DATA)/geonames

## model: train the tagger (UPOS from a features-free morphologizer) and parser on UD English EWT and ship it
## (fixed seed, 3,400 steps: about 25 minutes on one core while the other is busy), then the entity recogniser
## on GUM, CrossNER politics, UNER EWT dev and half of re3d (training/ner.cfg: about 5 minutes)
EWT = $(DATA)/ud-english-ewt
model: $(BIN)/eventledger
	mkdir -p build/conllu-upos build/ewt-upos
	for split in train dev test; do \
	  awk -F'\t' 'BEGIN{OFS="\t"} NF==10{$$6="_"} {print}' $(EWT)/en_ewt-ud-$$split.conllu > build/conllu-upos/en_ewt-ud-$$split.conllu; \
	  $(BIN)/python -m spacy convert --converter conllu -n 10 build/conllu-upos/en_ewt-ud-$$split.conllu build/ewt-upos; \
	done
	$(BIN)/python -m spacy train training/parser.cfg --output build/parser --paths.train build/ewt-upos/en_ewt-ud-train.spacy --paths.dev build/ewt-upos/en_ewt-ud-dev.spacy --nlp.batch_size 256
	$(BIN)/python scripts/package_model.py build/parser/model-best
	$(BIN)/python scripts/build_ner_corpus.py $(DATA)/ner build/ner
	$(BIN)/python -m spacy train training/ner.cfg --output build/ner-model --paths.train build/ner/train.spacy --paths.dev build/ner/dev.spacy
	$(BIN)/python scripts/package_model.py --ner build/ner-model/model-best

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
