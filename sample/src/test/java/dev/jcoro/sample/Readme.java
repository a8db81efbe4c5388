package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The project's README.md, beside the sample module, and its fenced code blocks. */
final class Readme {
  private Readme() {}

  /** A fenced block: its language (the word after the opening fence) and its lines. */
  record Block(String language, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }
  }

  /** The sample module's directory: surefire sets {@code basedir}; else the working directory. */
  static Path sampleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }

  static String text() throws IOException {
    Path readme = sampleDir().resolve("..").resolve("README.md").normalize();
    assertTrue(Files.isRegularFile(readme), readme + " exists");
    return Files.readString(readme, StandardCharsets.UTF_8);
  }

  /** The section that starts with the heading {@code heading}, up to the next {@code ## } heading. */
  static String section(String heading) throws IOException {
    String text = text();
    int start = text.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "README.md has a section " + heading);
    int end = text.indexOf("\n## ", start + 1);
    return text.substring(start + 1, end < 0 ? text.length() : end + 1);
  }

  /** The fenced code blocks of {@code markdown}, in order. */
  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String language = null;
    List<String> lines = null;
    for (String line : markdown.split("\n", -1)) {
      if (lines == null) {
        if (line.startsWith("```")) {
          language = line.substring(3).strip();
          lines = new ArrayList<>();
        }
      } else if (line.equals("```")) {
        blocks.add(new Block(language, List.copyOf(lines)));
        lines = null;
      } else {
        lines.add(line);
      }
    }
    assertTrue(lines == null, "every fenced block is closed");
    return blocks;
  }
}
