package dev.jcoro.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * The generated file names every type the copied code uses by what it denotes: it imports one
 * type per simple name, and writes another of the same simple name in full.
 */
class ImportsTest {
  @Test
  void aSimpleNameImportedForAnotherTypeIsQualified() throws Exception {
    String source = ""
        + "package test;\n"
        + "\n"
        + "import dev.jcoro.Coroutine;\n"
        + "import dev.jcoro.Yield;\n"
        + "import java.sql.Date;\n"
        + "\n"
        + "public class Clash {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co, java.util.Date when, String[] items) {\n"
        + "    Date sql = new Date(when.getTime());\n"
        + "    for (String item : items) {\n"
        + "      co.yield(item + sql.getTime());\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = CompiledSources.compile("test.Clash", source);
    String generated = compiled.compilation().generatedSourceFile("test.ClashCoroutines")
        .orElseThrow().getCharContent(true).toString();
    assertEquals(1, generated.split("import java.util.Date;", -1).length - 1, generated);
    assertTrue(!generated.contains("import java.sql.Date;"), generated);
    assertTrue(generated.contains("m(Date when, String[] items)"), generated);
    assertTrue(generated.contains("private java.sql.Date sql;"), generated);
    assertTrue(generated.contains("this.sql = new java.sql.Date(when.getTime());"), generated);
    assertEquals(List.of("iterate -> iterated [a0, b0] [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Clash", "m", new java.util.Date(0), new String[] {"a", "b"}), "iterate"));
  }

  /**
   * Names another processor generates in the same round are unknown to javac when jcoro writes its
   * file: the user's imports that may bring them in are copied, after JavaPoet's, each once, and
   * on-demand imports only while a name is left that no single import brings in.
   */
  @Test
  void theUsersImportsOfNamesNotYetGeneratedAreCopiedOnceAfterJavaPoets() throws Exception {
    String generated = generatedWithHelper(""
        + "import static gen.Helper.twice;\n"
        + "\n"
        + "import dev.jcoro.Coroutine;\n"
        + "import dev.jcoro.Yield;\n"
        + "import gen.Helper;\n"
        + "import gen.Helper;\n"
        + "import java.util.*;\n"
        + "import java.util.List;\n");
    assertEquals(""
        + "package test;\n"
        + "\n"
        + "import dev.jcoro.Generated;\n"
        + "import dev.jcoro.Generator;\n"
        + "import dev.jcoro.StateMachine;\n"
        + "import java.util.Iterator;\n"
        + "import java.util.List;\n"
        + "import static gen.Helper.twice;\n"
        + "import gen.Helper;\n"
        + "\n",
        generated.substring(0, generated.indexOf("/**")), generated);
  }

  /** An on-demand import is kept where it is the only one that may bring a name in. */
  @Test
  void anOnDemandImportIsKeptForANameNoSingleImportBringsIn() throws Exception {
    String generated = generatedWithHelper(""
        + "import static gen.Helper.twice;\n"
        + "\n"
        + "import dev.jcoro.*;\n"
        + "import gen.*;\n"
        + "import java.util.List;\n");
    assertEquals(""
        + "package test;\n"
        + "\n"
        + "import dev.jcoro.Generated;\n"
        + "import dev.jcoro.Generator;\n"
        + "import dev.jcoro.StateMachine;\n"
        + "import java.util.Iterator;\n"
        + "import java.util.List;\n"
        + "import static gen.Helper.twice;\n"
        + "import dev.jcoro.*;\n"
        + "import gen.*;\n"
        + "\n",
        generated.substring(0, generated.indexOf("/**")), generated);
  }

  /**
   * The file generated for a coroutine that calls {@code gen.Helper}, which {@link HelperWriter}
   * writes in the same round, with {@code imports}; its compilation is clean under
   * {@code -Xlint:all}.
   */
  private static String generatedWithHelper(String imports) throws IOException {
    String source = ""
        + "package test;\n"
        + "\n"
        + imports
        + "\n"
        + "class Uses {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co, List<Integer> values) {\n"
        + "    for (int value : values) {\n"
        + "      co.yield(Helper.twice(value) + twice(value));\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = Compiler.javac()
        .withProcessors(new CoroutineProcessor(), new HelperWriter())
        .withOptions("-Xlint:all")
        .compile(JavaFileObjects.forSourceString("test.Uses", source));
    assertThat(compilation).succeededWithoutWarnings();
    return compilation.generatedSourceFile("test.UsesCoroutines").orElseThrow()
        .getCharContent(true).toString();
  }

  /** Writes {@code gen.Helper} in the first round, as a processor that generates code would. */
  @SupportedAnnotationTypes("*")
  private static final class HelperWriter extends AbstractProcessor {
    private boolean written;

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile("gen.Helper").openWriter()) {
          writer.write("package gen;\n\npublic final class Helper {\n"
              + "  private Helper() {}\n\n"
              + "  public static int twice(int value) {\n    return 2 * value;\n  }\n}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
