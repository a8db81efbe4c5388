package dev.jcoro;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The line table of a generated state machine: which line of the user's coroutine each line of
 * the generated {@code resume} comes from, so that an exception leaving the body shows the user's
 * class, method, file and line instead of generated ones.
 *
 * <p>The processor writes it as one string: the user's class (binary name), the method, the ranges
 * and the source file name, separated by spaces; ranges are {@code first-last:line} or
 * {@code generated:line}, separated by commas:
 * {@code "demo.Lines lines 61-62:14,64:15 Lines.java"}.
 */
final class SourceLines {
  private final String className;
  private final String method;
  private final String file;
  /** Triples: first generated line, last generated line, user line. */
  private final int[] ranges;

  private SourceLines(String className, String method, String file, int[] ranges) {
    this.className = className;
    this.method = method;
    this.file = file;
    this.ranges = ranges;
  }

  /** The table {@code table} describes, or null for none or a malformed one. */
  static SourceLines parse(String table) {
    if (table == null) {
      return null;
    }
    String[] fields = table.split(" ", 4);
    if (fields.length != 4) {
      return null;
    }
    List<Integer> ranges = new ArrayList<>();
    try {
      for (String range : fields[2].isEmpty() ? new String[0] : fields[2].split(",")) {
        int colon = range.indexOf(':');
        int dash = range.indexOf('-');
        int first = Integer.parseInt(range.substring(0, dash < 0 ? colon : dash));
        ranges.add(first);
        ranges.add(dash < 0 ? first : Integer.parseInt(range.substring(dash + 1, colon)));
        ranges.add(Integer.parseInt(range.substring(colon + 1)));
      }
    } catch (RuntimeException malformed) {
      return null;
    }
    return new SourceLines(fields[0], fields[1], fields[3],
        ranges.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The user's line of generated line {@code line}, or -1. */
  int userLine(int line) {
    for (int i = 0; i < ranges.length; i += 3) {
      if (ranges[i] <= line && line <= ranges[i + 1]) {
        return ranges[i + 2];
      }
    }
    return -1;
  }

  /** {@code Lines.lines (Lines.java:14)}: where in the user's code {@code userLine} is. */
  String where(int userLine) {
    return className.substring(className.lastIndexOf('.') + 1) + "." + method + " (" + file + ":"
        + userLine + ")";
  }

  /**
   * Replaces, in the stack traces of {@code error}, its causes and suppressed exceptions, each frame
   * of the state machine class {@code machine} (and of classes nested in it: lambdas, local
   * classes) at a line of {@code table} with the user's frame.
   */
  static void relocate(Throwable error, String machine, String table) {
    SourceLines lines = parse(table);
    if (lines != null) {
      lines.relocate(error, machine, Collections.newSetFromMap(new IdentityHashMap<>()));
    }
  }

  private void relocate(Throwable error, String machine, Set<Throwable> seen) {
    if (error == null || !seen.add(error)) {
      return;
    }
    StackTraceElement[] trace = error.getStackTrace();
    boolean changed = false;
    for (int i = 0; i < trace.length; i++) {
      StackTraceElement frame = trace[i];
      String frameClass = frame.getClassName();
      if (!frameClass.equals(machine) && !frameClass.startsWith(machine + "$")) {
        continue;
      }
      int line = userLine(frame.getLineNumber());
      if (line < 0) {
        continue;
      }
      trace[i] = new StackTraceElement(frame.getClassLoaderName(), frame.getModuleName(),
          frame.getModuleVersion(), className, method, file, line);
      changed = true;
    }
    if (changed) {
      error.setStackTrace(trace);
    }
    relocate(error.getCause(), machine, seen);
    for (Throwable suppressed : error.getSuppressed()) {
      relocate(suppressed, machine, seen);
    }
  }
}
