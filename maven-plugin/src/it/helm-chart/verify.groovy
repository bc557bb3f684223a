// Helm itself (its Go library, through helm-java) reads back the chart the build pushed.
import com.marcnuri.helm.Helm

def log = new File(basedir, 'build.log').text
assert !log.contains(token) : 'the registry token appears in the build log'
assert log.contains("berth: ${registry}/charts/greeter:1.2.3@sha256:")

def ref = "oci://${registry}/charts/greeter".toString()
String shown = Helm.show(ref).chart().withVersion('1.2.3').plainHttp().call()
assert shown.contains('name: greeter') : shown
assert shown.contains('version: 1.2.3') : shown
assert shown.contains('appVersion: 1.2.3') : shown

String rendered = Helm.template(ref).withVersion('1.2.3').withName('hi').plainHttp().call()
assert rendered.contains('name: hi-greeter') : rendered
assert rendered.contains('version: "1.2.3"') : rendered
assert new File(basedir, 'target/berth/helm/greeter-1.2.3.tgz').isFile()
return true
