package verticles.common.db;

import verticles.common.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the database is: MariaDB/MySQL from a {@code mysql://user:pass@host:port/db} URL, or the
 * embedded H2 database (MySQL mode) in a file under the data directory when no URL is set.
 */
public record DbTarget(Kind kind, String host, int port, String database, String user, String password, Path h2File) {

  /** The two database engines Vertok speaks to; the SQL is the same for both. */
  public enum Kind {
    MYSQL, H2
  }

  public static DbTarget parse(String url, Path dataDir) {
    if (url == null || url.isBlank()) {
      return new DbTarget(Kind.H2, null, 0, "vertok", "sa", "", dataDir.resolve("db").resolve("vertok"));
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException("db_url is not a valid URL: " + e.getMessage());
    }
    if (!"mysql".equals(uri.getScheme()) && !"mariadb".equals(uri.getScheme())) {
      throw new ConfigException("db_url must look like mysql://user:password@host:3306/database, got scheme '"
          + uri.getScheme() + "'");
    }
    if (uri.getHost() == null) {
      throw new ConfigException("db_url has no host: " + redacted(url));
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (path.isEmpty() || path.contains("/")) {
      throw new ConfigException("db_url must name one database after the host: " + redacted(url));
    }
    String user = "root";
    String password = "";
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? "" : decode(info.substring(colon + 1));
    }
    int port = uri.getPort() < 0 ? 3306 : uri.getPort();
    return new DbTarget(Kind.MYSQL, uri.getHost(), port, path, user, password, null);
  }

  /**
   * The JDBC URL. For H2, {@code WRITE_DELAY=0} writes every commit to the file before the commit
   * returns: with H2's default (500 ms) a commit that was answered success could still be in
   * memory only, and a killed process lost it. {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown
   * hook would close the database at the SIGTERM, while the node still drains its requests (they
   * failed with "database is already closed"); the node closes its pool last instead, and H2 the
   * database with the pool's last connection.
   */
  public String jdbcUrl() {
    if (kind == Kind.H2) {
      return "jdbc:h2:file:" + h2File.toAbsolutePath()
          + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE;WRITE_DELAY=0"
          + ";DB_CLOSE_ON_EXIT=FALSE";
    }
    return "jdbc:mariadb://" + host + ":" + port + "/" + database + "?connectTimeout=5000";
  }

  /** Where the database is, without the password, for messages. */
  public String describe() {
    return kind == Kind.H2 ? "embedded H2 at " + h2File : "MySQL/MariaDB " + user + "@" + host + ":" + port + "/" + database;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String redacted(String url) {
    return url.replaceAll("//([^:/@]*):[^@]*@", "//$1:***@");
  }
}
