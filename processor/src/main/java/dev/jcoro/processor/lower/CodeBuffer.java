package dev.jcoro.processor.lower;

/** Java statements, the lowering's output for one state; JavaPoet indents them in place. */
final class CodeBuffer {
  private final StringBuilder code = new StringBuilder();

  /** Appends one or more lines; text copied from the body keeps its relative indentation. */
  CodeBuffer add(String lines) {
    for (String line : lines.split("\n", -1)) {
      code.append(line.stripTrailing()).append('\n');
    }
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
