package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.util.List;
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
}
