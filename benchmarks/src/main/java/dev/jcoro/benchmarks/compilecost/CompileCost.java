package dev.jcoro.benchmarks.compilecost;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The compile-time cost of the jcoro processor: generates a source file with N
 * {@code @Coroutine} methods of mixed shapes and times javac on it, in this JVM and warmed up, in
 * three configurations:
 *
 * <ol>
 *   <li>{@code plain}: {@code -proc:none}, the source alone: what javac costs without jcoro;
 *   <li>{@code jcoro}: with the processor: reading the bodies, writing {@code ShapesNCoroutines},
 *       and compiling what it wrote;
 *   <li>{@code plain+generated}: {@code -proc:none} on the source and the generated file (saved
 *       from the {@code jcoro} run): javac's own share of the {@code jcoro} figure, so that
 *       {@code jcoro - plain+generated} is the processor's own time.
 * </ol>
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.jcoro.benchmarks.compilecost.CompileCost LIB_DIR
 * [--sizes 100,200,300] [--warmup 5] [--runs 10] [--out DIR]}, where LIB_DIR holds
 * jcoro-annotations.jar, jcoro-processor.jar and javapoet.jar (target/compile-cost-lib after
 * {@code mvn package}). See compile-cost.sh.
 */
public final class CompileCost {
  private CompileCost() {}

  /**
   * Runs the measurement.
   *
   * @param args LIB_DIR, then options
   * @throws Exception when something fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: CompileCost LIB_DIR [--sizes 100,200,300] [--warmup 5] [--runs 10] [--out DIR]");
      System.exit(2);
    }
    Path lib = Path.of(args[0]);
    int[] sizes = {100, 200, 300};
    int warmup = 5;
    int runs = 10;
    Path out = Files.createTempDirectory("jcoro-compile-cost");
    for (int i = 1; i < args.length; i += 2) {
      switch (args[i]) {
        case "--sizes" -> sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException(args[i]);
      }
    }
    Path annotations = lib.resolve("jcoro-annotations.jar");
    List<Path> processorPath =
        List.of(lib.resolve("jcoro-processor.jar"), lib.resolve("javapoet.jar"), annotations);
    for (Path jar : processorPath) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException(jar + " not found: run mvn package in benchmarks/ first");
      }
    }
    URLClassLoader processorLoader =
        new URLClassLoader(
            processorPath.stream().map(CompileCost::url).toArray(URL[]::new),
            CompileCost.class.getClassLoader());

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    System.out.printf(
        Locale.ROOT,
        "javac %s in-process: %d warm-up rounds on the largest file, then %d rounds per row, configurations interleaved; %s%n",
        System.getProperty("java.version"),
        warmup,
        runs,
        Runtime.getRuntime().availableProcessors() + " cores");
    System.out.printf(
        Locale.ROOT,
        "%-6s %-6s %-7s | %-20s | %-20s | %-20s | %-9s %-11s%n",
        "N",
        "lines",
        "gen.ln",
        "plain ms (med/min)",
        "jcoro ms (med/min)",
        "plain+gen ms",
        "jcoro/pl",
        "proc ms/cor");
    // Write every source first and learn what the processor generates for each.
    List<Path> sources = new ArrayList<>();
    List<Path> generatedFiles = new ArrayList<>();
    List<String> cp = List.of("-classpath", annotations.toString());
    for (int n : sizes) {
      Path dir = out.resolve("n" + n);
      Path pkg = dir.resolve("src").resolve("cc");
      Files.createDirectories(pkg);
      String name = "Shapes" + n;
      Path source = pkg.resolve(name + ".java");
      Files.writeString(source, Shapes.source(name, n));
      compile(javac, dir, List.of(source), withGenerated(cp, dir), processorLoader);
      Path generated = dir.resolve("generated").resolve("cc").resolve(name + "Coroutines.java");
      if (!Files.isRegularFile(generated)) {
        throw new IllegalStateException("the processor wrote no " + generated);
      }
      sources.add(source);
      generatedFiles.add(generated);
    }
    // Warm javac (and the processor's classes) up on the largest file, every configuration.
    int last = sizes.length - 1;
    Path lastDir = out.resolve("n" + sizes[last]);
    for (int i = 0; i < warmup; i++) {
      compile(javac, lastDir, List.of(sources.get(last)), concat(cp, List.of("-proc:none")), null);
      compile(javac, lastDir, List.of(sources.get(last)), withGenerated(cp, lastDir), processorLoader);
      compile(
          javac,
          lastDir,
          List.of(sources.get(last), generatedFiles.get(last)),
          concat(cp, List.of("-proc:none")),
          null);
    }
    for (int k = 0; k < sizes.length; k++) {
      int n = sizes[k];
      Path dir = out.resolve("n" + n);
      Path source = sources.get(k);
      Path generated = generatedFiles.get(k);
      // The three configurations interleaved, so that drift hits them alike.
      double[] plain = new double[runs];
      double[] jcoro = new double[runs];
      double[] both = new double[runs];
      for (int r = 0; r < runs; r++) {
        plain[r] = compile(javac, dir, List.of(source), concat(cp, List.of("-proc:none")), null);
        jcoro[r] = compile(javac, dir, List.of(source), withGenerated(cp, dir), processorLoader);
        both[r] =
            compile(javac, dir, List.of(source, generated), concat(cp, List.of("-proc:none")), null);
      }
      Measured p = Measured.of(plain);
      Measured j = Measured.of(jcoro);
      Measured b = Measured.of(both);
      long lines = Files.readAllLines(source).size();
      long generatedLines = Files.readAllLines(generated).size();
      System.out.printf(
          Locale.ROOT,
          "%-6d %-6d %-7d | %8.0f / %-9.0f | %8.0f / %-9.0f | %8.0f / %-9.0f | %-9.2f %-11.2f%n",
          n,
          lines,
          generatedLines,
          p.median,
          p.min,
          j.median,
          j.min,
          b.median,
          b.min,
          j.median / p.median,
          (j.median - b.median) / n);
    }
    System.out.println();
    System.out.println("plain: -proc:none on the source; jcoro: with the processor (it reads the bodies, writes");
    System.out.println("ShapesNCoroutines.java, javac compiles both); plain+gen: -proc:none on the source and that");
    System.out.println("generated file; proc ms/cor = (jcoro - plain+gen) / N: the processor's own time per coroutine.");
    System.out.println("sources: " + out);
  }

  private record Measured(double median, double min) {
    static Measured of(double[] ms) {
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      return new Measured(median, sorted[0]);
    }
  }

  private static List<String> withGenerated(List<String> cp, Path dir) {
    return concat(cp, List.of("-s", dir.resolve("generated").toString()));
  }

  /** One compilation into fresh directories; returns its time in ms. */
  private static double compile(
      JavaCompiler javac, Path dir, List<Path> sources, List<String> options, ClassLoader processorLoader)
      throws IOException {
    Path classes = dir.resolve("classes");
    clean(classes);
    Files.createDirectories(classes);
    if (options.contains("-s")) {
      Path generated = dir.resolve("generated");
      clean(generated);
      Files.createDirectories(generated);
    }
    List<String> all = concat(options, List.of("-d", classes.toString(), "-implicit:none"));
    StringWriter diagnostics = new StringWriter();
    System.gc(); // the previous compilation's garbage is not this one's cost
    long start = System.nanoTime();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      JavaCompiler.CompilationTask task =
          javac.getTask(new PrintWriter(diagnostics), files, null, all, null, units);
      if (processorLoader != null) {
        List<Processor> processors = new ArrayList<>();
        ServiceLoader.load(Processor.class, processorLoader).forEach(processors::add);
        task.setProcessors(processors);
      }
      if (!task.call()) {
        throw new IllegalStateException("javac failed:\n" + diagnostics);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static void clean(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
