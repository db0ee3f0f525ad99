# How a service's JVM is started outside a container: sourced by run.sh and the benchmarks, so they all start the
# services the same way. Sets SERVICE_JAVA; service_jvm_options <module> prints the options for that module's jar.
#
# The jars are packaged as Quarkus's aot-jar (every class on the JDK's class path), so the JVM can keep what start-up
# loads in a cache file: on Java 25+ an AOT cache (JEP 483/514/515: classes loaded and linked, method profiles), on
# Java 17-24 a dynamic CDS archive. The first start with a given Java and given jars records it (a slower start, and
# a stop that takes a few seconds more while the JVM writes the file); the starts after it read it, if that first
# start succeeded (a failed one records again). A jar newer than
# the file, or another Java, records a new one. SERVICE_START_CACHE=off starts without it. One process records at a
# time: start replicas of a module only once its cache exists.
SERVICE_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# A small initial heap and the serial collector: on two cores they keep each service near 200 MB of RSS after start
# (250 MB with G1's default initial heap) without costing throughput (README, "Start-up"). The JIT's compilations
# free about 20 MB of native memory once start-up is over, which glibc keeps unless asked to hand it back: the JVM
# trims it every second (Java 17.0.9+, 21.0.1+; left out on a Java without the option). JAVA_OPTS replaces them.
SERVICE_NATIVE_TRIM=-XX:TrimNativeHeapInterval=1000
SERVICE_JAVA_VERSION=$("$SERVICE_JAVA" $SERVICE_NATIVE_TRIM -XshowSettings:properties -version 2>&1 \
  | awk -F' = ' '/java.runtime.version/ {print $2}')
if [ -z "$SERVICE_JAVA_VERSION" ]; then
  SERVICE_NATIVE_TRIM=
  SERVICE_JAVA_VERSION=$("$SERVICE_JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
fi
SERVICE_JAVA_OPTS="${JAVA_OPTS:--Xmx512m -Xms32m -XX:+UseSerialGC${SERVICE_NATIVE_TRIM:+ $SERVICE_NATIVE_TRIM}}"

service_jvm_options() {
  local module=$1
  # RequestGuard validates URLs itself and answers a malformed one with a problem (Vert.x would send a bare 400)
  echo "$SERVICE_JAVA_OPTS -Dvertx.disableURIValidation=true $(service_start_cache_options "$module")"
}

service_start_cache_options() {
  local module=$1 cache read record
  [ "${SERVICE_START_CACHE:-on}" != off ] || return 0
  mkdir -p "$module/target/jvm-start-cache"
  cache="$module/target/jvm-start-cache/$SERVICE_JAVA_VERSION"
  # recording warns about each class it cannot keep (generated proxies, JFR events): expected, so not shown
  if [ "${SERVICE_JAVA_VERSION%%[.+-]*}" -ge 25 ]; then
    cache="$cache.aot"
    read="-XX:AOTCache=$cache"
    record="-XX:AOTCacheOutput=$cache -Xlog:aot=error"
  else
    cache="$cache.jsa"
    read="-XX:SharedArchiveFile=$cache"
    record="-XX:ArchiveClassesAtExit=$cache -Xlog:cds=error"
  fi
  # the service writes $cache.started once the recording start has succeeded (StartCacheRecording): a failed start
  # writes a cache too, of a fraction of the classes, which would slow every start after it
  if [ -s "$cache" ] && [ -e "$cache.started" ] \
      && [ -z "$(find "$module/target/quarkus-app" -name '*.jar' -newer "$cache" -print -quit)" ] \
      && service_start_cache_usable "$module" "$cache" "$read"; then
    echo "$read"
  else
    rm -f "$cache" "$cache.checked" "$cache.started"
    echo "$record -Dmarketplace.start-cache.started-marker=$cache.started"
  fi
}

# A file cut short while it was written (the recording JVM killed with -9) crashes Java 17 at every start instead of
# being ignored, and one the JVM cannot read at all would never be recorded again: so each new file is tried once, by
# a JVM that only starts and stops, before a service reads it. That JVM must say it shares classes, and no error.
service_start_cache_usable() {
  local module=$1 cache=$2 read=$3 output
  [ "$cache.checked" -nt "$cache" ] && return 0
  output=$("$SERVICE_JAVA" "$read" -cp "$module/target/quarkus-app/quarkus-run.jar" -version 2>&1) || return 1
  case "$output" in *"[error"*) return 1 ;; *", sharing"*) ;; *) return 1 ;; esac
  touch "$cache.checked"
}
