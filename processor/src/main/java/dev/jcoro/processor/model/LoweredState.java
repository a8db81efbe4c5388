package dev.jcoro.processor.model;

import java.util.List;

/**
 * A resume point of the lowered body, as the passes read it: its labels, its statements, and the
 * multi-catch clauses it runs inside.
 *
 * @param labels the resume points that start here (several when empty states were merged)
 * @param comment the original source line this state resumes at, for readers of generated code
 * @param statements its statements, which always end in a jump, a return or a throw
 * @param unionCatches inside a multi-catch clause that yields, outermost first: the clause's
 *     parameter is declared again around the state's code, so that it has its union type
 */
public record LoweredState(List<Integer> labels, String comment, List<Code> statements,
    List<UnionCatch> unionCatches) {

  /** A multi-catch clause that yields: its parameter's declaration and the field that keeps it. */
  public record UnionCatch(Code parameter, String field) {}

  /** The state's code as Java text, one statement per line at least. */
  public String print(Code.Names names) {
    StringBuilder text = new StringBuilder();
    for (Code statement : statements) {
      String printed = statement.print(names);
      if (printed.isEmpty()) {
        // A field's clear, for a local of resume.
        continue;
      }
      for (String line : printed.split("\n", -1)) {
        text.append(line.stripTrailing()).append('\n');
      }
    }
    String code = text.toString();
    for (int i = unionCatches.size() - 1; i >= 0; i--) {
      UnionCatch union = unionCatches.get(i);
      code = "try {\n  throw this." + union.field() + ";\n} catch (" + union.parameter().print(names)
          + ") {\n  " + code.stripTrailing().replace("\n", "\n  ") + "\n}\n";
    }
    return code;
  }
}
