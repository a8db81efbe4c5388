package dev.jcoro.processor.model;

/**
 * The user's line a piece of generated code comes from, marked in the printed code with two
 * private-use characters ({@code START line END}) that no source of the unit contains (checked by
 * {@link #canMark}). The writer removes the marks from the file's text and turns them into the
 * line table of each state machine: a generated line shows the line of the last mark before it.
 * The writer also marks where each {@code resume} method begins and ends.
 */
public final class LineMark {
  public static final char START = '\uE002';
  public static final char END = '\uE003';

  private LineMark() {}

  /** Whether lines can be marked in code copied from {@code source}: it contains neither mark. */
  public static boolean canMark(String source) {
    return source.indexOf(START) < 0 && source.indexOf(END) < 0;
  }

  /** The mark of the user's line {@code line}. */
  public static String of(int line) {
    return START + Integer.toString(line) + END;
  }
}
