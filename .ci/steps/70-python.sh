#!/usr/bin/env bash
# The Python package (crates/python): build the abi3 wheel with maturin, install it into a fresh virtual
# environment with pyarrow, pyspark, dask and pytest from PyPI, and run its tests against the CLI, Spark in
# local mode included (Java 17). Leaves the environment in target/python-ci/venv for .ci/shared-checks.
set -euo pipefail
cd "$(dirname "$0")/../.."
ci=target/python-ci
rm -rf "$ci"
mkdir -p "$ci"

# Spark needs Java 17 or later.
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  echo "installing Java 17 for Spark"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
fi
java -version 2>&1 | head -n 1
[ "$(java_major)" -ge 17 ] || { echo "Java 17 or later is required for Spark" >&2; exit 1; }

# The test environment's packages download while the wheel builds (the network and the CPU overlap).
python3 -m venv "$ci/venv"
"$ci/venv/bin/pip" install --quiet --disable-pip-version-check pytest "pyspark[sql]>=3.5" "pandas<3" \
  "dask[dataframe]" > "$ci/pip.log" 2>&1 &
pip_job=$!

python3 -m venv "$ci/build"
"$ci/build/bin/pip" install --quiet --disable-pip-version-check maturin
start=$(date +%s)
(cd crates/python && ../../"$ci"/build/bin/maturin build --quiet --out ../../"$ci"/wheels)
took=$(( $(date +%s) - start ))
wheel=$(ls "$ci"/wheels/detente-*.whl)
size=$(stat -c %s "$wheel")
awk -v name="$(basename "$wheel")" -v size="$size" -v took="$took" \
  'BEGIN { printf "wheel: %s, %.1f MB, built in %ds\n", name, size / 1048576, took }'
[ "$size" -le $(( 25 * 1048576 )) ] || { echo "the wheel is larger than 25 MB" >&2; exit 1; }
[ "$took" -le 360 ] || echo "WARNING: the wheel took more than 6 minutes to build" >&2

# The CLI the package is compared with: the debug build the test step made (cheap if it is up to date).
cargo build --quiet -p detente
if ! wait "$pip_job"; then
  cat "$ci/pip.log" >&2
  echo "installing pytest, pyspark, pandas and dask from PyPI failed" >&2
  exit 1
fi
"$ci/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel"
"$ci/venv/bin/python" -c 'import detente, pyspark, pyarrow; print("detente", detente.__version__, "pyspark", pyspark.__version__, "pyarrow", pyarrow.__version__)'
DETENTE_BIN="$PWD/target/debug/detente" "$ci/venv/bin/python" -m pytest crates/python/tests -q -p no:cacheprovider \
  --durations=5
echo "70-python: ${SECONDS}s (wheel build ${took}s)"
