package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import jdk.jshell.EvalException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The statements a transcript shows ({@code >>> co.send(1);}) are the code it runs. Tutorial.java
 * gives each one twice, {@code repl.eval("co.send(1);", () -> co.send(1))}: this test parses the
 * file with javac's tree API and compares the two, token for token. It also checks that a run shows
 * exactly these statements, and that JShell, given them, prints what the transcript prints.
 */
class TutorialStatementsTest {

  /** The methods of Tutorial.Session that print a statement. */
  private static final Set<String> PROMPTS = Set.of("eval", "declare");

  /** JShell's declarations; its other snippets with a value are expressions ({@code $1 ==> 4}). */
  private static final Set<Snippet.SubKind> DECLARATIONS =
      Set.of(
          Snippet.SubKind.VAR_DECLARATION_SUBKIND,
          Snippet.SubKind.VAR_DECLARATION_WITH_INITIALIZER_SUBKIND);

  /** A statement as the transcript shows it, and the statement its code is. */
  record Shown(String text, String code) {}

  @Test
  void everyStatementShownIsTheCodeRunWithIt() throws IOException {
    List<Shown> shown = statements(Files.readString(tutorialJava(), StandardCharsets.UTF_8));
    assertTrue(shown.size() > 50, "statements found: " + shown.size());
    for (Shown statement : shown) {
      assertEquals(canonical(statement.code()), canonical(statement.text()), statement.text());
    }
  }

  @Test
  void aRunShowsExactlyTheStatementsOfTheSource() throws IOException {
    // Every ">>> " line comes from a checked call: none is printed any other way.
    List<String> inSource =
        statements(Files.readString(tutorialJava(), StandardCharsets.UTF_8)).stream()
            .map(Shown::text)
            .sorted()
            .toList();
    List<String> printed =
        runAll().stream()
            .filter(line -> line.startsWith(">>> "))
            .map(line -> line.substring(">>> ".length()))
            .sorted()
            .toList();
    assertEquals(inSource, printed);
  }

  @Test
  void aStatementThatIsNotItsCodeIsCaught() {
    List<Shown> shown =
        statements(
            session(
                "var co = repl.declare(\"var co = CoroutinesCoroutines.square();\","
                    + " () -> CoroutinesCoroutines.coroutine());",
                "repl.eval(\"co.send(2);\", () -> co.send(1));",
                "repl.eval(\"co.send( 1 ) ;\", () -> co.send(1));",
                "repl.eval(\"for (int x : xs) f(x);\", () -> { for (int x : xs) { f(x); } });"));
    assertEquals(4, shown.size());
    assertNotEquals(canonical(shown.get(0).code()), canonical(shown.get(0).text()));
    assertNotEquals(canonical(shown.get(1).code()), canonical(shown.get(1).text()));
    assertEquals(canonical(shown.get(2).code()), canonical(shown.get(2).text()), "spaces only");
    assertNotEquals(canonical(shown.get(3).code()), canonical(shown.get(3).text()), "braces");
  }

  @Test
  void aStatementMustBeALiteralAndItsCodeALambda() {
    assertThrows(
        AssertionFailedError.class,
        () -> statements(session("repl.eval(\"co.next();\", co::next);")));
    assertThrows(
        AssertionFailedError.class,
        () -> statements(session("String s = \"co.next();\";", "repl.eval(s, () -> co.next());")));
    assertThrows(
        AssertionFailedError.class,
        () -> statements(session("repl.declare(\"var x = f();\", () -> f());")),
        "a declaration that declares nothing");
  }

  @Test
  void canonicalKeepsOnlyTheSpacesThatSeparateWordsAndWhatIsQuoted() {
    assertEquals("var co=f(\"a  b\",' ');", canonical("var  co =\n    f( \"a  b\" , ' ' ) ;"));
    assertNotEquals(canonical("var co = f();"), canonical("varco = f();"));
    assertEquals("s(\"\\\" x\");", canonical("s( \"\\\" x\" );"));
  }

  /**
   * JShell, fed the statements of every transcript (after {@code import dev.jcoro.sample.*}), prints
   * what the transcript prints after each: the code's output, then its value unless it is null, or
   * the exception's last traceback line. A declaration's value is not shown, as in Python.
   */
  @Test
  void jshellGivenTheStatementsPrintsTheTranscripts() throws Exception {
    List<String> lines = runAll();
    try (Repl repl = new Repl()) {
      repl.eval("import dev.jcoro.sample.*");
      int statements = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.startsWith(">>> ")) {
          continue;
        }
        statements++;
        List<String> expected = new ArrayList<>();
        for (int j = i + 1; j < lines.size() && !isPromptOrTitle(lines.get(j)); j++) {
          expected.add(lines.get(j));
        }
        SnippetEvent event = repl.eval(line.substring(">>> ".length()));
        List<String> actual = new ArrayList<>(repl.printed());
        if (event.exception() != null) {
          EvalException thrown = assertInstanceOf(EvalException.class, event.exception(), line);
          String name = thrown.getExceptionClassName();
          String simple = name.substring(name.lastIndexOf('.') + 1);
          String lastLine = simple + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
          String shown = expected.isEmpty() ? "" : expected.get(expected.size() - 1);
          if (simple.equals("StopIteration") && shown.matches("StopIteration(: .*)?")) {
            // JShell knows StopIteration's message, not its value(), which the transcript shows:
            // only the name is compared.
            lastLine = shown;
          }
          actual.add(lastLine);
        } else if (!DECLARATIONS.contains(event.snippet().subKind())
            && event.value() != null
            && !event.value().isEmpty()
            && !event.value().equals("null")) {
          actual.add(event.value());
        }
        assertEquals(expected, actual, line);
      }
      assertTrue(statements > 50, "statements: " + statements);
      assertEquals("", repl.errors());
    }
  }

  private static boolean isPromptOrTitle(String line) {
    return line.startsWith(">>> ") || line.startsWith("== ") || line.isEmpty();
  }

  /** Every transcript, as {@code java dev.jcoro.sample.Tutorial} prints them. */
  private static List<String> runAll() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      assertEquals(0, Tutorial.run(new String[0], o, e));
    }
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static Path tutorialJava() {
    return Readme.sampleDir()
        .resolve(Path.of("src", "main", "java", "dev", "jcoro", "sample", "Tutorial.java"));
  }

  /** A class whose one method holds {@code statements}, for the checker's own tests. */
  private static String session(String... statements) {
    return "class T { void m(Tutorial.Session repl) {\n" + String.join("\n", statements) + "\n} }\n";
  }

  /**
   * Every call {@code x.eval(text, lambda)} or {@code x.declare(text, lambda)} of {@code source}: the
   * text, and the statement the code is. For {@code eval}, that is the lambda's expression followed
   * by {@code ;}, or the statements of its block; for {@code declare}, the variable declaration it
   * initializes, with the lambda's expression as the initializer. Fails on a text that is not a
   * string literal, code that is not a lambda, or a call elsewhere than as a statement (eval) or a
   * local variable's initializer (declare).
   */
  static List<Shown> statements(String source) {
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///Tutorial.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavacTask task =
        (JavacTask)
            ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(file));
    Iterable<? extends CompilationUnitTree> units;
    try {
      units = task.parse();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(List.of(), diagnostics.getDiagnostics(), "parse errors");
    SourcePositions positions = Trees.instance(task).getSourcePositions();
    List<Shown> shown = new ArrayList<>();
    for (CompilationUnitTree unit : units) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (call.getMethodSelect() instanceof MemberSelectTree select
              && PROMPTS.contains(select.getIdentifier().toString())) {
            String where = text(call);
            assertEquals(2, call.getArguments().size(), where);
            LiteralTree literal = assertInstanceOf(LiteralTree.class, call.getArguments().get(0), where);
            String text = assertInstanceOf(String.class, literal.getValue(), where);
            LambdaExpressionTree lambda =
                assertInstanceOf(LambdaExpressionTree.class, call.getArguments().get(1), where);
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            String code;
            if (select.getIdentifier().contentEquals("declare")) {
              VariableTree variable = assertInstanceOf(VariableTree.class, parent, where);
              assertEquals(LambdaExpressionTree.BodyKind.EXPRESSION, lambda.getBodyKind(), where);
              code = declaration(variable) + " = " + text(lambda.getBody()) + ";";
            } else {
              assertInstanceOf(ExpressionStatementTree.class, parent, where);
              if (lambda.getBody() instanceof BlockTree block) {
                List<? extends StatementTree> body = block.getStatements();
                assertTrue(!body.isEmpty(), where);
                code = source.substring(start(body.get(0)), end(body.get(body.size() - 1)));
              } else {
                code = text(lambda.getBody()) + ";";
              }
            }
            shown.add(new Shown(text, code));
          }
          return super.visitMethodInvocation(call, unused);
        }

        /** {@code var co} or {@code Generator<Void, Integer, Void> co}. */
        private String declaration(VariableTree variable) {
          Tree type = variable.getType();
          // a local declared with var has no type tree until it is attributed (or one with no
          // position, depending on the JDK)
          String typeText =
              type == null || start(type) < 0 || end(type) <= start(type) ? "var" : text(type);
          return typeText + " " + variable.getName();
        }

        private String text(Tree tree) {
          return source.substring(start(tree), end(tree));
        }

        private int start(Tree tree) {
          return (int) positions.getStartPosition(unit, tree);
        }

        private int end(Tree tree) {
          return (int) positions.getEndPosition(unit, tree);
        }
      }.scan(unit, null);
    }
    return shown;
  }

  /**
   * Java code with only the white space that matters: one space between two words (identifiers,
   * keywords, numbers), none elsewhere; string and character literals as they are.
   */
  static String canonical(String code) {
    StringBuilder out = new StringBuilder();
    boolean spaced = false;
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (Character.isWhitespace(c)) {
        spaced = true;
        i++;
        continue;
      }
      if (spaced
          && out.length() > 0
          && Character.isJavaIdentifierPart(out.charAt(out.length() - 1))
          && Character.isJavaIdentifierPart(c)) {
        out.append(' ');
      }
      spaced = false;
      if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < code.length() && code.charAt(j) != c) {
          j += code.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(j + 1, code.length());
        out.append(code, i, j);
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
