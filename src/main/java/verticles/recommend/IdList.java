package verticles.recommend;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Ids stored as one comma-separated column (a user's recent likes, a page's impressions). */
final class IdList {
  private IdList() {
  }

  static String encode(List<Long> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  static List<Long> decode(String ids) {
    return ids == null || ids.isEmpty() ? List.of() : Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
  }
}
