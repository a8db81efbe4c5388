package dev.jcoro.processor.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Writes random coroutine bodies from the constructs jcoro supports: nested blocks and loops,
 * if/else, switch in both forms, labeled break and continue, try/catch/finally, returns, throws, and
 * yields of every kind in statement, declaration, assignment, argument and condition positions.
 * Every program is valid Java that javac accepts with -Xlint:all and that terminates: loops count
 * with their own counters, and statements stop after a jump as javac's reachability rules demand.
 */
final class ProgramGenerator {
  private static final int MAX_DEPTH = 4;

  private final Random random;
  private final String factoryClass;
  private StringBuilder out;
  private int ids;
  private int budget;
  private final Deque<List<String>> scopes = new ArrayDeque<>();
  private final Deque<Frame> frames = new ArrayDeque<>();

  /** An enclosing statement that break or continue may target. */
  private static final class Frame {
    final String kind;
    final String label;
    boolean broken;
    boolean continued;

    Frame(String kind, String label) {
      this.kind = kind;
      this.label = label;
    }
  }

  ProgramGenerator(long seed, String factoryClass) {
    this.random = new Random(seed);
    this.factoryClass = factoryClass;
  }

  /** The helpers every generated class has: a printer, a null-safe unboxing, a delegate. */
  static String helpers() {
    return ""
        + "  static void p(Object... parts) {\n"
        + "    System.out.println(java.util.Arrays.toString(parts));\n"
        + "  }\n\n"
        + "  static int v(Integer sent) {\n"
        + "    return sent == null ? 0 : sent;\n"
        + "  }\n\n"
        + "  @Coroutine\n"
        + "  static int leaf(Yield<Integer, Integer> co, int n) {\n"
        + "    try {\n"
        + "      for (int i = 0; i < n; i++) {\n"
        + "        int got = v(co.yield(100 + i));\n"
        + "        if (got == 3) {\n"
        + "          throw new IllegalStateException(\"leaf\" + i);\n"
        + "        }\n"
        + "      }\n"
        + "    } finally {\n"
        + "      p(\"leaf finally\", n);\n"
        + "    }\n"
        + "    return n * 10;\n"
        + "  }\n";
  }

  /** One coroutine method named {@code name}. */
  String coroutine(String name) {
    out = new StringBuilder();
    budget = 12 + random.nextInt(28);
    out.append("  @Coroutine\n  @SuppressWarnings(\"fallthrough\")\n");
    out.append("  static String ").append(name).append("(Yield<Integer, Integer> co) {\n");
    out.append("    int a = 0;\n");
    out.append("    if (a == 0) {\n");
    scopes.push(new ArrayList<>(List.of("a")));
    block(3, 6);
    scopes.pop();
    out.append("    }\n");
    out.append("    return \"end \" + a;\n");
    out.append("  }\n");
    return out.toString();
  }

  // ---------------------------------------------------------------- statements

  /** Statements at {@code depth}; returns whether the last can complete normally. */
  private boolean statements(int depth, int max) {
    int count = 1 + random.nextInt(max);
    for (int i = 0; i < count && budget > 0; i++) {
      if (!statement(depth)) {
        return false;
      }
    }
    return true;
  }

  private boolean block(int depth, int max) {
    scopes.push(new ArrayList<>());
    boolean completes = statements(depth, max);
    scopes.pop();
    return completes;
  }

  private void line(int depth, String code) {
    out.append("  ".repeat(depth)).append(code).append('\n');
  }

  private boolean statement(int depth) {
    budget--;
    boolean deep = depth - 3 >= MAX_DEPTH;
    int choice = random.nextInt(deep ? 6 : 17);
    switch (choice) {
      case 0:
        line(depth, "p(\"s" + id() + "\", " + expr() + ");");
        return true;
      case 1:
        line(depth, dataLocal() + " += " + (1 + random.nextInt(3)) + ";");
        return true;
      case 2:
        return yieldStatement(depth);
      case 3:
        declaration(depth);
        return true;
      case 4:
        return jump(depth);
      case 5:
        line(depth, "p(\"y" + id() + "\", " + expr() + ", v(co.yield(" + expr() + ")));");
        return true;
      case 6:
      case 7:
        return ifStatement(depth);
      case 8:
        return whileLoop(depth);
      case 9:
        return forLoop(depth);
      case 10:
        return doWhile(depth);
      case 11:
        return tryStatement(depth);
      case 12:
        return switchStatement(depth);
      case 13:
        return labeledBlock(depth);
      case 14:
        return enhancedFor(depth);
      case 15:
        // An assignment that may leave the old value dead: the local need not survive a yield.
        line(depth, dataLocal() + " = " + expr() + ";");
        return true;
      default:
        return yieldStatement(depth);
    }
  }

  private boolean yieldStatement(int depth) {
    switch (random.nextInt(6)) {
      case 0:
        line(depth, "co.yield(" + expr() + ");");
        break;
      case 1:
        line(depth, dataLocal() + " = v(co.yield(" + expr() + "));");
        break;
      case 2:
        line(depth, dataLocal() + " += v(co.receive());");
        break;
      case 3:
        line(depth, "co.receive();");
        break;
      case 4:
        line(depth, dataLocal() + " = co.yieldFrom(" + factoryClass + ".leaf("
            + random.nextInt(3) + "));");
        break;
      default: {
        String name = "r" + id();
        line(depth, "int " + name + " = v(co.yield(" + expr() + "));");
        scopes.peek().add(name);
        line(depth, "p(\"got\", " + name + ");");
        break;
      }
    }
    return true;
  }

  private void declaration(int depth) {
    String name = "d" + id();
    line(depth, "int " + name + " = " + expr() + ";");
    scopes.peek().add(name);
  }

  /** A jump that ends the block: break, continue, return or throw. */
  private boolean jump(int depth) {
    int choice = random.nextInt(4);
    if (choice == 0 && !frames.isEmpty()) {
      Frame target = new ArrayList<>(frames).get(random.nextInt(frames.size()));
      Frame innermost = innermost(false);
      if (target.label != null && (target != innermost || random.nextBoolean())) {
        target.broken = true;
        line(depth, "break " + target.label + ";");
        return false;
      }
      if (innermost != null) {
        innermost.broken = true;
        line(depth, "break;");
        return false;
      }
    }
    if (choice == 1) {
      Frame innermostLoop = innermost(true);
      List<Frame> labeledLoops = new ArrayList<>();
      frames.stream().filter(f -> f.kind.equals("loop") && f.label != null).forEach(labeledLoops::add);
      if (!labeledLoops.isEmpty() && random.nextBoolean()) {
        Frame target = labeledLoops.get(random.nextInt(labeledLoops.size()));
        target.continued = true;
        line(depth, "continue " + target.label + ";");
        return false;
      }
      if (innermostLoop != null) {
        innermostLoop.continued = true;
        line(depth, "continue;");
        return false;
      }
    }
    if (choice == 2) {
      line(depth, "return \"r" + id() + " \" + " + expr() + ";");
      return false;
    }
    line(depth, "throw new " + (random.nextBoolean() ? "IllegalStateException" : "IllegalArgumentException")
        + "(\"t" + id() + "\");");
    return false;
  }

  /** The innermost loop, or (when {@code loopsOnly} is false) loop or switch: unlabeled targets. */
  private Frame innermost(boolean loopsOnly) {
    for (Frame frame : frames) {
      if (frame.kind.equals("loop") || !loopsOnly && frame.kind.equals("switch")) {
        return frame;
      }
    }
    return null;
  }

  private boolean ifStatement(int depth) {
    String condition = random.nextInt(4) == 0
        ? "v(co.yield(" + expr() + ")) > " + random.nextInt(4)
        : expr() + " % " + (2 + random.nextInt(3)) + " == 0";
    line(depth, "if (" + condition + ") {");
    boolean then = block(depth + 1, 3);
    if (random.nextBoolean()) {
      line(depth, "} else {");
      boolean otherwise = block(depth + 1, 3);
      line(depth, "}");
      return then || otherwise;
    }
    line(depth, "}");
    return true;
  }

  private String maybeLabel(int depth) {
    if (random.nextInt(3) == 0) {
      String label = "L" + id();
      line(depth, label + ":");
      return label;
    }
    return null;
  }

  private boolean whileLoop(int depth) {
    String counter = counter(depth);
    String label = maybeLabel(depth);
    line(depth, "while (" + counter + " < " + (1 + random.nextInt(3)) + ") {");
    line(depth + 1, counter + "++;");
    loopBody(depth, label);
    line(depth, "}");
    return true;
  }

  private boolean doWhile(int depth) {
    String counter = counter(depth);
    String label = maybeLabel(depth);
    line(depth, "do {");
    line(depth + 1, counter + "++;");
    Frame frame = new Frame("loop", label);
    frames.push(frame);
    boolean bodyCompletes = block(depth + 1, 4);
    frames.pop();
    line(depth, "} while (" + counter + " < " + (1 + random.nextInt(3)) + ");");
    // JLS 14.22: the condition is reached only if the body completes or continues.
    return bodyCompletes || frame.continued || frame.broken;
  }

  private boolean forLoop(int depth) {
    String index = "i" + id();
    String label = maybeLabel(depth);
    line(depth, "for (int " + index + " = 0; " + index + " < " + (1 + random.nextInt(3)) + "; "
        + index + "++) {");
    scopes.push(new ArrayList<>(List.of(index)));
    loopBody(depth, label);
    scopes.pop();
    line(depth, "}");
    return true;
  }

  private boolean enhancedFor(int depth) {
    String element = "e" + id();
    String label = maybeLabel(depth);
    line(depth, "for (int " + element + " : new int[] {" + random.nextInt(5) + ", "
        + random.nextInt(5) + "}) {");
    scopes.push(new ArrayList<>(List.of(element)));
    loopBody(depth, label);
    scopes.pop();
    line(depth, "}");
    return true;
  }

  private void loopBody(int depth, String label) {
    frames.push(new Frame("loop", label));
    block(depth + 1, 4);
    frames.pop();
  }

  private String counter(int depth) {
    String counter = "c" + id();
    line(depth, "int " + counter + " = 0;");
    return counter;
  }

  private boolean labeledBlock(int depth) {
    String label = "B" + id();
    line(depth, label + ": {");
    Frame frame = new Frame("block", label);
    frames.push(frame);
    boolean completes = block(depth + 1, 4);
    frames.pop();
    line(depth, "}");
    return completes || frame.broken;
  }

  private boolean switchStatement(int depth) {
    Frame frame = new Frame("switch", maybeLabel(depth));
    String selector = random.nextInt(4) == 0 ? "v(co.receive()) % 3" : expr() + " % 3";
    line(depth, "switch (" + selector + ") {");
    frames.push(frame);
    boolean completes;
    if (random.nextBoolean()) {
      boolean any = false;
      for (String label : new String[] {"case 0 ->", "case 1, 2 ->", "default ->"}) {
        if (label.startsWith("default") && random.nextBoolean()) {
          any = true;
          continue;
        }
        line(depth + 1, label + " {");
        any |= block(depth + 2, 3);
        line(depth + 1, "}");
      }
      completes = any;
    } else {
      boolean last = true;
      boolean hasDefault = random.nextBoolean();
      String[] labels = hasDefault
          ? new String[] {"case 0:", "case 1:", "default:"}
          : new String[] {"case 0:", "case 2:"};
      for (String label : labels) {
        // Each group's statements in a block of their own: javac 17 writes stack maps that fail
        // verification for some locals declared directly in a switch block, with breaks around.
        line(depth + 1, label + " {");
        last = block(depth + 2, 3);
        line(depth + 1, "}");
      }
      completes = last || !hasDefault;
    }
    frames.pop();
    line(depth, "}");
    return completes || frame.broken;
  }

  private boolean tryStatement(int depth) {
    line(depth, "try {");
    boolean completes = block(depth + 1, 4);
    int catches = random.nextInt(3);
    boolean hasFinally = catches == 0 || random.nextBoolean();
    String[][] clauses = {
        {"IllegalStateException"}, {"IllegalArgumentException"},
        {"IllegalStateException | IllegalArgumentException"}, {"RuntimeException"},
        {"dev.jcoro.GeneratorExit"}};
    List<String> chosen = new ArrayList<>();
    if (catches > 0) {
      chosen.add(clauses[random.nextInt(3)][0]);
    }
    if (catches > 1) {
      chosen.add(clauses[3 + random.nextInt(2)][0]);
    }
    for (String type : chosen) {
      String name = "x" + id();
      line(depth, "} catch (" + type + " " + name + ") {");
      scopes.push(new ArrayList<>());
      line(depth + 1, "p(\"caught\", " + name + ".getMessage());");
      boolean caught = random.nextInt(3) == 0 && type.contains("GeneratorExit")
          ? rethrow(depth + 1, name)
          : statements(depth + 1, 3);
      scopes.pop();
      completes |= caught;
    }
    if (hasFinally) {
      line(depth, "} finally {");
      scopes.push(new ArrayList<>());
      line(depth + 1, "p(\"finally\", " + expr() + ");");
      if (random.nextBoolean()) {
        yieldStatement(depth + 1);
      }
      if (random.nextInt(4) == 0) {
        line(depth + 1, "if (" + expr() + " > 3) {");
        line(depth + 2, "return \"f" + id() + "\";");
        line(depth + 1, "}");
      }
      scopes.pop();
    }
    line(depth, "}");
    return completes;
  }

  private boolean rethrow(int depth, String name) {
    line(depth, "throw " + name + ";");
    return false;
  }

  // ---------------------------------------------------------------- expressions

  private String expr() {
    List<String> names = new ArrayList<>();
    scopes.forEach(names::addAll);
    String operand = names.isEmpty() || random.nextInt(4) == 0
        ? String.valueOf(random.nextInt(5))
        : names.get(random.nextInt(names.size()));
    switch (random.nextInt(3)) {
      case 0:
        return operand;
      case 1:
        return operand + " + " + random.nextInt(4);
      default:
        return operand + " * 2";
    }
  }

  /** A local the program may assign: never a loop counter or index, so loops still end. */
  private String dataLocal() {
    List<String> names = new ArrayList<>();
    scopes.forEach(scope -> scope.stream()
        .filter(n -> n.equals("a") || n.startsWith("d") || n.startsWith("r"))
        .forEach(names::add));
    return names.get(random.nextInt(names.size()));
  }

  private int id() {
    return ids++;
  }
}
