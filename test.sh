#!/usr/bin/env bash
# mpilab quick start, step 2: install what is missing (Debian 12), build, and run every test
# (unit tests of the core and collectives, scenarios, CLI, and GUI smoke tests under Xvfb).
set -euo pipefail
cd "$(dirname "$0")"
source .ci/lib.sh

install_packages
build_project
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(jobs_for_tests)"
