package dev.jcoro.processor.lower;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The source of one compilation unit, addressed by trees: the text the lowering copies. */
public final class SourceText {
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final String text;

  public SourceText(CompilationUnitTree unit, Trees trees) {
    this.unit = unit;
    this.positions = trees.getSourcePositions();
    try {
      this.text = unit.getSourceFile().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int start(Tree tree) {
    return (int) positions.getStartPosition(unit, tree);
  }

  public int end(Tree tree) {
    return (int) positions.getEndPosition(unit, tree);
  }

  public String text(int start, int end) {
    return text.substring(start, end);
  }

  public String of(Tree tree) {
    return text(start(tree), end(tree));
  }

  /** The 1-based line of the tree's start. */
  public long line(Tree tree) {
    LineMap lines = unit.getLineMap();
    return lines.getLineNumber(start(tree));
  }

  /** The indentation of the line the tree starts on, counting a tab as one. */
  public int indentation(Tree tree) {
    int lineStart = text.lastIndexOf('\n', start(tree) - 1) + 1;
    int end = lineStart;
    while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
      end++;
    }
    return end - lineStart;
  }

  /** The tree's first line, shortened for a comment. */
  public String firstLine(Tree tree) {
    String source = of(tree);
    int newline = source.indexOf('\n');
    String line = (newline < 0 ? source : source.substring(0, newline)).strip();
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }
}
