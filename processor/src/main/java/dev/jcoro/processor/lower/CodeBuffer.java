package dev.jcoro.processor.lower;

/** Java statements with consistent indentation, the lowering's output for one state. */
final class CodeBuffer {
  private static final String INDENT = "  ";
  private final StringBuilder code = new StringBuilder();
  private int depth;

  /** Appends one or more lines; text copied from the body keeps its relative indentation. */
  CodeBuffer add(String lines) {
    for (String line : lines.split("\n", -1)) {
      code.append(INDENT.repeat(depth)).append(line.stripTrailing()).append('\n');
    }
    return this;
  }

  CodeBuffer open(String line) {
    add(line + " {");
    depth++;
    return this;
  }

  CodeBuffer close(String suffix) {
    depth--;
    add("}" + suffix);
    return this;
  }

  boolean isEmpty() {
    return code.length() == 0;
  }

  @Override
  public String toString() {
    return code.toString();
  }
}
