// The failure is berth's one line and a hint in Maven's terms, and nothing was pushed.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal dev.berth:berth-maven-plugin')
assert log.contains("hint: add to settings.xml <servers>: <server><id>localhost:${port}</id>")
assert !log.contains('\tat ') : 'a stack trace reached the log without -e'
return true
