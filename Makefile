# Self-documenting: `make` or `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
CDR := node dist/services/cli/main.js
SOURCES := $(shell find libs services test/bench test/support -name '*.ts' -not -name '*.spec.ts' 2>/dev/null)

.PHONY: help setup system-deps run test test-unit kafka-demo typecheck bench clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: system-deps node_modules/.installed dist/.built ## Install what the project needs (apt packages, npm packages) and build

system-deps: ## Install kcat and redis-server from Debian where missing (tests need them)
	@missing=""; command -v kcat >/dev/null || missing="$$missing kcat"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

dist/.built: node_modules/.installed $(SOURCES) tsconfig.json tsconfig.build.json
	npx tsc -p tsconfig.build.json
	@touch $@

run: setup ## Run the embedded pipeline on the shipped sample month and print the invoice summary
	$(CDR) run

test: setup ## Run the whole test suite (unit, integration against real Kafka-protocol cluster and Redis)
	npx tsc -p tsconfig.json --noEmit
	npx jest $(JEST_FLAGS)

test-unit: node_modules/.installed ## Run only the fast unit specs beside the code
	npx jest libs services

kafka-demo: setup ## The sample month through the three Kafka services on this machine (mock cluster, Redis, registry double)
	npx jest --testMatch '**/test/e2e/kafka-demo.demo.ts' --verbose=false

typecheck: node_modules/.installed ## Type-check everything, tests included
	npx tsc -p tsconfig.json --noEmit

bench: setup ## Benchmarks: 1M CDRs embedded (throughput, peak memory); Kafka path vs a consume-and-produce pass-through
	node dist/test/bench/embedded-bench.js
	node dist/test/bench/kafka-bench.js

clean: ## Remove build output
	rm -rf dist out .bench
