# Sourced by ./partita, ./mvnw and .ci/run: points JAVA_HOME at a JDK 25.
# Keeps JAVA_HOME when it already names a JDK 25; otherwise looks in the usual places.
partita_is_jdk25() {
  [ -x "$1/bin/javac" ] || return 1
  # the JDK's release file answers without starting a JVM (~0.1 s); ask the JVM only when it is missing
  if [ -f "$1/release" ]; then
    grep -q '^JAVA_VERSION="25[."-]' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | grep -q 'java.specification.version = 25'
  fi
}
if [ -z "${JAVA_HOME:-}" ] || ! partita_is_jdk25 "$JAVA_HOME"; then
  case $- in *f*) partita_noglob=1; set +f;; *) partita_noglob=0;; esac
  for candidate in /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/*25* /opt/java/*25* "$HOME"/.sdkman/candidates/java/25*; do
    if partita_is_jdk25 "$candidate"; then JAVA_HOME="$candidate"; break; fi
  done
  if [ "$partita_noglob" = 1 ]; then set -f; fi
fi
if [ -z "${JAVA_HOME:-}" ] || ! partita_is_jdk25 "$JAVA_HOME"; then
  echo "partita: a JDK 25 is required; set JAVA_HOME to one (e.g. Temurin 25 under /usr/lib/jvm)" >&2
  exit 2
fi
export JAVA_HOME
