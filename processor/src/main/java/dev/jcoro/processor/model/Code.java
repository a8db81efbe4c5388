package dev.jcoro.processor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Statements of the lowered body, kept as parts rather than text: Java copied from the body or
 * written by the lowering ({@link Text}, its types still {@code TypeMark}s), and the parts the
 * passes read and the printer writes: the hoisted locals it reads ({@link Local}), assignments of
 * them ({@link Assign}), jumps, suspensions, finishes. The passes (reachability, liveness, jump
 * threading) walk the parts; only {@link #print} makes text of them, once.
 */
public final class Code {
  /** A piece of code. */
  public sealed interface Part
      permits Text, Local, Assign, Jump, Goto, JumpVia, StoreLabel, Suspend, Complete, Clear, Step {}

  /** Java text. */
  public record Text(String text) implements Part {}

  /**
   * A hoisted local of the body, a field or a local of {@code resume}: written {@code this.x}
   * where it is a field and {@code qualified}, else {@code x}.
   */
  public record Local(String name, boolean qualified) implements Part {}

  /** {@code local = value;}, a statement of its own: where the state assigns the local. */
  public record Assign(String local, Code value) implements Part {}

  /**
   * {@code at = label; continue dispatch;}; {@code inCopiedJava} where it stands for a break,
   * continue or return inside copied Java, which may have to leave that Java's {@code finally}
   * blocks on the way: it is then never replaced by the code of its target.
   */
  public record Jump(int label, boolean inCopiedJava) implements Part {
    public Jump(int label) {
      this(label, false);
    }
  }

  /**
   * {@code at = label;}, the statements before a {@code continue dispatch;} that follows it (a
   * delegation starts this way).
   */
  public record Goto(int label) implements Part {}

  /** {@code at = this.field; continue dispatch;}: the jump at the end of an emulated finally. */
  public record JumpVia(String field) implements Part {}

  /** {@code this.field = label;}: where an emulated finally jumps when it ends. */
  public record StoreLabel(String field, int label) implements Part {}

  /**
   * {@code return suspendAt(label, value);}; {@code simple} for a value that is a literal or a
   * field, which can be copied where the value is computed (jump threading).
   */
  public record Suspend(int label, Code value, boolean simple) implements Part {}

  /** {@code return complete(value);}; {@code simple} as for {@link Suspend}. */
  public record Complete(Code value, boolean simple) implements Part {}

  /** {@code this.local = null;}, nothing for a local of {@code resume}. */
  public record Clear(String local) implements Part {}

  /** {@code local++;} or {@code local--;} of a numeric hoisted local. */
  public record Step(String local, String operator, boolean qualified) implements Part {}

  /**
   * What the printer needs: names, and whether to mark each statement with its user's line
   * ({@link LineMark}).
   */
  public record Names(Set<String> stateLocals, String at, String dispatch, boolean lineMarks) {}

  private static final Code EMPTY = new Code(List.of(), 0);

  private final List<Part> parts;
  /** The user's line of the statement this code is, or 0: not a part, so no pass sees it. */
  private final int line;

  private Code(List<Part> parts, int line) {
    this.parts = parts;
    this.line = line;
  }

  /** This statement, from the user's line {@code line}. */
  public Code atLine(int line) {
    return new Code(parts, line);
  }

  /** The user's line of this statement, or 0 when unknown. */
  public int line() {
    return line;
  }

  public static Code empty() {
    return EMPTY;
  }

  /** {@code pieces} in order: strings, codes and parts. */
  public static Code of(Object... pieces) {
    List<Part> parts = new ArrayList<>();
    for (Object piece : pieces) {
      add(parts, piece);
    }
    return new Code(Collections.unmodifiableList(parts), 0);
  }

  private static void add(List<Part> parts, Object piece) {
    if (piece instanceof Code) {
      ((Code) piece).parts.forEach(part -> add(parts, part));
    } else if (piece instanceof Text || piece instanceof String) {
      String text = piece instanceof Text ? ((Text) piece).text() : (String) piece;
      if (text.isEmpty()) {
        return;
      }
      int last = parts.size() - 1;
      if (last >= 0 && parts.get(last) instanceof Text) {
        parts.set(last, new Text(((Text) parts.get(last)).text() + text));
      } else {
        parts.add(new Text(text));
      }
    } else if (piece instanceof Part) {
      parts.add((Part) piece);
    } else {
      throw new IllegalArgumentException("not code: " + piece);
    }
  }

  /** Builds code piece by piece. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();

    /** Appends strings, codes and parts. */
    public Builder add(Object... pieces) {
      for (Object piece : pieces) {
        Code.add(parts, piece);
      }
      return this;
    }

    /** The leading whitespace of the last line so far. */
    public String lastLineIndent() {
      return new Code(parts, 0).lastLineIndent();
    }

    public Code build() {
      return new Code(Collections.unmodifiableList(new ArrayList<>(parts)), 0);
    }
  }

  /** Joins {@code codes} with {@code separator} between them. */
  public static Code join(String separator, List<Code> codes) {
    List<Object> pieces = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      if (i > 0) {
        pieces.add(separator);
      }
      pieces.add(codes.get(i));
    }
    return of(pieces.toArray());
  }

  /** This code with each of its jumps marked as inside copied Java ({@link Jump#inCopiedJava}). */
  public Code inCopiedJava() {
    List<Part> marked = new ArrayList<>();
    for (Part part : parts) {
      marked.add(part instanceof Jump ? new Jump(((Jump) part).label(), true) : part);
    }
    return new Code(Collections.unmodifiableList(marked), line);
  }

  public List<Part> parts() {
    return parts;
  }

  public boolean isEmpty() {
    return parts.isEmpty();
  }

  /** This code followed by {@code pieces}. */
  public Code plus(Object... pieces) {
    Object[] all = new Object[pieces.length + 1];
    all[0] = this;
    System.arraycopy(pieces, 0, all, 1, pieces.length);
    return of(all);
  }

  /**
   * Each line indented by {@code prefix}, the first too when {@code first}; a multi-line part
   * follows the indentation of the line it starts on when printed.
   */
  public Code indented(String prefix, boolean first) {
    List<Object> pieces = new ArrayList<>();
    if (first) {
      pieces.add(prefix);
    }
    for (Part part : parts) {
      pieces.add(part instanceof Text ? ((Text) part).text().replace("\n", "\n" + prefix) : part);
    }
    return of(pieces.toArray());
  }

  /** Without the whitespace it ends with. */
  public Code stripTrailing() {
    if (parts.isEmpty() || !(parts.get(parts.size() - 1) instanceof Text)) {
      return this;
    }
    List<Part> stripped = new ArrayList<>(parts);
    String text = ((Text) stripped.remove(stripped.size() - 1)).text().stripTrailing();
    return of(stripped.toArray(), text);
  }

  private static Code of(Object[] parts, String text) {
    Object[] all = new Object[parts.length + 1];
    System.arraycopy(parts, 0, all, 0, parts.length);
    all[parts.length] = text;
    return of(all);
  }

  /** The leading whitespace of its last line, as printed (a part prints no leading space). */
  public String lastLineIndent() {
    StringBuilder line = new StringBuilder();
    for (int i = parts.size() - 1; i >= 0; i--) {
      if (!(parts.get(i) instanceof Text)) {
        line.insert(0, 'x');
        continue;
      }
      String text = ((Text) parts.get(i)).text();
      int newline = text.lastIndexOf('\n');
      line.insert(0, text.substring(newline + 1));
      if (newline >= 0) {
        break;
      }
    }
    return leadingWhitespace(line, 0);
  }

  private static String leadingWhitespace(CharSequence text, int lineStart) {
    int end = lineStart;
    while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.subSequence(lineStart, end).toString();
  }

  /** Whether it reads or assigns the hoisted local {@code name}. */
  public boolean mentions(String name) {
    for (Part part : parts) {
      if (part instanceof Local && ((Local) part).name().equals(name)
          || part instanceof Assign && (((Assign) part).local().equals(name)
              || ((Assign) part).value().mentions(name))
          || part instanceof Suspend && ((Suspend) part).value().mentions(name)
          || part instanceof Complete && ((Complete) part).value().mentions(name)
          || part instanceof Clear && ((Clear) part).local().equals(name)
          || part instanceof Step && ((Step) part).local().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The code as Java text. */
  public String print(Names names) {
    StringBuilder out = new StringBuilder();
    print(names, out);
    if (names.lineMarks() && line > 0 && out.length() > 0) {
      out.insert(0, LineMark.of(line));
    }
    return out.toString();
  }

  private void print(Names names, StringBuilder out) {
    for (Part part : parts) {
      if (part instanceof Text) {
        out.append(((Text) part).text());
      } else if (part instanceof Assign) {
        Assign assign = (Assign) part;
        out.append(local(names, assign.local(), true)).append(" = ");
        assign.value().print(names, out);
        out.append(';');
      } else if (part instanceof Suspend) {
        Suspend suspend = (Suspend) part;
        out.append("return suspendAt(").append(suspend.label()).append(", ");
        suspend.value().print(names, out);
        out.append(");");
      } else if (part instanceof Complete) {
        out.append("return complete(");
        ((Complete) part).value().print(names, out);
        out.append(");");
      } else {
        // Its lines after the first take the indentation of the line it starts on.
        String indent = leadingWhitespace(out, out.lastIndexOf("\n") + 1);
        out.append(single(names, part).replace("\n", "\n" + indent));
      }
    }
  }

  private static String single(Names names, Part part) {
    if (part instanceof Local) {
      return local(names, ((Local) part).name(), ((Local) part).qualified());
    }
    if (part instanceof Jump) {
      return names.at() + " = " + ((Jump) part).label() + ";\ncontinue " + names.dispatch() + ";";
    }
    if (part instanceof Goto) {
      return names.at() + " = " + ((Goto) part).label() + ";";
    }
    if (part instanceof JumpVia) {
      return names.at() + " = this." + ((JumpVia) part).field() + ";\ncontinue "
          + names.dispatch() + ";";
    }
    if (part instanceof StoreLabel) {
      return "this." + ((StoreLabel) part).field() + " = " + ((StoreLabel) part).label() + ";";
    }
    if (part instanceof Clear) {
      String local = ((Clear) part).local();
      return names.stateLocals().contains(local) ? "" : "this." + local + " = null;";
    }
    Step step = (Step) part;
    return local(names, step.local(), step.qualified()) + step.operator() + ";";
  }

  private static String local(Names names, String name, boolean qualified) {
    return qualified && !names.stateLocals().contains(name) ? "this." + name : name;
  }

  /** Code is printed, never concatenated as a string: that would lose its parts. */
  @Override
  public String toString() {
    throw new UnsupportedOperationException("code used as a string: " + parts);
  }
}
