package dev.jcoro.processor.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Writes random coroutine bodies from the constructs jcoro supports: nested blocks and loops,
 * if/else, switch in both forms (constants, local constants and enum constants as labels),
 * labeled break and continue, try/catch/finally, returns, throws, and yields of every kind in
 * statement, declaration, assignment, argument and condition positions; assignments to array
 * elements and fields whose array, index and object come from calls that print (so the order of
 * evaluation shows), pattern variables of instanceof in every scope Java gives them, for-each over
 * arrays of every primitive type, array initializers, local records and enums, {@code var}, yields
 * inside larger expressions (arguments, operands, {@code ?:} arms, the right of {@code &&} and
 * {@code ||}, switch-expression cases, a delegation's value), yieldFrom of lists and iterators; and
 * with {@code java21}, pattern switches with guards and record patterns. Every program is valid
 * Java that javac accepts with -Xlint:all and that terminates: loops count with their own
 * counters, and statements stop after a jump as javac's reachability rules demand.
 */
final class ProgramGenerator {
  private static final int MAX_DEPTH = 4;

  private final Random random;
  private final String factoryClass;
  private final boolean java21;
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

  ProgramGenerator(long seed, String factoryClass, boolean java21) {
    this.random = new Random(seed);
    this.factoryClass = factoryClass;
    this.java21 = java21;
  }

  /**
   * The helpers every generated class has: a printer, a null-safe unboxing, a delegate, calls
   * that print what they are evaluated with, an enum and a field named like its constant.
   */
  static String helpers() {
    return ""
        + "  static void p(Object... parts) {\n"
        + "    System.out.println(java.util.Arrays.toString(parts));\n"
        + "  }\n\n"
        + "  static int v(Integer sent) {\n"
        + "    return sent == null ? 0 : sent;\n"
        + "  }\n\n"
        + "  static final int ZERO = 0;\n"
        + "  static final int LOW = 7;\n\n"
        + "  enum Tone { LOW, MID, HIGH }\n\n"
        + "  record Pt(int x, int y) {}\n\n"
        + "  static final class Cell {\n"
        + "    int f;\n"
        + "  }\n\n"
        + "  static Tone tone(int n) {\n"
        + "    return Tone.values()[Math.floorMod(n, 3)];\n"
        + "  }\n\n"
        + "  static int t(String tag, int value) {\n"
        + "    p(tag, value);\n"
        + "    return value;\n"
        + "  }\n\n"
        + "  static boolean b(String tag, boolean value) {\n"
        + "    p(tag, value);\n"
        + "    return value;\n"
        + "  }\n\n"
        + "  static <T> T g(String tag, T value) {\n"
        + "    p(tag, value);\n"
        + "    return value;\n"
        + "  }\n\n"
        + "  static int sum(int x, int y, int z) {\n"
        + "    return x * 100 + y * 10 + z;\n"
        + "  }\n\n"
        + "  static int idx(int i) {\n"
        + "    p(\"idx\", i);\n"
        + "    return Math.floorMod(i, 3);\n"
        + "  }\n\n"
        + "  static int[] arr(int[] a) {\n"
        + "    p(\"arr\", a[0]);\n"
        + "    return a;\n"
        + "  }\n\n"
        + "  static Cell cell(Cell c) {\n"
        + "    p(\"cell\", c.f);\n"
        + "    return c;\n"
        + "  }\n\n"
        + "  static Object thing(int n) {\n"
        + "    if (Math.floorMod(n, 3) == 0) {\n"
        + "      return \"s\" + n;\n"
        + "    }\n"
        + "    if (Math.floorMod(n, 3) == 1) {\n"
        + "      return n;\n"
        + "    }\n"
        + "    return new Pt(n, -n);\n"
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
    out.append("    int[] box = {1, 2, 3};\n");
    out.append("    Cell cell = new Cell();\n");
    out.append("    final int ONE = 1;\n");
    out.append("    final int TWO = 2;\n");
    out.append("    if (a == 0) {\n");
    scopes.push(new ArrayList<>(List.of("a", "box[1]", "cell.f")));
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
    int choice = random.nextInt(deep ? 6 : java21 ? 28 : 27);
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
      case 16:
      case 17:
        return targetAssignment(depth);
      case 18:
        return instanceofPattern(depth);
      case 19:
        return primitiveForEach(depth);
      case 20:
        return arrayInitializer(depth);
      case 21:
        return enumSwitch(depth);
      case 22:
        return localTypes(depth);
      case 23:
        line(depth, "var d" + id() + " = " + expr() + ";");
        scopes.peek().add("d" + (ids - 1));
        return true;
      case 24:
      case 25:
        return yieldInExpression(depth);
      case 26:
        return yieldFromValues(depth);
      case 27:
        return patternSwitch(depth);
      default:
        return yieldStatement(depth);
    }
  }

  /**
   * A yield inside a larger expression ({@link #yieldExpression}): printed, assigned, declared
   * with {@code var}, or the condition of an if whose {@code &&} or {@code ||} yields on the right.
   */
  private boolean yieldInExpression(int depth) {
    switch (random.nextInt(5)) {
      case 0:
        line(depth, "p(\"x" + id() + "\", " + yieldExpression(2) + ");");
        return true;
      case 1:
        line(depth, dataLocal() + " = " + yieldExpression(2) + ";");
        return true;
      case 2: {
        String name = "d" + id();
        line(depth, "var " + name + " = " + yieldExpression(2) + ";");
        scopes.peek().add(name);
        return true;
      }
      case 3:
        line(depth, "System.out.println(\"sent \" + co.receive() + t(\"after\", " + expr() + "));");
        return true;
      default: {
        String operator = random.nextBoolean() ? "&&" : "||";
        line(depth, "if (b(\"c" + id() + "\", " + expr() + " > 2) " + operator + " "
            + yieldExpression(1) + " > 1) {");
        scopes.push(new ArrayList<>());
        boolean completes = statements(depth + 1, 2);
        scopes.pop();
        line(depth, "}");
        return true;
      }
    }
  }

  /**
   * An int expression that yields, with operands that print around its yields, so Java's order
   * of evaluation (JLS 15.7) shows: arguments, binary operands, the arms of {@code ?:}, the right
   * side of {@code &&} and {@code ||}, switch-expression cases, a delegation's value, and values
   * whose type javac infers (a generic call).
   */
  private String yieldExpression(int depth) {
    if (depth == 0) {
      return random.nextBoolean() ? "v(co.yield(" + expr() + "))" : "v(co.receive())";
    }
    String inner = yieldExpression(depth - 1);
    switch (random.nextInt(9)) {
      case 0:
        return "t(\"t" + id() + "\", " + expr() + ") + " + inner;
      case 1:
        return "sum(t(\"t" + id() + "\", " + expr() + "), " + inner + ", t(\"t" + id() + "\", "
            + expr() + "))";
      case 2:
        return "(b(\"b" + id() + "\", " + expr() + " > 1) ? " + inner + " : t(\"t" + id()
            + "\", " + expr() + "))";
      case 3:
        return "(b(\"b" + id() + "\", " + expr() + " < 2) ? t(\"t" + id() + "\", " + expr()
            + ") : " + inner + ") * " + yieldExpression(0);
      case 4:
        return "(b(\"b" + id() + "\", " + expr() + " > 0) " + (random.nextBoolean() ? "&&" : "||")
            + " " + inner + " > 2 ? 1 : 0)";
      case 5:
        return "switch (Math.floorMod(" + expr() + ", 3)) { case 0 -> " + inner
            + "; case 1 -> { int q" + id() + " = " + yieldExpression(0) + "; yield q" + (ids - 1)
            + " + t(\"q\", 1); } default -> t(\"t" + id() + "\", " + expr() + "); }";
      case 6:
        return "v(co.yieldFrom(" + factoryClass + ".leaf(" + random.nextInt(3) + "))) + " + inner;
      case 7:
        return "g(\"g" + id() + "\", " + expr() + ") - " + inner;
      default:
        return "cell.f + " + inner;
    }
  }

  /** A yieldFrom of a list or an iterator: its values pass through. */
  private boolean yieldFromValues(int depth) {
    String values = "java.util.List.of(" + expr() + ", " + expr() + ")";
    if (random.nextBoolean()) {
      line(depth, "co.yieldFrom(" + values + ");");
    } else {
      line(depth, "p(\"none\", co.yieldFrom(" + values + ".iterator()));");
    }
    return true;
  }

  /**
   * An assignment to an array element or a field, with a yield on the right: the array, index
   * and object come from calls that print, so evaluating them again after the yield would show.
   */
  private boolean targetAssignment(int depth) {
    String[] operators = {"=", "+=", "-=", "*=", "^=", "<<="};
    String operator = operators[random.nextInt(operators.length)];
    String right = random.nextBoolean()
        ? "v(co.yield(" + expr() + "))"
        : "v(co.receive()) % 5";
    String target;
    switch (random.nextInt(4)) {
      case 0:
        target = "box[idx(" + expr() + ")]";
        break;
      case 1:
        target = "arr(box)[idx(" + expr() + ")]";
        break;
      case 2:
        target = "cell.f";
        break;
      default:
        target = "cell(cell).f";
        break;
    }
    if (operator.equals("<<=")) {
      right = "(" + right + ") % 3";
    }
    line(depth, target + " " + operator + " " + right + ";");
    if (random.nextBoolean()) {
      line(depth, "p(\"box\", box[0], box[1], box[2], cell.f);");
    }
    return true;
  }

  /** A pattern variable of instanceof: in its branch, or (negated) in the rest of the block. */
  private boolean instanceofPattern(int depth) {
    String object = "o" + id();
    line(depth, "Object " + object + " = thing(" + expr() + ");");
    String number = "k" + id();
    if (random.nextBoolean()) {
      String extra = random.nextBoolean() ? " && " + number + " > 1" : "";
      line(depth, "if (" + object + " instanceof Integer " + number + extra + ") {");
      scopes.push(new ArrayList<>(List.of(number)));
      boolean then = statements(depth + 1, 3);
      scopes.pop();
      line(depth, "} else {");
      boolean otherwise = block(depth + 1, 2);
      line(depth, "}");
      return then || otherwise;
    }
    // Negated: the branch leaves, and the variable is in scope for the rest of the block.
    line(depth, "if (!(" + object + " instanceof Integer " + number + ")) {");
    scopes.push(new ArrayList<>());
    line(depth + 1, "p(\"not a number\", " + object + ");");
    if (random.nextBoolean()) {
      yieldStatement(depth + 1);
    }
    jump(depth + 1);
    scopes.pop();
    line(depth, "}");
    scopes.peek().add(number);
    line(depth, "p(\"number\", " + number + ");");
    return true;
  }

  /** A Java 21 switch on an object: type, guarded and record patterns, and a default. */
  private boolean patternSwitch(int depth) {
    if (!java21) {
      return yieldStatement(depth);
    }
    Frame frame = new Frame("switch", null);
    frames.push(frame);
    line(depth, "switch (thing(" + expr() + ")) {");
    String guarded = "k" + id();
    line(depth + 1, "case Integer " + guarded + " when " + guarded + " > 2 -> {");
    scopes.push(new ArrayList<>(List.of(guarded)));
    boolean any = statements(depth + 2, 3);
    scopes.pop();
    line(depth + 1, "}");
    String number = "k" + id();
    line(depth + 1, "case Integer " + number + " -> {");
    scopes.push(new ArrayList<>(List.of(number)));
    any |= statements(depth + 2, 3);
    scopes.pop();
    line(depth + 1, "}");
    String x = "x" + id();
    String y = "y" + id();
    line(depth + 1, "case Pt(int " + x + ", var " + y + ") -> {");
    scopes.push(new ArrayList<>(List.of(x, y)));
    any |= statements(depth + 2, 3);
    scopes.pop();
    line(depth + 1, "}");
    line(depth + 1, "default -> {");
    any |= block(depth + 2, 2);
    line(depth + 1, "}");
    frames.pop();
    line(depth, "}");
    return any || frame.broken;
  }

  /** A for-each over an array of a random primitive type. */
  private boolean primitiveForEach(int depth) {
    String[][] kinds = {
        {"boolean", "true, false"}, {"byte", "1, -2"}, {"short", "3, 4"}, {"char", "'a', 'z'"},
        {"int", "5, 6"}, {"long", "7L, 8L"}, {"float", "1.5f, 2.5f"}, {"double", "3.25, 4.5"}};
    String[] kind = kinds[random.nextInt(kinds.length)];
    String element = "e" + id();
    String label = maybeLabel(depth);
    line(depth, "for (" + kind[0] + " " + element + " : new " + kind[0] + "[] {" + kind[1] + "}) {");
    line(depth + 1, "p(\"element\", " + element + ");");
    loopBody(depth, label);
    line(depth, "}");
    return true;
  }

  /** An array initializer with yields, kept across a later yield. */
  private boolean arrayInitializer(int depth) {
    String array = "q" + id();
    line(depth, "int[] " + array + " = {" + expr() + ", v(co.yield(" + expr() + "))};");
    yieldStatement(depth);
    line(depth, "p(\"array\", " + array + "[0], " + array + "[1]);");
    scopes.peek().add(array + "[1]");
    return true;
  }

  /** A switch on an enum: bare constants as labels, though the class has a field named LOW. */
  private boolean enumSwitch(int depth) {
    Frame frame = new Frame("switch", maybeLabel(depth));
    line(depth, "switch (tone(" + expr() + ")) {");
    frames.push(frame);
    boolean completes;
    if (random.nextBoolean()) {
      completes = false;
      for (String label : new String[] {"case LOW ->", "case MID ->", "default ->"}) {
        line(depth + 1, label + " {");
        completes |= block(depth + 2, 3);
        line(depth + 1, "}");
      }
    } else {
      // No default: the switch completes when no label matches.
      for (String label : new String[] {"case HIGH:", "case LOW:"}) {
        line(depth + 1, label + " {");
        block(depth + 2, 3);
        line(depth + 1, "}");
      }
      completes = true;
    }
    frames.pop();
    line(depth, "}");
    if (completes || frame.broken) {
      line(depth, "p(\"field LOW\", LOW);");
      return true;
    }
    return false;
  }

  /** A local record and a local enum, used across a yield. */
  private boolean localTypes(int depth) {
    int id = id();
    line(depth, "record R" + id + "(int x) {}");
    line(depth, "enum E" + id + " { X, Y }");
    line(depth, "R" + id + " q" + id + " = new R" + id + "(" + expr() + ");");
    line(depth, "E" + id + " m" + id + " = E" + id + ".values()[Math.floorMod(" + expr() + ", 2)];");
    yieldStatement(depth);
    line(depth, "p(\"local types\", q" + id + ", m" + id + ");");
    scopes.peek().add("q" + id + ".x()");
    return true;
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
          ? new String[] {"case ZERO:", "case ONE:", "default:"}
          : new String[] {"case 0:", "case TWO:"};
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
