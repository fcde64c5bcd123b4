#!/usr/bin/env bash
set -euo pipefail
cargo --version
rustc --version
