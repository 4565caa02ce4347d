package verticles.gateway;

import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The HS256 key the gateway signs tokens with: {@code jwt_secret} when configured, else a random
 * one generated at first start and kept in {@code <data_dir>/jwt-secret} (owner-only), so tokens
 * survive restarts. No mode signs with a secret anyone else knows. A cluster needs the configured
 * one, since all its gateways must share it ({@code Node.checkSecret}).
 */
public final class TokenSecret {
  static final String FILE = "jwt-secret";
  private static final int RANDOM_BYTES = 48;
  private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private TokenSecret() {
  }

  /** The secret for this node (blocking: file IO; call it on a worker or before Vert.x starts). */
  public static String resolve(Config config) {
    String configured = config.string(Setting.JWT_SECRET);
    if (!configured.isEmpty()) {
      return configured;
    }
    Path file = file(config);
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        create(file);
      }
      return read(file);
    } catch (IOException e) {
      throw new ConfigException("cannot keep the token secret in " + file + ": " + e.getMessage()
          + " (make the data directory writable, or set jwt_secret)");
    }
  }

  /** {@code <data_dir>/jwt-secret}. */
  static Path file(Config config) {
    return Path.of(config.string(Setting.DATA_DIR)).toAbsolutePath().resolve(FILE);
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[RANDOM_BYTES];
    new SecureRandom().nextBytes(random);
    byte[] secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
    Path temp = file.resolveSibling(FILE + ".new");
    Files.deleteIfExists(temp);
    if (posix(file)) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(temp);
    }
    Files.write(temp, secret);
    try {
      // Written in full before it appears; never replaces one that appeared meanwhile.
      Files.move(temp, file);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(temp);
    }
  }

  private static String read(Path file) throws IOException {
    if (posix(file)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new ConfigException("refusing to start: the token secret " + file + " is readable by others ("
            + PosixFilePermissions.toString(permissions) + "); run chmod 600 on it");
      }
    }
    String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
    if (secret.length() < Config.MIN_JWT_SECRET_LENGTH) {
      throw new ConfigException("refusing to start: the token secret " + file + " is shorter than " + Config.MIN_JWT_SECRET_LENGTH
          + " characters; delete it to have a new one generated (every token is then invalid)");
    }
    return secret;
  }

  private static boolean posix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
