package dev.jcoro.processor.write;

import dev.jcoro.processor.model.LineMark;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@link LineMark}s of a rendered file into the line tables its state machines return
 * from {@code lineTable()}: for each generated line of a {@code resume}, the user's line it comes
 * from. The runtime reads the format (see the runtime's {@code SourceLines}):
 * {@code "demo.Lines lines 61-62:14,64:15 Lines.java"}.
 */
final class LineTables {
  /** Where a coroutine's lines come from: the user's class (binary name), method and file. */
  record Origin(String className, String method, String file) {}

  private LineTables() {}

  /** The mark where coroutine {@code index}'s {@code resume} begins. */
  static String begin(int index) {
    return LineMark.START + "c" + index + LineMark.END;
  }

  /** The mark where the code of a {@code resume} ends. */
  static String end() {
    return LineMark.START + "e" + LineMark.END;
  }

  /** The mark a string literal of coroutine {@code index}'s table replaces. */
  static String table(int index) {
    return LineMark.START + "t" + index + LineMark.END;
  }

  /** {@code text} without its marks, each table mark replaced by the table, quoted. */
  static String apply(String text, List<Origin> origins) {
    List<StringBuilder> ranges = new ArrayList<>();
    origins.forEach(origin -> ranges.add(new StringBuilder()));
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    int coroutine = -1;
    int userLine = 0;
    int rangeStart = 0;
    int rangeLine = 0;
    int openCoroutine = -1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      StringBuilder stripped = new StringBuilder(line.length());
      int lineOfThis = 0;
      int at = 0;
      while (true) {
        int start = line.indexOf(LineMark.START, at);
        if (start < 0) {
          stripped.append(line, at, line.length());
          break;
        }
        int end = line.indexOf(LineMark.END, start);
        stripped.append(line, at, start);
        String mark = line.substring(start + 1, end);
        if (mark.startsWith("c")) {
          coroutine = Integer.parseInt(mark.substring(1));
          userLine = 0;
        } else if (mark.equals("e")) {
          coroutine = -1;
        } else if (mark.startsWith("t")) {
          stripped.append(line, start, end + 1); // replaced below, once the tables are complete
        } else {
          userLine = Integer.parseInt(mark);
          if (lineOfThis == 0) {
            lineOfThis = userLine;
          }
        }
        at = end + 1;
      }
      int mapped = coroutine >= 0 ? (lineOfThis != 0 ? lineOfThis : userLine) : 0;
      int generated = i + 1;
      // Consecutive lines of one user line make one range: close the open one when that changes.
      if (rangeLine != 0 && (mapped != rangeLine || coroutine != openCoroutine)) {
        addRange(ranges.get(openCoroutine), rangeStart, generated - 1, rangeLine);
        rangeLine = 0;
      }
      if (mapped != 0 && rangeLine == 0) {
        rangeStart = generated;
        rangeLine = mapped;
        openCoroutine = coroutine;
      }
      out.append(stripped).append(i < lines.length - 1 ? "\n" : "");
    }
    // The table marks, replaced in one pass: a replace per coroutine would read the whole file
    // each time, quadratic in a file of many coroutines.
    StringBuilder result = new StringBuilder(out.length());
    int at = 0;
    for (int start = out.indexOf(String.valueOf(LineMark.START)); start >= 0;
        start = out.indexOf(String.valueOf(LineMark.START), at)) {
      int end = out.indexOf(String.valueOf(LineMark.END), start);
      int k = Integer.parseInt(out.substring(start + 2, end));
      Origin origin = origins.get(k);
      result.append(out, at, start).append(quoted(origin.className() + " " + origin.method() + " "
          + ranges.get(k) + " " + origin.file()));
      at = end + 1;
    }
    return result.append(out, at, out.length()).toString();
  }

  private static void addRange(StringBuilder ranges, int first, int last, int line) {
    if (ranges.length() > 0) {
      ranges.append(',');
    }
    ranges.append(first);
    if (last > first) {
      ranges.append('-').append(last);
    }
    ranges.append(':').append(line);
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
