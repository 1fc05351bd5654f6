# Kernteamwijzer: the two commands a newcomer needs are `make start` and `make test`.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: start start-production test shell train setup benchmark usage scenarios

setup:
	@scripts/setup.sh

start: setup
	@.venv/bin/python -m bot.cli start

start-production: setup
	@.venv/bin/python -m bot.cli start-production

test: setup
	@.venv/bin/python -m bot.cli test

shell: setup
	@.venv/bin/python -m bot.cli shell

train: setup
	@.venv/bin/python -m bot.cli train

benchmark: setup
	@.venv/bin/python benchmarks/training_time.py
	@.venv/bin/python benchmarks/response_time.py

usage: setup
	@.venv/bin/python -m bot.usage

scenarios: setup
	@.venv/bin/python -m bot.cli train
	@.venv/bin/python -m bot.scenario_book
