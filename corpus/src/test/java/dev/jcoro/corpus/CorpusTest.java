package dev.jcoro.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real code base as a test: Apache Commons Lang's and Collections' sources, every method beside a coroutine twin
 * with a yield before each statement, compiled with jcoro. No generated file may fail to compile
 * and the processor may not crash; what jcoro refuses is listed by message. Then each static
 * method with simple parameters and its twin run on the same inputs and must agree. Run twice: on
 * the library as written, and with its private members opened to the package, which lets nearly
 * every twin through.
 *
 * <p>CI twins each library's {@link Library#subset()}; {@code -Djcoro.corpus=all} (the
 * {@code corpus} profile) twins every file. The reports are written to
 * {@code target/corpus-report-*.txt}.
 */
class CorpusTest {
  /** A library of the corpus: its sources jar, its packages, and the files CI twins. */
  record Library(String jar, String packagePrefix, Set<String> subset) {
    @Override
    public String toString() {
      return jar;
    }
  }

  /** Commons Lang: CI twins its string, array, character and number utilities. */
  static final Library LANG = new Library("commons-lang3", "org.apache.commons.lang3.", Set.of(
      "org/apache/commons/lang3/StringUtils.java",
      "org/apache/commons/lang3/CharSequenceUtils.java",
      "org/apache/commons/lang3/CharUtils.java",
      "org/apache/commons/lang3/BooleanUtils.java",
      "org/apache/commons/lang3/math/NumberUtils.java",
      "org/apache/commons/lang3/text/WordUtils.java",
      "org/apache/commons/lang3/builder/ToStringStyle.java",
      "org/apache/commons/lang3/time/DurationFormatUtils.java"));

  /** Commons Collections, generic code: CI twins a few collections and iterators. */
  static final Library COLLECTIONS = new Library("commons-collections4",
      "org.apache.commons.collections4.", Set.of(
      "org/apache/commons/collections4/CollectionUtils.java",
      "org/apache/commons/collections4/list/TreeList.java",
      "org/apache/commons/collections4/map/LRUMap.java",
      "org/apache/commons/collections4/iterators/FilterIterator.java"));

  static Stream<Arguments> runs() {
    return Stream.of(LANG, COLLECTIONS).flatMap(library -> Stream.of(
        Arguments.of(library, false), Arguments.of(library, true)));
  }

  /**
   * The library as it is written, where twins of methods that use private members are refused;
   * and with its private members opened to the package, so that nearly every twin is accepted
   * and its generated code compiled and run, which exercises more of jcoro's lowering.
   */
  @ParameterizedTest(name = "{0}, private members opened: {1}")
  @MethodSource("runs")
  void everyTwinCompilesAndAgreesWithItsMethod(Library library, boolean opened) throws Exception {
    Path jar = sourcesJar(library.jar());
    boolean all = "all".equals(System.getProperty("jcoro.corpus"));
    Predicate<String> twinned = all ? path -> true : library.subset()::contains;
    List<CorpusCompilation.Source> sources = CorpusCompilation.read(jar, path -> true);
    String name = library.jar() + (opened ? "-opened" : "");
    Path work = Files.createDirectories(Path.of("target", "corpus", name));
    CorpusCompilation.Result compiled = CorpusCompilation.run(sources, twinned, work, opened);
    StaticTwinComparison.Result compared = compiled.clean()
        ? StaticTwinComparison.run(compiled.classes(), compiled.acceptedTwins(), library.packagePrefix())
        : new StaticTwinComparison.Result(0, 0, List.of());
    String report = report(jar, all ? "every file" : library.subset().size() + " files", opened,
        compiled, compared);
    Files.writeString(Path.of("target", "corpus-report-" + name + ".txt"), report,
        StandardCharsets.UTF_8);
    System.out.println(report);
    assertTrue(compiled.crashes().isEmpty(), "the processor crashed:\n" + report);
    assertTrue(compiled.generatedErrors().isEmpty(), "generated code does not compile:\n" + report);
    assertTrue(compiled.brokenOriginals().isEmpty(), "the library itself failed:\n" + report);
    assertTrue(compared.differences().isEmpty(), "twins differ from their methods:\n" + report);
  }

  private static String report(Path jar, String files, boolean opened,
      CorpusCompilation.Result compiled, StaticTwinComparison.Result compared) {
    StringBuilder report = new StringBuilder();
    report.append("jcoro corpus: ").append(jar.getFileName()).append(", ").append(files)
        .append(opened ? ", private members opened" : ", as written").append('\n');
    report.append("twins written: ").append(compiled.twins())
        .append(", accepted and compiled: ").append(compiled.accepted())
        .append(" (").append(compiled.rounds()).append(" compilations)\n");
    report.append("processor crashes: ").append(compiled.crashes().size()).append('\n');
    compiled.crashes().forEach(c -> report.append("  ").append(c).append('\n'));
    report.append("errors in generated files: ").append(compiled.generatedErrors().size()).append('\n');
    compiled.generatedErrors().forEach(e -> report.append("  ").append(e).append('\n'));
    report.append("errors in the library's own code: ").append(compiled.brokenOriginals().size())
        .append('\n');
    compiled.brokenOriginals().forEach(e -> report.append("  ").append(e).append('\n'));
    report.append("refused by jcoro: ")
        .append(compiled.refusals().values().stream().mapToInt(List::size).sum()).append('\n');
    for (Map.Entry<String, List<String>> refusal : compiled.refusals().entrySet()) {
      report.append("  ").append(refusal.getValue().size()).append(" x ")
          .append(refusal.getKey()).append('\n');
      refusal.getValue().stream().limit(3)
          .forEach(m -> report.append("      e.g. ").append(m).append('\n'));
    }
    report.append("twins javac refused (not jcoro's doing): ")
        .append(compiled.rejectedTwins().size()).append('\n');
    compiled.rejectedTwins().stream().limit(20)
        .forEach(r -> report.append("  ").append(r).append('\n'));
    report.append("static methods compared: ").append(compared.methods())
        .append(", calls: ").append(compared.calls())
        .append(", differences: ").append(compared.differences().size()).append('\n');
    compared.differences().forEach(d -> report.append("  ").append(d).append('\n'));
    return report.toString();
  }

  /** A library's sources jar, a test dependency of this module, on the class path. */
  private static Path sourcesJar(String artifact) throws IOException {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry);
      String name = path.getFileName().toString();
      if (name.startsWith(artifact + "-") && name.endsWith("-sources.jar")) {
        return path;
      }
    }
    throw new IOException("no " + artifact + " sources jar on the class path");
  }
}
