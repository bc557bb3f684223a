@echo off
rem berth: runs the berth command line from this distribution. Needs a Java 17+ runtime:
rem %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, otherwise the java on the PATH.
rem Set BERTH_JAVA_OPTS to replace the JVM flags below.
setlocal

set "BERTH_HOME=%~dp0.."

if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
if defined JAVA_HOME if not exist "%JAVA%" (
  echo berth: JAVA_HOME is %JAVA_HOME%, but %JAVA% does not exist; point JAVA_HOME at a JDK 17+ or unset it 1>&2
  exit /b 1
)

rem berth streams, so its live heap is a few MiB: the serial collector and a small first heap keep it lean.
if not defined BERTH_JAVA_OPTS set "BERTH_JAVA_OPTS=-XX:+UseSerialGC -Xms16m"

"%JAVA%" %BERTH_JAVA_OPTS% -cp "%BERTH_HOME%\lib\*" dev.berth.cli.Berth %*
exit /b %ERRORLEVEL%
