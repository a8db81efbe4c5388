package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Coroutines that declare checked exceptions, and callers that javac checks. */
public class Checked {
  @Coroutine
  static void lines(Yield<String, Void> co, int count, int failAt) throws IOException {
    for (int i = 0; i < count; i++) {
      if (i == failAt) {
        throw new IOException("line " + i + " unreadable");
      }
      co.yield("line " + i);
    }
  }

  @Coroutine
  static String either(Yield<String, Void> co, int which) throws IOException, SQLException {
    co.yield("start");
    if (which == 1) {
      throw new IOException("io");
    } else if (which == 2) {
      throw new SQLException("sql");
    }
    return "done";
  }

  @Coroutine
  static <X extends Exception> void generic(Yield<Integer, Void> co, X toThrow) throws X {
    co.yield(1);
    throw toThrow;
  }

  @Coroutine
  static int delegating(Yield<String, Void> co) throws IOException {
    co.yieldFrom(CheckedCoroutines.lines(2, 5));
    try {
      co.yieldFrom(CheckedCoroutines.lines(3, 1));
    } catch (IOException e) {
      co.yield("caught " + e.getMessage());
    }
    return 7;
  }

  @Coroutine(primed = true)
  static void failsWhenPrimed(Yield<Void, Void> co) throws IOException {
    throw new IOException("at once");
  }

  @Coroutine
  static void unchecked(Yield<Integer, Void> co) throws IllegalStateException {
    co.yield(1);
  }

  /** javac checks the catch around next(). */
  static String caller() {
    var lines = CheckedCoroutines.lines(3, 1);
    StringBuilder out = new StringBuilder();
    try {
      out.append(lines.next());
      out.append(lines.next());
    } catch (IOException e) {
      out.append(" / ").append(e.getMessage());
    }
    return out.toString();
  }

  /** try-with-resources: close() declares the coroutine's exception too. */
  static List<String> withResources() throws IOException {
    List<String> out = new ArrayList<>();
    try (var lines = CheckedCoroutines.lines(3, 9)) {
      out.add(lines.next());
      out.add(lines.next());
    }
    return out;
  }

  /** A primed factory runs the body: it declares the exception. */
  static String primed() {
    try {
      CheckedCoroutines.failsWhenPrimed();
      return "no exception";
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
