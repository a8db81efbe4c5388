package dev.jcoro.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import dev.jcoro.processor.analysis.Completion;
import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LoweredState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Try statements that suspend: each part a region of the try table, whose handler routes an
 * escaping exception to a catch dispatcher (rethrowing it into the original catch clauses) or to
 * the emulated finally block, which keeps its completion (where to jump, what to rethrow) in
 * fields; try-with-resources as nested try/finally statements that close each resource.
 */
final class TryStatements extends LoweringPart {
  private static final ClassName THROWABLE = ClassName.get(Throwable.class);
  private static final ClassName AUTO_CLOSEABLE = ClassName.get(AutoCloseable.class);

  TryStatements(Lowering lowering) {
    super(lowering);
  }

  void lowerTry(TryTree statement) {
    if (!statement.getResources().isEmpty()
        && statement.getCatches().isEmpty() && statement.getFinallyBlock() == null) {
      locals().pushScope();
      lowerResources(statement, 0);
      locals().popScope();
      return;
    }
    long line = source.line(statement);
    int after = newLabel();
    States.Region outer = states().region;
    States.FinallyFrame frame = null;
    States.Region finallyRegion = outer;
    if (statement.getFinallyBlock() != null) {
      int id = locals().nextTemporary++;
      frame = new States.FinallyFrame(newLabel(),
          locals().field("finally" + id + "$next", TypeName.INT,
              "Where the finally block at line " + line + " jumps when it ends."),
          locals().field("finally" + id + "$thrown", THROWABLE,
              "What the finally block at line " + line + " rethrows when it ends."));
      finallyRegion = new States.Region("catch blocks of the try at line " + line,
          frame.thrownField(), frame.entry());
    }
    int dispatcher = statement.getCatches().isEmpty() ? -1 : newLabel();
    States.Region tryRegion = dispatcher >= 0
        ? new States.Region("try block at line " + line, "caught", dispatcher)
        : new States.Region("try block at line " + line, finallyRegion.field(), finallyRegion.target());

    int tryStart = newLabel();
    int depth = states().finallies.size();
    states().region = tryRegion;
    begin(tryStart, "line " + line + ": try");
    if (frame != null) {
      states().finallies.add(frame);
    }
    if (statement.getResources().isEmpty()) {
      statements().lowerScoped(statement.getBlock());
    } else {
      // JLS 14.20.3.2: the resources are closed before the catch and finally blocks run.
      locals().pushScope();
      lowerResources(statement, 0);
      locals().popScope();
    }
    if (states().current != null) {
      emitEnd(jumpThrough(depth, after));
    }

    if (dispatcher >= 0) {
      states().region = frame != null ? finallyRegion : outer;
      lowerCatches(statement, dispatcher, after, depth);
    }
    if (frame != null) {
      states().finallies.remove(states().finallies.size() - 1);
      states().region = outer;
      begin(frame.entry(), "line " + source.line(statement.getFinallyBlock()) + ": finally");
      statements().lowerScoped(statement.getFinallyBlock());
      endFinally(frame);
    }
    states().region = outer;
    begin(after, null);
  }

  /** The end of an emulated finally block: rethrow what is pending, or take the pending jump. */
  private void endFinally(States.FinallyFrame frame) {
    if (states().current != null) {
      emit("if (this." + frame.thrownField() + " != null) {\n"
          + "  Throwable " + pendingLocal + " = this." + frame.thrownField() + ";\n"
          + "  this." + frame.thrownField() + " = null;\n"
          + "  throw " + pendingLocal + ";\n"
          + "}");
      emitEnd(new Code.JumpVia(frame.jumpField()));
    }
  }

  /**
   * The resources from {@code index} on, then the block: each resource is a try/finally of its own
   * (JLS 14.20.3.1) whose emulated finally closes it, adding a close failure to the primary
   * exception as a suppressed one.
   */
  private void lowerResources(TryTree statement, int index) {
    List<? extends Tree> resources = statement.getResources();
    if (index == resources.size()) {
      statements().lowerStatements(statement.getBlock().getStatements());
      return;
    }
    Tree resource = resources.get(index);
    int id = locals().nextTemporary++;
    String closeable = locals().field("resource" + id, AUTO_CLOSEABLE,
        "The resource at line " + source.line(resource) + ", closed when its block ends.");
    if (resource instanceof VariableTree) {
      VariableTree variable = (VariableTree) resource;
      TypeName type = locals().typeOf(variable);
      Code value = suspendIn(variable.getInitializer(), variable);
      String field = locals().hoist(variable, type);
      emit("this." + closeable + " = this." + field + " = ", value, ";");
    } else {
      emit("this." + closeable + " = ", suspendIn((ExpressionTree) resource, resource), ";");
    }
    States.FinallyFrame frame = new States.FinallyFrame(newLabel(),
        locals().field("resource" + id + "$next", TypeName.INT, "Where closing the resource jumps when done."),
        locals().field("resource" + id + "$thrown", THROWABLE,
            "The exception closing the resource rethrows, with close failures suppressed."));
    States.Region outer = states().region;
    int depth = states().finallies.size();
    int after = newLabel();
    states().region = new States.Region("resource at line " + source.line(resource), frame.thrownField(),
        frame.entry());
    begin(newLabel(), "line " + source.line(resource) + ": " + source.firstLine(resource));
    states().finallies.add(frame);
    lowerResources(statement, index + 1);
    if (states().current != null) {
      emitEnd(jumpThrough(depth, after));
    }
    states().finallies.remove(states().finallies.size() - 1);
    states().region = outer;
    begin(frame.entry(), "close " + source.firstLine(resource));
    String thrown = "this." + frame.thrownField();
    emit("AutoCloseable " + closingLocal + " = this." + closeable + ";\n"
        + "this." + closeable + " = null;\n"
        + "if (" + closingLocal + " != null) {\n"
        + "  if (" + thrown + " != null) {\n"
        + "    try {\n"
        + "      " + closingLocal + ".close();\n"
        + "    } catch (Throwable " + suppressedLocal + ") {\n"
        + "      " + thrown + ".addSuppressed(" + suppressedLocal + ");\n"
        + "    }\n"
        + "  } else {\n"
        + "    " + closingLocal + ".close();\n"
        + "  }\n"
        + "}");
    endFinally(frame);
    begin(after, null);
  }

  /**
   * The catch dispatcher rethrows the routed exception into the original catch clauses, so Java
   * itself picks the clause; a clause that yields stores its parameter and jumps to its own states.
   */
  private void lowerCatches(TryTree statement, int dispatcher, int after, int depth) {
    begin(dispatcher, "line " + source.line(statement.getCatches().get(0)) + ": catch");
    Code.Builder code = new Code.Builder().add("try {\n  throw takeCaught();\n}");
    Map<CatchTree, Integer> splitCatches = new LinkedHashMap<>();
    Map<CatchTree, String> catchFields = new HashMap<>();
    for (CatchTree clause : statement.getCatches()) {
      VariableTree parameter = clause.getParameter();
      code.add(" catch (", copy(parameter), ") {\n");
      if (yields.containsYield(clause.getBlock())) {
        int start = newLabel();
        splitCatches.put(clause, start);
        boolean union = parameter.getType() instanceof UnionTypeTree;
        locals().pushScope();
        String field = locals().hoist(parameter, union ? THROWABLE : locals().typeOf(parameter));
        locals().scopes.removeLast();
        catchFields.put(clause, field);
        code.add("  this." + field + " = " + parameter.getName() + ";\n");
        code.add(indent(jumpThrough(states().finallies.size(), start)), "\n}");
      } else {
        Code body = Code.join("\n", clause.getBlock().getStatements().stream()
            .map(this::copy).toList());
        code.add(indent(body));
        if (Completion.canCompleteNormally(clause.getBlock())) {
          code.add("\n", indent(jumpThrough(depth, after)));
        }
        code.add("\n}");
      }
    }
    emitEnd(code.build());
    for (Map.Entry<CatchTree, Integer> split : splitCatches.entrySet()) {
      CatchTree clause = split.getKey();
      VariableTree parameter = clause.getParameter();
      String field = catchFields.get(clause);
      boolean union = parameter.getType() instanceof UnionTypeTree;
      locals().pushScope();
      if (union) {
        // The clause's own parameter, declared again around the state's code: a Java local.
        states().unionCatches.add(new LoweredState.UnionCatch(copy(parameter), field));
      } else {
        locals().scopes.peekLast().put(parameter, field);
      }
      begin(split.getValue(), "line " + source.line(clause) + ": " + source.firstLine(clause));
      statements().lowerScoped(clause.getBlock());
      locals().popScope();
      if (union && states().current != null) {
        emit(new Code.Clear(field));
      }
      if (states().current != null) {
        emitEnd(jumpThrough(depth, after));
      }
      if (union) {
        states().unionCatches.remove(states().unionCatches.size() - 1);
      }
    }
  }
}
