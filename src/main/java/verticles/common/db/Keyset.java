package verticles.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import verticles.common.Cursor;
import verticles.common.Page;
import verticles.common.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads one {@link Page} of a list ordered newest first by (time, id) with keyset pagination: the
 * rows strictly after the cursor, found by an index on (filter columns, time, id), so a page costs
 * its own length, never the list's. One row more than the page is read to know whether another
 * page follows.
 */
public final class Keyset {
  private Keyset() {
  }

  /**
   * {@code SELECT columns, time, id FROM fromWhere [AND after the cursor] ORDER BY time DESC, id DESC}.
   *
   * @param columns    the items' columns besides time and id (may be empty)
   * @param fromWhere  {@code table WHERE filter}, its placeholders bound by {@code args}
   * @param time       the ordering time column (milliseconds)
   * @param id         the ordering id column, unique within the filter
   * @param item       reads an item from a row (time and id are labelled {@code page_time}, {@code page_id})
   */
  public static <T> Future<Page<T>> page(Database db, String columns, String fromWhere, Tuple args, String time, String id,
                                         PageRequest page, Function<Row, T> item) {
    StringBuilder sql = new StringBuilder("SELECT ");
    if (!columns.isEmpty()) {
      sql.append(columns).append(", ");
    }
    sql.append(time).append(" AS page_time, ").append(id).append(" AS page_id FROM ").append(fromWhere);
    if (page.after() != null) {
      sql.append(" AND (").append(time).append(" < ? OR (").append(time).append(" = ? AND ").append(id).append(" < ?))");
      args.addLong(page.after().time()).addLong(page.after().time()).addLong(page.after().id());
    }
    sql.append(" ORDER BY ").append(time).append(" DESC, ").append(id).append(" DESC LIMIT ?");
    args.addInteger(page.limit() + 1);
    return db.query(sql.toString(), args).map(rows -> {
      List<T> items = new ArrayList<>(Math.min(rows.size(), page.limit()));
      Cursor next = null;
      Row last = null;
      for (Row row : rows) {
        if (items.size() == page.limit()) {
          next = new Cursor(last.getLong("page_time"), last.getLong("page_id"));
          break;
        }
        items.add(item.apply(row));
        last = row;
      }
      return new Page<>(items, next);
    });
  }
}
