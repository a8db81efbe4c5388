package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated file keeps the user's imports, so copied code means what it meant, and names a
 * type of its own in full where the user's imports give its simple name to another type.
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
    assertTrue(generated.contains("import java.sql.Date;"), generated);
    assertTrue(generated.contains("m(java.util.Date when, String[] items)"), generated);
    assertEquals(List.of("iterate -> iterated [a0, b0] [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Clash", "m", new java.util.Date(0), new String[] {"a", "b"}), "iterate"));
  }
}
