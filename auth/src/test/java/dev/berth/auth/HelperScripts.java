package dev.berth.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes small docker-credential-NAME shell scripts into a directory that tests use as the search path. */
final class HelperScripts {
  private HelperScripts() {}

  /**
   * A helper that knows {@code ghcr.io} (alice / pat-123) and {@code tokens.example} (an identity token),
   * says "credentials not found" for anything else, and records store and erase input in {@code dir}.
   */
  static Path fakeStore(Path dir, String name) throws IOException {
    return write(dir, name, """
        action="$1"
        input=$(cat)
        case "$action" in
          get)
            case "$input" in
              ghcr.io) echo '{"ServerURL":"ghcr.io","Username":"alice","Secret":"pat-123"}' ;;
              tokens.example) echo '{"ServerURL":"tokens.example","Username":"<token>","Secret":"refresh-xyz"}' ;;
              *) echo "credentials not found in native keychain"; exit 1 ;;
            esac ;;
          store) printf '%s' "$input" > "DIR/stored-$action.json" ;;
          erase) printf '%s' "$input" > "DIR/erased.txt" ;;
          *) echo "unknown action $action" >&2; exit 2 ;;
        esac
        """.replace("DIR", dir.toString()));
  }

  /** Writes {@code docker-credential-NAME} with {@code body} after a shebang, executable. */
  static Path write(Path dir, String name, String body) throws IOException {
    Path script = dir.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
