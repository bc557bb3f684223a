// berth:pull wrote the files back; the manifest says what berth:push was told.
import dev.berth.core.content.Contents
import dev.berth.core.remote.RegistryClient

def log = new File(basedir, 'build.log').text
assert !log.contains(token) : 'the registry token appears in the build log'

def pulled = new File(basedir, 'target/pulled')
assert new File(pulled, 'app.json').text == new File(basedir, 'config/app.json').text
assert new File(pulled, 'docs/intro.txt').text == 'Intro\n'
assert new File(pulled, 'docs/guide/README.md').text == '# Guide\nRead me.\n'

def repo = RegistryClient.builder().plainHttp(registry).build().repository("${registry}/config/app".toString())
def manifest = Contents.fetchManifest(repo, repo.resolve('2.0.0')).manifest()
assert manifest.artifactType() == 'application/vnd.example.config.v1+json'
assert manifest.annotations()['org.opencontainers.image.version'] == '2.0.0'
assert manifest.layers().size() == 2
return true
