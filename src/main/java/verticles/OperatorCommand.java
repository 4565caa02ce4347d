package verticles;

import io.vertx.core.Vertx;
import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;
import verticles.common.db.Database;
import verticles.user.OperatorAccounts;
import verticles.user.OperatorRole;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar vertok.jar operator add NAME --role ROLE [--conf FILE.json]}: records an
 * operator account in the database the server uses (the same configuration: {@code db_url},
 * {@code data_dir}, migrated first). The password is read from standard input (one line), never
 * from the command line, where other users of the host could see it.
 */
final class OperatorCommand {
  static final String USAGE = "usage: java -jar vertok.jar operator add NAME --role viewer|moderator|admin [--conf FILE.json]"
      + " (the password on standard input)";

  private OperatorCommand() {
  }

  /** What the command line asks for. */
  record Request(String name, OperatorRole role, Path confFile) {
    static Request parse(String[] args) {
      if (args.length < 2 || !args[0].equals("add")) {
        throw new ConfigException(USAGE);
      }
      String name = args[1];
      OperatorRole role = null;
      Path conf = null;
      for (int i = 2; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new ConfigException(flag + " needs a value; " + USAGE);
        }
        String value = args[++i];
        switch (flag) {
          case "--role" -> role = OperatorRole.parse(value);
          case "--conf", "-conf" -> conf = Path.of(value);
          default -> throw new ConfigException("unknown argument '" + flag + "'; " + USAGE);
        }
      }
      if (role == null) {
        throw new ConfigException("--role is required; " + USAGE);
      }
      return new Request(name, role, conf);
    }
  }

  /** Adds the operator; a failure is thrown with the sentence to print. */
  static void run(String[] args) throws IOException, TimeoutException {
    Request request = Request.parse(args);
    Config config = Config.load(request.confFile(), System.getenv());
    String password = readPassword();
    Vertx vertx = Vertx.vertx();
    try {
      long waitSeconds = 60L + config.integer(Setting.DB_WAIT_SECONDS);
      Database db = Node.openDatabase(vertx, config).await(waitSeconds, TimeUnit.SECONDS);
      try {
        OperatorAccounts.add(vertx, db, config.integer(Setting.BCRYPT_COST), request.name(), request.role(), password)
            .await(waitSeconds, TimeUnit.SECONDS);
      } finally {
        db.close().await(10, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static String readPassword() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("password: ");
      return typed == null ? "" : new String(typed);
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null ? "" : line;
  }
}
