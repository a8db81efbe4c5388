package dev.jcoro.corpus;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import dev.jcoro.Yield;
import dev.jcoro.processor.CoroutineProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a library's sources, each method beside its coroutine twin ({@link CoroutineTwins}),
 * with the jcoro processor. A twin jcoro refuses (one error on its line) or javac refuses is left
 * out and the sources are compiled again, until they compile; what remains is every accepted twin,
 * whose generated code must compile. The result lists the refusals by message, the processor's
 * crashes and any error in generated code.
 */
final class CorpusCompilation {
  /** A source file of the library, by its path in the sources jar. */
  record Source(String path, String text) {}

  /** What one run found. */
  record Result(int twins, int accepted, Map<String, List<String>> refusals,
      List<String> crashes, List<String> generatedErrors, List<String> rejectedTwins,
      List<String> brokenOriginals, List<CoroutineTwins.Twin> acceptedTwins, Path classes,
      int rounds) {
    boolean clean() {
      return crashes.isEmpty() && generatedErrors.isEmpty() && brokenOriginals.isEmpty();
    }
  }

  private static final int MAX_ROUNDS = 8;

  private CorpusCompilation() {}

  /** The {@code .java} files of a sources jar whose path {@code include} accepts. */
  static List<Source> read(Path jar, Predicate<String> include) {
    List<Source> sources = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : zip.stream().collect(Collectors.toList())) {
        String name = entry.getName();
        if (name.endsWith(".java") && !name.endsWith("module-info.java")
            && !name.endsWith("package-info.java") && include.test(name)) {
          sources.add(new Source(name,
              new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sources;
  }

  /**
   * Compiles {@code sources} in {@code work}, with twins in the files {@code twinned} accepts.
   */
  static Result run(List<Source> sources, Predicate<String> twinned, Path work) throws IOException {
    return run(sources, twinned, work, false);
  }

  /**
   * The same; {@code relaxed} opens private members to the package ({@link CoroutineTwins}),
   * except in the packages where that changes what the library's own code means.
   */
  static Result run(List<Source> sources, Predicate<String> twinned, Path work, boolean relaxed)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Map<String, Parsed> parsed = parse(javac, sources);
    Set<String> skipped = new HashSet<>();
    Set<String> unrelaxed = new HashSet<>();
    Map<String, List<String>> refusals = new TreeMap<>();
    List<String> crashes = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    int total = -1;
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      Map<String, CoroutineTwins.Twinned> files = new LinkedHashMap<>();
      int count = 0;
      for (Source source : sources) {
        Parsed p = parsed.get(source.path());
        CoroutineTwins.Twinned twins = twinned.test(source.path())
            ? CoroutineTwins.of(p.unit(), source.text(), p.positions(), skipped,
                relaxed && !unrelaxed.contains(source.path()))
            : new CoroutineTwins.Twinned(source.text(), List.of());
        files.put(source.path(), twins);
        count += twins.twins().size();
      }
      if (total < 0) {
        total = count;
      }
      Path out = work.resolve("round" + round);
      long started = System.nanoTime();
      List<Diagnostic<? extends JavaFileObject>> errors = compile(javac, files, out);
      System.out.printf("corpus round %d: %d twins, %d errors, %d ms%n", round, count,
          errors.size(), (System.nanoTime() - started) / 1_000_000);
      List<String> generated = new ArrayList<>();
      boolean processorErrors = false;
      boolean reclosed = false;
      for (Diagnostic<? extends JavaFileObject> error : errors) {
        String file = error.getSource() == null ? "" : error.getSource().getName();
        String message = error.getMessage(null);
        if (file.endsWith("Coroutines.java")) {
          generated.add(file + ":" + error.getLineNumber() + ": " + message + "\n"
              + line(error));
          continue;
        }
        CoroutineTwins.Twin twin = twinAt(files, error);
        if (twin == null) {
          String path = files.keySet().stream().filter(file::endsWith).findFirst().orElse(null);
          if (relaxed && path != null && !unrelaxed.contains(path)) {
            // Opened members changed what the package's names mean (a subclass inherits a
            // field it did not): its files keep their private members.
            String directory = path.substring(0, path.lastIndexOf('/') + 1);
            files.keySet().stream()
                .filter(other -> other.startsWith(directory)
                    && other.indexOf('/', directory.length()) < 0)
                .forEach(unrelaxed::add);
            reclosed = true;
            continue;
          }
          broken.add(file + ":" + error.getLineNumber() + ": " + message);
          continue;
        }
        skipped.add(twin.method());
        if (message.contains("this is a bug in jcoro")) {
          crashes.add(twin.method() + ": " + message);
          processorErrors = true;
        } else if (isJcoroMessage(message)) {
          refusals.computeIfAbsent(normalized(message), m -> new ArrayList<>()).add(twin.method());
          processorErrors = true;
        } else {
          rejected.add(twin.method() + ": " + message);
        }
      }
      if (reclosed && round < MAX_ROUNDS) {
        continue;
      }
      if (!generated.isEmpty() || !broken.isEmpty() || round == MAX_ROUNDS) {
        return result(total, files, refusals, crashes, generated, rejected, broken, out, round);
      }
      if (errors.isEmpty()) {
        return result(total, files, refusals, crashes, generated, rejected, broken, out, round);
      }
      if (!processorErrors && errors.stream().allMatch(e -> twinAt(files, e) == null)) {
        break;
      }
    }
    throw new IllegalStateException("the corpus does not compile after " + MAX_ROUNDS + " rounds");
  }

  private static Result result(int total, Map<String, CoroutineTwins.Twinned> files,
      Map<String, List<String>> refusals, List<String> crashes, List<String> generated,
      List<String> rejected, List<String> broken, Path out, int rounds) {
    List<CoroutineTwins.Twin> accepted = files.values().stream()
        .flatMap(f -> f.twins().stream()).collect(Collectors.toList());
    return new Result(total, accepted.size(), refusals, crashes, generated, rejected, broken,
        accepted, out.resolve("classes"), rounds);
  }

  /** jcoro's refusals are its own messages, which say what to write instead. */
  private static boolean isJcoroMessage(String message) {
    return message.contains("generated") || message.contains("yield")
        || message.contains("coroutine") || message.contains("@Coroutine")
        || message.contains("jcoro") || message.contains("handle")
        || message.contains("enclosing instance") || message.contains("local class")
        || message.contains("kept across the suspension");
  }

  /** A refusal's message without the names it quotes: one line of the report per kind. */
  private static String normalized(String message) {
    return message.replaceAll("`[^`]*`", "`…`").replaceAll("\\d+ resume points", "N resume points");
  }

  private static String line(Diagnostic<? extends JavaFileObject> error) {
    try {
      String[] lines = error.getSource().getCharContent(true).toString().split("\n", -1);
      long n = error.getLineNumber();
      return n >= 1 && n <= lines.length ? "    " + lines[(int) n - 1].strip() : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static CoroutineTwins.Twin twinAt(Map<String, CoroutineTwins.Twinned> files,
      Diagnostic<? extends JavaFileObject> error) {
    if (error.getSource() == null || error.getPosition() == Diagnostic.NOPOS) {
      return null;
    }
    for (Map.Entry<String, CoroutineTwins.Twinned> file : files.entrySet()) {
      if (error.getSource().getName().endsWith(file.getKey())) {
        for (CoroutineTwins.Twin twin : file.getValue().twins()) {
          if (twin.start() <= error.getPosition() && error.getPosition() < twin.end()) {
            return twin;
          }
        }
      }
    }
    return null;
  }

  private record Parsed(CompilationUnitTree unit, SourcePositions positions) {}

  /** Parses each source once: the twins are written from these trees in every round. */
  private static Map<String, Parsed> parse(JavaCompiler javac, List<Source> sources)
      throws IOException {
    List<JavaFileObject> files = sources.stream()
        .map(s -> new InMemorySource(s.path(), s.text())).collect(Collectors.toList());
    JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of(), null, files);
    SourcePositions positions = Trees.instance(task).getSourcePositions();
    Map<String, Parsed> parsed = new LinkedHashMap<>();
    for (CompilationUnitTree unit : task.parse()) {
      String name = unit.getSourceFile().getName();
      for (Source source : sources) {
        if (name.endsWith(source.path())) {
          parsed.put(source.path(), new Parsed(unit, positions));
        }
      }
    }
    return parsed;
  }

  private static List<Diagnostic<? extends JavaFileObject>> compile(JavaCompiler javac,
      Map<String, CoroutineTwins.Twinned> files, Path out) throws IOException {
    Path classes = Files.createDirectories(out.resolve("classes"));
    Path generated = Files.createDirectories(out.resolve("generated"));
    List<JavaFileObject> sources = new ArrayList<>();
    files.forEach((path, twinned) -> sources.add(new InMemorySource(path, twinned.text())));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, null)) {
      List<String> options = new ArrayList<>(List.of("-d", classes.toString(),
          "-s", generated.toString(), "-cp", runtimeJar().toString(), "-encoding", "UTF-8",
          // The libraries are written for an older Java (Collections' addFirst clashes with
          // JDK 21's SequencedCollection): compiled against Java 17's API on every JDK.
          "--release", "17",
          "-nowarn", "-Xlint:none", "-implicit:none", "-Xmaxerrs", "100000"));
      if (Runtime.version().feature() >= 21) {
        options.add("-proc:full");
      }
      JavacTask task = (JavacTask) javac.getTask(null, manager, diagnostics, options, null, sources);
      task.setProcessors(List.of(new CoroutineProcessor()));
      task.call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .collect(Collectors.toList());
  }

  /** Where jcoro's runtime (jcoro-annotations) is: the generated code's only dependency. */
  private static Path runtimeJar() {
    try {
      return Path.of(Yield.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A source held in memory, named by its path so that javac's errors say which file. */
  private static final class InMemorySource extends SimpleJavaFileObject {
    private final String text;

    InMemorySource(String path, String text) {
      super(java.net.URI.create("string:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
