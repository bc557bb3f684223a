// berth's library pulls the module back (anonymously: the registry lets anyone read) and checks it.
import dev.berth.artifacts.wasm.WasmArtifacts
import dev.berth.artifacts.wasm.WasmKind
import dev.berth.artifacts.wasm.WasmPullOptions
import dev.berth.core.content.Contents
import dev.berth.core.remote.RegistryClient
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
assert !log.contains(token) : 'the registry token appears in the build log'
assert log.contains('berth: pushed a wasm module (wasip1)')

def repo = RegistryClient.builder().plainHttp(registry).build().repository("${registry}/wasm/hello".toString())
def out = basedir.toPath().resolve('target/pulled.wasm')
def pulled = WasmArtifacts.pull(repo, '0.3.0', out, WasmPullOptions.builder().overwrite(true).build())
assert pulled.kind() == WasmKind.MODULE
assert Files.readAllBytes(out) == Files.readAllBytes(basedir.toPath().resolve('src/main/wasm/hello.wasm'))
def manifest = Contents.fetchManifest(repo, repo.resolve('0.3.0')).manifest()
assert manifest.annotations()['org.opencontainers.image.description'] == 'Says hello'
assert log.contains("berth: ${registry}/wasm/hello:0.3.0@${pulled.manifest().digest()}")
return true
