package verticles;

import org.junit.jupiter.api.Test;
import verticles.common.bus.Domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rules of the layout that the compiler cannot check. */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java");
  /** The domains and the node-local media worker: everything that has event-bus addresses. */
  private static final List<String> SERVICES = Stream.concat(Stream.of(Domain.values()).map(Domain::key), Stream.of("media"))
      .toList();
  private static final Pattern ADDRESS = Pattern.compile("\"(" + String.join("|", SERVICES) + ")\\.[A-Za-z]+\"");
  private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|^\\s*//.*$", Pattern.DOTALL | Pattern.MULTILINE);

  /** Everyone else reaches a domain through its typed client, so "find usages" of an address finds its callers. */
  @Test
  void eventBusAddressesAppearOnlyInTheirOwnPackage() throws IOException {
    List<String> misplaced = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String code = COMMENTS.matcher(Files.readString(file)).replaceAll("");
        Matcher address = ADDRESS.matcher(code);
        while (address.find()) {
          String service = address.group(1);
          seen.add(service);
          if (!SOURCES.relativize(file).startsWith(Path.of("verticles", service))) {
            misplaced.add(address.group() + " in " + file);
          }
        }
      }
    }
    assertEquals(List.of(), misplaced);
    assertEquals(Set.copyOf(SERVICES), seen, "the scan finds every service's addresses where they belong");
  }

  /** The bridge's list comes from the clients' reads; it is what tools could always call, no more. */
  @Test
  void theToolsBridgePermitsThePingsAndTheClientsReads() {
    assertEquals(Set.of(
            "user.ping", "user.get", "user.getMany",
            "video.ping", "video.getMany", "video.feed", "video.listByAuthor", "video.userStats",
            "favorite.ping", "favorite.listByUser", "favorite.videoStats", "favorite.userStats",
            "comment.ping", "comment.listByVideo", "comment.videoStats",
            "relation.ping", "relation.following", "relation.followers", "relation.userStats",
            "message.ping", "recommend.ping"),
        Set.copyOf(Node.toolReads()));
  }
}
