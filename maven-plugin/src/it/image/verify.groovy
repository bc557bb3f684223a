// The image berth:image pushed, read back from the OCI layout berth:cp wrote: the base's layer plus
// one holding the jar, and the config carrying the entrypoint, environment and label.
import dev.berth.core.content.Contents
import dev.berth.core.layout.OciLayout
import groovy.json.JsonSlurper
import java.util.zip.GZIPInputStream
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream

def log = new File(basedir, 'build.log').text
assert !log.contains(token) : 'the registry token appears in the build log'
assert log.contains("mounted ") : 'the base layer was not mounted from base/tiny'

def layout = OciLayout.open(basedir.toPath().resolve('target/layout'))
def manifest = Contents.fetchManifest(layout, layout.resolve('1.0.0')).manifest()
assert manifest.layers().size() == 2
def config = new JsonSlurper().parse(Contents.fetchAll(layout, manifest.config(), 1 << 20))
assert config.config.Entrypoint == ['java', '-jar', '/app/hello-app-1.0.0.jar']
assert config.config.Env.contains('GREETING_FROM=berth')
assert config.config.Env.contains('PATH=/usr/bin:/bin')
assert config.config.Labels['org.opencontainers.image.version'] == '1.0.0'

def names = []
def tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(
    Contents.fetchAll(layout, manifest.layers()[1], 1 << 24))))
for (def e = tar.nextEntry; e != null; e = tar.nextEntry) {
  names << e.name
}
assert names.any { it.endsWith('app/hello-app-1.0.0.jar') } : names
return true
