#!/usr/bin/env bash
# Runs Hearth's benchmark: a gateway from the distribution over REST beside the same work on an
# in-process SparkSession, and the engine's cold start beside a bare SparkSubmit. Prints a table.
#
# Usage: bench/run.sh [--skip-build] [HearthBench options]
#   --skip-build              use the distribution and bench jar already built
#   --markdown FILE           also write the result table as markdown to FILE
#   --work-dir DIR            data directories, logs, /metrics snapshots (default bench/target/bench-work)
#   --master MASTER           Spark master for engines and baselines (default local[*])
#   --latency-warmups N       select 1 warm-ups (default 20)
#   --latency-runs N          select 1 measured runs (default 50)
#   --transfer-warmups N      warm-ups of the 1M-row fetches, each format (default 2)
#   --transfer-runs N         measured 1M-row fetches, each format (default 5)
#   --transfer-rows N         rows of the transfer query (default 1000000)
#   --large-rows N            rows fetched through the bounded-heap gateway (default 10000000)
#   --large-java-opts OPTS    JVM options of that gateway (default -Xmx256m)
#   --large-engine-memory SIZE  engine.driver-memory of that gateway's engine (default: Hearth's, 2g)
#   --large-timeout SECONDS   give up on (and cancel) a large query after this long (default 300)
#   --cold-start-runs N       bare SparkSubmit runs (default 2)
#   --note TEXT               a line about the conditions of the run, printed with the results
#   --startup-runs N          engine start-up runs, each a full cold start and a late-bound one (default 3)
#   --scenario all|jobs|startup|pool|auth|jdbc|events|console  everything (default); only a trivial function job's round trip
#                             vs select 1 on one gateway (about a minute); only an engine's full cold
#                             start vs a late-bound standby engine (a few minutes); or only the engine
#                             pool on one gateway: select 1 claiming a warm engine vs on an assigned
#                             one, and N clients at once on a shared engine vs 1 client (a few minutes:
#                             every warm-pool run waits for a new engine JVM to start); or only what
#                             authentication costs a cheap request: HTTP Basic and an API token vs no
#                             authentication, and a user's first (bcrypt-checked) request (under a minute);
#                             or Hearth's HiveServer2 (and Flight SQL) port vs Spark Thrift Server 3.5, both
#                             through the Apache Hive JDBC driver (about 10 minutes on 2 cores); or how
#                             soon a client that submitted without waiting learns its statement finished:
#                             its SSE event stream vs polling GET every 500 ms / 100 ms (a few minutes);
#                             or the web console's first paint and readiness in Chromium vs the bundled
#                             Swagger UI page, and a /metrics scrape vs /health/live (a minute; no engine)
#   --pool-acquire-runs N     statements claiming a warm engine, each after a refill (default 4)
#   --pool-clients N          concurrent clients on the shared engine (default 8)
#   --pool-statements N       statements per concurrent client (default 50)
#   --jdbc-latency-runs N     jdbc: select 1 measured runs (default 200; warm-ups: --latency-warmups)
#   --jdbc-sides both|sts|hearth  jdbc: measure both servers (default), or only one
#                             (the jdbc scenario's 1M-row fetches use --transfer-*, its concurrent
#                             connections --pool-clients x --pool-statements)
#
# Environment:
#   JAVA_HOME            the Java 17 to run (default: java on the PATH)
#   BENCH_JAVA_OPTS      JVM options of the bench JVM, which hosts the in-process baseline (default -Xmx2g,
#                        the engine's default driver memory)
#
# The build is `mvn -B -q -DskipTests package` at the repository root (nothing is installed to ~/.m2).
#
# A run takes a few minutes and wants the machine otherwise idle: it measures latency.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/hearth-dist/target/hearth"
build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --skip-build) build=false ;;
    --help|-h) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

jdbc=false
for arg in "${args[@]+"${args[@]}"}"; do [[ "$arg" == "jdbc" ]] && jdbc=true; done

if $build; then
  (cd "$ROOT" && mvn -B -q -DskipTests package)
  # the reference peer's classpath (Spark 3.5 / Scala 2.12): its own build, outside the reactor
  if $jdbc; then (cd "$ROOT" && mvn -B -q -f bench/sts-peer/pom.xml package); fi
fi
if $jdbc; then
  if [[ ! -d "$ROOT/bench/sts-peer/target/lib" ]]; then
    echo "run.sh: build the peer first (mvn -B -q -f bench/sts-peer/pom.xml package at $ROOT), or drop --skip-build" >&2
    exit 1
  fi
  args+=(--sts-lib "$ROOT/bench/sts-peer/target/lib" --jdbc-drivers "$ROOT/bench/target/jdbc-drivers")
fi

JAR="$(ls "$ROOT"/bench/target/hearth-bench-*.jar 2>/dev/null | head -n 1 || true)"
EXAMPLES_JAR="$(ls "$ROOT"/examples/target/hearth-examples-*.jar 2>/dev/null | head -n 1 || true)"
if [[ -z "$JAR" || -z "$EXAMPLES_JAR" || ! -f "$ROOT/bench/target/bench-classpath.txt" || ! -x "$DIST/bin/hearth" ]]; then
  echo "run.sh: build first (mvn -B -q -DskipTests package at $ROOT), or drop --skip-build" >&2
  exit 1
fi

if [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java)"; fi

# Spark's JVM flags on Java 17: the list in hearth-server's ProcessEngineLauncher.JAVA_MODULE_OPTIONS.
# HearthBench passes the same flags on to the bare SparkSubmit it launches.
SPARK_MODULE_OPTIONS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)

has_work_dir=false
for arg in "${args[@]+"${args[@]}"}"; do [[ "$arg" == "--work-dir" ]] && has_work_dir=true; done
if ! $has_work_dir; then
  rm -rf "$ROOT/bench/target/bench-work"
  args+=(--work-dir "$ROOT/bench/target/bench-work")
fi

# Spark binds to 127.0.0.1 only (the in-process baseline, the bare SparkSubmit and the engines inherit it).
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# shellcheck disable=SC2086
exec "$java" ${BENCH_JAVA_OPTS:--Xmx2g} "${SPARK_MODULE_OPTIONS[@]}" \
  -cp "$JAR:$(cat "$ROOT/bench/target/bench-classpath.txt")" \
  io.hearth.bench.HearthBench \
  --distribution "$DIST" --bench-jar "$JAR" --examples-jar "$EXAMPLES_JAR" "${args[@]+"${args[@]}"}"
